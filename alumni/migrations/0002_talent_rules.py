"""The starting rules of the platform's talent-points model (editable by city analysts)."""

from django.db import migrations

RULES = [
    ("placement_hosted", "每接收一名学生开始实习", "per placement hosted", 2, 1),
    ("placement_good", "每名实习生完成且评价良好及以上", "per placement completed with a good assessment", 3, 2),
    ("intern_hired", "每录用一名本企业实习过的毕业生", "per intern hired", 10, 3),
    ("hire_stayed", "录用的毕业生一年后仍在武汉工作", "per hire still in Wuhan after a year", 5, 4),
    ("base_cobuilt", "每共建一个校内实训基地", "per on-campus base co-built", 8, 5),
    ("mentor", "每名带教企业导师", "per mentor", 1, 6),
    ("breach_upheld", "每起查实的违规举报（收费、加班、拖欠报酬）", "per upheld breach report", -10, 7),
]
THRESHOLD = ("subsidy_threshold", "补贴资格门槛（积分达到即可申请）", "subsidy eligibility threshold", 60, 99)


def add(apps, schema_editor):
    TalentRule = apps.get_model("alumni", "TalentRule")
    for code, label, label_en, points, order in [*RULES, THRESHOLD]:
        TalentRule.objects.update_or_create(
            code=code, defaults={"label": label, "label_en": label_en, "points": points, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("alumni", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
