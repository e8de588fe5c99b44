"""The three job clusters of the source document: 研发设计辅助, 生产制造, 售后运营服务."""

from django.db import migrations

CLUSTERS = [
    ("rd", "研发设计辅助", "R&D and design assistance", 1),
    ("production", "生产制造", "Production and manufacturing", 2),
    ("aftersales", "售后运营服务", "After-sales and operations service", 3),
]


def add_clusters(apps, schema_editor):
    JobCluster = apps.get_model("companies", "JobCluster")
    for code, name, name_en, order in CLUSTERS:
        JobCluster.objects.update_or_create(code=code, defaults={"name": name, "name_en": name_en, "order": order})


class Migration(migrations.Migration):
    dependencies = [("companies", "0001_initial")]
    operations = [migrations.RunPython(add_clusters, migrations.RunPython.noop)]
