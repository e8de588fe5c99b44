"""The demo world is loaded from the top: the demo app imports every app's demo.py, and no app imports one built
on it to be seeded (accounts once imported placements, certificates and alumni for seed_demo)."""

from __future__ import annotations

import ast
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILT_ON_ACCOUNTS = {"placements", "certificates", "alumni", "demo"}


def imported_apps(path: pathlib.Path) -> set[str]:
    """The top-level packages a module imports, wherever the import stands (inside functions too)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_accounts_imports_none_of_the_apps_built_on_it():
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) & BUILT_ON_ACCOUNTS)
        for path in (ROOT / "accounts").rglob("*.py")
    }
    assert {path: apps for path, apps in offenders.items() if apps} == {}


def test_only_the_demo_app_imports_the_demo_app():
    apps = [p.parent for p in ROOT.glob("*/apps.py") if p.parent.name != "demo"]
    offenders = [
        str(path.relative_to(ROOT)) for app in apps for path in app.rglob("*.py") if "demo" in imported_apps(path)
    ]
    assert offenders == []
