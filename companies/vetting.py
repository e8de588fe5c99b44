"""The one rule of a company under review, apart from the services so that every app may ask it (accounts'
invitations, companies' bases, placements' slots) without importing the services that import them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from core.errors import DomainError


def company_require_vetted(*, actor: Actor, company_id: int | None) -> None:
    """Staff of a self-registered company still under review may edit its profile and nothing else: no
    colleagues, bases or slots until a school admin has vetted it (the actor's HR rights already exclude it;
    this gives the reason instead of a bare refusal)."""
    if company_id is not None and company_id in actor.pending_company_ids:
        raise DomainError(
            _("Your company is still under review by a school; it can add colleagues, bases and slots once approved."),
            code="company_not_approved",
        )
