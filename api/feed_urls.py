"""Atom feeds, under the language prefix (each feed in the reader's language)."""

from django.urls import path

from . import feeds

app_name = "atom"

urlpatterns = [
    path("knowledge/feed/", feeds.KnowledgeFeed(), name="knowledge"),
    path("forum/feed/", feeds.ForumFeed(), name="forum"),
    path("groups/<slug:slug>/feed/", feeds.GroupFeed(), name="group"),
    path("topics/<str:slug>/feed/", feeds.TopicFeed(), name="topic"),
    path("decisions/feed/", feeds.DecisionFeed(), name="decisions"),
    path("calendar/feed/", feeds.MeetingFeed(), name="calendar"),
]
