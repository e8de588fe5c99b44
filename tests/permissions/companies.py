"""companies: companies, their staff, training bases, change requests, choices, the company import.

Approved companies and active bases are a public directory for everyone signed in. A company's HR edits it, its
off-campus bases and its colleagues (invited by e-mail); a company still under review edits its profile and
nothing else. School admins vet companies, import them, link their own school to off-campus bases and decide the
change requests of the companies their school works with (the scene's base is linked to our school)."""

from __future__ import annotations

from tests.permissions.vocabulary import ALLOW, DENY, EMPTY, HIDE, OMIT, row

MEMBER_WRITE = row(HIDE, hr=ALLOW, mentor=DENY)  # the mentor's membership: HR manages it
CHANGE_REQUEST_READ = row(HIDE, company=ALLOW, admin=ALLOW)
CHANGE_REQUEST_DECIDE = row(HIDE, admin=ALLOW, company=DENY)
BASE_LINK = row(DENY, admins=ALLOW)  # each school admin for their own school only
INSPECTION_READ = row(HIDE, staff=ALLOW, hr=ALLOW)  # our school's inspection of our company's base

TABLE = {
    "GET /api/v1/choices/": row(ALLOW),
    "GET /api/v1/companies/": row(ALLOW),
    # Anyone but a student registers a company (a school admin enters a partner; an account with a verified
    # address becomes HR of a company under review). 400 for an empty form.
    "POST /api/v1/companies/": row(ALLOW, students=DENY),
    "GET /api/v1/companies/{id}/": row(ALLOW),
    "PATCH /api/v1/companies/{id}/": row(DENY, hr=ALLOW),
    "POST /api/v1/companies/{id}/vet/": row(DENY, admins=ALLOW),  # any school admin vets
    "GET /api/v1/company-members/": row(EMPTY, company=ALLOW, other_hr=OMIT, pending_hr=OMIT),
    # Vetted HR invite colleagues, each to their own company (another company in the form is a 400 on its field,
    # as for every create naming an organisation); a company under review gets through to the 409.
    "POST /api/v1/company-members/": row(DENY, vetted_hr=ALLOW, pending_hr=ALLOW),
    "GET /api/v1/company-members/{id}/": row(HIDE, company=ALLOW),
    "PATCH /api/v1/company-members/{id}/": MEMBER_WRITE,
    "POST /api/v1/company-members/{id}/archive/": MEMBER_WRITE,
    "POST /api/v1/company-members/{id}/restore/": MEMBER_WRITE,
    "GET /api/v1/bases/": row(ALLOW),
    # School admins add on-campus bases, vetted HR off-campus ones (400 for an empty form). A company under review
    # gets through to the state rule that says why not yet (409 company_not_approved, tests/accounts).
    "POST /api/v1/bases/": row(DENY, admins=ALLOW, vetted_hr=ALLOW, pending_hr=ALLOW),
    "GET /api/v1/bases/{id}/": row(ALLOW),
    "PATCH /api/v1/bases/{id}/": row(DENY, hr=ALLOW),
    "POST /api/v1/bases/{id}/link/": BASE_LINK,  # our admin: 409 already linked
    "POST /api/v1/bases/{id}/unlink/": BASE_LINK,  # the other admin: 409 not linked
    "GET /api/v1/company-change-requests/": row(EMPTY, company=ALLOW, admin=ALLOW, other_admin=OMIT, other_hr=OMIT),
    "POST /api/v1/company-change-requests/": row(DENY, vetted_hr=ALLOW, multipart=True),
    "GET /api/v1/company-change-requests/{id}/": CHANGE_REQUEST_READ,
    "GET /api/v1/company-change-requests/{id}/evidence/": CHANGE_REQUEST_READ,
    "POST /api/v1/company-change-requests/{id}/approve/": CHANGE_REQUEST_DECIDE,
    "POST /api/v1/company-change-requests/{id}/reject/": CHANGE_REQUEST_DECIDE,  # 400 without a reason
    # Site inspections are the school's records (rule 14): any school's staff record one (400 for an empty form);
    # our school's staff read those of the bases serving it, the company's HR those of its bases.
    "GET /api/v1/site-inspections/": row(EMPTY, staff=ALLOW, hr=ALLOW, other_hr=OMIT),
    "POST /api/v1/site-inspections/": row(DENY, all_staff=ALLOW, multipart=True),
    "GET /api/v1/site-inspections/{id}/": INSPECTION_READ,
    "GET /api/v1/site-inspections/{id}/report/": INSPECTION_READ,
    # The school's list of placement companies: published to everyone at our school (students, teachers, admins),
    # recorded by a school's admins (400 for an empty form); removing needs a reason (400 without one).
    "GET /api/v1/school-companies/": row(EMPTY, students=ALLOW, staff=ALLOW),
    "POST /api/v1/school-companies/": row(DENY, admins=ALLOW),
    "GET /api/v1/school-companies/{id}/": row(HIDE, students=ALLOW, staff=ALLOW),
    "POST /api/v1/school-companies/{id}/remove/": row(HIDE, students=DENY, teacher=DENY, admin=ALLOW),
    "POST /api/v1/imports/companies/": row(DENY, admins=ALLOW, multipart=True),  # 400 without a file
    "GET /api/v1/imports/companies/template/": row(DENY, admins=ALLOW),
}
