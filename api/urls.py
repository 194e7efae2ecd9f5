"""/api/v1/ (no language prefix: records carry every language they have),
its OpenAPI 3 schema, and the documentation built from it."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from .views import DecisionViewSet, MeetingViewSet

router = SimpleRouter()
router.register("decisions", DecisionViewSet, basename="decision")
router.register("meetings", MeetingViewSet, basename="meeting")

app_name = "api"

urlpatterns = [
    path("api/v1/", include(router.urls)),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
]
