from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_cn_mobile


class User(AbstractUser):
    """A person who signs in. What they may do comes from their memberships (student record, teacher record,
    company membership) and the city flags (analyst, staff), so one person can hold several roles."""

    full_name = models.CharField(_("full name"), max_length=64, blank=True)
    phone = models.CharField(
        _("mobile number"), max_length=11, unique=True, null=True, blank=True, validators=[validate_cn_mobile]
    )
    phone_verified = models.BooleanField(_("mobile number verified"), default=False)
    is_city_analyst = models.BooleanField(
        _("city analyst"),
        default=False,
        help_text=_("Reads the Stay-in-Wuhan and talent-points reports across all schools."),
    )
    # Not the analyst: the city's employment-service staff (市人社 / 招聘服务) organise recruitment fairs and keep
    # the talent-policy page; they read figures of their own fairs, never students' records elsewhere.
    is_city_staff = models.BooleanField(
        _("city staff"),
        default=False,
        help_text=_("Organises the city's recruitment fairs and keeps its talent-policy page."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class Invitation(models.Model):
    """An offer of a staff role (a school's teacher or administrator, a company's HR or mentor) sent to an e-mail
    address. Nothing attaches until the person who controls the address accepts with the one-time token: the
    token proves the mailbox, and for an address that already has an account, signing in as that account proves
    the account. So adding someone never hands a role to, or reveals, an account the inviter does not know.
    Only the token's digest is kept."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Invited, not yet accepted")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")

    institution = models.ForeignKey(
        "schools.Institution",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("institution"),
    )
    company = models.ForeignKey(
        "companies.Company",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("company"),
    )
    # The role value of the membership it creates: Teacher.Role for a school, CompanyMember.Role for a company.
    role = models.CharField(_("role"), max_length=10)
    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("name given by the inviter"), max_length=64)
    staff_number = models.CharField(_("staff number"), max_length=32, blank=True)
    department = models.CharField(_("department"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=60, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_sent",
        verbose_name=_("invited by"),
    )
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    expires_at = models.DateTimeField(_("expires at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_accepted",
        verbose_name=_("accepted by"),
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(institution__isnull=False, company__isnull=True)
                | models.Q(institution__isnull=True, company__isnull=False),
                name="invitation_one_organisation",
            ),
            models.UniqueConstraint(
                fields=["institution", "email"],
                condition=models.Q(status="pending", institution__isnull=False),
                name="invitation_one_pending_per_school",
            ),
            models.UniqueConstraint(
                fields=["company", "email"],
                condition=models.Q(status="pending", company__isnull=False),
                name="invitation_one_pending_per_company",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def organisation(self):
        return self.institution if self.institution_id else self.company

    @property
    def is_expired(self) -> bool:
        from django.utils import timezone

        return self.expires_at <= timezone.now()

    @property
    def current_status(self) -> str:
        """The stored status, with a pending invitation past its expiry shown as expired."""
        if self.status == self.Status.PENDING and self.is_expired:
            return self.Status.EXPIRED
        return self.status

    @property
    def role_label(self) -> str:
        if self.institution_id:
            from schools.models import Teacher

            choices = dict(Teacher.Role.choices)
        else:
            from companies.models import CompanyMember

            choices = dict(CompanyMember.Role.choices)
        return str(choices.get(self.role, self.role))
