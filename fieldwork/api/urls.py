from __future__ import annotations

from rest_framework.routers import SimpleRouter

from fieldwork.api import views

router = SimpleRouter()
# a placement's days: the school's settings, bases' locations, check-in, field work, leave, attendance
router.register("fieldwork-policies", views.FieldworkPolicyViewSet, basename="fieldworkpolicy")
router.register("base-geofences", views.BaseGeofenceViewSet, basename="basegeofence")
router.register("check-ins", views.CheckInViewSet, basename="checkin")
router.register("field-work", views.FieldWorkViewSet, basename="fieldwork")
router.register("leave-requests", views.LeaveRequestViewSet, basename="leaverequest")
router.register("attendance", views.AttendanceViewSet, basename="attendance")

urlpatterns = router.urls
