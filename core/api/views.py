"""Background jobs: the owner's and (for a school admin) their school's, newest first; `?status=failed` for
the ones that failed for good; the owner downloads a job's file, or takes an import's activation codes once."""

from __future__ import annotations

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.actor import actor_for
from config.exports import attachment
from config.uploads import protected_file_response
from core import jobs
from core.api.serializers import BackgroundJobCodesSerializer, BackgroundJobSerializer
from core.models import Job
from core.selectors import jobs_visible_to

UPLOADED_FILE = {(200, "application/octet-stream"): bytes}


class BackgroundJobFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=Job.Status.choices)
    kind = filters.ChoiceFilter(choices=Job.Kind.choices)
    mine = filters.BooleanFilter(method="filter_mine", label="only the jobs I started")

    class Meta:
        model = Job
        fields = ["status", "kind"]

    def filter_mine(self, queryset, name, value):
        return queryset.filter(owner=self.request.user) if value else queryset


class BackgroundJobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = BackgroundJobSerializer
    queryset = Job.objects.none()
    filterset_class = BackgroundJobFilter
    search_fields = []
    ordering_fields = ["created_at"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Job.objects.none()
        return jobs_visible_to(actor_for(self.request.user))

    @extend_schema(responses=UPLOADED_FILE)
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        """The job's file (an export), for the person who started it."""
        job = self.get_object()
        jobs.job_result_check(actor=actor_for(request.user), job=job)
        extension = job.result.name.rsplit(".", 1)[-1]
        return protected_file_response(
            job.result,
            content_type=job.result_type or "application/octet-stream",
            disposition=attachment(job.result_name or f"job-{job.pk}.{extension}", f"job-{job.pk}.{extension}"),
        )

    @extend_schema(request=None, responses=BackgroundJobCodesSerializer)
    @action(detail=True, methods=["post"])
    def codes(self, request, pk=None):
        """The activation codes of the students a large import created, made now and answered this once."""
        job = self.get_object()
        codes = jobs.job_codes_deliver(actor=actor_for(request.user), job=job)
        return Response({"codes": codes}, status=status.HTTP_200_OK)


def job_accepted(job: Job, request) -> Response:
    """The answer of a request that became a job: 202 with the job (finished already when run inline)."""
    return Response(BackgroundJobSerializer(job, context={"request": request}).data, status=status.HTTP_202_ACCEPTED)
