"""core: background jobs (后台任务). Everyone lists their own jobs; a school admin also their school's (the scene's
job is an export our admin started). Only the owner downloads a job's file or takes an import's codes; nobody
else learns the job exists."""

from __future__ import annotations

from tests.permissions.vocabulary import ALLOW, EMPTY, HIDE, row

TABLE = {
    "GET /api/v1/background-jobs/": row(EMPTY, admin=ALLOW),
    "GET /api/v1/background-jobs/{id}/": row(HIDE, admin=ALLOW),
    "GET /api/v1/background-jobs/{id}/download/": row(HIDE, admin=ALLOW),
    # the scene's job is an export: the owner is let in and told it has no codes (409)
    "POST /api/v1/background-jobs/{id}/codes/": row(HIDE, admin=ALLOW),
}
