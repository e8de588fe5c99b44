"""The API of what no app owns: the signed-in user's to-do counts (config.todo)."""

from __future__ import annotations

from dataclasses import asdict

from django.conf import settings
from django.urls import path
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.actor import actor_for
from config.todo import todo_for
from placements.reminders import remind_journals_due_tomorrow


class TodoRouteSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="the app's route name")
    params = serializers.DictField(child=serializers.CharField())
    query = serializers.DictField(child=serializers.CharField())


class TodoItemSerializer(serializers.Serializer):
    key = serializers.CharField()
    count = serializers.IntegerField(min_value=0)
    route = TodoRouteSerializer(allow_null=True, help_text="the list page showing these items; null: no list yet")
    roles = serializers.ListField(child=serializers.CharField(), help_text="the roles this item is for")


class TodoSerializer(serializers.Serializer):
    items = TodoItemSerializer(many=True)
    total = serializers.IntegerField(min_value=0)


class TodoView(APIView):
    """What the signed-in user has to do, by role, each count the total of the list it leads to (their own scope
    only): placements and certificates awaiting the school, open breach reports, companies and change requests to
    decide (school admins), applications to decide (company HR), open match rounds to rank (students)."""

    serializer_class = TodoSerializer

    def get(self, request: Request) -> Response:
        actor = actor_for(request.user)
        if settings.REMINDERS_ON_DEMAND and actor.is_student:
            # No scheduler (`make run`): the student's digest of journals due tomorrow is computed when the app
            # opens (the app reads this on every start); still at most one a day.
            remind_journals_due_tomorrow(user_id=request.user.id)
        items = todo_for(actor, request)
        data = {"items": [asdict(i) for i in items], "total": sum(i.count for i in items)}
        return Response(TodoSerializer(data).data)


urlpatterns = [path("me/todo/", TodoView.as_view(), name="me-todo")]
