from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.actor import actor_for
from notices.api.serializers import NoticeSerializer
from notices.filters import KIND_CHOICES, NoticeFilter
from notices.models import Notice
from notices.selectors import kind_counts, notices_visible_to, unread_count
from notices.services import notice_mark_read


class ReadKindSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=KIND_CHOICES)


class NoticeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The signed-in user's notices, newest first; `?unread=true` for the unread ones."""

    serializer_class = NoticeSerializer
    queryset = Notice.objects.none()
    filterset_class = NoticeFilter
    search_fields = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Notice.objects.none()
        return notices_visible_to(self.request.user)

    @extend_schema(responses=inline_serializer("UnreadCount", {"unread": serializers.IntegerField()}))
    @action(detail=False, methods=["get"])
    def unread(self, request):
        return Response({"unread": unread_count(request.user)})

    @extend_schema(request=None, responses=inline_serializer("Marked", {"marked": serializers.IntegerField()}))
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notice = self.get_object()
        return Response({"marked": notice_mark_read(actor=actor_for(request.user), notice_ids=[notice.pk])})

    @extend_schema(request=None, responses=inline_serializer("MarkedAll", {"marked": serializers.IntegerField()}))
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"marked": notice_mark_read(actor=actor_for(request.user), notice_ids=None)})

    @extend_schema(
        responses=inline_serializer(
            "NoticeKind",
            {
                "kind": serializers.CharField(),
                "total": serializers.IntegerField(),
                "unread": serializers.IntegerField(),
            },
            many=True,
        )
    )
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def kinds(self, request):
        """The kinds of the user's notices with their counts, most unread first (the drawer's filter)."""
        return Response(kind_counts(request.user))

    @extend_schema(
        request=ReadKindSerializer, responses=inline_serializer("MarkedKind", {"marked": serializers.IntegerField()})
    )
    @action(detail=False, methods=["post"], url_path="read-kind", filter_backends=[])
    def read_kind(self, request):
        """Mark all of the user's notices of one kind read."""
        body = ReadKindSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return Response({"marked": notice_mark_read(actor=actor_for(request.user), kind=body.validated_data["kind"])})
