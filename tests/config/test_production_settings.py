from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _check_deploy(**env) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production", **env}
    environment.pop("DJANGO_SECRET_KEY", None) if "DJANGO_SECRET_KEY" not in env else None
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _check_deploy()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_settings_pass_the_deployment_checklist():
    result = _check_deploy(DJANGO_SECRET_KEY="k" * 20 + "-Zq8#vN2$wL5@pR7!tY4%uI1^oP3&aS6*dF9")
    assert result.returncode == 0, result.stdout + result.stderr
