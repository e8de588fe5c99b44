"""The careers API: the student's résumé (and its PDF), graduate jobs, applications with their stage moves, and
interviews (pick, cancel, .ics). Every rule is the services'; the views read input and shape answers."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, parsers, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.actor import Actor, actor_for
from careers import services
from careers.api import serializers as s
from careers.documents import interview_ics, resume_content, resume_pdf
from careers.filters import ApplicationFilter, JobFilter
from careers.models import Interview, Job, JobApplication, Resume, ResumeSection
from careers.selectors import (
    applications_visible_to,
    interviews_visible_to,
    jobs_visible_to,
    resume_sections_for,
)
from config.exports import attachment, file_title
from config.parsers import JSONParser
from config.uploads import protected_file_response
from config.viewsets import ScopedViewSet
from schools.models import Student

PDF = {(200, "application/pdf"): OpenApiTypes.BINARY}


def _pdf_response(content: dict, resume: Resume | None) -> HttpResponse:
    photo = None
    if resume is not None and resume.photo and ResumeSection.PHOTO in content["sections"]:
        with resume.photo.open("rb") as stored:
            photo = stored.read()
    response = HttpResponse(resume_pdf(content, photo), content_type="application/pdf")
    name = file_title(str(_("Résumé")), content["full_name"])
    response["Content-Disposition"] = attachment(f"{name}.pdf", f"resume-{content['student_id']}.pdf")
    response["Cache-Control"] = "private, no-store"
    return response


class _StudentView(APIView):
    parser_classes = [JSONParser]

    def _student(self, request) -> tuple[Actor, Student]:
        actor = actor_for(request.user)
        if not actor.is_student:
            raise exceptions.PermissionDenied(_("Only students have a résumé."))
        return actor, Student.objects.select_related("institution", "cohort__major").get(pk=actor.student_id)


class MyResumeView(_StudentView):
    """The signed-in student's résumé: the verified records and what they add, and what companies may see."""

    @extend_schema(responses=s.ResumeSerializer)
    def get(self, request):
        _actor, student = self._student(request)
        return Response(s.ResumeSerializer(services.resume_for(student)).data)

    @extend_schema(request=s.ResumeSerializer, responses=s.ResumeSerializer)
    def patch(self, request):
        actor, student = self._student(request)
        data = s.ResumeSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        resume = services.resume_update(actor=actor, student=student, **data.validated_data)
        return Response(s.ResumeSerializer(resume).data)


class MyResumePdfView(_StudentView):
    @extend_schema(responses=PDF)
    def get(self, request):
        _actor, student = self._student(request)
        resume = services.resume_for(student)
        return _pdf_response(resume_content(student, resume, {x.value for x in ResumeSection}), resume)


class MyResumePhotoView(_StudentView):
    parser_classes = [parsers.MultiPartParser, parsers.FormParser]

    @extend_schema(responses={(200, "image/jpeg"): OpenApiTypes.BINARY, (200, "image/png"): OpenApiTypes.BINARY})
    def get(self, request):
        _actor, student = self._student(request)
        resume = services.resume_for(student)
        if not resume.photo:
            raise exceptions.NotFound()
        return protected_file_response(resume.photo, content_type=resume.photo_content_type)

    @extend_schema(request={"multipart/form-data": s.PhotoUploadSerializer}, responses=s.ResumeSerializer)
    def post(self, request):
        actor, student = self._student(request)
        resume = services.resume_photo_set(actor=actor, student=student, upload=request.data.get("file"))
        return Response(s.ResumeSerializer(resume).data)


class JobViewSet(ScopedViewSet):
    """Graduate jobs: vetted companies' HR post them; final-year students and graduates apply."""

    serializer_class = s.JobSerializer
    filterset_class = JobFilter
    search_fields = ["title", "description", "company__name"]
    ordering_fields = ["created_at", "closing_date", "salary_min"]

    def base_queryset(self):
        qs = Job.objects.select_related("company").prefetch_related("majors", "required_certificates")
        actor = self.actor
        if actor.company_ids:
            qs = qs.annotate(application_count=Count("applications", distinct=True))
        if actor.student_id:
            mine = JobApplication.objects.filter(job=OuterRef("pk"), student_id=actor.student_id)
            # the stage too, so the student's job list shows where each of their applications stands
            qs = qs.annotate(
                my_application=Subquery(mine.values("pk")[:1]), my_stage=Subquery(mine.values("stage")[:1])
            )
        return qs.order_by("-created_at", "-id")

    def scope(self, queryset, actor):
        return jobs_visible_to(actor, queryset)

    def can_write(self, obj, actor: Actor) -> bool:
        return obj.company_id in actor.hr_company_ids

    def can_create(self, actor: Actor) -> bool:
        return bool(actor.hr_company_ids or actor.pending_hr_company_ids)

    def _reload(self, job, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=job.pk)).data, status=code)

    def create(self, request, *args, **kwargs):
        if not self.can_create(self.actor):
            raise exceptions.PermissionDenied(self.create_denied_message)
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        company = fields.pop("company", None)
        own = self.actor.hr_company_ids | self.actor.pending_hr_company_ids
        if company is None and len(own) == 1:
            company_id = next(iter(own))
        elif company is not None and company.pk in own:
            company_id = company.pk
        else:
            raise exceptions.ValidationError({"company": [_("Choose your own company.")]})
        job = services.job_create(actor=self.actor, company_id=company_id, **fields)
        return self._reload(job, status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        fields = dict(serializer.validated_data)
        fields.pop("company", None)
        serializer.instance = services.job_update(actor=self.actor, job=serializer.instance, **fields)

    @extend_schema(request=None, responses=s.JobSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._reload(services.job_publish(actor=self.actor, job=self.get_object()))

    @extend_schema(request=None, responses=s.JobSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._reload(services.job_close(actor=self.actor, job=self.get_object()))


class ApplicationViewSet(ScopedViewSet):
    """Applications to graduate jobs: a student applies and answers an offer; the company's HR moves them
    through the stages; the student's school reads them."""

    serializer_class = s.ApplicationSerializer
    filterset_class = ApplicationFilter
    search_fields = ["job__title", "student__full_name", "job__company__name"]
    ordering_fields = ["created_at", "updated_at"]
    http_method_names = ["get", "post", "head", "options"]
    services_check_writes = True

    def base_queryset(self):
        qs = JobApplication.objects.select_related(
            "job__company", "student__institution", "student__cohort__major", "outcome"
        )
        if self.action != "list":
            qs = qs.prefetch_related(
                Prefetch("interviews", Interview.objects.prefetch_related("slots").select_related(
                    "application__job__company", "application__student")),
                "events",
            )  # fmt: skip
        return qs.order_by("-created_at", "-id")

    def scope(self, queryset, actor):
        return applications_visible_to(actor, queryset)

    def can_create(self, actor: Actor) -> bool:
        return actor.is_student

    def get_serializer_class(self):
        return s.ApplicationSerializer if self.action == "list" else s.ApplicationDetailSerializer

    def _detail(self, application, code=status.HTTP_200_OK):
        obj = self.base_queryset().get(pk=application.pk)
        return Response(s.ApplicationDetailSerializer(obj, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=s.JobApplySerializer, responses={201: s.ApplicationDetailSerializer})
    def create(self, request, *args, **kwargs):
        """A final-year student or a graduate applies to an open job with their résumé."""
        if not self.actor.is_student:
            raise exceptions.PermissionDenied(_("Only students and graduates apply to jobs."))
        data = s.JobApplySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = data.validated_data["job"]
        if not jobs_visible_to(self.actor).filter(pk=job.pk).exists():
            raise exceptions.ValidationError({"job": [_("This job is not open for applications.")]})
        application = services.application_submit(actor=self.actor, job=job, note=data.validated_data["note"])
        return self._detail(application, status.HTTP_201_CREATED)

    def _party(self, action_name: str) -> JobApplication:
        application = self.get_object()
        services.application_require_party(actor=self.actor, application=application, action=action_name)
        return application

    def _reasoned(self, request, service, serializer=s.StageReasonSerializer):
        application = self._party(self.action)
        data = serializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._detail(service(actor=self.actor, application=application, **data.validated_data))

    @extend_schema(request=s.StageReasonSerializer, responses=s.ApplicationDetailSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._reasoned(request, services.application_withdraw)

    @extend_schema(request=s.StageRequiredReasonSerializer, responses=s.ApplicationDetailSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """The company does not hire the applicant (未录用)."""
        return self._reasoned(request, services.application_reject, s.StageRequiredReasonSerializer)

    @extend_schema(request=s.OfferSerializer, responses=s.ApplicationDetailSerializer)
    @action(detail=True, methods=["post"])
    def offer(self, request, pk=None):
        """The company offers the job (录用), with the start date."""
        return self._reasoned(request, services.application_offer, s.OfferSerializer)

    @extend_schema(request=None, responses=s.ApplicationDetailSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """The student accepts the offer: their graduate outcome is recorded for the school to confirm."""
        return self._detail(services.offer_accept(actor=self.actor, application=self._party("accept")))

    @extend_schema(request=s.StageReasonSerializer, responses=s.ApplicationDetailSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._reasoned(request, services.offer_decline)

    @extend_schema(request=s.ProposeSerializer, responses={201: s.ApplicationDetailSerializer})
    @action(detail=True, methods=["post"])
    def interview(self, request, pk=None):
        """The company proposes interview times; the application moves to 面试."""
        application = self._party("interview")
        data = s.ProposeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        interview = services.interview_propose(actor=self.actor, application=application, **data.validated_data)
        return self._detail(interview.application, status.HTTP_201_CREATED)

    @extend_schema(responses=PDF)
    @action(detail=True, methods=["get"], url_path="resume-pdf")
    def resume_pdf(self, request, pk=None):
        """The applicant's résumé as a PDF, with only the parts the student shares with this viewer."""
        application = self.get_object()
        student = application.student
        resume = Resume.objects.filter(student=student).first()
        sections = resume_sections_for(self.actor, student, resume)
        if sections is None:
            raise exceptions.PermissionDenied(_("The student does not share their résumé with you."))
        return _pdf_response(resume_content(student, resume, sections), resume)


class InterviewViewSet(ScopedViewSet):
    """Interviews of applications the viewer may see: the student picks a time, either side cancels."""

    serializer_class = s.InterviewSerializer
    http_method_names = ["get", "post", "head", "options"]
    services_check_writes = True
    ordering_fields = ["created_at", "starts_at"]

    def base_queryset(self):
        return (
            Interview.objects.select_related("application__job__company", "application__student")
            .prefetch_related("slots")
            .order_by("-created_at", "-id")
        )

    def scope(self, queryset, actor):
        return interviews_visible_to(actor, queryset)

    @extend_schema(exclude=True)  # not an operation: the company proposes one through /job-applications/
    def create(self, request, *args, **kwargs):
        raise exceptions.MethodNotAllowed("POST")

    @extend_schema(request=s.PickSerializer, responses=s.InterviewSerializer)
    @action(detail=True, methods=["post"])
    def pick(self, request, pk=None):
        interview = self.get_object()
        services.interview_require_party(actor=self.actor, interview=interview, student_only=True)
        data = s.PickSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        interview = services.interview_pick(actor=self.actor, interview=interview, slot_id=data.validated_data["slot"])
        return Response(self.get_serializer(self.base_queryset().get(pk=interview.pk)).data)

    @extend_schema(request=s.StageRequiredReasonSerializer, responses=s.InterviewSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        interview = self.get_object()
        services.interview_require_party(actor=self.actor, interview=interview)
        data = s.StageRequiredReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        interview = services.interview_cancel(
            actor=self.actor, interview=interview, reason=data.validated_data["reason"]
        )
        return Response(self.get_serializer(self.base_queryset().get(pk=interview.pk)).data)

    @extend_schema(responses={(200, "text/calendar"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def ics(self, request, pk=None):
        """The interview as a calendar event (.ics), once a time is picked."""
        interview = self.get_object()
        if interview.starts_at is None:
            raise exceptions.NotFound(_("No time has been picked yet."))
        response = HttpResponse(interview_ics(interview, host=request.get_host()), content_type="text/calendar")
        name = file_title(str(_("Interview")), interview.application.job.title)
        response["Content-Disposition"] = attachment(f"{name}.ics", f"interview-{interview.pk}.ics")
        return response
