"""The city's talent policies for graduates who stay in Wuhan (政策信息, issue 18): who may read and keep them, the
two writes, and the policies the platform starts with.

The starting policies are only the facts of ../shared/WUHAN.md and of the source document, in plain words: what
each offers and, where the fact names them, who is eligible. None of the sources says where to apply, so no
policy says it; the page points to the source instead. They are true facts, not demo data."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from careers.models import Policy

POLICY_FIELDS = ("title", "offers", "eligibility", "how_to_apply", "source", "source_url", "source_date", "position")


def may_keep_policies(actor: Actor) -> bool:
    """The city's staff keep the policy page (the analyst stays a reader of figures)."""
    return actor.is_city_staff


def policies_visible_to(actor: Actor, queryset: QuerySet[Policy] | None = None) -> QuerySet[Policy]:
    """Public information: every signed-in user reads the policies in force; the city's staff also the archived."""
    qs = queryset if queryset is not None else Policy.objects.all()
    if actor.user_id is None:
        return qs.none()
    return qs if may_keep_policies(actor) else qs.filter(archived_at__isnull=True)


def _require_keeper(actor: Actor) -> None:
    if not may_keep_policies(actor):
        raise PermissionDenied(_("Only the city's staff keep the policy information."))


def _save(policy: Policy, actor: Actor, fields: dict) -> Policy:
    for name, value in fields.items():
        if name in POLICY_FIELDS:
            setattr(policy, name, value.strip() if isinstance(value, str) else value)
    policy.updated_by = actor.user
    policy.full_clean()
    policy.save()
    return policy


@transaction.atomic
def policy_create(*, actor: Actor, **fields) -> Policy:
    """The city's staff add a policy: title, what it offers and its source with the source's date are required;
    eligibility and where to apply only where the source says so."""
    _require_keeper(actor)
    return _save(Policy(), actor, fields)


@transaction.atomic
def policy_update(*, actor: Actor, policy: Policy, **fields) -> Policy:
    _require_keeper(actor)
    return _save(Policy.objects.select_for_update().get(pk=policy.pk), actor, fields)


# -- the policies the platform starts with (WUHAN.md and the source document; nothing else) ---------------------

SOURCE_DOCUMENT = "武汉市经济和信息化局《关于“关于超前布局新能源汽车产业生态圈”的建议》答复"
PUBLIC_SOURCES = "武汉市政府网站、新华社、中国日报等公开报道（平台资料 WUHAN.md 汇编）"

FACTS: list[dict[str, str]] = [
    {
        "title": "「学子留汉」工程向职业院校延伸",
        "offers": "市里推动「学子留汉」工程向重点高校和职业技能院校延伸覆盖，对接高校与地方产业需求，"
        "为院校提供政策信息、专场招聘、人才引进等公益性服务；并完善高校工作站实体化运行制度。",
        "source": SOURCE_DOCUMENT,
        "source_date": "2022",
    },
    {
        "title": "百万大学生留汉创业就业工程",
        "offers": "目标是五年内留住一百万名大学生在武汉就业或创业。此后依次为「学子留汉」工程和「学子聚汉」工程"
        "（2024–2025年）。",
        "source": PUBLIC_SOURCES,
        "source_date": "2017–2021",
    },
    {
        "title": "高校毕业生最低年薪指导标准",
        "offers": "为在汉就业的毕业生给出年薪下限指导：专科 4 万元、本科 5 万元、硕士 6 万元、博士 8 万元。",
        "source": PUBLIC_SOURCES,
        "source_date": "2017",
    },
    {
        "title": "「学子留汉」工程工作站",
        "offers": "从 2021 年起三年内计划在高校设立 50 个工作站。",
        "eligibility": "学科与武汉“965”产业集群（9 个支柱产业、6 个战略性新兴产业——含氢能、5 个未来产业）"
        "相契合的高校。",
        "source": PUBLIC_SOURCES,
        "source_date": "2021",
    },
    {
        "title": "小微企业吸纳毕业生补贴",
        "offers": "每吸纳一名高校毕业生，给予企业 1,000 元。",
        "eligibility": "小型和微型企业（补贴付给企业，不是毕业生）。",
        "source": PUBLIC_SOURCES,
        "source_date": "2020",
    },
    {
        "title": "湖北省高校毕业生就业见习",
        "offers": "见习单位每接收一名见习人员，每月获得当地最低工资标准 70% 的补贴；见习期满留用比例达到 50% 的，"
        "每留用一人另给 1,000 元。",
        "eligibility": "见习人员为高校毕业生（不是在校学生）；补贴付给见习单位。",
        "source": PUBLIC_SOURCES,
        "source_date": "来源未注明日期",
    },
    {
        "title": "武汉经开区人才政策",
        "offers": "新引进的博士每人每年 5 万元，最多三年；经认定的产业领军人才、优秀人才的创业项目，"
        "分别最高 100 万元、50 万元。",
        "eligibility": "武汉经济技术开发区新引进的博士；经认定的产业领军人才和优秀人才。",
        "source": PUBLIC_SOURCES,
        "source_date": "来源未注明日期",
    },
    {
        "title": "「千企万人」支持计划",
        "offers": "将汽车制造和服务产业纳入企业支持范围，采用积分制对企业人才引进培育工作进行量化评价，"
        "对人才引育成效突出的企业给予相应人才引育补贴。",
        "eligibility": "人才引育成效突出的企业（含汽车制造和服务企业）。",
        "source": SOURCE_DOCUMENT,
        "source_date": "2022",
    },
]


def seed_policies() -> None:
    """The starting policies (idempotent by title): written directly, as the real institutions and companies are,
    since they are facts and not something a user did."""
    for position, fact in enumerate(FACTS, start=1):
        Policy.objects.get_or_create(title=fact["title"], defaults={**fact, "position": position * 10})
