from __future__ import annotations

from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action, api_view, permission_classes, throttle_classes
from rest_framework.generics import RetrieveUpdateAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle

from accounts import services
from accounts.api.serializers import (
    InvitationAcceptSerializer,
    InvitationLookupSerializer,
    InvitationSerializer,
    InvitationTokenSerializer,
    MeSerializer,
)
from accounts.filters import InvitationFilter
from accounts.models import Invitation
from accounts.selectors import invitations_visible_to
from config.viewsets import ScopedViewSet


class MeView(RetrieveUpdateAPIView):
    """The signed-in user, their roles and their organisations."""

    serializer_class = MeSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self):
        return self.request.user


@extend_schema(responses=inline_serializer("Csrf", {"ok": serializers.BooleanField()}))
@api_view(["GET"])
@permission_classes([AllowAny])
@ensure_csrf_cookie
def csrf(request: Request) -> Response:
    """Sets the CSRF cookie the app sends back as X-CSRFToken."""
    return Response({"ok": True})


class InvitationViewSet(ScopedViewSet):
    """Invitations a school admin or company HR has sent: listed as "invited, pending", sent again or revoked.
    They are created by adding a teacher (/teachers/) or a colleague (/company-members/)."""

    serializer_class = InvitationSerializer
    http_method_names = ["get", "post", "head", "options"]
    services_check_writes = True
    filterset_class = InvitationFilter
    search_fields = ["email", "full_name"]
    ordering_fields = ["created_at", "expires_at", "email"]

    def base_queryset(self):
        return Invitation.objects.select_related("institution", "company", "invited_by").order_by("-created_at", "-id")

    def scope(self, queryset, actor):
        return invitations_visible_to(actor, queryset)

    @extend_schema(exclude=True)  # not an operation: people are invited through /teachers/ and /company-members/
    def create(self, request, *args, **kwargs):
        raise exceptions.MethodNotAllowed("POST")

    @extend_schema(request=None, responses=InvitationSerializer)
    @action(detail=True, methods=["post"])
    def resend(self, request, pk=None):
        """Send a fresh link and code (the earlier ones stop working); the expiry starts again."""
        invitation = services.invitation_resend(actor=self.actor, invitation=self.get_object())
        return Response(self.get_serializer(self.base_queryset().get(pk=invitation.pk)).data)

    @extend_schema(request=None, responses=InvitationSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        """Withdraw an invitation that has not been accepted."""
        invitation = services.invitation_revoke(actor=self.actor, invitation=self.get_object())
        return Response(self.get_serializer(self.base_queryset().get(pk=invitation.pk)).data)


class InvitationThrottle(SimpleRateThrottle):
    """Per address: tokens are long, but nobody should be able to try them quickly."""

    scope = "invitation"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


@extend_schema(request=InvitationTokenSerializer, responses=InvitationLookupSerializer)
@api_view(["POST"])
@permission_classes([AllowAny])
@throttle_classes([InvitationThrottle])
def invitation_lookup(request: Request) -> Response:
    """For the holder of a token: what the invitation is for and whether they sign in or create an account."""
    serializer = InvitationTokenSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = services.invitation_lookup(token=serializer.validated_data["token"], user=request.user)
    return Response(InvitationLookupSerializer(data).data)


@extend_schema(
    request=InvitationAcceptSerializer,
    responses=inline_serializer(
        "InvitationAccepted",
        {"email": serializers.EmailField(), "created_account": serializers.BooleanField()},
    ),
)
@api_view(["POST"])
@permission_classes([AllowAny])
@throttle_classes([InvitationThrottle])
def invitation_accept(request: Request) -> Response:
    """Accept with the token: signed in as the invited address's account, or (for an address with no
    account) with a full name and a new password. The invitation is used up."""
    serializer = InvitationAcceptSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    signed_in = request.user.is_authenticated
    account = services.invitation_accept(
        token=data["token"],
        user=request.user if signed_in else None,
        full_name=data.get("full_name", ""),
        password=data.get("password", ""),
    )
    return Response({"email": account.email, "created_account": not signed_in}, status=status.HTTP_200_OK)
