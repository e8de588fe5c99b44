from __future__ import annotations

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, parsers, permissions, status, viewsets
from rest_framework import serializers as drf_serializers
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.response import Response

from accounts.actor import Actor, actor_for
from companies.listing import delisted_annotation
from companies.models import CompanyMember, SiteInspection
from config.exports import attachment, file_title
from config.params import IdParam, read_params
from config.schema import UPLOADED_FILE
from config.uploads import protected_file_response, thumbnail_or_original
from config.viewsets import ScopedViewSet
from core.api.serializers import BackgroundJobSerializer
from core.api.views import job_accepted
from core.jobs import job_start
from core.models import Job
from placements import export_jobs, services
from placements.api import serializers as s
from placements.api.responses import EligibilitySerializer
from placements.choices import JournalStatus, SlotStatus
from placements.filters import BreachReportFilter, JournalFilter, PlacementFilter, SlotFilter
from placements.models import (
    BreachReport,
    HoursException,
    Journal,
    JournalPhoto,
    Placement,
    PlacementDocument,
    PlacementEvent,
    SafetyTraining,
    SchoolPolicy,
    Slot,
)
from placements.rules import BASES, ineligibility
from placements.selectors import (
    breaches_visible_to,
    journals_for_review,
    journals_visible_to,
    placed_terms,
    placements_visible_to,
    places_left,
    slots_visible_to,
    with_counts,
)
from placements.services import documents as papers
from placements.services import hours, journals
from placements.services.breaches import breach_require_answerer, breach_require_reporter
from placements.services.hours import exceptions_visible_to
from placements.services.policies import policy_update
from placements.transitions import authorize
from schools.models import Institution, Student


class SlotViewSet(ScopedViewSet):
    """Placement slots: companies post them; students browse and apply to the open ones."""

    serializer_class = s.SlotSerializer
    filterset_class = SlotFilter
    search_fields = ["title", "description", "company__name", "base__name"]
    ordering_fields = ["created_at", "start_date", "stipend", "application_deadline", "capacity"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def base_queryset(self):
        return with_counts(
            Slot.objects.select_related("company", "base", "job_cluster", "mentor__user").prefetch_related(
                "majors", "review_schools", "hours_exceptions"
            )
        ).order_by("-created_at", "-id")

    def scope(self, queryset, actor):
        return slots_visible_to(actor, queryset)

    def can_write(self, obj, actor: Actor) -> bool:
        return obj.company_id in actor.hr_company_ids

    # The school's review of a slot held for high-risk work: its service checks the reviewer.
    actions_checked_by_services = frozenset({"approve_review", "refuse_review"})

    def can_create(self, actor: Actor) -> bool:
        # HR of a company under review gets through to the check that explains why it cannot post yet.
        return bool(actor.hr_company_ids or actor.pending_hr_company_ids)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        majors = data.pop("majors")
        publish = data.pop("publish", False)
        company = data["base"].company
        serializer.instance = services.slot_create(
            actor=self.actor, company=company, majors=majors, publish=publish, **data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("publish", None)
        majors = data.pop("majors", None)
        serializer.instance = services.slot_update(actor=self.actor, slot=serializer.instance, majors=majors, **data)

    def _reload(self, slot):
        return Response(self.get_serializer(self.base_queryset().get(pk=slot.pk)).data)

    @extend_schema(request=None, responses=s.SlotSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Open the slot for applications (checks the regulation again)."""
        return self._reload(services.slot_publish(actor=self.actor, slot=self.get_object()))

    @extend_schema(request=None, responses=s.SlotSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._reload(services.slot_close(actor=self.actor, slot=self.get_object()))

    @extend_schema(request=None, responses=s.SlotSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._reload(services.slot_cancel(actor=self.actor, slot=self.get_object()))

    def _review(self, request, service):
        data = s.RequiredReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._reload(service(actor=self.actor, slot=self.get_object(), reason=data.validated_data["reason"]))

    @extend_schema(request=s.RequiredReasonSerializer, responses=s.SlotSerializer)
    @action(detail=True, methods=["post"], url_path="approve-review")
    def approve_review(self, request, pk=None):
        """A school admin approves a slot held for naming high-risk work (art. 17): it opens."""
        return self._review(request, services.slot_review_approve)

    @extend_schema(request=s.RequiredReasonSerializer, responses=s.SlotSerializer)
    @action(detail=True, methods=["post"], url_path="refuse-review")
    def refuse_review(self, request, pk=None):
        """A school admin refuses a slot held for naming high-risk work: back to draft, with the reason."""
        return self._review(request, services.slot_review_refuse)

    @extend_schema(responses=EligibilitySerializer)
    @action(detail=True, methods=["get"])
    def eligibility(self, request, pk=None):
        """Whether the signed-in student may apply, and why not."""
        slot = self.get_object()
        if not self.actor.student_id:
            return Response({"eligible": False, "reasons": [str(_("Only students apply to slots."))]})
        student = Student.objects.select_related("cohort__major").get(pk=self.actor.student_id)
        reasons = ineligibility(student, slot)
        if slot.status == SlotStatus.OPEN and places_left(slot) == 0:  # no waiting list: nobody may apply
            reasons = [_("The slot is full: all %(n)d places are confirmed.") % {"n": slot.capacity}, *reasons]
        if slot.status == SlotStatus.OPEN and slot.application_deadline < timezone.localdate():
            reasons = [_("The application deadline of this slot has passed."), *reasons]
        if slot.term in placed_terms(student):
            reasons = [_("You already have a confirmed placement this term."), *reasons]
        return Response({"eligible": not reasons, "reasons": reasons})


class PlacementViewSet(ScopedViewSet):
    """Applications and placements. POST applies to a slot; actions move the placement along its lifecycle."""

    serializer_class = s.PlacementSerializer
    filterset_class = PlacementFilter
    search_fields = ["student__full_name", "student__student_number", "slot__title", "slot__company__name"]
    ordering_fields = ["created_at", "updated_at", "rank", "status"]
    http_method_names = ["get", "post", "head", "options"]
    services_check_writes = True

    def base_queryset(self):
        qs = Placement.objects.select_related(
            "student__institution",
            "student__cohort__major",
            "student__advisor__user",
            "slot__company",
            "slot__base",
            "mentor__user",
            "teacher__user",
        ).prefetch_related(
            # What the start needs (missing_paperwork) is read from these, never a query per row.
            Prefetch("slot__base__inspections", queryset=SiteInspection.objects.order_by("-inspected_on", "-id")),
            Prefetch("safety_trainings", queryset=SafetyTraining.objects.select_related("recorded_by")),
            Prefetch(
                "documents",
                queryset=PlacementDocument.objects.select_related("uploaded_by", "checked_by", "returned_by"),
            ),
            Prefetch("assessments", queryset=s.Assessment.objects.select_related("assessor", "paper_scan")),
            "slot__hours_exceptions",
            "guardian_consents",
            "filings",
            "cross_province_approvals",
        )
        # Whether the company can assess here at all (assessments.company_on_platform), and whether the student's
        # school took it off its list (lifecycle.delisted_refusal), without a query a row.
        qs = qs.annotate(
            company_delisted=delisted_annotation(institution="student__institution_id", company="slot__company_id"),
            company_has_staff=Exists(
                CompanyMember.objects.filter(
                    company_id=OuterRef("slot__company_id"), archived_at__isnull=True, user__is_active=True
                )
            ),
        )
        if self.action == "retrieve":
            qs = qs.prefetch_related(Prefetch("events", queryset=PlacementEvent.objects.select_related("actor")))
        return qs.order_by("rank", "-created_at") if self.actor.student_id else qs.order_by("-updated_at", "-id")

    def scope(self, queryset, actor):
        return placements_visible_to(actor, queryset)

    def can_create(self, actor: Actor) -> bool:
        return actor.is_student

    def get_serializer_class(self):
        return s.PlacementDetailSerializer if self.action == "retrieve" else s.PlacementSerializer

    def _detail(self, placement, code=status.HTTP_200_OK):
        queryset = self.base_queryset()
        if self.action != "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch("events", queryset=PlacementEvent.objects.select_related("actor"))
            )
        placement = queryset.get(pk=placement.pk)
        return Response(s.PlacementDetailSerializer(placement, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=s.ApplySerializer, responses={201: s.PlacementDetailSerializer})
    def create(self, request, *args, **kwargs):
        """A student applies to a slot."""
        if not self.can_create(self.actor):
            raise exceptions.PermissionDenied(_("Only students apply to slots."))
        data = s.ApplySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        slot = data.validated_data["slot"]
        if not slots_visible_to(self.actor, Slot.objects.filter(pk=slot.pk)).exists():
            raise exceptions.ValidationError({"slot": [_("This slot is not open for applications.")]})
        placement = services.application_submit(
            actor=self.actor,
            slot=slot,
            statement=data.validated_data.get("statement", ""),
            rank=data.validated_data.get("rank"),
        )
        return self._detail(placement, status.HTTP_201_CREATED)

    def _reasoned(self, request, service, **extra):
        placement = self.get_object()  # someone else's placement is a 404 whatever the body says
        data = s.ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        placement = service(
            actor=self.actor, placement=placement, reason=data.validated_data.get("reason", ""),
            **extra
        )  # fmt: skip
        return self._detail(placement)

    @extend_schema(request=s.ReasonSerializer, responses=s.PlacementDetailSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._reasoned(request, services.application_withdraw)

    @extend_schema(request=s.ReasonSerializer, responses=s.PlacementDetailSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._reasoned(request, services.placement_approve)

    @extend_schema(request=s.ReasonSerializer, responses=s.PlacementDetailSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._reasoned(request, services.placement_reject)

    @extend_schema(request=s.ReasonSerializer, responses=s.PlacementDetailSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return self._reasoned(request, services.placement_confirm)

    @extend_schema(request=s.ReasonSerializer, responses=s.PlacementDetailSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._reasoned(request, services.placement_decline)

    @extend_schema(request=None, responses=s.PlacementDetailSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        return self._detail(services.placement_start(actor=self.actor, placement=self.get_object()))

    @extend_schema(request=s.ReasonSerializer, responses=s.PlacementDetailSerializer)
    @action(detail=True, methods=["post"], url_path="request-end")
    def request_end(self, request, pk=None):
        return self._reasoned(request, services.placement_request_end)

    @extend_schema(request=s.DecideEndSerializer, responses=s.PlacementDetailSerializer)
    @action(detail=True, methods=["post"], url_path="decide-end")
    def decide_end(self, request, pk=None):
        placement = self.get_object()
        authorize("decide_end", self.actor, placement)  # who, before what they sent: a 403, not a 400
        data = s.DecideEndSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        placement = services.placement_decide_end(actor=self.actor, placement=placement, **data.validated_data)
        return self._detail(placement)

    @extend_schema(request=s.ReasonSerializer, responses=s.PlacementDetailSerializer)
    @action(detail=True, methods=["post"], url_path="waive-journals")
    def waive_journals(self, request, pk=None):
        placement = self.get_object()
        authorize("waive_journals", self.actor, placement)  # who, before what they sent: a 403, not a 400
        return self._reasoned(request, services.journals_waive)

    @extend_schema(request=None, responses=s.PlacementDetailSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        placement = services.placement_complete(actor=self.actor, placement=self.get_object())
        return self._detail(placement)

    @extend_schema(request=s.AssessSerializer, responses=s.PlacementDetailSerializer)
    @action(detail=True, methods=["post"])
    def assess(self, request, pk=None):
        placement = self.get_object()
        data = s.AssessSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.assessment_submit(actor=self.actor, placement=placement, **data.validated_data)
        return self._detail(self.get_object())

    @extend_schema(
        request={"multipart/form-data": s.PaperAssessmentSerializer}, responses={201: s.PlacementDetailSerializer}
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="paper-assessment",
        parser_classes=[parsers.MultiPartParser, parsers.FormParser],
    )
    def paper_assessment(self, request, pk=None):
        """The placement's teacher or a school admin records the company's assessment from the paper form the
        company signed, with its scan: only for a placement whose company has nobody on the platform."""
        placement = self.get_object()
        authorize("record_paper_assessment", self.actor, placement)  # who, before what they sent
        data = s.PaperAssessmentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        upload = fields.pop("file")
        services.paper_assessment_record(actor=self.actor, placement=placement, upload=upload, **fields)
        return self._detail(self.get_object(), status.HTTP_201_CREATED)

    @extend_schema(
        request={"multipart/form-data": s.DocumentUploadSerializer}, responses={201: s.PlacementDetailSerializer}
    )
    @action(detail=True, methods=["post"], parser_classes=[parsers.MultiPartParser, parsers.FormParser])
    def documents(self, request, pk=None):
        """Upload a signed agreement, consent form or insurance policy (PDF, JPEG or PNG)."""
        placement = self.get_object()
        authorize("upload", self.actor, placement)  # a party at all; which papers each uploads, the service says
        data = s.DocumentUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        upload = fields.pop("file")
        services.document_upload(actor=self.actor, placement=placement, upload=upload, **fields)
        return self._detail(self.get_object(), status.HTTP_201_CREATED)

    @extend_schema(request=s.MentorSerializer, responses=s.PlacementDetailSerializer)
    @action(detail=True, methods=["post"])
    def mentor(self, request, pk=None):
        """The company's HR names the placement's company mentor (by default the slot's)."""
        placement = self.get_object()
        authorize("name_mentor", self.actor, placement)  # who, before what they sent: a 403, not a 400
        data = s.MentorSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.placement_name_mentor(actor=self.actor, placement=placement, **data.validated_data)
        return self._detail(placement)

    @extend_schema(request=s.TeacherSerializer, responses=s.PlacementDetailSerializer)
    @action(detail=True, methods=["post"])
    def teacher(self, request, pk=None):
        """The student's school names the placement's teacher (by default the student's advisor)."""
        placement = self.get_object()
        authorize("name_teacher", self.actor, placement)
        data = s.TeacherSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.placement_name_teacher(actor=self.actor, placement=placement, **data.validated_data)
        return self._detail(placement)

    @extend_schema(request=s.SafetyTrainingWriteSerializer, responses={201: s.PlacementDetailSerializer})
    @action(detail=True, methods=["post"], url_path="safety-training")
    def safety_training(self, request, pk=None):
        """The school or the company records the student's safety training and its check (the start needs a
        passed one)."""
        placement = self.get_object()
        authorize("record_training", self.actor, placement)
        data = s.SafetyTrainingWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.safety_training_record(actor=self.actor, placement=placement, **data.validated_data)
        return self._detail(placement, status.HTTP_201_CREATED)

    @extend_schema(request=s.JournalWriteSerializer, responses={201: s.JournalSerializer})
    @action(detail=True, methods=["post"])
    def journals(self, request, pk=None):
        """Submit the next journal (the draft, if any, becomes it, photos included)."""
        placement = self.get_object()
        authorize("journal", self.actor, placement)
        data = s.JournalWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        journal = services.journal_submit(actor=self.actor, placement=placement, **data.validated_data)
        return Response(s.JournalSerializer(journal).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], responses=s.JournalDraftSerializer)
    @extend_schema(methods=["POST"], request=s.JournalDraftWriteSerializer, responses=s.JournalDraftSerializer)
    @action(detail=True, methods=["get", "post"], url_path="journal-draft")
    def journal_draft(self, request, pk=None):
        """The student's next journal: the school's sections and the draft kept so far; POST saves what is typed
        (autosave, or an offline copy sent when back online)."""
        placement = self.get_object()
        if request.method == "POST":
            authorize("journal", self.actor, placement)
            data = s.JournalDraftWriteSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            draft = journals.journal_draft_save(actor=self.actor, placement=placement, **data.validated_data)
        else:
            draft = journals.journal_draft(actor=self.actor, placement=placement)
        body = {"template": journals.journal_template(placement), "draft": draft}
        return Response(s.JournalDraftSerializer(body).data)

    @extend_schema(
        parameters=[OpenApiParameter("status", str, many=True)],
        responses={
            (200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): bytes,
            (202, "application/json"): BackgroundJobSerializer,
        },
    )
    @action(detail=False, methods=["get"])
    def export(self, request):
        """Every placement the viewer may see (with the list's filters) as an XLSX sheet. Over
        settings.JOBS_EXPORT_THRESHOLD rows it becomes a background job (202 with the job; the same file is
        downloaded from /background-jobs/{id}/download/ when done)."""
        if not self.actor.school_ids:
            raise exceptions.PermissionDenied(_("Only school staff export placements."))
        queryset = self.filter_queryset(self.get_queryset())
        if queryset.count() > settings.JOBS_EXPORT_THRESHOLD:
            job = job_start(
                actor=self.actor, kind=Job.Kind.PLACEMENTS_EXPORT, params={"query": request.GET.urlencode()}
            )
            return job_accepted(job, request)
        data, name, fallback, content_type = export_jobs.placements_file(list(queryset[: export_jobs.EXPORT_LIMIT]))
        response = HttpResponse(data, content_type=content_type)
        response["Content-Disposition"] = attachment(name, fallback)
        return response


class PlacementDocumentViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Paperwork files, served only to the placement's parties (never from a public URL)."""

    serializer_class = s.DocumentSerializer

    def get_queryset(self):
        visible = placements_visible_to(actor_for(self.request.user))
        return PlacementDocument.objects.filter(placement__in=visible).select_related(
            "uploaded_by", "checked_by", "returned_by", "placement__student"
        )

    @extend_schema(request=None, responses=s.DocumentSerializer)
    @action(detail=True, methods=["post"])
    def check(self, request, pk=None):
        """Staff of the student's school checked the paper (the guardian's consent form): from now on it counts
        for the start."""
        document = papers.document_check(actor=actor_for(request.user), document=self.get_object())
        return Response(s.DocumentSerializer(document).data)

    @extend_schema(request=s.DocumentReturnSerializer, responses=s.DocumentSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        """Staff of the student's school return the paper with a reason: it counts for nothing, the student is
        told why and uploads another."""
        document = self.get_object()
        actor = actor_for(request.user)
        papers.require_checker(actor, document)  # who, before what they sent: a 403, not a 400
        data = s.DocumentReturnSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        document = papers.document_return(actor=actor, document=document, reason=data.validated_data["reason"])
        return Response(s.DocumentSerializer(document).data)

    @extend_schema(responses=UPLOADED_FILE)
    @action(detail=True, methods=["get"])
    def file(self, request, pk=None):
        document = self.get_object()
        # saved as what it is and whose: 三方协议-张三.pdf
        name = file_title(document.get_kind_display(), document.placement.student.full_name)
        disposition = attachment(
            f"{name}.{document.extension}", f"{document.kind}-{document.pk}.{document.extension}", disposition="inline"
        )
        return protected_file_response(document.file, content_type=document.content_type, disposition=disposition)


class JournalReviewFilter(drf_serializers.Serializer):
    cohort = IdParam(required=False, help_text="Only the students of this class.")
    company = IdParam(required=False, help_text="Only placements at this company.")
    unread = drf_serializers.BooleanField(required=False, allow_null=True, default=None)


class JournalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Journals between a student and their school, and the placement's company mentor; teachers comment (and
    may score), the mentor comments. Lists show submitted journals; a draft is reached through its placement."""

    serializer_class = s.JournalSerializer
    filterset_class = JournalFilter
    ordering_fields = ["submitted_at", "period"]

    def get_queryset(self):
        queryset = journals_visible_to(
            actor_for(self.request.user),
            Journal.objects.select_related(
                "placement__student__cohort", "placement__slot__company", "placement__mentor", "commented_by",
                "mentor_commented_by",
            ).prefetch_related("photos"),
        )  # fmt: skip
        if self.action == "list":
            queryset = queryset.filter(status=JournalStatus.SUBMITTED)
        return queryset.order_by("-submitted_at", "-id")

    @extend_schema(parameters=[JournalReviewFilter], responses=s.JournalSerializer(many=True))
    @action(detail=False, methods=["get"], filterset_class=None, ordering_fields=[])
    def review(self, request):
        """The reviewer's list: every journal of the students they advise (the placement's teacher) or mentor,
        unread first, then the newest; filter by class, company, unread."""
        actor = actor_for(request.user)
        if not (actor.school_ids or actor.company_ids):
            raise exceptions.PermissionDenied(_("Only teachers and company mentors review journals."))
        wanted = read_params(JournalReviewFilter, request)
        queryset = journals_for_review(
            actor,
            Journal.objects.select_related(
                "placement__student__cohort", "placement__slot__company", "commented_by", "mentor_commented_by"
            ).prefetch_related("photos"),
        )
        if wanted.get("cohort"):
            queryset = queryset.filter(placement__student__cohort_id=wanted["cohort"])
        if wanted.get("company"):
            queryset = queryset.filter(placement__slot__company_id=wanted["company"])
        if wanted.get("unread") is not None:
            queryset = queryset.filter(unread=wanted["unread"])
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(s.JournalSerializer(page, many=True).data)

    @extend_schema(request=None, responses=s.JournalSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        """A reviewer opened the journal: it leaves their unread."""
        journal = self.get_object()
        journals.journal_mark_read(actor=actor_for(request.user), journal=journal)
        journal.unread = False
        return Response(s.JournalSerializer(journal).data)

    @extend_schema(request=s.JournalCommentSerializer, responses=s.JournalSerializer)
    @action(detail=True, methods=["post"])
    def comment(self, request, pk=None):
        """The teacher's comment and optional score (0-100), or the company mentor's comment."""
        journal = self.get_object()
        actor = actor_for(request.user)
        if actor.student_id and journal.placement.student_id == actor.student_id:
            raise exceptions.PermissionDenied(_("The student reads the comments; teachers and the mentor write them."))
        data = s.JournalCommentSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        journal = journals.journal_comment(actor=actor, journal=journal, **data.validated_data)
        journal.unread = False
        return Response(s.JournalSerializer(journal).data)

    @extend_schema(
        request={"multipart/form-data": s.JournalPhotoUploadSerializer}, responses={201: s.JournalPhotoSerializer}
    )
    @action(detail=True, methods=["post"], parser_classes=[parsers.MultiPartParser, parsers.FormParser])
    def photos(self, request, pk=None):
        """A photo in the student's draft (JPEG or PNG; verified, re-encoded, EXIF stripped; at most six)."""
        journal = self.get_object()
        actor = actor_for(request.user)
        if journal.placement.student_id != actor.student_id:
            raise exceptions.PermissionDenied(_("Only the student adds photos to their journal."))
        data = s.JournalPhotoUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        photo = journals.journal_photo_add(actor=actor, journal=journal, upload=data.validated_data["file"])
        return Response(s.JournalPhotoSerializer(photo).data, status=status.HTTP_201_CREATED)


class JournalPhotoViewSet(mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """A journal's photos, served only to those who read the journal (never from a public URL); the student
    takes one out of their draft."""

    serializer_class = s.JournalPhotoSerializer

    def get_queryset(self):
        visible = journals_visible_to(actor_for(self.request.user))
        return JournalPhoto.objects.filter(journal__in=visible).select_related("journal__placement")

    @extend_schema(
        parameters=[OpenApiParameter("size", str, enum=["thumb"], description="thumb: the small JPEG, once made")],
        responses=UPLOADED_FILE,
    )
    @action(detail=True, methods=["get"])
    def file(self, request, pk=None):
        """The photo; `?size=thumb` its thumbnail (made by a background task after the upload; the photo itself
        until it is there)."""
        photo = self.get_object()
        stored, content_type = photo.file, photo.content_type
        if request.query_params.get("size") == "thumb":
            stored, thumb_type = thumbnail_or_original(photo.file)
            content_type = thumb_type or content_type
        name = f"photo-{photo.pk}.{photo.extension}"
        disposition = attachment(name, name, disposition="inline")
        return protected_file_response(stored, content_type=content_type, disposition=disposition)

    def perform_destroy(self, instance):
        journals.journal_photo_remove(actor=actor_for(self.request.user), photo=instance)


class BreachReportViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """A student reports a breach to their school; the school answers."""

    serializer_class = s.BreachReportSerializer
    filterset_class = BreachReportFilter

    def get_queryset(self):
        return breaches_visible_to(
            actor_for(self.request.user),
            BreachReport.objects.select_related("student", "company", "responded_by"),
        )

    def create(self, request, *args, **kwargs):
        breach_require_reporter(actor=actor_for(request.user))  # before the form: others get a 403, not a 400
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        data = serializer.validated_data
        placement = data.get("placement")
        serializer.instance = services.breach_report(
            actor=actor_for(self.request.user),
            kind=data["kind"],
            description=data["description"],
            placement=placement,
        )

    @extend_schema(request=s.BreachAnswerSerializer, responses=s.BreachReportSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        report = self.get_object()
        actor = actor_for(request.user)
        breach_require_answerer(actor=actor, report=report)
        data = s.BreachAnswerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.breach_answer(actor=actor, report=report, **data.validated_data)
        return Response(s.BreachReportSerializer(report).data)


class SchoolPolicyViewSet(ScopedViewSet):
    """Each school's placement settings: read by its staff, changed by its admins."""

    serializer_class = s.SchoolPolicySerializer
    http_method_names = ["get", "patch", "head", "options"]

    def base_queryset(self):
        # every school has one from its creation
        return SchoolPolicy.objects.select_related("institution").order_by("institution_id")

    def scope(self, queryset, actor):
        return queryset.filter(institution_id__in=actor.school_ids)

    def can_write(self, obj, actor):
        return obj.institution_id in actor.admin_school_ids

    def perform_update(self, serializer):
        serializer.instance = policy_update(actor=self.actor, policy=serializer.instance, **serializer.validated_data)


class RegulationParams(drf_serializers.Serializer):
    institution = IdParam(
        help_text="Cite as for this school's students; default: the signed-in user's school (a student's, or the "
        "one school of a staff member), else the regulation."
    )


@extend_schema(
    parameters=[RegulationParams],
    responses=s.BasisSerializer(many=True),
)
@api_view(["GET"])
@permission_classes([permissions.AllowAny])
def regulation(request):
    """What each check rests on: the article of 《职业学校学生实习管理规定》 each message cites and its clause, so
    the app shows the clause behind a citation (the "依据" link). For a school outside the regulation (an
    ordinary undergraduate university) the checks that follow the student's school are its own policy and say
    so (source "platform_policy"). Public: it is the public regulation, and a school's kind is public."""
    school = None
    wanted = read_params(RegulationParams, request).get("institution")
    if wanted:
        school = Institution.objects.filter(pk=wanted).first()
    elif "institution" not in request.query_params:
        actor = actor_for(request.user)
        own = {actor.student_institution_id} if actor.student_id else set(actor.school_ids)
        if len(own) == 1:
            school = Institution.objects.filter(pk=own.pop()).first()
    regulated = school is None or school.under_regulation
    return Response([basis.as_dict(regulated=regulated) for basis in BASES.values()])


class HoursExceptionViewSet(ScopedViewSet):
    """Night, overtime or holiday work on a slot (art. 17): its company's HR proposes it, staff of the slot's
    schools approve or refuse it and record it as filed with the education authority."""

    serializer_class = s.HoursExceptionSerializer
    http_method_names = ["get", "post", "head", "options"]
    filterset_fields = ["slot", "status"]
    services_check_writes = True
    create_denied_message = _("Only a company's HR staff propose working-time exceptions for its slots.")

    def base_queryset(self):
        return HoursException.objects.select_related("slot__company", "proposed_by", "decided_by", "filed_by").order_by(
            "-proposed_at", "-id"
        )

    def scope(self, queryset, actor):
        return exceptions_visible_to(actor, queryset)

    def can_create(self, actor: Actor) -> bool:
        return bool(actor.hr_company_ids)

    @extend_schema(request=s.HoursExceptionCreateSerializer, responses={201: s.HoursExceptionSerializer})
    def create(self, request, *args, **kwargs):
        if not self.can_create(self.actor):
            raise exceptions.PermissionDenied(self.create_denied_message)
        data = s.HoursExceptionCreateSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        exception = hours.hours_exception_propose(actor=self.actor, **data.validated_data)
        return Response(self.get_serializer(exception).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.HoursExceptionDecideSerializer, responses=s.HoursExceptionSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Staff of the slot's schools approve or refuse the exception, with a reason."""
        exception = self.get_object()
        hours.require_school_of(self.actor, exception.slot)  # who may, before what they sent
        data = s.HoursExceptionDecideSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        exception = hours.hours_exception_decide(actor=self.actor, exception=exception, **data.validated_data)
        return Response(self.get_serializer(exception).data)

    @extend_schema(request=s.HoursExceptionFileSerializer, responses=s.HoursExceptionSerializer)
    @action(detail=True, methods=["post"])
    def file(self, request, pk=None):
        """The school records the approved exception as filed with the education authority."""
        exception = self.get_object()
        hours.require_school_of(self.actor, exception.slot)
        data = s.HoursExceptionFileSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        exception = hours.hours_exception_file(actor=self.actor, exception=exception, **data.validated_data)
        return Response(self.get_serializer(exception).data)
