# Art. 18: where a post has no probation-period wage, a stipend is at least 80% of the company's lowest wage grade.

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0007_site_inspections"),
    ]

    operations = [
        migrations.AddField(
            model_name="company",
            name="lowest_wage_grade",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="The company's lowest monthly wage grade; interns' stipends are at least 80% of it.",
                max_digits=8,
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(0),
                    django.core.validators.MaxValueValidator(1000000),
                ],
                verbose_name="lowest wage grade (CNY/month)",
            ),
        ),
    ]
