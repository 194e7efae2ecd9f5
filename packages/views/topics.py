"""Topics: every thematic area and the most used tags, and a page per area
or tag with the latest knowledge items and questions about it, each with a
follow button. The pages people browse by subject, over the forum and the
knowledge base (URLs unchanged: /<lang>/topics/ and /<lang>/topics/<slug>/)."""

from collections import Counter

from django.db.models import Count
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from taggit.models import Tag
from wagtail.coreutils import get_supported_content_language_variant

from community.follow_targets import tag_url
from community.models import Question, QuestionTag
from conventions.models import ThematicArea
from conventions.vocabulary import localized_names
from core.events import FollowKind
from knowledge.models import KnowledgeItemPage, KnowledgeItemTag

TOP_TAGS = 50
ITEMS_SHOWN = 10


def _counts_by(queryset, field: str) -> dict:
    # order_by(): a model's default ordering would split the groups.
    return dict(queryset.order_by().values_list(field).annotate(n=Count("pk")).values_list(field, "n"))


def topics_index(request):
    """Every thematic area with how many questions (that this person may see)
    and published knowledge items it has, and the most used tags."""
    visible_questions = Question.objects.visible_to(request.user)
    published = KnowledgeItemPage.objects.for_readers()
    question_counts = _counts_by(visible_questions, "thematic_areas")
    item_counts = _counts_by(published, "thematic_areas")
    areas = [
        {
            "area": area,
            "name": name,
            "question_count": question_counts.get(area.pk, 0),
            "item_count": item_counts.get(area.pk, 0),
        }
        for area, name in localized_names(ThematicArea.objects.originals())
    ]
    # Tags count only where this person may see them: a tag used only in a
    # private group does not appear.
    uses = Counter(_counts_by(QuestionTag.objects.filter(content_object__in=visible_questions), "tag"))
    uses.update(_counts_by(KnowledgeItemTag.objects.filter(content_object__in=published), "tag"))
    top = sorted(uses.items(), key=lambda pair: (-pair[1], pair[0]))[:TOP_TAGS]
    found = {
        pk: (name, slug) for pk, name, slug in Tag.objects.filter(pk__in=dict(top)).values_list("pk", "name", "slug")
    }
    tags = [
        {"name": found[pk][0], "slug": found[pk][1], "url": tag_url(found[pk][1]), "count": count}
        for pk, count in top
        if pk in found
    ]
    return render(request, "pages/topics.html", {"areas": areas, "tags": tags})


def topic_detail(request, slug):
    """A thematic area, or else a tag of that slug: the latest published
    knowledge items and questions about it, and a follow button."""
    visible_questions = Question.objects.visible_to(request.user)
    published = KnowledgeItemPage.objects.for_readers()
    area = ThematicArea.objects.originals().filter(slug=slug).first()
    if area is not None:
        language = get_supported_content_language_variant(get_language())
        local = (
            ThematicArea.objects.filter(translation_key=area.translation_key, locale__language_code=language).first()
            or area
        )
        questions = visible_questions.filter(thematic_areas=area)
        items = published.filter(thematic_areas=area)
        context = {"kind": FollowKind.TOPIC, "name": local.name, "description": local.description, "filter": "topic"}
    else:
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404
        questions = visible_questions.filter(tags=tag)
        items = published.filter(tags=tag)
        context = {"kind": FollowKind.TAG, "name": tag.name, "description": "", "filter": "tag"}
    question_count, item_count = questions.count(), items.count()
    if area is None and not question_count and not item_count:
        # A tag only private discussions use stays as unknown as they are.
        raise Http404
    context.update(
        slug=slug,
        questions=questions.order_by("-last_activity_at")[:ITEMS_SHOWN],
        question_count=question_count,
        items=items.for_cards().order_by("-first_published_at")[:ITEMS_SHOWN],
        item_count=item_count,
    )
    return render(request, "pages/topic_detail.html", context)
