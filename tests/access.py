"""One helper for the permission matrix: every endpoint is checked the same way for anonymous, outsider and
allowed users (netbox's utilities/testing/api.py does the same)."""

from __future__ import annotations

from rest_framework.test import APIClient


def status_for(user, method: str, url: str, data: dict | None = None) -> int:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(url, data=data, format="json")
    return response.status_code


def assert_access(
    url: str,
    *,
    allowed: list,
    denied: list,
    method: str = "get",
    data: dict | None = None,
    denied_status: tuple[int, ...] = (403, 404),
    allowed_status: tuple[int, ...] = (200, 201, 204),
):
    """Anonymous is always 401; each allowed user succeeds; each denied user gets 403 or 404 (404 when the
    object must not even be confirmed to exist)."""
    assert status_for(None, method, url, data) == 401, f"anonymous {method.upper()} {url}"
    for user in allowed:
        code = status_for(user, method, url, data)
        assert code in allowed_status, f"{user.username} {method.upper()} {url}: {code}"
    for user in denied:
        code = status_for(user, method, url, data)
        assert code in denied_status, f"{user.username} {method.upper()} {url}: {code}"


NOT_FOUND = (404,)
FORBIDDEN = (403,)


def client_for(user) -> APIClient:
    """An API client with a real session for this user."""
    client = APIClient()
    client.force_login(user)
    return client


def listed_ids(user, path: str) -> set[int]:
    """The ids this user sees on the first 100 rows of a list."""
    response = client_for(user).get(path, {"page_size": 100})
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}
