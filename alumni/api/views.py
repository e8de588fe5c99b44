from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import action, api_view
from rest_framework.response import Response

from accounts.actor import Actor, actor_for
from alumni import imports as outcome_import
from alumni import points, report, services
from alumni.api.params import ConversionParams, ReportParams, TalentPointsParams
from alumni.api.responses import ConversionSerializer, PointsBoardSerializer, StayReportSerializer
from alumni.api.serializers import OutcomeSerializer, SelfReportSerializer, TalentRuleSerializer
from alumni.filters import OutcomeFilter, StayFilter
from alumni.models import GraduateOutcome, TalentRule
from alumni.selectors import outcomes_visible_to
from config.exports import table_response
from config.filters import filterset_parameters, read_query
from config.import_views import (
    SchoolAdminImportView,
    TemplateView,
    import_schema,
    result_response,
)
from config.params import read_params
from config.schema import with_downloads
from config.viewsets import ScopedViewSet


class OutcomeViewSet(ScopedViewSet):
    """Graduate outcomes: schools record and import them; graduates report their own (confirmed by the school)."""

    serializer_class = OutcomeSerializer
    filterset_class = OutcomeFilter
    search_fields = ["full_name", "student_number", "employer_name"]
    ordering_fields = ["graduation_year", "student_number"]
    actions_checked_by_services = frozenset({"confirm"})

    def base_queryset(self):
        return GraduateOutcome.objects.select_related("institution", "major", "cohort", "employer")

    def scope(self, queryset, actor):
        return outcomes_visible_to(actor, queryset)

    def can_write(self, obj, actor: Actor) -> bool:
        return obj.institution_id in actor.admin_school_ids

    def can_create(self, actor: Actor) -> bool:
        return actor.is_school_admin

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.setdefault("reported_on", timezone.localdate())
        outcome = GraduateOutcome(**data)
        serializer.instance = services.outcome_save(actor=self.actor, outcome=outcome)

    def perform_update(self, serializer):
        outcome = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(outcome, name, value)
        serializer.instance = services.outcome_save(actor=self.actor, outcome=outcome)

    @extend_schema(request=None, responses=OutcomeSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        outcome = services.outcome_confirm(actor=self.actor, outcome=self.get_object())
        return Response(self.get_serializer(outcome).data)

    @extend_schema(request=SelfReportSerializer, responses={201: OutcomeSerializer})
    @action(detail=False, methods=["post"], url_path="self-report")
    def self_report(self, request):
        """A graduate reports their own outcome; it counts once their school confirms it."""
        services.outcome_require_graduate(actor=self.actor)
        data = SelfReportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        outcome = services.outcome_self_report(actor=self.actor, **data.validated_data)
        return Response(self.get_serializer(outcome).data, status=status.HTTP_201_CREATED)


class OutcomeImportView(SchoolAdminImportView):
    """Import graduate outcomes from the school's employment report sheet (dry run first)."""

    @import_schema(name="OutcomeImportResult")
    def post(self, request):
        upload = self.read_upload(request)
        result = outcome_import.outcomes_import(
            institution=upload.institution, actor=actor_for(request.user), upload=upload.file, dry_run=upload.dry_run
        )
        return result_response(result, upload.dry_run)


class OutcomeTemplateView(TemplateView):
    columns = outcome_import.COLUMNS
    notes = outcome_import.NOTES
    filename = "graduate-outcomes-template.xlsx"
    title = _("Graduate outcome import template")
    sheet = _("Graduate outcomes")


RATE_COLUMNS = [
    ("name", _("group")), ("graduates", _("graduates")), ("known", _("known outcome")),
    ("knowledge_rate", _("knowledge rate")), ("working", _("working or self-employed")),
    ("stayed", _("stayed in Wuhan")), ("retention", _("retention")), ("demo", _("demo data")),
]  # fmt: skip


def demo_marked(rows: list[dict]) -> list[dict]:
    """Rows for a download: a row that counts generated demo records says 演示数据 in its `demo` column, as
    the page says it on screen; the others leave it empty."""
    mark = str(_("demo data"))
    return [{**row, "demo": mark if row.get("demo") else ""} for row in rows]


def _report_scope(request) -> frozenset[int] | None:
    """The schools whose figures the user reads: None for the city's analysts (every school)."""
    actor = actor_for(request.user)
    if not (actor.is_city_analyst or actor.school_ids):
        raise exceptions.PermissionDenied(_("The Stay-in-Wuhan report is for city analysts and school staff."))
    return None if actor.is_city_analyst else actor.school_ids


@extend_schema(
    parameters=[ReportParams, *filterset_parameters(StayFilter)],
    responses=with_downloads(StayReportSerializer, "xlsx", "csv"),
)
@api_view(["GET"])
def stay_report(request):
    """The Stay-in-Wuhan report: the definitions, the totals, a breakdown, the trend over years and the flow
    from institution to district, for the filters given (they compose). `format=xlsx|csv` exports `table`.
    Read from the report's aggregates (alumni.rollups), which change with every outcome; `includes_demo` says
    whether generated demo outcomes are among the figures."""
    params = read_query(request, StayFilter, ReportParams)
    school_ids = _report_scope(request)
    with report.short_queries(replica=True):  # from the read replica when there is one
        return _stay_report(params, school_ids)


def _stay_report(params: dict, school_ids) -> Response:
    by, fmt, table = params["by"], params["format"], params["table"]
    if fmt in ("xlsx", "csv"):
        if table == "trend":
            rows = report.breakdown(report.rollup_for({"year"}, params=params, school_ids=school_ids), "year")
            rows = demo_marked(rows)
            return table_response(rows, RATE_COLUMNS, fmt, "stay-in-wuhan-trend", title=_("Stay in Wuhan by year"))
        if table == "flow":
            columns = [("source", _("institution")), ("target", _("district")), ("value", _("stayed in Wuhan")),
                       ("demo", _("demo data"))]  # fmt: skip
            links = report.flow(report.rollup_for({"institution", "district"}, params=params, school_ids=school_ids))
            links = demo_marked(links)
            return table_response(links, columns, fmt, "stay-in-wuhan-flow", title=_("Stay in Wuhan flows"))
        rows = report.breakdown(report.rollup_for({by}, params=params, school_ids=school_ids), by)
        group = GraduateOutcome._meta.get_field(report.BREAKDOWNS[by][0].removesuffix("_id")).verbose_name
        title = _("Stay in Wuhan by %(group)s") % {"group": group}
        return table_response(demo_marked(rows), RATE_COLUMNS, fmt, f"stay-in-wuhan-by-{by}", title=title)
    figures = report.stay_figures(params=params, by=by, school_ids=school_ids, largest=settings.STAY_BREAKDOWN_ROWS)
    trend = figures["trend"]
    return Response(
        {
            "definitions": [
                {"key": k, "label": str(label), "text": str(text)} for k, label, text in report.DEFINITIONS
            ],
            "summary": report.summary_from(trend),  # the totals are the sum of the years: no extra scan
            "by": by,
            "breakdown": figures["breakdown"],
            "rest": figures["rest"],
            "trend": trend,
            "flow": figures["flow"],
            "years": [row["key"] for row in trend],
            "includes_demo": figures["includes_demo"],
        }
    )


@extend_schema(
    parameters=[ConversionParams, *filterset_parameters(StayFilter)],
    responses=with_downloads(ConversionSerializer, "xlsx", "csv"),
)
@api_view(["GET"])
def conversion(request):
    """Internship-to-hire by company and by base. Company staff see their own company's figures."""
    params = read_query(request, StayFilter, ConversionParams)
    actor = actor_for(request.user)
    company_ids = None
    if actor.is_city_analyst or actor.school_ids:
        pass
    elif actor.company_ids:
        company_ids = set(actor.company_ids)
    else:
        raise exceptions.PermissionDenied(_("Only analysts, school staff and company staff read conversion figures."))
    school_ids = None if (actor.is_city_analyst or not actor.school_ids) else set(actor.school_ids)
    with report.short_queries():
        data = report.conversion_figures(params=params, school_ids=school_ids, company_ids=company_ids)
    fmt = params["format"]
    if fmt in ("xlsx", "csv"):
        columns = [("name", _("name")), ("interns", _("interns who completed a placement")), ("hired", _("hired")),
                   ("stayed", _("hired and in Wuhan")), ("rate", _("conversion rate")),
                   ("demo", _("demo data"))]  # fmt: skip
        table = params["table"]
        return table_response(
            demo_marked(data["bases" if table == "bases" else "companies"]),
            columns,
            fmt,
            f"internship-to-hire-{table}",
            title=_("Internship-to-hire by base") if table == "bases" else _("Internship-to-hire by company"),
        )
    return Response(data)


class TalentRuleViewSet(ScopedViewSet):
    """The talent-points model's rules: the platform's own model, not official policy; analysts edit points."""

    serializer_class = TalentRuleSerializer
    http_method_names = ["get", "patch", "head", "options"]
    lookup_value_regex = "[a-z_]+"
    pagination_class = None

    def base_queryset(self):
        return TalentRule.objects.order_by("order")

    def scope(self, queryset, actor):
        return queryset

    def can_write(self, obj, actor: Actor) -> bool:
        return actor.is_city_analyst

    def perform_update(self, serializer):
        if "points" not in serializer.validated_data:
            return  # a PATCH without points changes nothing (it was a KeyError, a 500)
        serializer.instance = services.talent_rule_update(
            actor=self.actor,
            rule=serializer.instance,
            points=serializer.validated_data["points"],
        )


@extend_schema(parameters=[TalentPointsParams], responses=with_downloads(PointsBoardSerializer, "xlsx", "csv"))
@api_view(["GET"])
def talent_points(request):
    """The yearly leaderboard with each company's breakdown and subsidy eligibility. Analysts and school staff
    see every company; company staff see their own."""
    params = read_params(TalentPointsParams, request)
    actor = actor_for(request.user)
    year = params.get("year") or timezone.localdate().year
    if actor.is_city_analyst or actor.school_ids:
        board = points.leaderboard(year)
    elif actor.company_ids:
        # A vetted company's staff see their own row; a company under review does nothing but edit its profile.
        board = points.leaderboard(year, company_ids=set(actor.company_ids))
    else:
        raise exceptions.PermissionDenied(_("Only analysts, school staff and company staff read talent points."))
    fmt = params["format"]
    if fmt in ("xlsx", "csv"):
        rules = list(TalentRule.objects.exclude(code=points.THRESHOLD))
        rows = []
        for row in board["rows"]:
            flat = {"rank": row["rank"], "name": row["name"], "total": row["total"], "eligible": row["eligible"],
                    "demo": row["demo"]}  # fmt: skip
            for part in row["breakdown"]:
                flat[part["rule"]] = part["points"]
            rows.append(flat)
        columns = [
            ("rank", _("rank")),
            ("name", _("company")),
            ("total", _("points")),
            ("eligible", _("subsidy eligible")),
        ]
        columns += [(r.code, r.label) for r in rules]
        columns.append(("demo", _("demo data")))
        title = _("Talent points %(year)s") % {"year": year}
        return table_response(demo_marked(rows), columns, fmt, f"talent-points-{year}", title=title)
    board["note"] = str(_("The platform's own points model, editable by city analysts; not official policy."))
    return Response(board)
