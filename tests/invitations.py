"""Bringing someone onto a school's or a company's staff the way the platform does it: an invitation that the
person accepts. Tests that need a new member after setup use these instead of creating rows directly."""

from __future__ import annotations

import re

from accounts.actor import actor_for
from accounts.services import invitation_accept, invitation_create
from tests.factories import PASSWORD

TOKEN_IN_MAIL = re.compile(r"token=([A-Z0-9-]+)")


def invite(inviter, *, email: str, full_name: str = "受邀人", role: str | None = None, **target):
    """inviter: a user who administers the school / is HR of the company given as institution= or company=."""
    role = role or ("teacher" if "institution" in target else "hr")
    return invitation_create(actor=actor_for(inviter), email=email, full_name=full_name, role=role, **target)


def invite_and_accept(inviter, *, email: str, full_name: str = "受邀人", password: str = PASSWORD, user=None, **target):
    """Invite and accept at once: as `user` (who must hold the address) or by creating the account."""
    invitation = invite(inviter, email=email, full_name=full_name, **target)
    return invitation_accept(token=invitation.token, user=user, full_name=full_name, password=password)


def token_from(mail) -> str:
    """The token in an invitation e-mail (the link's query)."""
    match = TOKEN_IN_MAIL.search(mail.body)
    assert match, mail.body
    return match.group(1)
