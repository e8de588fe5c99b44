"""The certificate report's query parameters, declared: validated (ids bounded to 64 bits, the year within a
window around today, the group and the level from their lists) so a bad value is a translated 400, and documented
in the OpenAPI schema."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from certificates.api.responses import REPORT_GROUPS
from certificates.models import Level
from config.params import IdParam, YearField


class ReportParams(serializers.Serializer):
    """The arguments of certificates.report.certificate_rows, plus the format of the answer."""

    group_by = serializers.ChoiceField(choices=REPORT_GROUPS, default="program")
    format = serializers.ChoiceField(choices=["json", "xlsx"], default="json")
    institution = IdParam(help_text=_("one school (analysts; school staff see only their own anyway)"))
    program = IdParam(help_text=_("one certificate programme"))
    level = serializers.ChoiceField(choices=Level.choices, required=False, allow_blank=True)
    year = YearField(
        past=30, future=1, required=False, allow_null=True, help_text=_("year of issue, or of the assessment")
    )
