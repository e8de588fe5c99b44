"""A company mentor and a school teacher for every placement, and the safety training before it starts (issue 15,
missing rules). Placements already under way take their slot's mentor and their student's advisor, as new ones
do when they are applied for."""

from decimal import Decimal

import config.bounds
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def default_supervisors(apps, schema_editor):
    Placement = apps.get_model("placements", "Placement")
    for placement in Placement.objects.select_related("slot__mentor", "student__advisor").filter(
        models.Q(mentor__isnull=True) | models.Q(teacher__isnull=True)
    ):
        mentor, advisor = placement.slot.mentor, placement.student.advisor
        if placement.mentor_id is None and mentor is not None and mentor.archived_at is None:
            placement.mentor = mentor
        if (
            placement.teacher_id is None
            and advisor is not None
            and advisor.archived_at is None
            and advisor.institution_id == placement.student.institution_id
        ):
            placement.teacher = advisor
        placement.save(update_fields=["mentor", "teacher"])


class Migration(migrations.Migration):

    dependencies = [
        ("companies", "0003_companymember_archived_at"),
        ("placements", "0009_policy_relax_switches"),
        ("schools", "0003_plausible_ranges"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="placement",
            name="mentor",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="mentored_placements", to="companies.companymember", verbose_name="company mentor"),
        ),
        migrations.AddField(
            model_name="placement",
            name="teacher",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="supervised_placements", to="schools.teacher", verbose_name="school teacher"),
        ),
        migrations.CreateModel(
            name="SafetyTraining",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("delivered_by", models.CharField(max_length=100, verbose_name="delivered by")),
                ("delivered_on", models.DateField(validators=[config.bounds.DateWindow(future=0, past=60)], verbose_name="date")),
                ("hours", models.DecimalField(decimal_places=1, max_digits=4, validators=[django.core.validators.MinValueValidator(Decimal("0.5")), django.core.validators.MaxValueValidator(200)], verbose_name="hours")),
                ("content", models.TextField(max_length=4000, verbose_name="content")),
                ("passed", models.BooleanField(verbose_name="passed the safety check")),
                ("check_note", models.CharField(blank=True, max_length=300, verbose_name="about the check")),
                ("recorded_at", models.DateTimeField(auto_now_add=True)),
                ("placement", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="safety_trainings", to="placements.placement")),
                ("recorded_by", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "verbose_name": "safety training",
                "verbose_name_plural": "safety trainings",
                "ordering": ["-delivered_on", "-id"],
            },
        ),
        migrations.RunPython(default_supervisors, migrations.RunPython.noop),
    ]
