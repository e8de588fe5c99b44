from __future__ import annotations

from django.urls import path
from rest_framework.routers import SimpleRouter

from fieldwork.api import care, views

router = SimpleRouter()
# a placement's days: the school's settings, bases' locations, check-in, field work, leave, attendance
router.register("fieldwork-policies", views.FieldworkPolicyViewSet, basename="fieldworkpolicy")
router.register("base-geofences", views.BaseGeofenceViewSet, basename="basegeofence")
router.register("check-ins", views.CheckInViewSet, basename="checkin")
router.register("field-work", views.FieldWorkViewSet, basename="fieldwork")
router.register("leave-requests", views.LeaveRequestViewSet, basename="leaverequest")
# teacher visits, incidents, students' reviews
router.register("incidents", care.IncidentViewSet, basename="incident")
router.register("incident-photos", care.IncidentPhotoViewSet, basename="incident-photo")
router.register("incident-counts", care.IncidentCountViewSet, basename="incident-count")
router.register("visits", care.VisitViewSet, basename="visit")
router.register("visit-photos", care.VisitPhotoViewSet, basename="visit-photo")
router.register("visit-coverage", care.VisitCoverageViewSet, basename="visit-coverage")
router.register("placement-reviews", care.PlacementReviewViewSet, basename="placement-review")
router.register("company-ratings", care.CompanyRatingViewSet, basename="company-rating")

urlpatterns = [
    path("attendance/", views.attendance_week, name="attendance-list"),
    *router.urls,
]
