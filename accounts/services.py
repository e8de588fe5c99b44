"""Invitations to a staff role: the only way a school admin or company HR brings someone in.

Adding a teacher or a colleague creates a pending invitation and e-mails a one-time token (a link and the same
token as a code). No membership exists until the person accepts: a new person creates their account (the token
proves the address, so it is stored as verified); a person whose address already has an account must be signed
in as that account, because the token alone proves only the mailbox, and an address typed at sign-up is not
proof of anything."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from urllib.parse import urlencode

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from accounts.models import Invitation
from accounts.validators import password_errors
from companies.vetting import company_require_vetted
from core.errors import DomainError

User = get_user_model()

TOKEN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: the code can be typed from the e-mail
TOKEN_LENGTH = 16  # 80 bits


def _normalize_token(token: str) -> str:
    return "".join(ch for ch in (token or "").upper() if ch.isalnum())


def _token_digest(token: str) -> str:
    message = f"invitation:{_normalize_token(token)}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _new_token() -> str:
    raw = "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, TOKEN_LENGTH, 4))


def accounts_for_email(email: str) -> QuerySet:
    """Accounts that hold this address, verified or not (as the account's e-mail or one of its addresses)."""
    email = email.strip()
    ids = EmailAddress.objects.filter(email__iexact=email).values("user_id")
    return User.objects.filter(Q(email__iexact=email) | Q(pk__in=ids))


def _can_manage(actor: Actor, invitation: Invitation) -> bool:
    if invitation.institution_id:
        return invitation.institution_id in actor.admin_school_ids
    return invitation.company_id in actor.hr_company_ids


def _already_member(invitation: Invitation, users: QuerySet) -> bool:
    if invitation.institution_id:
        from schools.models import Teacher

        memberships = Teacher.objects.filter(institution_id=invitation.institution_id, user__in=users)
    else:
        from companies.models import CompanyMember

        memberships = CompanyMember.objects.filter(company_id=invitation.company_id, user__in=users)
    # Someone who left (an archived membership) may be invited back.
    return memberships.filter(archived_at__isnull=True).exists()


def _issue_token(invitation: Invitation) -> str:
    token = _new_token()
    invitation.token_digest = _token_digest(token)
    invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_DAYS)
    invitation.sent_at = timezone.now()
    return token


@transaction.atomic
def invitation_create(
    *,
    actor: Actor,
    email: str,
    full_name: str,
    role: str,
    institution=None,
    company=None,
    staff_number: str = "",
    department: str = "",
    title: str = "",
) -> Invitation:
    """A school admin invites a teacher (or another admin), or company HR a colleague. Returns the invitation
    with its token on `.token` (for the e-mail only; only the digest is stored)."""
    if (institution is None) == (company is None):
        raise ValueError("An invitation is to exactly one school or one company.")
    invitation = Invitation(
        institution=institution,
        company=company,
        role=role,
        email=email.strip().lower(),
        full_name=full_name.strip(),
        staff_number=staff_number,
        department=department,
        title=title,
        invited_by=actor.user,
    )
    if company is not None:
        from companies.models import VettingStatus

        company_require_vetted(actor=actor, company_id=company.pk)
        if company.vetting_status != VettingStatus.APPROVED:  # suspended: keeps its people, gains none
            raise DomainError(_("Only an approved company can invite colleagues."), code="company_not_approved")
    if not _can_manage(actor, invitation):
        raise PermissionDenied(_("You cannot invite people to this organisation."))
    valid_roles = _roles_for(invitation)
    if role not in valid_roles:
        raise ValidationError({"role": [_("Choose one of the offered roles.")]})
    if not invitation.full_name:
        raise ValidationError({"full_name": [_("Give the person's name.")]})
    if _already_member(invitation, accounts_for_email(invitation.email)):
        raise ValidationError({"email": [_("Someone with this address is already on the staff.")]})
    waiting = Invitation.objects.select_for_update().filter(
        institution=institution, company=company, email=invitation.email, status=Invitation.Status.PENDING
    )
    for earlier in waiting:
        if not earlier.is_expired:
            raise ValidationError(
                {"email": [_("This address has already been invited; send the invitation again from the list.")]}
            )
        earlier.status = Invitation.Status.EXPIRED
        earlier.save(update_fields=["status"])
    token = _issue_token(invitation)
    invitation.full_clean(exclude=["token_digest"])
    invitation.save()
    invitation.token = token
    transaction.on_commit(lambda: invitation_send(invitation=invitation, token=token))
    return invitation


def _roles_for(invitation: Invitation) -> set[str]:
    if invitation.institution_id or invitation.institution is not None:
        from schools.models import Teacher

        return set(Teacher.Role.values)
    from companies.models import CompanyMember

    return set(CompanyMember.Role.values)


def invitation_link(token: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}/invitations/accept?{urlencode({'token': token})}"


def invitation_send(*, invitation: Invitation, token: str) -> None:
    """E-mail the link and the code, in the language of the request that sent it."""
    organisation = str(invitation.organisation)
    params = {
        "name": invitation.full_name,
        "organisation": organisation,
        "role": invitation.role_label,
        "link": invitation_link(token),
        "code": token,
        "days": settings.INVITATION_DAYS,
    }
    subject = _t("Invitation: join %(organisation)s as %(role)s") % params
    body = (
        _t(
            "Hello %(name)s,\n\n"
            "You are invited to join %(organisation)s on the Wuhan placement platform as %(role)s.\n\n"
            "To accept, open this link:\n%(link)s\n\n"
            "or enter this code on the invitation page: %(code)s\n\n"
            "If you already have an account with this address, sign in to it to accept. "
            "The invitation can be used once and expires in %(days)s days. "
            "If you did not expect it, ignore this e-mail."
        )
        % params
    )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


def _locked(invitation: Invitation) -> Invitation:
    return Invitation.objects.select_for_update().get(pk=invitation.pk)


@transaction.atomic
def invitation_resend(*, actor: Actor, invitation: Invitation) -> Invitation:
    """The inviter sends a fresh token (the old one stops working) and the expiry starts again."""
    if not _can_manage(actor, invitation):
        raise PermissionDenied(_("You cannot manage this invitation."))
    invitation = _locked(invitation)
    if invitation.status not in (Invitation.Status.PENDING, Invitation.Status.EXPIRED):
        raise DomainError(
            _("Only an invitation that has not been accepted or revoked can be sent again."),
            code="illegal_transition",
            extra={"current_status": invitation.status},
        )
    newer = Invitation.objects.filter(
        institution_id=invitation.institution_id,
        company_id=invitation.company_id,
        email=invitation.email,
        status=Invitation.Status.PENDING,
    ).exclude(pk=invitation.pk)
    if newer.exists():
        raise DomainError(_("A newer invitation to this address is waiting."), code="illegal_transition")
    token = _issue_token(invitation)
    invitation.status = Invitation.Status.PENDING
    invitation.save(update_fields=["token_digest", "expires_at", "sent_at", "status"])
    invitation.token = token
    transaction.on_commit(lambda: invitation_send(invitation=invitation, token=token))
    return invitation


@transaction.atomic
def invitation_revoke(*, actor: Actor, invitation: Invitation) -> Invitation:
    """The inviter withdraws an invitation that has not been accepted; its token stops working."""
    if not _can_manage(actor, invitation):
        raise PermissionDenied(_("You cannot manage this invitation."))
    invitation = _locked(invitation)
    if invitation.status not in (Invitation.Status.PENDING, Invitation.Status.EXPIRED):
        raise DomainError(
            _("Only an invitation that has not been accepted can be revoked."),
            code="illegal_transition",
            extra={"current_status": invitation.status},
        )
    invitation.status = Invitation.Status.REVOKED
    invitation.save(update_fields=["status"])
    return invitation


def _token_error(message) -> ValidationError:
    return ValidationError({"token": [message]})


def _usable(token: str, *, lock: bool) -> Invitation:
    """The invitation this token opens, or a 400 that says why not (used, revoked, expired, unknown)."""
    qs = Invitation.objects.select_related("institution", "company")
    if lock:
        qs = qs.select_for_update(of=("self",))  # PostgreSQL locks no outer-joined row
    invitation = qs.filter(token_digest=_token_digest(token)).first() if _normalize_token(token) else None
    if invitation is None:
        raise _token_error(_("This invitation link or code is not valid."))
    if invitation.status == Invitation.Status.ACCEPTED:
        raise _token_error(_("This invitation has already been used."))
    if invitation.status == Invitation.Status.REVOKED:
        raise _token_error(_("This invitation has been withdrawn."))
    if invitation.current_status == Invitation.Status.EXPIRED:
        raise _token_error(_("This invitation has expired. Ask for a new one."))
    return invitation


def invitation_lookup(*, token: str, user=None) -> dict:
    """What the accept page shows the holder of a token: where, which role, for which address, and whether
    they will create an account or sign in to an existing one. Nothing about any account but that."""
    invitation = _usable(token, lock=False)
    accounts = accounts_for_email(invitation.email)
    signed_in = user is not None and user.is_authenticated
    return {
        "email": invitation.email,
        "full_name": invitation.full_name,
        "organisation": str(invitation.organisation),
        "kind": "school" if invitation.institution_id else "company",
        "role": invitation.role,
        "role_label": invitation.role_label,
        "expires_at": invitation.expires_at,
        "account_exists": accounts.exists(),
        "signed_in": signed_in,
        "signed_in_as_invitee": signed_in and accounts.filter(pk=user.pk).exists(),
    }


def _username_for(email: str) -> str:
    base = email.split("@")[0][:120] or "user"
    username = base
    while User.objects.filter(username__iexact=username).exists():
        username = f"{base}{secrets.randbelow(100_000)}"
    return username


def _attach(invitation: Invitation, user) -> None:
    if invitation.institution_id:
        from schools.models import Teacher

        membership, created = Teacher.objects.get_or_create(
            user=user,
            institution_id=invitation.institution_id,
            defaults={
                "role": invitation.role,
                "staff_number": invitation.staff_number,
                "department": invitation.department,
                "title": invitation.title,
            },
        )
        details = {"role": invitation.role, "department": invitation.department, "title": invitation.title}
    else:
        from companies.models import CompanyMember

        membership, created = CompanyMember.objects.get_or_create(
            user=user,
            company_id=invitation.company_id,
            defaults={"role": invitation.role, "title": invitation.title},
        )
        details = {"role": invitation.role, "title": invitation.title}
    if not created and membership.archived_at is not None:
        # Invited back after leaving: the membership returns, with what the invitation says.
        for name, value in details.items():
            setattr(membership, name, value)
        membership.archived_at = None
        membership.save(update_fields=[*details, "archived_at"])


def _mark_address_verified(user, email: str) -> None:
    """The token reached this mailbox: the address is proven for this account."""
    address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    if address is None:
        EmailAddress.objects.create(
            user=user, email=email, verified=True, primary=not EmailAddress.objects.filter(user=user).exists()
        )
    elif not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])


def invitation_accept(*, token: str, user=None, full_name: str = "", password: str = ""):
    """The invitee accepts. With no account for the address, they choose their password and the account is
    created (address verified); with one, they must be signed in as it. Single use. Returns the account."""
    from notices.services import notice_send

    signed_in = user is not None and user.is_authenticated
    with transaction.atomic():
        invitation = _usable(token, lock=True)
        if invitation.company_id:
            from companies.models import VettingStatus

            if invitation.company.vetting_status == VettingStatus.PENDING:
                raise DomainError(_("The company is under review; try again once a school approves it."))
        accounts = accounts_for_email(invitation.email)
        if accounts.exists():
            if not signed_in:
                raise DomainError(
                    _("An account with the address %(email)s exists. Sign in to it, then accept the invitation.")
                    % {"email": invitation.email},
                    code="sign_in_required",
                )
            if not accounts.filter(pk=user.pk).exists():
                raise DomainError(
                    _("This invitation is for %(email)s. Sign out and sign in with that account to accept it.")
                    % {"email": invitation.email},
                    code="wrong_account",
                )
            account = user
        else:
            if signed_in:
                raise DomainError(
                    _("This invitation is for %(email)s, which has no account yet. Sign out to create it.")
                    % {"email": invitation.email},
                    code="sign_out_required",
                )
            account = _create_account(invitation.email, full_name, password)
        _mark_address_verified(account, invitation.email)
        _attach(invitation, account)
        invitation.status = Invitation.Status.ACCEPTED
        invitation.accepted_by = account
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["status", "accepted_by", "accepted_at"])
        notice_send(
            recipients=[invitation.invited_by_id],
            kind="invitation_accepted",
            params={
                "name": invitation.full_name,
                "email": invitation.email,
                "organisation": str(invitation.organisation),
            },
            link="/teachers" if invitation.institution_id else "/company-members",
        )
    return account


def _create_account(email: str, full_name: str, password: str):
    errors: dict[str, list] = {}
    full_name = (full_name or "").strip()
    if not full_name:
        errors["full_name"] = [_("Enter your full name.")]
    candidate = User(username=email.split("@")[0], email=email, full_name=full_name)
    if password_problems := password_errors(password, candidate=candidate):
        errors["password"] = password_problems
    if errors:
        raise ValidationError(errors)
    account = User.objects.create_user(
        username=_username_for(email), email=email, password=password, full_name=full_name
    )
    EmailAddress.objects.create(user=account, email=email, primary=True, verified=True)
    return account
