"""The fieldwork app's models: what a school decides about its students' daily placement life."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from config import bounds
from schools.models import Institution


class LeaveOrder(models.TextChoices):
    MENTOR_FIRST = "mentor_first", _("The mentor decides first, then the teacher")
    TEACHER_FIRST = "teacher_first", _("The teacher decides first, then the mentor")
    TEACHER_ONLY = "teacher_only", _("The teacher alone decides")


class FieldworkPolicy(models.Model):
    """Each school's settings for check-in, leave, teacher visits and incidents (a school without a row has the
    defaults: selectors read it through `policy_for`)."""

    institution = models.OneToOneField(
        Institution, on_delete=models.CASCADE, related_name="fieldwork_policy", verbose_name=_("institution")
    )
    checkin_enabled = models.BooleanField(
        _("students check in"), default=True, help_text=_("Whether the school uses daily check-in at all.")
    )
    missing_days_alert = models.PositiveSmallIntegerField(
        _("alert after missing workdays"),
        default=3,
        validators=bounds.between(1, 30),
        help_text=_("A run of this many workdays without a check-in, leave or field work notifies the teacher."),
    )
    leave_order = models.CharField(
        _("who decides leave"), max_length=16, choices=LeaveOrder.choices, default=LeaveOrder.MENTOR_FIRST
    )
    visits_per_term = models.PositiveSmallIntegerField(
        _("teacher visits per placement and term"), default=1, validators=bounds.between(0, 20)
    )
    incident_response_hours = models.PositiveSmallIntegerField(
        _("first response to an incident within (hours)"), default=24, validators=bounds.between(1, 168)
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("fieldwork policy")
        verbose_name_plural = _("fieldwork policies")

    def __str__(self) -> str:
        return str(self.institution)
