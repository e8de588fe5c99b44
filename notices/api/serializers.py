from __future__ import annotations

from django.utils.translation import get_language
from rest_framework import serializers

from notices.delivery import serialize
from notices.models import Notice


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
