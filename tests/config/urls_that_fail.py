"""The project's URLs plus views that fail, for the error-page tests."""

from django.urls import path
from rest_framework.views import APIView

from config import urls as project


def plain_boom(request):
    raise RuntimeError("SECRET-TRACEBACK-DETAIL")


class ApiBoom(APIView):
    permission_classes = []

    def get(self, request):
        raise RuntimeError("SECRET-TRACEBACK-DETAIL")


urlpatterns = [path("api/v1/boom/", ApiBoom.as_view()), path("boom/", plain_boom), *project.urlpatterns]
handler400 = project.handler400
handler403 = project.handler403
handler404 = project.handler404
handler500 = project.handler500
