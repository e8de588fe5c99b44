"""drf-spectacular extensions for our own classes (imported once the apps are ready)."""

import copy

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.openapi import AutoSchema as _AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.fields import empty


class ApiSessionScheme(SessionScheme):
    target_class = "config.authentication.SessionAuthentication"
    name = "sessionAuth"


ERRORS = {
    "400": "Bad input: the messages per field are in `fields`.",
    "401": "Not signed in.",
    "403": "Signed in, but not allowed (or the CSRF token is missing).",
    "404": "No such object, or not one the viewer may see.",
    "409": "A rule of the domain refuses this in the current state.",
    "413": "The upload or body is too large.",
    "415": "The body's content type is not accepted.",
    "429": "Too many attempts; try again later.",
}


class AutoSchema(_AutoSchema):
    """drf-spectacular's AutoSchema, with the errors every operation can answer documented in the one error
    shape (config.serializers.ErrorSerializer), so clients and the fuzzer know a 4xx is part of the contract."""

    def _error_codes(self) -> list[str]:
        codes = ["400", "401", "403", "404"]
        if self.method not in ("GET", "HEAD", "OPTIONS"):
            codes += ["409", "413", "415"]
        if self.view.get_throttles():
            codes.append("429")
        return codes

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        from config.serializers import ErrorSerializer

        for code in self._error_codes():
            error = OpenApiResponse(ErrorSerializer, description=ERRORS[code])
            responses.setdefault(code, self._get_response_for_code(error, code, direction=direction))
        return responses

    def _get_serializer_field_meta(self, field, direction):
        meta = super()._get_serializer_field_meta(field, direction)
        # A read-only field declared with default=None (`source="advisor.user.display_name"`) answers null when a
        # link on its way is empty: say so, or clients treat a missing advisor as a string.
        if getattr(field, "read_only", False) and getattr(field, "default", empty) is None:
            meta["nullable"] = True
        return meta

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        if direction == "response" and isinstance(serializer, serializers.ModelSerializer):
            # A model serializer answers every field it has, those with a model default or blank=True too (they are
            # optional to send, never missing from an answer): required, or clients treat each as maybe absent.
            present = {name for name, field in serializer.fields.items() if not field.write_only}
            schema["required"] = sorted(set(schema.get("required", [])) | (present & set(schema.get("properties", {}))))
        return schema

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        if isinstance(field, serializers.ChoiceField) and field.read_only and not field.allow_blank:
            model_field = _model_field(field)
            if model_field is not None and model_field.blank:
                # A read-only choice of a `blank=True` model field (a placement's final grade before it ends) is
                # "" until set; ModelSerializer drops allow_blank from read-only fields, so the enum lost "".
                field = copy.copy(field)
                field.allow_blank = True
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if direction == "request" and isinstance(field, serializers.DecimalField) and schema.get("type") == "string":
            # A decimal is answered as a string (exact), but taken as a JSON number too, as forms send it.
            return {"oneOf": [{"type": "number"}, schema]}
        return schema


def _model_field(field):
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or not field.source or "." in field.source:
        return None
    try:
        return model._meta.get_field(field.source)
    except FieldDoesNotExist:
        return None


class AnyOfShapes(serializers.Serializer):
    """An answer whose shape depends on who asks (a round's result): subclasses list the shapes, each a serializer
    of its own, and the schema says "any of these", so the app's generated type is their union."""

    shapes: tuple[type[serializers.Serializer], ...] = ()


class AnyOfShapesExtension(OpenApiSerializerExtension):
    target_class = AnyOfShapes
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        return {"anyOf": [auto_schema.resolve_serializer(shape, direction).ref for shape in self.target.shapes]}


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What config.uploads keeps of an upload: a PDF, or an image re-encoded as PNG or JPEG.
UPLOADED_FILE = {
    (200, content_type): OpenApiTypes.BINARY for content_type in ("application/pdf", "image/png", "image/jpeg")
}


def with_downloads(serializer, *types: str) -> dict:
    """A report's responses: JSON by default, the same table as a file with ?format=xlsx|csv."""
    kinds = {"xlsx": XLSX, "csv": "text/csv"}
    return {(200, "application/json"): serializer, **{(200, kinds[t]): OpenApiTypes.BINARY for t in types}}
