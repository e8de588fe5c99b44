from django.urls import path
from rest_framework.routers import SimpleRouter

from accounts.api import views

router = SimpleRouter()
router.register("invitations", views.InvitationViewSet, basename="invitation")

urlpatterns = [
    path("me/", views.MeView.as_view(), name="me"),
    path("csrf/", views.csrf, name="csrf"),
    path("invitations/lookup/", views.invitation_lookup, name="invitation-lookup"),
    path("invitations/accept/", views.invitation_accept, name="invitation-accept"),
    *router.urls,
]
