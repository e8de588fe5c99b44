# Art. 17 of 《职业学校学生实习管理规定》: a slot classifies its work (high-risk classes are refused), and a title
# or description naming high-risk work sends it to the school for review. Existing slots are classified as
# ordinary (the screen still reads their words when they are next published or edited).

import re
import unicodedata

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The platform's list, by category: what company texts say for each kind of high-risk work of art. 17, with the
# everyday synonyms, the equipment and the trades that imply it. Schools add their own in the app.
PLATFORM_TERMS = {
    "height": [
        "高空作业",
        "高处作业",
        "高空",
        "登高",
        "登高作业",
        "攀登作业",
        "攀爬作业",
        "悬空作业",
        "临边作业",
        "脚手架",
        "吊篮",
        "高空车",
        "高空作业车",
        "升降平台",
        "曲臂车",
        "蜘蛛人",
        "外墙清洗",
        "幕墙安装",
        "塔吊",
        "塔式起重机",
        "登杆",
        "爬杆",
        "电杆作业",
        "铁塔作业",
        "风机塔筒",
        "挂篮",
        "高空安装",
        "屋面作业",
        "高空清洗",
        "安全带作业",
        "work at height",
        "working at height",
        "scaffold",
        "aerial work platform",
    ],
    "underground": [
        "井下",
        "井下作业",
        "矿井",
        "矿下",
        "下井",
        "井工",
        "煤矿",
        "金属矿",
        "非金属矿",
        "矿山开采",
        "采矿",
        "采煤",
        "掘进",
        "采掘",
        "坑道",
        "巷道",
        "井巷",
        "竖井",
        "斜井",
        "隧道施工",
        "隧洞",
        "盾构",
        "地下开采",
        "地下矿",
        "矿工",
        "矿洞",
        "underground mine",
        "mine shaft",
        "coal mine",
        "mining",
    ],
    "radioactive": [
        "放射性",
        "放射源",
        "放射线",
        "辐射",
        "电离辐射",
        "核辐射",
        "射线",
        "射线探伤",
        "x射线",
        "x光探伤",
        "γ射线",
        "伽马射线",
        "γ探伤",
        "工业ct",
        "核电站",
        "核电厂",
        "核燃料",
        "核废料",
        "核素",
        "同位素",
        "钴60",
        "钴-60",
        "铱192",
        "铱-192",
        "辐照",
        "放射诊疗",
        "放射治疗",
        "放射科",
        "radioactive",
        "radiation",
        "radiography",
        "x-ray inspection",
    ],
    "toxic": [
        "有毒",
        "有毒有害",
        "有毒物质",
        "有害物质",
        "剧毒",
        "毒物",
        "毒害",
        "危化品",
        "危险化学品",
        "化学毒物",
        "氰化",
        "氰化物",
        "氰化钠",
        "硫化氢",
        "一氧化碳",
        "氯气",
        "光气",
        "氨气",
        "苯系物",
        "甲醛",
        "汞",
        "水银",
        "铅冶炼",
        "铅蓄电池生产",
        "砷",
        "镉",
        "六价铬",
        "石棉",
        "矽尘",
        "粉尘作业",
        "农药生产",
        "农药",
        "杀虫剂",
        "有机溶剂",
        "电镀",
        "酸洗",
        "强酸",
        "强碱",
        "腐蚀性",
        "有限空间",
        "密闭空间",
        "受限空间",
        "职业病危害",
        "重金属",
        "toxic",
        "hazardous chemical",
        "cyanide",
        "asbestos",
        "confined space",
    ],
    "explosive": [
        "易燃易爆",
        "易燃",
        "易爆",
        "爆炸物",
        "爆炸品",
        "爆破",
        "爆破作业",
        "炸药",
        "雷管",
        "起爆",
        "起爆器",
        "导爆索",
        "导火索",
        "火工品",
        "民爆",
        "民用爆炸物品",
        "烟花爆竹",
        "烟花",
        "爆竹",
        "鞭炮",
        "火药",
        "黑火药",
        "引信",
        "弹药",
        "油库",
        "储油罐",
        "加油站",
        "液化气",
        "液化石油气",
        "燃气充装",
        "氢气充装",
        "乙炔",
        "动火作业",
        "可燃气体",
        "易燃液体",
        "危险品仓库",
        "危爆",
        "blasting",
        "explosive",
        "detonator",
        "dynamite",
        "fireworks",
        "flammable",
    ],
    "labour_iv": [
        "第四级体力劳动",
        "四级体力劳动",
        "第四级体力劳动强度",
        "Ⅳ级体力劳动",
        "体力劳动强度Ⅳ级",
        "体力劳动强度四级",
        "重体力劳动",
        "极重体力劳动",
        "扛包",
        "背扛",
        "人工搬运重物",
        "重物搬运",
        "伐木",
        "采石",
        "人力装卸",
        "heavy manual labour",
    ],
}


def _normalise(text):
    # The form placements.hazards.normalise compares in (frozen here): NFKC, case-folded, no spaces.
    return re.sub(r"[\s\u200b\u200c\u200d\u2060\ufeff]+", "", unicodedata.normalize("NFKC", text).casefold())


def load_platform_terms(apps, schema_editor):
    HazardTerm = apps.get_model("placements", "HazardTerm")
    seen = set(HazardTerm.objects.filter(institution__isnull=True).values_list("normalized", flat=True))
    rows = []
    for category, terms in PLATFORM_TERMS.items():
        for term in terms:
            key = _normalise(term)
            if key in seen:
                continue
            seen.add(key)
            rows.append(HazardTerm(term=term, normalized=key, category=category))
    HazardTerm.objects.bulk_create(rows)


def remove_platform_terms(apps, schema_editor):
    apps.get_model("placements", "HazardTerm").objects.filter(institution__isnull=True).delete()


WORK_HAZARDS = [
    ("ordinary", "Ordinary work (none of the high-risk kinds)"),
    ("height", "Work at height (高处/高空作业)"),
    ("underground", "Underground or mine work (井下作业)"),
    ("radioactive", "Work with radioactive sources or radiation (放射性作业)"),
    ("toxic", "Work with toxic or harmful substances (有毒有害作业)"),
    ("explosive", "Work with flammable or explosive materials (易燃易爆作业)"),
    ("labour_iv", "Physical labour of national intensity level IV (第四级体力劳动强度)"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("placements", "0010_placement_mentor_teacher_safety_training"),
        ("schools", "0003_plausible_ranges"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="slot",
            name="work_hazard",
            field=models.CharField(
                choices=WORK_HAZARDS,
                default="ordinary",
                help_text="Art. 17 bans high-risk work (at height, underground, radioactive, toxic, flammable or "
                "explosive, physical labour of level IV); only ordinary work can open.",
                max_length=16,
                verbose_name="work classification",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="slot",
            name="hazard_matches",
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name="high-risk terms found"),
        ),
        migrations.AddField(
            model_name="slot",
            name="hazard_approved",
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name="high-risk terms approved"),
        ),
        migrations.AddField(
            model_name="slot",
            name="review_schools",
            field=models.ManyToManyField(
                blank=True, related_name="slots_to_review", to="schools.institution", verbose_name="reviewing schools"
            ),
        ),
        migrations.AddField(
            model_name="slot",
            name="review_decision",
            field=models.CharField(
                blank=True,
                choices=[("approved", "Approved by the school"), ("refused", "Refused by the school")],
                editable=False,
                max_length=10,
                verbose_name="school review",
            ),
        ),
        migrations.AddField(
            model_name="slot",
            name="review_reason",
            field=models.CharField(
                blank=True, editable=False, max_length=500, verbose_name="reason of the school review"
            ),
        ),
        migrations.AddField(
            model_name="slot",
            name="reviewed_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="slot",
            name="reviewed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="reviewed"),
        ),
        migrations.AlterField(
            model_name="slot",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("open", "Open"),
                    ("closed", "Closed"),
                    ("cancelled", "Cancelled"),
                    ("review", "Awaiting school review"),
                ],
                default="draft",
                max_length=10,
                verbose_name="status",
            ),
        ),
        migrations.CreateModel(
            name="HazardTerm",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("term", models.CharField(max_length=40, verbose_name="term")),
                ("normalized", models.CharField(editable=False, max_length=40)),
                ("category", models.CharField(choices=WORK_HAZARDS[1:], max_length=16, verbose_name="category")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "institution",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty: the platform's list.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="hazard_terms",
                        to="schools.institution",
                        verbose_name="school",
                    ),
                ),
            ],
            options={
                "verbose_name": "high-risk work term",
                "verbose_name_plural": "high-risk work terms",
                "ordering": ["category", "normalized", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("institution__isnull", True)),
                        fields=("normalized",),
                        name="hazardterm_platform_unique",
                    ),
                    models.UniqueConstraint(fields=("institution", "normalized"), name="hazardterm_school_unique"),
                ],
            },
        ),
        migrations.RunPython(load_platform_terms, remove_platform_terms),
    ]
