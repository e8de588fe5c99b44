"""What the vocabularies endpoint answers, as a serializer for the OpenAPI schema."""

from __future__ import annotations

from rest_framework import serializers

from config.serializers import LabelledChoiceSerializer


class ChoicesSerializer(serializers.Serializer):
    """The vocabularies the app's forms and filters use, labelled in the request's language."""

    districts = LabelledChoiceSerializer(many=True)
    zones = LabelledChoiceSerializer(many=True)
    provinces = LabelledChoiceSerializer(many=True)
    segments = LabelledChoiceSerializer(many=True)
    vetting_statuses = LabelledChoiceSerializer(many=True)
    base_kinds = LabelledChoiceSerializer(many=True)
    institution_kinds = LabelledChoiceSerializer(many=True)
    major_categories = LabelledChoiceSerializer(many=True)
    job_clusters = LabelledChoiceSerializer(many=True)
    brands = LabelledChoiceSerializer(many=True)
