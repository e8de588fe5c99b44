"""The API of the staff search in the header (config.search)."""

from __future__ import annotations

from dataclasses import asdict

from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.actor import actor_for
from config.params import read_params
from config.search import KINDS, MAX_LENGTH, may_search, search_for


class SearchParams(serializers.Serializer):
    q = serializers.CharField(
        max_length=MAX_LENGTH,
        help_text="the text to look for (trimmed): names, student numbers, classes, slot titles ...",
        error_messages={
            "required": _("Type something to search for."),
            "blank": _("Type something to search for."),
            "max_length": _("Search for at most {max_length} characters."),
        },
    )


class SearchResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    subtitle = serializers.CharField(allow_blank=True)
    url = serializers.CharField(help_text="the record's page in the app")


class SearchGroupSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=KINDS)
    total = serializers.IntegerField(min_value=0, help_text="all matches of this kind; `results` holds the first")
    more = serializers.CharField(allow_blank=True, help_text="the list page with the search applied")
    results = SearchResultSerializer(many=True)


class SearchSerializer(serializers.Serializer):
    groups = SearchGroupSerializer(many=True)


class SearchView(APIView):
    """Search what the user may see, grouped by kind (at most five of each, with the total and the list page
    that shows them all): school staff their school's students and placements, slots, graduate jobs and companies;
    company staff their company's slots, jobs and applicants; the city's analysts open jobs, companies and
    institutions. Not for students (they search the jobs page itself)."""

    serializer_class = SearchSerializer

    @extend_schema(parameters=[SearchParams], responses=SearchSerializer)
    def get(self, request: Request) -> Response:
        actor = actor_for(request.user)
        if not may_search(actor):
            raise exceptions.PermissionDenied(
                _("The search is for the staff of schools and companies and for the city's analysts.")
            )
        text = read_params(SearchParams, request)["q"]
        groups = search_for(actor, text)
        return Response(SearchSerializer({"groups": [asdict(g) for g in groups]}).data)


urlpatterns = [path("search/", SearchView.as_view(), name="search")]
