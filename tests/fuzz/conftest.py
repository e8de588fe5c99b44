"""The fuzzer's world: a daphne server of the ASGI app on its own throwaway SQLite database loaded with the demo
world (what it writes is thrown away with it), and one signed-in requests session per persona."""

from __future__ import annotations

import pytest
import requests

from tests import live

PASSWORD = "Wuhan-2026-demo"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/fuzz/" in str(item.fspath):
            item.add_marker(pytest.mark.fuzz)


@pytest.fixture(scope="session")
def fuzz_server(tmp_path_factory) -> str:
    work = tmp_path_factory.mktemp("fuzz")
    env = live.server_env(work)
    live.manage(env, "migrate", "--noinput", "-v", "0")
    live.manage(env, "seed_demo", "--quiet")
    with live.daphne(env, work / "server.log") as url:
        yield url


def signed_in(base: str, email: str) -> requests.Session:
    """A requests session signed in through allauth's headless browser API, sending the CSRF token back."""
    session = requests.Session()
    session.headers["Origin"] = base
    session.get(f"{base}/api/v1/csrf/", timeout=10).raise_for_status()
    session.headers["X-CSRFToken"] = session.cookies["csrftoken"]
    response = session.post(
        f"{base}/_allauth/browser/v1/auth/login", json={"email": email, "password": PASSWORD}, timeout=10
    )
    assert response.status_code == 200, response.text
    # Signing in rotates the CSRF token.
    session.headers["X-CSRFToken"] = session.cookies["csrftoken"]
    return session


def schema_document(session: requests.Session, base: str) -> dict:
    response = session.get(f"{base}/api/schema/", headers={"Accept": "application/vnd.oai.openapi+json"}, timeout=30)
    response.raise_for_status()
    return response.json()
