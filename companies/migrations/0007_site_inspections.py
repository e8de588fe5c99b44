"""Site inspections become the school's records (issue 15, self-certification): a SiteInspection with its
inspecting school, inspector, findings, outcome and written report, and the base's own last_inspection_date and
inspection_note go. The old dates were typed in by whoever owned the base, the company's HR among them, so they
are not carried over as inspections: a school records the next inspection with its report."""

import companies.models
import config.bounds
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("companies", "0006_headcount_at_least_one"),
        ("schools", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SiteInspection",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("inspected_on", models.DateField(validators=[config.bounds.DateWindow(future=0, past=60)], verbose_name="inspected on")),
                ("findings", models.TextField(max_length=4000, verbose_name="findings")),
                ("outcome", models.CharField(choices=[("passed", "Passed"), ("failed", "Failed")], max_length=8, verbose_name="outcome")),
                ("report", models.FileField(max_length=200, upload_to=companies.models.inspection_report_path, verbose_name="written report")),
                ("report_extension", models.CharField(editable=False, max_length=5)),
                ("report_content_type", models.CharField(editable=False, max_length=40)),
                ("report_size", models.PositiveIntegerField(editable=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("base", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="inspections", to="companies.trainingbase", verbose_name="base")),
                ("inspector", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="inspector")),
                ("institution", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="site_inspections", to="schools.institution", verbose_name="inspecting school")),
            ],
            options={
                "verbose_name": "site inspection",
                "verbose_name_plural": "site inspections",
                "ordering": ["-inspected_on", "-id"],
                "indexes": [models.Index(fields=["base", "-inspected_on"], name="inspection_base_date_idx")],
            },
        ),
        migrations.RemoveField(model_name="trainingbase", name="last_inspection_date"),
        migrations.RemoveField(model_name="trainingbase", name="inspection_note"),
    ]
