from __future__ import annotations

from django.utils.translation import get_language
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from notices.models import Notice
from notices.services import notice_mark_read, serialize


class NoticeSerializer(serializers.ModelSerializer):
    title = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()

    class Meta:
        model = Notice
        fields = ["id", "kind", "title", "body", "link", "created_at", "read_at"]

    def get_title(self, notice) -> str:
        return serialize(notice, get_language())["title"]

    def get_body(self, notice) -> str:
        return serialize(notice, get_language())["body"]


class NoticeFilter(filters.FilterSet):
    unread = filters.BooleanFilter(field_name="read_at", lookup_expr="isnull", label="unread")

    class Meta:
        model = Notice
        fields = ["unread"]


class NoticeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The signed-in user's notices, newest first; `?unread=true` for the unread ones."""

    serializer_class = NoticeSerializer
    queryset = Notice.objects.none()
    filterset_class = NoticeFilter
    search_fields = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Notice.objects.none()
        return Notice.objects.filter(recipient=self.request.user).order_by("-id")

    @extend_schema(responses=inline_serializer("UnreadCount", {"unread": serializers.IntegerField()}))
    @action(detail=False, methods=["get"])
    def unread(self, request):
        return Response({"unread": Notice.objects.filter(recipient=request.user, read_at__isnull=True).count()})

    @extend_schema(request=None, responses=inline_serializer("Marked", {"marked": serializers.IntegerField()}))
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notice = self.get_object()
        return Response({"marked": notice_mark_read(user=request.user, notice_ids=[notice.pk])})

    @extend_schema(request=None, responses=inline_serializer("MarkedAll", {"marked": serializers.IntegerField()}))
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"marked": notice_mark_read(user=request.user, notice_ids=None)})
