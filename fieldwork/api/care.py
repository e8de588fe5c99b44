"""The API of teacher visits, incidents and students' reviews (issue 17). Rules live in fieldwork.visits,
fieldwork.incidents and fieldwork.reviews; these views read the forms and shape the answers."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, parsers, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.actor import actor_for
from companies.models import Company, TrainingBase
from config.exports import attachment
from config.params import read_params
from config.schema import UPLOADED_FILE
from config.uploads import protected_file_response
from fieldwork import incidents, reviews, visits
from fieldwork.models import (
    Incident,
    IncidentKind,
    IncidentMessage,
    IncidentPhoto,
    IncidentSeverity,
    IncidentStatus,
    PlacementReview,
    RatingSubject,
    Visit,
    VisitMode,
    VisitPhoto,
)
from placements.models import Placement
from placements.selectors import placements_visible_to

PARSERS = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]


class Rating(serializers.Serializer):
    average = serializers.FloatField()
    count = serializers.IntegerField()


class PhotoSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField()


# -- incidents ------------------------------------------------------------------------------------------------


class IncidentMessageSerializer(serializers.ModelSerializer):
    author_name = serializers.SerializerMethodField()

    class Meta:
        model = IncidentMessage
        fields = ["id", "side", "author_name", "body", "created_at"]

    def get_author_name(self, obj) -> str:
        return (obj.author.get_full_name() or obj.author.username) if obj.author else ""


class IncidentSerializer(serializers.ModelSerializer):
    """An incident as its reader may see it: an anonymous one names no one (nothing is stored that would)."""

    company_name = serializers.CharField(source="company.name", read_only=True)
    base_name = serializers.CharField(source="base.name", read_only=True)
    student_name = serializers.SerializerMethodField()
    reporter_name = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()
    answered_late = serializers.SerializerMethodField()
    messages = IncidentMessageSerializer(many=True, read_only=True)
    photos = serializers.SerializerMethodField()
    can_respond = serializers.SerializerMethodField()
    can_close = serializers.SerializerMethodField()
    can_share = serializers.SerializerMethodField()

    class Meta:
        model = Incident
        fields = [
            "id", "kind", "severity", "status", "description", "occurred_at", "reported_at", "response_due_at",
            "first_response_at", "closed_at", "overdue", "answered_late", "anonymous", "reporter_side",
            "reporter_name", "placement", "student_name", "company", "company_name", "base", "base_name",
            "shared_with_company", "messages", "photos", "can_respond", "can_close", "can_share",
        ]  # fmt: skip
        read_only_fields = fields

    def get_student_name(self, obj) -> str | None:
        return obj.placement.student.full_name if obj.placement_id else None

    def get_reporter_name(self, obj) -> str | None:
        return (obj.reporter.get_full_name() or obj.reporter.username) if obj.reporter_id else None

    def get_overdue(self, obj) -> bool:
        return incidents.is_overdue(obj)

    def get_answered_late(self, obj) -> bool:
        return bool(obj.first_response_at and obj.first_response_at > obj.response_due_at)

    @extend_schema_field(PhotoSerializer(many=True))
    def get_photos(self, obj) -> list[dict]:
        return [{"id": p.pk, "url": f"/api/v1/incident-photos/{p.pk}/file/"} for p in obj.photos.all()]

    def get_can_respond(self, obj) -> bool:
        actor = actor_for(self.context["request"].user)
        return obj.status != IncidentStatus.CLOSED and incidents.side_of(actor, obj) is not None

    def get_can_close(self, obj) -> bool:
        actor = actor_for(self.context["request"].user)
        return obj.status == IncidentStatus.RESPONDED and obj.institution_id in actor.school_ids

    def get_can_share(self, obj) -> bool:
        actor = actor_for(self.context["request"].user)
        return not obj.anonymous and obj.institution_id in actor.admin_school_ids


class IncidentCreatedSerializer(IncidentSerializer):
    """The answer to a report: for an anonymous one, the follow-up code, shown this once (only its digest is kept)."""

    follow_up_code = serializers.SerializerMethodField()

    class Meta(IncidentSerializer.Meta):
        fields = [*IncidentSerializer.Meta.fields, "follow_up_code"]
        read_only_fields = fields

    def get_follow_up_code(self, obj) -> str | None:
        return getattr(obj, "follow_up_code", None)


class AnonymousIncidentSerializer(serializers.ModelSerializer):
    """An anonymous report as its holder of the follow-up code reads it: what they reported, where it stands and
    the thread, each message by its side only (no one's name either way)."""

    company_name = serializers.CharField(source="company.name", read_only=True)
    base_name = serializers.CharField(source="base.name", read_only=True)
    messages = serializers.SerializerMethodField()

    class Meta:
        model = Incident
        fields = [
            "kind", "severity", "status", "description", "occurred_at", "reported_at", "first_response_at",
            "closed_at", "company_name", "base_name", "messages",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(IncidentMessageSerializer(many=True))
    def get_messages(self, obj) -> list[dict]:
        return [{"id": m.pk, "side": m.side, "author_name": "", "body": m.body, "created_at": m.created_at}
                for m in obj.messages.all()]  # fmt: skip


class FollowUpInput(serializers.Serializer):
    code = serializers.CharField(max_length=64)


class FollowUpReplyInput(FollowUpInput):
    body = serializers.CharField(max_length=4000)


class IncidentReportSerializer(serializers.Serializer):
    placement = serializers.PrimaryKeyRelatedField(queryset=Placement.objects.none())
    kind = serializers.ChoiceField(choices=IncidentKind.choices)
    severity = serializers.ChoiceField(choices=IncidentSeverity.choices)
    description = serializers.CharField(max_length=4000)
    occurred_at = serializers.DateTimeField()
    anonymous = serializers.BooleanField(default=False)
    photos = serializers.ListField(
        child=serializers.FileField(), required=False, max_length=incidents.MAX_PHOTOS, allow_empty=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")  # none while the schema is generated
        if request is None:
            return
        actor = actor_for(request.user)
        self.fields["placement"].queryset = placements_visible_to(actor).select_related(
            "student__advisor", "slot__base", "teacher", "mentor"
        )


class IncidentMessageInput(serializers.Serializer):
    body = serializers.CharField(max_length=4000)


class IncidentShareInput(serializers.Serializer):
    shared = serializers.BooleanField()


class IncidentParams(serializers.Serializer):
    status = serializers.ChoiceField(choices=IncidentStatus.choices, required=False)
    severity = serializers.ChoiceField(choices=IncidentSeverity.choices, required=False)
    overdue = serializers.BooleanField(required=False, allow_null=True, default=None)


class IncidentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Incidents of placements: reported by anyone involved, answered against the clock, closed by the school."""

    serializer_class = IncidentSerializer
    parser_classes = PARSERS

    def get_queryset(self):
        qs = Incident.objects.select_related("company", "base", "placement__student", "reporter").prefetch_related(
            Prefetch("messages", queryset=IncidentMessage.objects.select_related("author")), "photos"
        )
        return incidents.incidents_visible_to(actor_for(self.request.user), qs)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.action != "list":
            return queryset
        params = read_params(IncidentParams, self.request)
        if params.get("status"):
            queryset = queryset.filter(status=params["status"])
        if params.get("severity"):
            queryset = queryset.filter(severity=params["severity"])
        if params.get("overdue") is not None:
            late = {"status": IncidentStatus.OPEN, "response_due_at__lt": timezone.now()}
            queryset = queryset.filter(**late) if params["overdue"] else queryset.exclude(**late)
        return queryset

    @extend_schema(parameters=[IncidentParams])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=IncidentReportSerializer, responses={201: IncidentCreatedSerializer})
    def create(self, request, *args, **kwargs):
        actor = actor_for(request.user)
        incidents.incident_require_reporter(actor=actor)  # before the form: others get a 403, not a 400
        form = IncidentReportSerializer(data=request.data, context={"request": request})
        form.is_valid(raise_exception=True)
        incident = incidents.incident_report(actor=actor, **form.validated_data)
        code = incident.follow_up_code
        incident = Incident.objects.select_related("company", "base", "placement__student", "reporter").get(
            pk=incident.pk
        )
        incident.follow_up_code = code
        return Response(IncidentCreatedSerializer(incident, context={"request": request}).data, status=201)

    def _anonymous(self, incident):
        incident = Incident.objects.select_related("company", "base").prefetch_related("messages").get(pk=incident.pk)
        return Response(AnonymousIncidentSerializer(incident).data)

    @extend_schema(request=FollowUpInput, responses=AnonymousIncidentSerializer)
    @action(detail=False, methods=["post"], url_path="follow-up")
    def follow_up(self, request):
        """A student reads an anonymous report by its follow-up code (POST: the code stays out of URLs and logs)."""
        actor = actor_for(request.user)
        if not actor.is_student:
            raise exceptions.PermissionDenied(_("Only students follow an anonymous report."))
        form = FollowUpInput(data=request.data)
        form.is_valid(raise_exception=True)
        return self._anonymous(incidents.incident_by_follow_up(actor=actor, **form.validated_data))

    @extend_schema(request=FollowUpReplyInput, responses=AnonymousIncidentSerializer)
    @action(detail=False, methods=["post"], url_path="follow-up/reply")
    def follow_up_reply(self, request):
        """The anonymous reporter answers the school, by the follow-up code."""
        actor = actor_for(request.user)
        if not actor.is_student:
            raise exceptions.PermissionDenied(_("Only students follow an anonymous report."))
        form = FollowUpReplyInput(data=request.data)
        form.is_valid(raise_exception=True)
        message = incidents.incident_follow_up_reply(actor=actor, **form.validated_data)
        return self._anonymous(message.incident)

    def _fresh(self, pk):
        return self.get_queryset().get(pk=pk)

    @extend_schema(request=IncidentMessageInput, responses=IncidentSerializer)
    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        incident = self.get_object()
        form = IncidentMessageInput(data=request.data)
        actor = actor_for(request.user)
        if incidents.side_of(actor, incident) is None:
            raise exceptions.PermissionDenied(
                _("Only the school, the company and the student of this incident write here.")
            )
        form.is_valid(raise_exception=True)
        incidents.incident_respond(actor=actor, incident=incident, **form.validated_data)
        return Response(self.get_serializer(self._fresh(incident.pk)).data)

    @extend_schema(request=None, responses=IncidentSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        incident = incidents.incident_close(actor=actor_for(request.user), incident=self.get_object())
        return Response(self.get_serializer(self._fresh(incident.pk)).data)

    @extend_schema(request=IncidentShareInput, responses=IncidentSerializer)
    @action(detail=True, methods=["post"])
    def share(self, request, pk=None):
        incident = self.get_object()
        actor = actor_for(request.user)
        if incident.institution_id not in actor.admin_school_ids:
            raise exceptions.PermissionDenied(_("The school's administrators decide what the company sees."))
        form = IncidentShareInput(data=request.data)
        form.is_valid(raise_exception=True)
        incidents.incident_share(actor=actor, incident=incident, **form.validated_data)
        return Response(self.get_serializer(self._fresh(incident.pk)).data)


class IncidentPhotoViewSet(viewsets.GenericViewSet):
    """An incident's photos, served only to those who may read the incident."""

    serializer_class = PhotoSerializer

    def get_queryset(self):
        visible = incidents.incidents_visible_to(actor_for(self.request.user))
        return IncidentPhoto.objects.filter(incident__in=visible)

    @extend_schema(responses=UPLOADED_FILE)
    @action(detail=True, methods=["get"])
    def file(self, request, pk=None):
        photo = self.get_object()
        name = f"incident-{photo.incident_id}-{photo.pk}.{photo.extension}"
        return protected_file_response(
            photo.file, content_type=photo.content_type, disposition=attachment(name, name, disposition="inline")
        )


class IncidentCountRow(serializers.Serializer):
    company = serializers.IntegerField()
    company_name = serializers.CharField()
    serious = serializers.IntegerField()
    critical = serializers.IntegerField()
    unanswered = serializers.IntegerField()


class IncidentCountParams(serializers.Serializer):
    days = serializers.IntegerField(min_value=1, max_value=3650, default=365)


class IncidentCountViewSet(viewsets.ViewSet):
    """Serious and critical incidents per company, as counts only: for the city's analysts."""

    @extend_schema(parameters=[IncidentCountParams], responses=IncidentCountRow(many=True))
    def list(self, request):
        if not actor_for(request.user).is_city_analyst:
            raise exceptions.PermissionDenied(_("These figures are for the city's analysts."))
        days = read_params(IncidentCountParams, request)["days"]
        rows = incidents.serious_counts_by_company(since=timezone.now() - timedelta(days=days))
        return Response(IncidentCountRow(rows, many=True).data)


# -- visits ---------------------------------------------------------------------------------------------------


class VisitSerializer(serializers.ModelSerializer):
    visitor_name = serializers.CharField(source="visitor.full_name", read_only=True)
    base_name = serializers.CharField(source="base.name", read_only=True)
    student_name = serializers.SerializerMethodField()
    photos = serializers.SerializerMethodField()

    class Meta:
        model = Visit
        fields = [
            "id", "visited_on", "mode", "findings", "placement", "student_name", "base", "base_name",
            "visitor_name", "photos", "created_at", "is_demo",
        ]  # fmt: skip
        read_only_fields = fields

    def get_student_name(self, obj) -> str | None:
        return obj.placement.student.full_name if obj.placement_id else None

    @extend_schema_field(PhotoSerializer(many=True))
    def get_photos(self, obj) -> list[dict]:
        return [{"id": p.pk, "url": f"/api/v1/visit-photos/{p.pk}/file/"} for p in obj.photos.all()]


class VisitRecordSerializer(serializers.Serializer):
    placement = serializers.PrimaryKeyRelatedField(queryset=Placement.objects.none(), required=False, allow_null=True)
    base = serializers.PrimaryKeyRelatedField(queryset=TrainingBase.objects.all(), required=False, allow_null=True)
    visited_on = serializers.DateField()
    mode = serializers.ChoiceField(choices=VisitMode.choices)
    findings = serializers.CharField(max_length=4000)
    photos = serializers.ListField(
        child=serializers.FileField(), required=False, max_length=visits.MAX_PHOTOS, allow_empty=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")  # none while the schema is generated
        if request is None:
            return
        actor = actor_for(request.user)
        self.fields["placement"].queryset = Placement.objects.filter(
            student__institution_id__in=actor.school_ids
        ).select_related("student", "slot__base")


class VisitParams(serializers.Serializer):
    placement = serializers.IntegerField(required=False, min_value=1, max_value=2**62)


class VisitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Teachers' visits to placements and bases: the school's own record."""

    serializer_class = VisitSerializer
    parser_classes = PARSERS

    def get_queryset(self):
        qs = Visit.objects.select_related("visitor", "base", "placement__student").prefetch_related("photos")
        return visits.visits_visible_to(actor_for(self.request.user), qs)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.action == "list":
            placement = read_params(VisitParams, self.request).get("placement")
            if placement:
                queryset = queryset.filter(placement_id=placement)
        return queryset

    @extend_schema(parameters=[VisitParams])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=VisitRecordSerializer, responses={201: VisitSerializer})
    def create(self, request, *args, **kwargs):
        actor = actor_for(request.user)
        visits.visit_require_recorder(actor=actor)
        form = VisitRecordSerializer(data=request.data, context={"request": request})
        form.is_valid(raise_exception=True)
        visit = visits.visit_record(actor=actor, **form.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=visit.pk)).data, status=201)


class VisitPhotoViewSet(viewsets.GenericViewSet):
    serializer_class = PhotoSerializer

    def get_queryset(self):
        return VisitPhoto.objects.filter(visit__in=visits.visits_visible_to(actor_for(self.request.user)))

    @extend_schema(responses=UPLOADED_FILE)
    @action(detail=True, methods=["get"])
    def file(self, request, pk=None):
        photo = self.get_object()
        name = f"visit-{photo.visit_id}-{photo.pk}.{photo.extension}"
        return protected_file_response(
            photo.file, content_type=photo.content_type, disposition=attachment(name, name, disposition="inline")
        )


class CoverageRowSerializer(serializers.Serializer):
    placement = serializers.IntegerField(source="placement.pk")
    student_name = serializers.CharField(source="placement.student.full_name")
    company_name = serializers.CharField(source="placement.slot.company.name")
    base = serializers.IntegerField(source="placement.slot.base_id")
    base_name = serializers.CharField(source="placement.slot.base.name")
    teacher_name = serializers.SerializerMethodField()
    visits = serializers.IntegerField()
    required = serializers.IntegerField()
    missing = serializers.IntegerField()
    last_visit = serializers.DateField(allow_null=True)

    def get_teacher_name(self, obj) -> str:
        return obj.placement.teacher.full_name if obj.placement.teacher_id else ""


class CoverageParams(serializers.Serializer):
    mine = serializers.BooleanField(required=False, default=False)


class VisitCoverageViewSet(viewsets.ViewSet):
    """Running placements and their visits this term against the school's number, those missing most first."""

    @extend_schema(parameters=[CoverageParams], responses=CoverageRowSerializer(many=True))
    def list(self, request):
        actor = actor_for(request.user)
        if not actor.school_ids:
            raise exceptions.PermissionDenied(_("Visit coverage is for the school's staff."))
        mine = read_params(CoverageParams, request)["mine"]
        return Response(CoverageRowSerializer(visits.visit_coverage(actor, mine=mine), many=True).data)


# -- reviews and ratings --------------------------------------------------------------------------------------


class PlacementReviewSerializer(serializers.ModelSerializer):
    company_name = serializers.CharField(source="company.name", read_only=True)
    base_name = serializers.CharField(source="base.name", read_only=True)

    class Meta:
        model = PlacementReview
        fields = [
            "id", "placement", "company", "company_name", "base", "base_name", "company_stars", "base_stars",
            "mentor_stars", "company_comment", "base_comment", "mentor_comment", "created_at",
        ]  # fmt: skip
        read_only_fields = ["id", "company", "company_name", "base", "base_name", "created_at"]
        extra_kwargs = {"mentor_stars": {"required": False}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "placement" in self.fields:
            actor = actor_for(request.user)
            self.fields["placement"].queryset = Placement.objects.filter(student_id=actor.student_id).select_related(
                "student", "slot"
            )


class ReviewParams(serializers.Serializer):
    placement = serializers.IntegerField(required=False, min_value=1, max_value=2**62)


class PlacementReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """A student's review of a finished placement; read by the student and their school, never the company."""

    serializer_class = PlacementReviewSerializer

    def get_queryset(self):
        qs = PlacementReview.objects.select_related("company", "base")
        return reviews.reviews_visible_to(actor_for(self.request.user), qs)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.action == "list":
            placement = read_params(ReviewParams, self.request).get("placement")
            if placement:
                queryset = queryset.filter(placement_id=placement)
        return queryset

    @extend_schema(parameters=[ReviewParams])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=PlacementReviewSerializer, responses={201: PlacementReviewSerializer})
    def create(self, request, *args, **kwargs):
        actor = actor_for(request.user)
        reviews.review_require_student(actor=actor)
        form = self.get_serializer(data=request.data)
        form.is_valid(raise_exception=True)
        review = reviews.review_submit(actor=actor, **form.validated_data)
        return Response(self.get_serializer(review).data, status=201)


class RatedBase(serializers.Serializer):
    base = serializers.IntegerField()
    base_name = serializers.CharField()
    rating = Rating(allow_null=True)


class SchoolComment(serializers.Serializer):
    base_name = serializers.CharField()
    term = serializers.CharField()
    company_stars = serializers.IntegerField()
    company_comment = serializers.CharField()
    base_comment = serializers.CharField()
    mentor_comment = serializers.CharField()


class CompanyRatingSerializer(serializers.Serializer):
    company = serializers.IntegerField()
    company_name = serializers.CharField()
    rating = Rating(allow_null=True)
    bases = RatedBase(many=True)
    comments = SchoolComment(many=True)


class CompanyRatingViewSet(viewsets.GenericViewSet):
    """A company's published averages (from five ratings up), for schools vetting it and students choosing a
    slot, with the comments of the reader's own school's students (schools only). Never for the company."""

    serializer_class = CompanyRatingSerializer

    def get_queryset(self):
        actor = actor_for(self.request.user)
        if not (actor.school_ids or actor.is_student):
            return Company.objects.none()
        return Company.objects.all()

    def retrieve(self, request, pk=None):
        company = self.get_object()
        actor = actor_for(request.user)
        bases = list(TrainingBase.objects.filter(company=company).order_by("name"))
        base_ratings = reviews.published_ratings(RatingSubject.BASE, [b.pk for b in bases])
        comments = []
        if actor.school_ids:
            mine = PlacementReview.objects.filter(company=company, institution_id__in=actor.school_ids)
            for r in mine.select_related("base", "placement").order_by("-created_at")[:50]:
                if r.company_comment or r.base_comment or r.mentor_comment:
                    comments.append(
                        {
                            "base_name": r.base.name,
                            "term": r.placement.term,
                            "company_stars": r.company_stars,
                            "company_comment": r.company_comment,
                            "base_comment": r.base_comment,
                            "mentor_comment": r.mentor_comment,
                        }
                    )
        data = {
            "company": company.pk,
            "company_name": company.name,
            "rating": reviews.published_ratings(RatingSubject.COMPANY, [company.pk]).get(company.pk),
            "bases": [
                {"base": b.pk, "base_name": b.name, "rating": base_ratings.get(b.pk)}
                for b in bases
                if b.pk in base_ratings
            ],
            "comments": comments,
        }
        return Response(CompanyRatingSerializer(data).data)
