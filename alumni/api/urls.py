from django.urls import path
from rest_framework.routers import SimpleRouter

from alumni.api import views

router = SimpleRouter()
router.register("outcomes", views.OutcomeViewSet, basename="outcome")
router.register("talent-rules", views.TalentRuleViewSet, basename="talentrule")

urlpatterns = [
    path("stay-report/", views.stay_report, name="stay-report"),
    path("stay-report/conversion/", views.conversion, name="stay-report-conversion"),
    path("talent-points/", views.talent_points, name="talent-points"),
    path("imports/outcomes/", views.OutcomeImportView.as_view(), name="import-outcomes"),
    path("imports/outcomes/template/", views.OutcomeTemplateView.as_view(), name="import-outcomes-template"),
    *router.urls,
]
