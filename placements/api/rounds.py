"""Match rounds over the API: staff create, open, run (a dry run to review), and publish; students rank slots;
company HR ranks the applicants of its slots; everyone reads the result they are entitled to."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.actor import Actor
from config.params import IdParam, read_params
from config.serializers import CanEditField, label_field
from config.viewsets import ScopedViewSet
from placements.api.responses import (
    PrioritiesResultSerializer,
    RoundResultSerializer,
    RoundSlotSerializer,
    RoundSummarySerializer,
    RoundVerifySerializer,
)
from placements.models import MatchRound, RoundPreference, RoundPriority, Slot
from placements.rules import ineligibility
from placements.services import rounds as services
from schools.models import Cohort, Student


class MatchRoundSerializer(serializers.ModelSerializer):
    mechanism_label = label_field("mechanism")
    status_label = label_field("status")
    slots = serializers.PrimaryKeyRelatedField(many=True, queryset=Slot.objects.all())
    cohorts = serializers.PrimaryKeyRelatedField(many=True, queryset=Cohort.objects.all())
    summary = serializers.SerializerMethodField()
    can_edit = CanEditField()

    class Meta:
        model = MatchRound
        fields = [
            "id", "institution", "name", "mechanism", "mechanism_label", "slots", "cohorts", "preference_deadline",
            "max_choices", "seed", "status", "status_label", "ran_at", "published_at", "summary", "can_edit",
        ]  # fmt: skip
        read_only_fields = ["seed", "status", "ran_at", "published_at"]

    @extend_schema_field(RoundSummarySerializer(allow_null=True))
    def get_summary(self, round) -> dict | None:
        if not round.result:
            return None
        r = round.result
        return {
            "students": r["students"],
            "ranked": r["ranked"],
            "matched": r["matched"],
            "unmatched": len(r["unmatched"]),
            "did_not_rank": len(r["did_not_rank"]),
            "first_choice_share": r["first_choice_share"],
        }

    def validate_institution(self, institution):
        if institution.pk not in self.context["actor"].school_ids:
            raise serializers.ValidationError(_("Only rounds of your school."))
        return institution


class PreferencesSerializer(serializers.Serializer):
    slots = serializers.ListField(child=IdParam(required=True, allow_null=False), allow_empty=True, max_length=30)


class PrioritiesQuery(serializers.Serializer):
    slot = IdParam(required=True, allow_null=False)


class PrioritiesSerializer(serializers.Serializer):
    slot = IdParam(required=True, allow_null=False)
    students = serializers.ListField(child=IdParam(required=True, allow_null=False), allow_empty=True, max_length=5000)


class MatchRoundViewSet(ScopedViewSet):
    serializer_class = MatchRoundSerializer
    filterset_fields = ["status", "institution"]
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
        serializer.instance = services.round_create(actor=self.actor, user=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("institution", None)
        serializer.instance = services.round_update(actor=self.actor, round=serializer.instance, **data)

    def _reload(self, round):
        return Response(self.get_serializer(self.base_queryset().get(pk=round.pk)).data)

    @extend_schema(request=None, responses=MatchRoundSerializer)
    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        return self._reload(services.round_open(actor=self.actor, user=request.user, round=self.get_object()))

    @extend_schema(request=None, responses=MatchRoundSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._reload(services.round_close(actor=self.actor, user=request.user, round=self.get_object()))

    @extend_schema(request=None, responses=MatchRoundSerializer)
    @action(detail=True, methods=["post"])
    def run(self, request, pk=None):
        """A dry run: compute the result for review; nothing else changes."""
        return self._reload(services.round_run(actor=self.actor, user=request.user, round=self.get_object()))

    @extend_schema(request=None, responses=MatchRoundSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Turn the reviewed result into applications in the normal approval flow."""
        return self._reload(services.round_publish(actor=self.actor, user=request.user, round=self.get_object()))

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
        round = self.get_object()
        student = self._student()
        ranked = dict(
            RoundPreference.objects.filter(round=round)
            .values_list("slot_id")
            .annotate(n=Count("student", distinct=True))
        )
        inputs = {slot: cap for slot, cap in services.round_inputs(round)["capacities"]}
        rows = []
        for slot in round.slots.select_related("company", "base", "job_cluster").prefetch_related("majors"):
            row = {
                "id": slot.pk,
                "title": slot.title,
                "company_name": slot.company.name,
                "base_name": slot.base.name,
                "district_label": slot.base.get_district_display(),
                "kind": slot.kind,
                "start_date": slot.start_date,
                "end_date": slot.end_date,
                "stipend": slot.stipend,
                "capacity": inputs.get(slot.pk, 0),
                "ranked_by": ranked.get(slot.pk, 0),
            }
            if student is not None:
                reasons = ineligibility(student, slot)
                major_ids = {m.pk for m in slot.majors.all()}
                categories = {m.category for m in slot.majors.all()}
                fit = services.score(student, slot, major_ids, categories)
                why = []
                if fit == services.SCORE_MAJOR:
                    why.append(str(_("Your major is one the slot names.")))
                elif fit == services.SCORE_CATEGORY:
                    why.append(str(_("The slot is for your major category.")))
                places, demand = row["capacity"], row["ranked_by"]
                if places and demand < places:
                    why.append(str(_("Fewer students ranked it than it has places.")))
                row.update(eligible=not reasons, reasons=reasons, fit=fit + (2 if places and demand < places else 0),
                           why=why)  # fmt: skip
            rows.append(row)
        if student is not None:
            rows.sort(key=lambda r: (not r["eligible"], -r["fit"], -float(r["stipend"]), r["id"]))
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
            services.preferences_set(
                actor=self.actor, user=request.user, round=round, slot_ids=data.validated_data["slots"]
            )
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
                actor=self.actor, user=request.user, round=round, slot=slot, student_ids=data.validated_data["students"]
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
        inputs = services.round_inputs(round)
        order = services.run_inputs_priorities(inputs).get(slot.pk, [])
        own = RoundPriority.objects.filter(round=round, slot=slot).exists()
        students = {
            s.pk: s for s in Student.objects.filter(pk__in=order).select_related("institution", "cohort__major")
        }
        return Response(
            {
                "slot": slot.pk,
                "company_ranked": own,
                "students": [
                    {"id": sid, "full_name": students[sid].full_name, "student_number": students[sid].student_number,
                     "institution": students[sid].institution.name,
                     "major": students[sid].cohort.major.name if students[sid].cohort else None}
                    for sid in order
                ],
            }
        )  # fmt: skip

    @extend_schema(responses=RoundResultSerializer)
    @action(detail=True, methods=["get"])
    def result(self, request, pk=None):
        """Staff: the whole result with names. A student: their own result and why. Company staff: who was
        admitted to their slots."""
        round = self.get_object()
        r = round.result
        if not r:
            return Response({"ran": False})
        actor = self.actor
        slots = {s.pk: s for s in round.slots.select_related("company")}

        def slot_name(slot_id):
            return slots[slot_id].title if slot_id in slots else None

        if round.institution_id in actor.school_ids:
            ids = [int(s) for s in r["assignment"]]
            names = dict(Student.objects.filter(pk__in=ids).values_list("pk", "full_name"))
            return Response(
                {
                    "ran": True,
                    "published": round.status == MatchRound.Status.PUBLISHED,
                    "summary": MatchRoundSerializer(round, context=self.get_serializer_context()).data["summary"],
                    "slots": [
                        {"id": int(sid), "title": slot_name(int(sid)), "company": slots[int(sid)].company.name,
                         "admitted": fill[0], "capacity": fill[1], "cutoff": r["cutoffs"][sid]}
                        for sid, fill in r["fill"].items()
                    ],
                    "unmatched": [{"id": s, "full_name": names.get(s)} for s in r["unmatched"]],
                    "students": [
                        {"id": int(s), "full_name": names.get(int(s)), "slot": slot, "slot_title": slot_name(slot),
                         "choice": r["explanations"][s]["choice"]}
                        for s, slot in r["assignment"].items()
                    ],
                    "explanations": r["explanations"],
                }
            )  # fmt: skip
        if actor.student_id:
            if round.status != MatchRound.Status.PUBLISHED:
                return Response({"ran": True, "published": False})
            mine = r["explanations"].get(str(actor.student_id))
            if mine is None:
                return Response({"ran": True, "published": True, "took_part": False})
            return Response(
                {
                    "ran": True,
                    "published": True,
                    "took_part": True,
                    "slot": mine["slot"],
                    "slot_title": slot_name(mine["slot"]),
                    "choice": mine["choice"],
                    "above": [{**a, "slot_title": slot_name(a["slot"])} for a in mine["above"]],
                }
            )
        if round.status != MatchRound.Status.PUBLISHED:
            return Response({"ran": True, "published": False})  # a dry run is the school's to review
        own = [sid for sid, s in slots.items() if s.company_id in actor.company_ids]
        admitted = {sid: [int(st) for st, slot in r["assignment"].items() if slot == sid] for sid in own}
        names = dict(
            Student.objects.filter(pk__in=[s for v in admitted.values() for s in v]).values_list("pk", "full_name")
        )
        return Response(
            {
                "ran": True,
                "published": round.status == MatchRound.Status.PUBLISHED,
                "slots": [
                    {"id": sid, "title": slot_name(sid), "cutoff": r["cutoffs"].get(str(sid)),
                     "admitted": [{"id": s, "full_name": names.get(s)} for s in ids]}
                    for sid, ids in admitted.items()
                ],
            }
        )  # fmt: skip
