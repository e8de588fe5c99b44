"""The high-risk work list (art. 17) through the API: the platform's terms and each school's own."""

from __future__ import annotations

from django.db.models import F, Q

from config.viewsets import ScopedViewSet
from placements.api.serializers import HazardTermSerializer
from placements.models import HazardTerm
from placements.services.slot_review import hazard_term_create, hazard_term_delete, hazard_term_update
from schools.models import Institution


class HazardTermViewSet(ScopedViewSet):
    """School staff read the list (the platform's terms and their school's); a school's admins add, change and
    remove their school's terms, which screen the slots offered to that school. The platform's are read-only."""

    serializer_class = HazardTermSerializer
    filterset_fields = ["category", "institution"]
    search_fields = ["term"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def base_queryset(self):
        # A school's own terms first (the ones its admins keep), then the platform's.
        return HazardTerm.objects.select_related("institution").order_by(
            F("institution_id").asc(nulls_last=True), "category", "normalized", "id"
        )

    def scope(self, queryset, actor):
        if not actor.school_ids:
            return queryset.none()
        return queryset.filter(Q(institution__isnull=True) | Q(institution_id__in=actor.school_ids))

    def can_write(self, obj, actor) -> bool:
        return obj.institution_id is not None and obj.institution_id in actor.admin_school_ids

    def can_create(self, actor) -> bool:
        return actor.is_school_admin

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        institution = data.pop("institution", None) or Institution.objects.get(pk=min(self.actor.admin_school_ids))
        serializer.instance = hazard_term_create(actor=self.actor, institution=institution, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("institution", None)
        serializer.instance = hazard_term_update(actor=self.actor, hazard_term=serializer.instance, **data)

    def perform_destroy(self, instance):
        hazard_term_delete(actor=self.actor, term=instance)
