"""One helper for the permission matrix: every endpoint is checked the same way for anonymous, outsider and
allowed users (netbox's utilities/testing/api.py does the same)."""

from __future__ import annotations

from rest_framework.test import APIClient


def client_for(user, *, language: str | None = None) -> APIClient:
    """The one way tests get an API client: a real session for `user` (anonymous for None), asking for
    `language` ("en", "zh-hans") when given, else the default (Chinese)."""
    client = APIClient(HTTP_ACCEPT_LANGUAGE=language) if language else APIClient()
    if user is not None:
        client.force_login(user)
    return client


def status_for(user, method: str, url: str, data: dict | None = None) -> int:
    response = getattr(client_for(user), method)(url, data=data, format="json")
    return response.status_code


def assert_access(
    url: str,
    *,
    allowed: list,
    denied: list,
    method: str = "get",
    data: dict | None = None,
    denied_status: tuple[int, ...] = (),
    allowed_status: tuple[int, ...] | None = None,
):
    """Anonymous is always 401; each allowed user succeeds; each denied user gets `denied_status`, which every
    call states: NOT_FOUND (404) for someone outside the object's scope, who must not learn it exists,
    FORBIDDEN (403) for someone who may see it but not do this. Deny the two kinds in two calls. The allowed get
    `allowed_status`: by default 204 for a DELETE and 200 otherwise (a create says CREATED)."""
    assert denied_status or not denied, "say what the denied get: denied_status=NOT_FOUND or FORBIDDEN"
    allowed_status = allowed_status or ((204,) if method == "delete" else (200,))
    assert status_for(None, method, url, data) == 401, f"anonymous {method.upper()} {url}"
    for user in allowed:
        code = status_for(user, method, url, data)
        assert code in allowed_status, f"{user.username} {method.upper()} {url}: {code}"
    for user in denied:
        code = status_for(user, method, url, data)
        assert code in denied_status, f"{user.username} {method.upper()} {url}: {code}"


NOT_FOUND = (404,)
FORBIDDEN = (403,)
CREATED = (201,)


def listed_ids(user, path: str, **params) -> set[int]:
    """The ids this user sees on the first 100 rows of a list (filtered by `params`)."""
    response = client_for(user).get(path, {"page_size": 100, **params})
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}
