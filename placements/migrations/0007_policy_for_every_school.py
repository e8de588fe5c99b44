from django.db import migrations


def create_missing_policies(apps, schema_editor):
    """Every existing school gets its policy with the defaults (new schools get one when created), so reading
    the policies no longer creates them."""
    Institution = apps.get_model("schools", "Institution")
    SchoolPolicy = apps.get_model("placements", "SchoolPolicy")
    missing = Institution.objects.filter(placement_policy__isnull=True).values_list("pk", flat=True)
    SchoolPolicy.objects.bulk_create([SchoolPolicy(institution_id=pk) for pk in missing], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("placements", "0006_journal_count_waiver"),
    ]

    operations = [migrations.RunPython(create_missing_policies, migrations.RunPython.noop)]
