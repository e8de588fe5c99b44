from django.urls import path
from rest_framework.routers import SimpleRouter

from placements.api import archive, consent, hazards, rounds, self_arranged, views

router = SimpleRouter()
router.register("slots", views.SlotViewSet, basename="slot")
router.register("placements", views.PlacementViewSet, basename="placement")
router.register("placement-documents", views.PlacementDocumentViewSet, basename="placementdocument")
router.register("journals", views.JournalViewSet, basename="journal")
router.register("journal-photos", views.JournalPhotoViewSet, basename="journalphoto")
router.register("breach-reports", views.BreachReportViewSet, basename="breachreport")
router.register("school-policies", views.SchoolPolicyViewSet, basename="schoolpolicy")
router.register("hours-exceptions", views.HoursExceptionViewSet, basename="hoursexception")
router.register("match-rounds", rounds.MatchRoundViewSet, basename="matchround")
router.register("hazard-terms", hazards.HazardTermViewSet, basename="hazardterm")
router.register("guardian-consents", consent.GuardianConsentViewSet, basename="guardianconsent")
router.register("filings", consent.FilingViewSet, basename="filing")
router.register("self-arranged", self_arranged.ProposalViewSet, basename="selfarrangedproposal")

urlpatterns = [
    path("regulation/", views.regulation, name="regulation"),
    # the internship archive: a placement's record as a PDF, a class's as a ZIP
    path("placements/<int:id>/internship-archive/", archive.placement_archive, name="placement-archive"),
    path("cohorts/<int:id>/internship-archive/", archive.cohort_archive, name="cohort-archive"),
    # the guardian's consent link: no sign-in, the token in the body
    path("guardian-consent/link/", consent.guardian_link, name="guardian-consent-link"),
    path("guardian-consent/open/", consent.guardian_open, name="guardian-consent-open"),
    path("guardian-consent/decide/", consent.guardian_decide, name="guardian-consent-decide"),
    *router.urls,
]
