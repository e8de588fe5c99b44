"""Enterprise talent points (积分): the platform's own model, labelled as such, not official policy. Each rule
counts something the company did in the year and multiplies it by the rule's points (city analysts edit the
points); the total against the threshold marks subsidy eligibility. Counted in the database."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, F, Q

from alumni.models import WORKING, GraduateOutcome, TalentRule
from alumni.report import converted_exists
from companies.models import Company, TrainingBase
from placements.choices import BreachStatus, Grade, PlacementStatus
from placements.models import BreachReport, Placement, Slot

THRESHOLD = "subsidy_threshold"


def _per_company(rows, key="cid") -> dict[int, int]:
    return {r[key]: r["n"] for r in rows}


def counts_for_year(year: int, company_ids: set[int] | None = None) -> dict[str, dict[int, int]]:
    """What each company did in the year, rule by rule: {rule code: {company id: count}}."""

    def scoped(qs, field):
        return qs.filter(**{f"{field}__in": company_ids}) if company_ids is not None else qs

    started = scoped(Placement.objects.filter(started_at__year=year), "slot__company_id").exclude(
        status__in=[PlacementStatus.CONFIRMED, PlacementStatus.READY]
    )
    good = scoped(
        Placement.objects.filter(
            status=PlacementStatus.COMPLETED, ended_at__year=year, final_grade__in=[Grade.EXCELLENT, Grade.GOOD]
        ),
        "slot__company_id",
    )
    hires = scoped(
        GraduateOutcome.objects.filter(status__in=WORKING, employer__isnull=False, confirmed=True), "employer_id"
    ).annotate(converted=converted_exists())
    mentors = scoped(Slot.objects.filter(start_date__year=year, mentor__isnull=False), "company_id")
    breaches = scoped(
        BreachReport.objects.filter(status=BreachStatus.UPHELD, responded_at__year=year, company__isnull=False),
        "company_id",
    )
    counts = {
        "placement_hosted": _per_company(started.values(cid=F("slot__company_id")).annotate(n=Count("id"))),
        "placement_good": _per_company(good.values(cid=F("slot__company_id")).annotate(n=Count("id"))),
        "intern_hired": _per_company(
            hires.filter(graduation_year=year, converted=True).values(cid=F("employer_id")).annotate(n=Count("id"))
        ),
        "hire_stayed": _per_company(
            hires.filter(graduation_year=year - 1, in_wuhan=True, reported_on__gte=date(year, 7, 1))
            .values(cid=F("employer_id"))
            .annotate(n=Count("id"))
        ),
        "mentor": _per_company(mentors.values(cid=F("company_id")).annotate(n=Count("mentor", distinct=True))),
        "breach_upheld": _per_company(breaches.values(cid=F("company_id")).annotate(n=Count("id"))),
    }
    # On-campus bases are co-built with a brand: count those whose partner brand names the company.
    brands = TrainingBase.objects.filter(kind=TrainingBase.Kind.ON_CAMPUS, is_active=True).exclude(partner_brand="")
    brand_counts: dict[str, int] = {}
    for brand in brands.values_list("partner_brand", flat=True):
        brand_counts[brand] = brand_counts.get(brand, 0) + 1
    cobuilt: dict[int, int] = {}
    if brand_counts:
        companies = Company.objects.filter(Q(name__in=brand_counts) | Q(short_name__in=brand_counts))
        if company_ids is not None:
            companies = companies.filter(pk__in=company_ids)
        for company in companies:
            names = {company.name, company.short_name} - {""}
            cobuilt[company.pk] = sum(brand_counts.get(name, 0) for name in names)
    counts["base_cobuilt"] = cobuilt
    return counts


def demo_companies(year: int, company_ids: set[int] | None = None) -> set[int]:
    """The companies whose year counts generated demo records (the one demo flag: placements in demo slots,
    demo outcomes, demo slots), so their rows and the board say so."""

    def ids(qs, field):
        if company_ids is not None:
            qs = qs.filter(**{f"{field}__in": company_ids})
        return set(qs.values_list(field, flat=True).distinct())

    placements = Placement.objects.filter(slot__is_demo=True).filter(Q(started_at__year=year) | Q(ended_at__year=year))
    outcomes = GraduateOutcome.objects.filter(
        is_demo=True, confirmed=True, employer__isnull=False, graduation_year__in=(year, year - 1)
    )
    slots = Slot.objects.filter(is_demo=True, start_date__year=year, mentor__isnull=False)
    breaches = BreachReport.objects.filter(placement__slot__is_demo=True, responded_at__year=year)
    return (
        ids(placements, "slot__company_id")
        | ids(outcomes, "employer_id")
        | ids(slots, "company_id")
        | ids(breaches, "company_id")
    ) - {None}


def leaderboard(year: int, company_ids: set[int] | None = None) -> dict:
    rules = list(TalentRule.objects.exclude(code=THRESHOLD))
    threshold_rule = TalentRule.objects.filter(code=THRESHOLD).first()
    threshold = threshold_rule.points if threshold_rule else None
    counts = counts_for_year(year, company_ids)
    demo = demo_companies(year, company_ids)
    ids = set().union(*(c.keys() for c in counts.values()))
    if company_ids is not None:
        ids |= set(company_ids)
    names = dict(Company.objects.filter(pk__in=ids).values_list("pk", "name"))
    rows = []
    for company_id in ids:
        parts = []
        total = 0
        for rule in rules:
            n = counts.get(rule.code, {}).get(company_id, 0)
            parts.append({"rule": rule.code, "count": n, "points": n * rule.points})
            total += n * rule.points
        rows.append({
            "company": company_id, "name": names.get(company_id), "total": total, "breakdown": parts,
            "eligible": threshold is not None and total >= threshold, "demo": company_id in demo,
        })  # fmt: skip
    rows.sort(key=lambda r: (-r["total"], r["name"] or ""))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    includes_demo = any(row["demo"] for row in rows)
    return {"year": year, "threshold": threshold, "rows": rows, "includes_demo": includes_demo}
