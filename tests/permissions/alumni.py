"""alumni: graduates' outcomes, the Stay-in-Wuhan report, internship-to-hire conversion and talent points.

An outcome is a personal record: its school's staff read it, its admins record, correct and confirm it, the
graduate reads and reports their own; the city's analyst reads the figures only. The reports are for the analyst
and school staff (their school); conversion and talent points also for a vetted company's staff (their own
company). Everyone signed in reads the talent-points rules; only analysts change them."""

from __future__ import annotations

from tests.permissions.vocabulary import ALLOW, DENY, EMPTY, HIDE, OMIT, row

OUTCOME_WRITE = row(HIDE, admin=ALLOW, teacher=DENY, student=DENY)
FIGURES = {"all_staff": ALLOW, "analyst": ALLOW}

TABLE = {
    "GET /api/v1/outcomes/": row(EMPTY, staff=ALLOW, student=ALLOW, classmate=OMIT, other_staff=OMIT),
    "POST /api/v1/outcomes/": row(DENY, admins=ALLOW),
    "GET /api/v1/outcomes/{id}/": row(HIDE, staff=ALLOW, student=ALLOW),
    "PATCH /api/v1/outcomes/{id}/": OUTCOME_WRITE,
    "POST /api/v1/outcomes/{id}/confirm/": OUTCOME_WRITE,  # 409: already confirmed
    "POST /api/v1/outcomes/self-report/": row(DENY, students=ALLOW),  # a graduate reports their own
    "POST /api/v1/imports/outcomes/": row(DENY, admins=ALLOW, multipart=True),  # 400 without a file
    "GET /api/v1/imports/outcomes/template/": row(DENY, admins=ALLOW),
    "GET /api/v1/stay-report/": row(DENY, **FIGURES),
    "GET /api/v1/stay-report/conversion/": row(DENY, **FIGURES, company_staff=ALLOW),
    # A company under review does nothing but edit its profile: no figures either.
    "GET /api/v1/talent-points/": row(DENY, **FIGURES, company_staff=ALLOW),
    "GET /api/v1/talent-rules/": row(ALLOW),
    "GET /api/v1/talent-rules/{id}/": row(ALLOW),
    "PATCH /api/v1/talent-rules/{id}/": row(DENY, analyst=ALLOW),
}
