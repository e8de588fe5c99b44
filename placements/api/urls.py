from django.urls import path
from rest_framework.routers import SimpleRouter

from placements.api import hazards, rounds, views

router = SimpleRouter()
router.register("slots", views.SlotViewSet, basename="slot")
router.register("placements", views.PlacementViewSet, basename="placement")
router.register("placement-documents", views.PlacementDocumentViewSet, basename="placementdocument")
router.register("journals", views.JournalViewSet, basename="journal")
router.register("breach-reports", views.BreachReportViewSet, basename="breachreport")
router.register("school-policies", views.SchoolPolicyViewSet, basename="schoolpolicy")
router.register("hours-exceptions", views.HoursExceptionViewSet, basename="hoursexception")
router.register("match-rounds", rounds.MatchRoundViewSet, basename="matchround")
router.register("hazard-terms", hazards.HazardTermViewSet, basename="hazardterm")

urlpatterns = [path("regulation/", views.regulation, name="regulation"), *router.urls]
