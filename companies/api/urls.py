from django.urls import path
from rest_framework.routers import SimpleRouter

from companies.api import change_requests, listing, views

router = SimpleRouter()
router.register("companies", views.CompanyViewSet, basename="company")
router.register("company-members", views.CompanyMemberViewSet, basename="companymember")
router.register("bases", views.TrainingBaseViewSet, basename="base")
router.register("site-inspections", views.SiteInspectionViewSet, basename="siteinspection")
router.register("school-companies", listing.ListedCompanyViewSet, basename="listedcompany")
router.register("company-change-requests", change_requests.CompanyChangeRequestViewSet, basename="companychangerequest")

urlpatterns = [
    path("choices/", views.choices, name="choices"),
    path("imports/companies/", views.CompanyImportView.as_view(), name="import-companies"),
    path("imports/companies/template/", views.CompanyTemplateView.as_view(), name="import-companies-template"),
    *router.urls,
]
