"""/api/v1/ (no language prefix: records carry every language they have),
its OpenAPI 3 schema, and the documentation built from it."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import views
from .problems import no_such_address

router = SimpleRouter()
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("parties", views.PartyViewSet, basename="party")
router.register("chemicals", views.ChemicalViewSet, basename="chemical")
router.register("regional-centres", views.RegionalCentreViewSet, basename="regional-centre")
router.register("focal-points", views.FocalPointViewSet, basename="focal-point")
router.register("countries", views.CountryViewSet, basename="country")
router.register("knowledge", views.KnowledgeViewSet, basename="knowledge")
router.register("questions", views.QuestionViewSet, basename="question")
router.register("topics", views.TopicViewSet, basename="topic")

app_name = "api"

urlpatterns = [
    path("api/v1/", include(router.urls)),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its configuration as a script of its own: the
    # Content Security Policy refuses inline scripts.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^api/", no_such_address),
]
