"""notices: each user's own notices (the scene's is the student's); nobody reads or marks another's."""

from __future__ import annotations

from tests.permissions.vocabulary import ALLOW, HIDE, OMIT, row

TABLE = {
    "GET /api/v1/notices/": row(OMIT, student=ALLOW),
    "GET /api/v1/notices/unread/": row(ALLOW),
    "POST /api/v1/notices/read-all/": row(ALLOW),
    "GET /api/v1/notices/kinds/": row(ALLOW),
    "POST /api/v1/notices/read-kind/": row(ALLOW),
    "GET /api/v1/notices/{id}/": row(HIDE, student=ALLOW),
    "POST /api/v1/notices/{id}/read/": row(HIDE, student=ALLOW),
}
