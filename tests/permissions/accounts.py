"""accounts: the signed-in user, activation and invitations.

Staff join by invitation: a school's admins invite to their school and see its invitations, a vetted company's HR
to their company (README "Who can sign up"). The links in the e-mails work without a session."""

from __future__ import annotations

from tests.permissions.vocabulary import ALLOW, EMPTY, HIDE, OMIT, public, row

# The scene's invitation is our school's (a new teacher, still pending).
INVITATION = row(HIDE, admin=ALLOW)

TABLE = {
    "GET /api/v1/csrf/": public(note="sets the CSRF cookie the app sends back"),
    "GET /api/v1/me/": row(ALLOW),
    "PATCH /api/v1/me/": row(ALLOW),
    # Anyone signed in reads their own to-do counts (each scoped to what they see; tests/core/test_todo.py).
    "GET /api/v1/me/todo/": row(ALLOW),
    "POST /api/v1/activation/": public(note="school + student number + one-time code; 400 for an empty form"),
    "GET /api/v1/activation/institutions/": public(note="the activation form's school select"),
    "POST /api/v1/invitations/lookup/": public(note="the token is the credential"),
    "POST /api/v1/invitations/accept/": public(note="the token is the credential"),
    # Inviters list their own organisation's invitations; nobody else has any to list.
    "GET /api/v1/invitations/": row(EMPTY, admin=ALLOW, other_admin=OMIT, vetted_hr=OMIT),
    "GET /api/v1/invitations/{id}/": INVITATION,
    "POST /api/v1/invitations/{id}/resend/": INVITATION,
    "POST /api/v1/invitations/{id}/revoke/": INVITATION,
}
