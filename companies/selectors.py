"""Read queries of companies and bases, scoped to what a viewer may see."""

from __future__ import annotations

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from accounts.actor import Actor
from companies.models import Company, CompanyChangeRequest, SiteInspection, TrainingBase, VettingStatus


def companies_visible_to(actor: Actor, queryset: QuerySet[Company] | None = None) -> QuerySet[Company]:
    """Approved companies are a public directory; a company's own staff, school admins (who vet) and city
    analysts also see the others."""
    qs = queryset if queryset is not None else Company.objects.all()
    if actor.is_city_analyst or actor.is_school_admin:
        return qs
    return qs.filter(Q(vetting_status=VettingStatus.APPROVED) | Q(pk__in=actor.own_company_ids))


def bases_visible_to(actor: Actor, queryset: QuerySet[TrainingBase] | None = None) -> QuerySet[TrainingBase]:
    """Active bases (of approved companies, for off-campus ones) are public; owners and analysts see the rest."""
    qs = queryset if queryset is not None else TrainingBase.objects.all()
    if actor.is_city_analyst:
        return qs
    public = Q(is_active=True) & (
        Q(kind=TrainingBase.Kind.ON_CAMPUS) | Q(company__vetting_status=VettingStatus.APPROVED)
    )
    own_companies = actor.hr_company_ids | actor.pending_hr_company_ids
    owned = Q(host_institution_id__in=actor.admin_school_ids) | Q(company_id__in=own_companies)
    return qs.filter(public | owned)


def base_is_owned_by(base: TrainingBase, actor: Actor) -> bool:
    """Who may change a base: its school's admins, or HR of its company once a school has vetted it."""
    if base.kind == TrainingBase.Kind.ON_CAMPUS:
        return base.host_institution_id in actor.admin_school_ids
    return base.company_id in actor.hr_company_ids


def change_requests_visible_to(
    actor: Actor, queryset: QuerySet[CompanyChangeRequest] | None = None
) -> QuerySet[CompanyChangeRequest]:
    """The company's own staff see its requests; school admins those they may decide (linked schools, or any
    admin for a company no school has linked: companies.change_requests says who decides). Each row carries
    `decidable`, so a list asks no question per row."""
    qs = queryset if queryset is not None else CompanyChangeRequest.objects.all()
    decides = _decides(actor)
    qs = qs.annotate(decidable=ExpressionWrapper(decides, output_field=BooleanField()))
    return qs.filter(Q(company_id__in=actor.company_ids) | decides)


def _decides(actor: Actor) -> Q:
    """The requests this actor decides, as a condition (one query for a whole list)."""
    if not actor.admin_school_ids:
        return Q(pk__in=[])
    links = TrainingBase.institutions.through.objects.filter(trainingbase__company_id=OuterRef("company_id"))
    return Q(Exists(links.filter(institution_id__in=actor.admin_school_ids))) | ~Q(Exists(links))


def inspections_visible_to(actor: Actor, queryset: QuerySet[SiteInspection] | None = None) -> QuerySet[SiteInspection]:
    """A school's staff see their school's inspections and every inspection of a base that serves their school
    (linked to it or hosted by it); a company's HR sees the inspections of its bases. Nobody else."""
    qs = queryset if queryset is not None else SiteInspection.objects.all()
    schools = actor.school_ids
    serves = Q(base__institutions__in=schools) | Q(base__host_institution_id__in=schools)
    visible = Q(institution_id__in=schools) | serves | Q(base__company_id__in=actor.hr_company_ids)
    ids = qs.filter(visible).values("pk")  # the links are many-to-many: one row per inspection
    return qs.filter(pk__in=ids)
