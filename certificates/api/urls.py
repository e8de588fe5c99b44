from django.urls import path
from rest_framework.routers import SimpleRouter

from certificates.api import views

router = SimpleRouter()
router.register("certificate-programs", views.ProgramViewSet, basename="certificateprogram")
router.register("student-certificates", views.CertificateViewSet, basename="studentcertificate")
router.register("assessment-sessions", views.SessionViewSet, basename="assessmentsession")

urlpatterns = [
    path("certificates/report/", views.report, name="certificate-report"),
    path("imports/certificates/", views.CertificateImportView.as_view(), name="import-certificates"),
    path(
        "imports/certificates/template/", views.CertificateTemplateView.as_view(), name="import-certificates-template"
    ),
    *router.urls,
]
