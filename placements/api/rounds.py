"""Match rounds over the API: staff create, open, run (a dry run to review), and publish; students rank slots;
company HR ranks the applicants of its slots; everyone reads the result they are entitled to."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.actor import Actor
from config.params import read_params
from config.viewsets import ScopedViewSet
from placements import rounds_report
from placements.api.responses import (
    PrioritiesResultSerializer,
    RoundResultSerializer,
    RoundSlotSerializer,
    RoundVerifySerializer,
)
from placements.api.serializers import (
    MatchRoundSerializer,
    PreferencesSerializer,
    PrioritiesQuery,
    PrioritiesSerializer,
)
from placements.filters import MatchRoundFilter
from placements.models import MatchRound, RoundPreference
from placements.services import rounds as services
from schools.models import Student


class MatchRoundViewSet(ScopedViewSet):
    serializer_class = MatchRoundSerializer
    filterset_class = MatchRoundFilter
    search_fields = ["name"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    actions_checked_by_services = frozenset({"preferences", "priorities", "open", "close", "run", "publish"})

    def base_queryset(self):
        return MatchRound.objects.select_related("institution").prefetch_related("slots", "cohorts").order_by("-id")

    def scope(self, queryset, actor: Actor):
        # No branch for the city's analysts: a round's result names students.
        condition = Q(institution_id__in=actor.school_ids)
        visible = ~Q(status=MatchRound.Status.DRAFT)
        if actor.student_cohort_id:
            condition |= visible & Q(cohorts=actor.student_cohort_id)
        if actor.company_ids:
            condition |= visible & Q(slots__company_id__in=actor.company_ids)
        return queryset.filter(condition).distinct()

    def can_write(self, obj, actor: Actor) -> bool:
        return obj.institution_id in actor.school_ids  # a published round refuses changes with a 409

    def can_create(self, actor: Actor) -> bool:
        return bool(actor.school_ids)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.round_create(actor=self.actor, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("institution", None)
        serializer.instance = services.round_update(actor=self.actor, round=serializer.instance, **data)

    def _reload(self, round):
        return Response(self.get_serializer(self.base_queryset().get(pk=round.pk)).data)

    @extend_schema(request=None, responses=MatchRoundSerializer)
    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        return self._reload(services.round_open(actor=self.actor, round=self.get_object()))

    @extend_schema(request=None, responses=MatchRoundSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._reload(services.round_close(actor=self.actor, round=self.get_object()))

    @extend_schema(request=None, responses=MatchRoundSerializer)
    @action(detail=True, methods=["post"])
    def run(self, request, pk=None):
        """A dry run: compute the result for review; nothing else changes."""
        return self._reload(services.round_run(actor=self.actor, round=self.get_object()))

    @extend_schema(request=None, responses=MatchRoundSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Turn the reviewed result into applications in the normal approval flow."""
        return self._reload(services.round_publish(actor=self.actor, round=self.get_object()))

    @extend_schema(responses=RoundVerifySerializer)
    @action(detail=True, methods=["get"])
    def verify(self, request, pk=None):
        """Re-run the kept inputs with the kept seed: the result must come out the same."""
        round = self.get_object()
        if round.institution_id not in self.actor.school_ids:
            raise exceptions.PermissionDenied()
        return Response({"same_result": services.round_verify(round), "seed": round.seed})

    def _student(self) -> Student | None:
        if not self.actor.student_id:
            return None
        return Student.objects.select_related("cohort__major").get(pk=self.actor.student_id)

    @extend_schema(responses=RoundSlotSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])  # a plain list
    def slots(self, request, pk=None):
        """The round's slots with their remaining places and how many students ranked each; for a student,
        whether they may rank it and how well it fits them (the recommendations)."""
        rows = rounds_report.round_slots(self.get_object(), self._student())
        return Response(RoundSlotSerializer(rows, many=True).data)

    @extend_schema(request=PreferencesSerializer, responses=PreferencesSerializer)
    @action(detail=True, methods=["get", "put"])
    def preferences(self, request, pk=None):
        """The signed-in student's ranked list (most wanted first); PUT replaces it."""
        round = self.get_object()
        services.require_participant(self.actor, round)
        if request.method == "PUT":
            data = PreferencesSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            services.preferences_set(actor=self.actor, round=round, slot_ids=data.validated_data["slots"])
        listed = RoundPreference.objects.filter(round=round, student_id=self.actor.student_id).order_by("rank")
        return Response({"slots": list(listed.values_list("slot_id", flat=True))})

    @extend_schema(
        request=PrioritiesSerializer,
        responses=PrioritiesResultSerializer,
        parameters=[PrioritiesQuery],
    )
    @action(detail=True, methods=["get", "put"])
    def priorities(self, request, pk=None):
        """Company HR: the students who ranked one of its slots, in the order the round will use (the
        company's own, else the published score); PUT sets the company's order."""
        round = self.get_object()
        if request.method == "PUT":
            data = PrioritiesSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            slot = round.slots.filter(pk=data.validated_data["slot"]).first()
            if slot is None:
                raise exceptions.ValidationError({"slot": [_("This slot is not in the round.")]})
            services.priorities_set(
                actor=self.actor, round=round, slot=slot, student_ids=data.validated_data["students"]
            )
            slot_id = slot.pk
        else:
            slot_id = read_params(PrioritiesQuery, request)["slot"]
        slot = round.slots.filter(pk=slot_id).first()
        if slot is None:
            raise exceptions.NotFound()
        if slot.company_id not in self.actor.hr_company_ids:
            # The round and its slots are visible to this person; the company's order of applicants is not theirs.
            raise exceptions.PermissionDenied(_("Only HR staff of the company rank its applicants."))
        return Response(rounds_report.round_priorities(round, slot))

    @extend_schema(responses=RoundResultSerializer)
    @action(detail=True, methods=["get"])
    def result(self, request, pk=None):
        """Staff: the whole result with names. A student: their own result and why. Company staff: who was
        admitted to their slots."""
        return Response(rounds_report.round_result(self.get_object(), self.actor))
