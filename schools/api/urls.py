from django.urls import path
from rest_framework.routers import SimpleRouter

from schools.api import views

router = SimpleRouter()
router.register("institutions", views.InstitutionViewSet, basename="institution")
router.register("specialty-groups", views.SpecialtyGroupViewSet, basename="specialtygroup")
router.register("majors", views.MajorViewSet, basename="major")
router.register("cohorts", views.CohortViewSet, basename="cohort")
router.register("teachers", views.TeacherViewSet, basename="teacher")
router.register("students", views.StudentViewSet, basename="student")

urlpatterns = [
    path("activation/", views.activate, name="activation"),
    path("imports/students/", views.StudentImportView.as_view(), name="import-students"),
    path("imports/students/template/", views.StudentTemplateView.as_view(), name="import-students-template"),
    path("activation/institutions/", views.activation_institutions, name="activation-institutions"),
    *router.urls,
]
