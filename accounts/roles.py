"""Roles are derived from memberships, never stored on the user."""

from __future__ import annotations

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class Role(TextChoices):
    STUDENT = "student", _("Student")
    TEACHER = "teacher", _("Teacher")
    SCHOOL_ADMIN = "school_admin", _("School administrator")
    COMPANY_HR = "company_hr", _("Company HR")
    COMPANY_MENTOR = "company_mentor", _("Company mentor")
    CITY_ANALYST = "city_analyst", _("City analyst")
    CITY_STAFF = "city_staff", _("City staff")
