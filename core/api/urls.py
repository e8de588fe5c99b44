from rest_framework.routers import SimpleRouter

from core.api.views import BackgroundJobViewSet

router = SimpleRouter()
router.register("background-jobs", BackgroundJobViewSet, basename="background-job")
urlpatterns = router.urls
