"""The information packages: pages people bookmark, each over a data set
the secretariat keeps current."""

from django.urls import path, re_path

from .views import (
    calendar,
    centres,
    chemicals,
    countries,
    decisions,
    documents,
    feedback,
    focal_points,
    indicators,
    legal,
    packages,
    parties,
    statements,
    survey,
    topics,
)

app_name = "packages"

urlpatterns = [
    path("information/", packages.hub, name="packages"),
    path("parties/", parties.index, name="parties"),
    path("parties/parties.csv", parties.csv_download, name="parties_csv"),
    path("regional-centres/", centres.index, name="centres"),
    path("regional-centres/<slug:slug>/", centres.detail, name="centre"),
    path("focal-points/", focal_points.index, name="focal_points"),
    path("countries/<str:iso3>/", countries.detail, name="country"),
    path("calendar/", calendar.index, name="calendar"),
    path("calendar/<slug:slug>/", calendar.detail, name="meeting"),
    path("calendar/<slug:slug>/statement/", statements.submit, name="statement"),
    path("decisions/", decisions.index, name="decisions"),
    path("decisions/<str:code>/", decisions.detail, name="decision"),
    # BC-14%2F12: the server has decoded the slash before the URL is matched.
    re_path(r"^decisions/(?P<code>[^/]+/\d+)/$", decisions.detail),
    path("chemicals/", chemicals.index, name="chemicals"),
    path("chemicals/<slug:slug>/", chemicals.detail, name="chemical"),
    path("topics/", topics.topics_index, name="topics"),
    path("topics/<str:slug>/", topics.topic_detail, name="topic"),
    path("feedback/", feedback.submit, name="feedback"),
    path("legal/", legal.index, name="legal"),
    path("documents/", documents.library, name="documents"),
    path("documents/<str:slug>/", documents.detail, name="document"),
    path("calendar/<slug:slug>/documents-<str:language>.zip", documents.meeting_bundle, name="meeting_bundle"),
    path("indicators/", indicators.dashboard, name="indicators"),
    path("indicators/<slug:indicator>.csv", indicators.csv_download, name="indicator_csv"),
    path("survey/<slug:slug>/", survey.answer, name="survey"),
]

# Without a language prefix: calendar apps subscribe to these addresses.
feed_urlpatterns = [
    path("calendar.ics", calendar.feed, name="calendar_feed"),
    path("calendar/<slug:slug>.ics", calendar.meeting_ics, name="meeting_ics"),
]
