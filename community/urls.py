from django.urls import path
from django.views.decorators.http import require_safe

from . import views

app_name = "community"

urlpatterns = [
    path("forum/", views.forum_index, name="forum"),
    path("forum/ask/", views.ask, name="ask"),
    path("forum/ask/similar/", views.similar_questions, name="similar"),
    path("forum/questions/<int:pk>/answer/", views.answer, name="answer"),
    path("forum/questions/<int:pk>/moderate/", views.moderate_question, name="moderate"),
    path("forum/questions/<int:pk>/", require_safe(views.question_detail), name="question_short"),
    path("forum/questions/<int:pk>/<slug:slug>/", require_safe(views.question_detail), name="question"),
    path("forum/<slug:kind>/<int:pk>/edit/", views.edit_post, name="edit"),
    path("forum/<slug:kind>/<int:pk>/history/", views.post_history, name="history"),
    path("forum/answers/<int:pk>/", views.answer_link, name="answer_link"),
    path("forum/answers/<int:pk>/vote/", views.vote, name="vote"),
    path("forum/answers/<int:pk>/accept/", views.accept, name="accept"),
    path("forum/<slug:kind>/<int:pk>/flag/", views.flag, name="flag"),
    path("groups/", views.groups_index, name="groups"),
    path("groups/<slug:slug>/", views.group_detail, name="group"),
    path("groups/<slug:slug>/membership/", views.group_membership, name="group_membership"),
    path("groups/<slug:slug>/notices/", views.group_notices, name="group_notices"),
    path("groups/<slug:slug>/staff/", views.group_staff, name="group_staff"),
]
