"""What the report endpoints answer, as serializers: the OpenAPI schema (and the app's generated types) read
them; the views build plain dicts of this shape."""

from __future__ import annotations

from rest_framework import serializers

from config.serializers import KeyField


class StayDefinitionSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    text = serializers.CharField()


class StayCountsSerializer(serializers.Serializer):
    graduates = serializers.IntegerField()
    known = serializers.IntegerField()
    working = serializers.IntegerField()
    stayed = serializers.IntegerField()
    knowledge_rate = serializers.FloatField(allow_null=True, help_text="0..1; null when there are no graduates.")
    retention = serializers.FloatField(allow_null=True, help_text="0..1; null when nobody is known to work.")


class StayRowSerializer(StayCountsSerializer):
    key = KeyField()
    name = KeyField()
    demo = serializers.BooleanField(help_text="Generated demo outcomes are among the row's graduates.")


class FlowRowSerializer(serializers.Serializer):
    source = serializers.CharField()
    target = serializers.CharField()
    value = serializers.IntegerField()
    demo = serializers.BooleanField(help_text="Generated demo outcomes are among the link's graduates.")


class StayRestSerializer(StayCountsSerializer):
    rows = serializers.IntegerField(help_text="Rows of the breakdown left out (those with fewer graduates).")


class StayReportSerializer(serializers.Serializer):
    definitions = StayDefinitionSerializer(many=True)
    summary = StayCountsSerializer()
    by = serializers.CharField()
    breakdown = StayRowSerializer(
        many=True,
        help_text="The rows with the most graduates, at most STAY_BREAKDOWN_ROWS of them (the export has every row).",
    )
    rest = StayRestSerializer(allow_null=True, help_text="The rows left out of `breakdown`, summed; null when none is.")
    trend = StayRowSerializer(many=True)
    flow = FlowRowSerializer(many=True)
    years = serializers.ListField(child=serializers.IntegerField())
    includes_demo = serializers.BooleanField(help_text="Generated demo outcomes are among the figures shown.")


class ConversionRowSerializer(serializers.Serializer):
    key = serializers.IntegerField()
    name = serializers.CharField(allow_null=True)
    interns = serializers.IntegerField()
    hired = serializers.IntegerField()
    stayed = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True)
    demo = serializers.BooleanField(help_text="Generated demo records (outcomes, demo slots' placements) are counted.")


class ConversionSerializer(serializers.Serializer):
    companies = ConversionRowSerializer(many=True)
    bases = ConversionRowSerializer(many=True)
    includes_demo = serializers.BooleanField(help_text="Generated demo records are among the figures shown.")


class PointsPartSerializer(serializers.Serializer):
    rule = serializers.CharField()
    count = serializers.IntegerField()
    points = serializers.IntegerField()


class PointsRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    company = serializers.IntegerField()
    name = serializers.CharField(allow_null=True)
    total = serializers.IntegerField()
    eligible = serializers.BooleanField()
    demo = serializers.BooleanField(help_text="Generated demo records are among the company's counts.")
    breakdown = PointsPartSerializer(many=True)


class PointsBoardSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    threshold = serializers.IntegerField(allow_null=True)
    note = serializers.CharField()
    rows = PointsRowSerializer(many=True)
    includes_demo = serializers.BooleanField(help_text="Generated demo records are among the points shown.")
