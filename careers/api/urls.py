from __future__ import annotations

from django.urls import path
from rest_framework.routers import SimpleRouter

from careers.api import policy_views, views

router = SimpleRouter()
router.register("jobs", views.JobViewSet, basename="job")
router.register("job-applications", views.ApplicationViewSet, basename="jobapplication")
router.register("interviews", views.InterviewViewSet, basename="interview")
router.register("policies", policy_views.PolicyViewSet, basename="policy")

urlpatterns = [
    path("resume/", views.MyResumeView.as_view(), name="my-resume"),
    path("resume/pdf/", views.MyResumePdfView.as_view(), name="my-resume-pdf"),
    path("resume/photo/", views.MyResumePhotoView.as_view(), name="my-resume-photo"),
    *router.urls,
]
