"""The recruitment fairs' routes (joined in config/urls.py)."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter

from careers.api import fairs

router = SimpleRouter()
router.register("fairs", fairs.FairViewSet, basename="fair")
router.register("booths", fairs.BoothViewSet, basename="booth")
router.register("fair-registrations", fairs.RegistrationViewSet, basename="fairregistration")

urlpatterns = router.urls
