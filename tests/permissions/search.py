"""search: the staff search in the header (issue 14). School staff, staff of a vetted company and the city's
analysts search what their lists show them (tests/search says what each finds); students, a company still under
review and users with no role are refused, not given an empty answer."""

from __future__ import annotations

from tests.permissions.vocabulary import ALLOW, DENY, row

TABLE = {
    "GET /api/v1/search/": row(
        DENY, all_staff=ALLOW, company_staff=ALLOW, analyst=ALLOW, query=lambda s: {"q": "东风"}
    ),
}
