# The checks a school outside the internship regulation (an ordinary undergraduate university) runs as its own
# policy, and may relax (issue 15, "Scope").

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("placements", "0008_slot_is_demo"),
    ]

    operations = [
        migrations.AddField(
            model_name="schoolpolicy",
            name="relax_age",
            field=models.BooleanField(
                default=False,
                help_text="Accept students under 16 for post internships.",
                verbose_name="relax the minimum age",
            ),
        ),
        migrations.AddField(
            model_name="schoolpolicy",
            name="relax_first_year",
            field=models.BooleanField(
                default=False,
                help_text="Accept first-year students for post internships.",
                verbose_name="relax the first-year rule",
            ),
        ),
        migrations.AddField(
            model_name="schoolpolicy",
            name="relax_major",
            field=models.BooleanField(
                default=False,
                help_text="Accept students of another major category.",
                verbose_name="relax the major match",
            ),
        ),
    ]
