"""The policy information API (政策信息, issue 18): every signed-in user reads the city's talent policies; the
city's staff add, edit and archive them. The rules are careers.policies'."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response

from accounts.actor import Actor
from careers import policies
from careers.models import Policy
from config.viewsets import ARCHIVED_PARAMETER, ArchiveMixin, ScopedViewSet


class PolicySerializer(serializers.ModelSerializer):
    updated_by_name = serializers.CharField(source="updated_by.full_name", read_only=True, default="")
    can_edit = serializers.SerializerMethodField()

    class Meta:
        model = Policy
        fields = [
            "id", "title", "offers", "eligibility", "how_to_apply", "source", "source_url", "source_date",
            "position", "archived_at", "updated_at", "updated_by_name", "can_edit",
        ]  # fmt: skip
        read_only_fields = ["archived_at", "updated_at"]

    def get_can_edit(self, obj) -> bool:
        return policies.may_keep_policies(self.context["actor"])


@extend_schema_view(list=extend_schema(parameters=[ARCHIVED_PARAMETER]))
class PolicyViewSet(ArchiveMixin, ScopedViewSet):
    """The city's talent policies for graduates who stay in Wuhan: what each offers, who is eligible and where to
    apply where the source says so, and the source with its date."""

    serializer_class = PolicySerializer
    search_fields = ["title", "offers", "eligibility", "source"]
    ordering_fields = ["position", "updated_at"]
    create_denied_message = _("Only the city's staff keep the policy information.")
    write_denied_message = create_denied_message

    def base_queryset(self):
        return Policy.objects.select_related("updated_by").order_by("position", "id")

    def scope(self, queryset, actor: Actor):
        return policies.policies_visible_to(actor, queryset)

    def can_write(self, obj, actor: Actor) -> bool:
        return policies.may_keep_policies(actor)

    def can_create(self, actor: Actor) -> bool:
        return policies.may_keep_policies(actor)

    def create(self, request, *args, **kwargs):
        if not self.can_create(self.actor):
            raise exceptions.PermissionDenied(self.create_denied_message)
        data = self.get_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        policy = policies.policy_create(actor=self.actor, **data.validated_data)
        return Response(self.get_serializer(policy).data, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        serializer.instance = policies.policy_update(
            actor=self.actor, policy=serializer.instance, **serializer.validated_data
        )
