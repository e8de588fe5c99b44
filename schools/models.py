from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from config import bounds
from schools.choices import REGULATED_KINDS, District, Gender, InstitutionKind, MajorCategory


class Institution(models.Model):
    """A school whose students do placements (院校)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=24,
        choices=InstitutionKind.choices,
        help_text=_(
            "中职, 高职专科 and 高职本科 schools are under the internship regulation; an ordinary undergraduate "
            "university is not. Set by the platform's operators, not by the school."
        ),
    )
    district = models.CharField(_("district"), max_length=16, choices=District.choices, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    @property
    def under_regulation(self) -> bool:
        """Whether 《职业学校学生实习管理规定》 covers the school (中职, 高职专科, 高职本科; art. 2). Outside it, the
        platform runs the same checks as the school's own placement policy, which the school may relax."""
        return self.kind in REGULATED_KINDS


class SpecialtyGroup(models.Model):
    """A group of related majors (专业群), the unit of the provincial 双高 programme."""

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="specialty_groups", verbose_name=_("institution")
    )
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("specialty group")
        verbose_name_plural = _("specialty groups")
        ordering = ["institution_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "name"], name="specialtygroup_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Major(models.Model):
    """A major (专业) as a school runs it, with its national code and category (专业大类)."""

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="majors", verbose_name=_("institution")
    )
    specialty_group = models.ForeignKey(
        SpecialtyGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="majors",
        verbose_name=_("specialty group"),
    )
    code = models.CharField(_("national major code"), max_length=10)
    name = models.CharField(_("name"), max_length=100)
    category = models.CharField(_("major category (专业大类)"), max_length=4, choices=MajorCategory.choices)
    archived_at = models.DateTimeField(
        _("archived at"), null=True, blank=True, editable=False, help_text=_("No longer offered; kept for history.")
    )

    class Meta:
        verbose_name = _("major")
        verbose_name_plural = _("majors")
        ordering = ["institution_id", "code"]
        constraints = [models.UniqueConstraint(fields=["institution", "code"], name="major_unique_code")]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Cohort(models.Model):
    """A class (班级): students of one major who entered in one year."""

    major = models.ForeignKey(Major, on_delete=models.CASCADE, related_name="cohorts", verbose_name=_("major"))
    entry_year = models.PositiveSmallIntegerField(_("entry year"), validators=[bounds.ENTRY_YEAR])
    name = models.CharField(_("name"), max_length=100)
    archived_at = models.DateTimeField(
        _("archived at"), null=True, blank=True, editable=False, help_text=_("Graduated or closed; kept for history.")
    )

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-entry_year", "name"]
        constraints = [models.UniqueConstraint(fields=["major", "name"], name="cohort_unique_name")]

    def __str__(self) -> str:
        return self.name


class Teacher(models.Model):
    """A member of a school's staff: an advising teacher or a school administrator."""

    class Role(models.TextChoices):
        TEACHER = "teacher", _("Teacher")
        ADMIN = "admin", _("School administrator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="teacher_roles",
        verbose_name=_("user"),
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="teachers", verbose_name=_("institution")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.TEACHER)
    staff_number = models.CharField(_("staff number"), max_length=32, blank=True)
    department = models.CharField(_("department"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=50, blank=True)
    archived_at = models.DateTimeField(
        _("left the school at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The membership ended: no access to the school any more, the record stays for history."),
    )

    class Meta:
        verbose_name = _("teacher")
        verbose_name_plural = _("teachers")
        ordering = ["institution_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "institution"], name="teacher_unique_user_institution"),
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def full_name(self) -> str:
        return self.user.display_name


class Student(models.Model):
    """A student of a school. The school creates the record; the student activates an account for it with a
    one-time code, so no one ever receives a default password."""

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="students", verbose_name=_("institution")
    )
    student_number = models.CharField(_("student number"), max_length=32)
    full_name = models.CharField(_("full name"), max_length=64)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("birth date"), validators=[bounds.BIRTH_DATE])
    entry_year = models.PositiveSmallIntegerField(_("entry year"), validators=[bounds.ENTRY_YEAR])
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="students",
        verbose_name=_("cohort"),
    )
    advisor = models.ForeignKey(
        Teacher,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advisees",
        verbose_name=_("advisor"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="student",
        verbose_name=_("account"),
    )
    activation_code_hash = models.CharField(max_length=128, blank=True, editable=False)
    activation_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    activation_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(
        _("archived at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Graduated or left: out of the school's lists and of new placements; the history stays."),
    )

    class Meta:
        verbose_name = _("student")
        verbose_name_plural = _("students")
        ordering = ["institution_id", "student_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "student_number"], name="student_unique_number_per_institution"
            ),
        ]
        indexes = [models.Index(fields=["institution", "entry_year"], name="student_inst_year_idx")]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.student_number})"

    @property
    def is_activated(self) -> bool:
        return self.user_id is not None
