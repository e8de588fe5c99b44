# Art. 17 and 18 without loopholes (issue 15): regular hours become a daily window, days a week and rest days
# (daily hours are computed); night, overtime and holiday work become HoursException records the school approves
# and files; the slot declares the post's probation-period wage and who pays the insurance premiums. The old
# free-text exception ("x", "见附件") lifted every check: each declared night, overtime or holiday flag becomes a
# *proposed* exception quoting the old text, which no placement starts on until a school approves and files it.

import datetime

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import config.bounds
import placements.models

KINDS = (("night_shifts", "night"), ("overtime", "overtime"), ("holiday_work", "holiday"))


def old_window(daily_hours) -> tuple[datetime.time, int]:
    """The end of a 09:00 day of the old daily hours, with an hour's break (the stored hours stay as they were)."""
    minutes = 9 * 60 + round(float(daily_hours or 8) * 60) + 60
    minutes = min(minutes, 23 * 60 + 59)
    return datetime.time(minutes // 60, minutes % 60), 60


def carry_over(apps, schema_editor):
    Slot = apps.get_model("placements", "Slot")
    HoursException = apps.get_model("placements", "HoursException")
    for slot in Slot.objects.all().only(
        "id", "daily_hours", "night_shifts", "overtime", "holiday_work", "hours_exception_reference"
    ):
        ends, pause = old_window(slot.daily_hours)
        Slot.objects.filter(pk=slot.pk).update(work_starts=datetime.time(9, 0), work_ends=ends, break_minutes=pause)
        text = (slot.hours_exception_reference or "").strip() or "—"
        for flag, kind in KINDS:
            if getattr(slot, flag):
                HoursException.objects.create(
                    slot_id=slot.pk,
                    kind=kind,
                    status="proposed",
                    reason=f"（旧数据迁移）原填写的例外说明：{text}。自由文本不再解除检查，须学校审批并备案。",
                )


class Migration(migrations.Migration):
    dependencies = [
        ("placements", "0011_high_risk_work_screen"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="slot",
            name="work_starts",
            field=models.TimeField(default=datetime.time(9, 0), verbose_name="work starts"),
        ),
        migrations.AddField(
            model_name="slot",
            name="work_ends",
            field=models.TimeField(default=datetime.time(18, 0), verbose_name="work ends"),
        ),
        migrations.AddField(
            model_name="slot",
            name="break_minutes",
            field=models.PositiveSmallIntegerField(
                default=60,
                validators=[
                    django.core.validators.MinValueValidator(0),
                    django.core.validators.MaxValueValidator(240),
                ],
                verbose_name="unpaid break (minutes)",
            ),
        ),
        migrations.AddField(
            model_name="slot",
            name="days_per_week",
            field=models.PositiveSmallIntegerField(
                default=5,
                validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(7)],
                verbose_name="working days a week",
            ),
        ),
        migrations.AddField(
            model_name="slot",
            name="rest_days",
            field=models.JSONField(
                blank=True,
                default=placements.models.default_rest_days,
                help_text="Weekdays, 1 (Monday) to 7 (Sunday).",
                verbose_name="rest days",
            ),
        ),
        migrations.AlterField(
            model_name="slot",
            name="daily_hours",
            field=models.DecimalField(
                decimal_places=1,
                editable=False,
                max_digits=4,
                validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(24)],
                verbose_name="hours per day",
            ),
        ),
        migrations.AddField(
            model_name="slot",
            name="probation_wage",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="Art. 18: the stipend is at least 80% of it; empty if the post has no probation period.",
                max_digits=8,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(0),
                    django.core.validators.MaxValueValidator(1000000),
                ],
                verbose_name="probation-period wage of the post (CNY/month)",
            ),
        ),
        migrations.AddField(
            model_name="slot",
            name="insurance_paid_by",
            field=models.CharField(
                choices=[("company", "The company"), ("school", "The school"), ("student", "The student")],
                default="company",
                max_length=10,
                verbose_name="insurance premiums paid by",
            ),
        ),
        migrations.CreateModel(
            name="HoursException",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("night", "Night work"),
                            ("overtime", "Overtime"),
                            ("holiday", "Work on statutory holidays"),
                        ],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                ("reason", models.TextField(max_length=2000, verbose_name="why the major and post need it")),
                (
                    "overtime_hours_per_day",
                    models.DecimalField(
                        blank=True,
                        decimal_places=1,
                        max_digits=3,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(24),
                        ],
                        verbose_name="overtime hours a day",
                    ),
                ),
                (
                    "overtime_hours_per_month",
                    models.DecimalField(
                        blank=True,
                        decimal_places=1,
                        max_digits=4,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(744),
                        ],
                        verbose_name="overtime hours a month",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("proposed", "Proposed by the company"),
                            ("approved", "Approved by the school, not yet filed"),
                            ("filed", "Approved and filed with the education authority"),
                            ("refused", "Refused by the school"),
                        ],
                        default="proposed",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("proposed_at", models.DateTimeField(auto_now_add=True, verbose_name="proposed")),
                ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="decided")),
                (
                    "decision_reason",
                    models.CharField(blank=True, max_length=500, verbose_name="reason of the school's decision"),
                ),
                (
                    "filed_on",
                    models.DateField(
                        blank=True,
                        null=True,
                        validators=[config.bounds.PAST_RECORD],
                        verbose_name="filed on",
                    ),
                ),
                (
                    "filing_authority",
                    models.CharField(blank=True, max_length=100, verbose_name="education authority filed with"),
                ),
                ("filing_reference", models.CharField(blank=True, max_length=100, verbose_name="filing reference")),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "filed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "proposed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "slot",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="hours_exceptions",
                        to="placements.slot",
                        verbose_name="slot",
                    ),
                ),
            ],
            options={
                "verbose_name": "working-time exception",
                "verbose_name_plural": "working-time exceptions",
                "ordering": ["slot_id", "kind", "-proposed_at"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("status", "refused"), _negated=True),
                        fields=("slot", "kind"),
                        name="hoursexception_one_live_per_kind",
                    )
                ],
            },
        ),
        migrations.RunPython(carry_over, migrations.RunPython.noop),
        migrations.RemoveField(model_name="slot", name="night_shifts"),
        migrations.RemoveField(model_name="slot", name="overtime"),
        migrations.RemoveField(model_name="slot", name="holiday_work"),
        migrations.RemoveField(model_name="slot", name="hours_exception_reference"),
    ]
