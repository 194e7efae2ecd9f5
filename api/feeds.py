"""Atom feeds of what is new on the hub, in the reader's language (the
address's prefix: /fr/forum/feed/ has French titles and links to /fr/ pages).

A feed reader never signs in, so every feed shows what an anonymous visitor
may see, through the one rule each app keeps for it: published knowledge
items (KnowledgeItemPage.objects.for_readers) and the questions
Question.objects.visible_to gives a visitor (never held, hidden or deleted
ones, nor a private group's). A private group has no feed: its address
answers 404, as for a group that does not exist, so a feed never tells that
it does.

A filter a feed cannot apply (a topic or country that does not exist) is
answered 400 with a message naming it: a subscription must not quietly
follow everything instead of what was asked for.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import chain
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.db.models import F, QuerySet
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.models import Tag

from community.filters import forum_filters
from community.models import Group, Question
from conventions.calendar_ics import convention_names
from conventions.constants import MeetingStatus
from conventions.models import Decision, Meeting
from conventions.vocabulary import localized_names, topics
from core.addresses import absolute_url
from core.markup import plain_text
from knowledge.forms import KnowledgeFilterForm
from knowledge.models import KnowledgeIndexPage, KnowledgeItemPage
from knowledge.services import ITEM_TYPES_BY_KEY, filter_items

# Enough for a reader that checks once a day, few enough to build in one go.
ENTRIES_PER_FEED = 50
# The length of an entry's summary, in characters (plain text).
SUMMARY_LENGTH = 500
# Newest first; a page made live without being published (no date) last.
NEWEST_PAGES_FIRST = F("first_published_at").desc(nulls_last=True)
# Meetings stay in the calendar feed this long after they end.
RECENT_MEETING_DAYS = 30
# Echo at most this much of a bad value back to the reader.
ECHO_LENGTH = 40
# The forum's lists a feed can follow (community.views.FORUM_VIEWS without
# "mine": a feed reader is nobody).
ALL_QUESTIONS, UNANSWERED = "latest", "unanswered"

# The date of an entry that has none, for sorting: before every other.
NEVER = datetime.min.replace(tzinfo=UTC)
# Who writes a feed whose entries name no member: the hub itself.
HUB_NAME = gettext_lazy("BRS Clearing-House Hub")
# Feed readers are anonymous, whoever fetches the address.
VISITOR = AnonymousUser()


class FilterError(Exception):
    """A feed's filter names nothing the feed can follow; the message says
    what, for the person who typed the address."""


@dataclass(frozen=True)
class Entry:
    """One entry of a feed, whatever it is about. `summary` is plain text."""

    title: str
    link: str
    summary: str
    # None only for a page made live without being published (by a script).
    updated: datetime | None
    published: datetime | None = None
    author: str | None = None
    categories: tuple[str, ...] = ()
    # A permanent identifier, where the link can change (a question's title is in its address).
    guid: str | None = None

    @property
    def date(self) -> datetime:
        return self.published or self.updated or NEVER


@dataclass(frozen=True)
class Channel:
    """A feed as one request asked for it. Feed instances are shared by every
    request, so what a request chose travels in this object, not on the feed."""

    title: str
    subtitle: str
    link: str
    feed_url: str
    entries: list[Entry]


def _excerpt(text: str) -> str:
    """Plain text typed in a form (a summary, a description) as one line of
    at most SUMMARY_LENGTH characters. A post's HTML goes through
    core.markup.plain_text instead: this text has no markup to strip, and
    a "<" in it is a word, not a tag."""
    return Truncator(" ".join(text.split())).chars(SUMMARY_LENGTH)


def _echo(value: str) -> str:
    return Truncator(value).chars(ECHO_LENGTH)


def _with_query(path: str, params: dict) -> str:
    query = urlencode({name: value for name, value in params.items() if value})
    return f"{path}?{query}" if query else path


def _titled(title: str, parts: list[str]) -> str:
    """The feed's name and what it is narrowed to, as the pages' titles join them."""
    return " · ".join([title, *parts])


def _topic_names(areas) -> dict[int, str]:
    """Thematic areas' names in the reader's language, by id, in one query
    for all the entries of a feed."""
    unique = {area.pk: area for area in areas}
    return {area.pk: name for area, name in localized_names(unique.values())}


def knowledge_entries(pages, request) -> list[Entry]:
    """The newest of `pages` (published knowledge items) as entries linked
    under the reader's language prefix, in a fixed number of queries."""
    pages = list(
        pages.select_related("locale", "submitter__profile").prefetch_related("thematic_areas")[:ENTRIES_PER_FEED]
    )
    names = _topic_names(chain.from_iterable(page.thematic_areas.all() for page in pages))
    return [
        Entry(
            title=page.title,
            link=absolute_url(page.get_url(request)),
            summary=_excerpt(page.summary),
            published=page.first_published_at,
            updated=page.last_published_at or page.first_published_at,
            # The name the item's page shows under "Shared by" (never an address).
            author=page.submitter.profile.name if page.submitter else None,
            categories=tuple(names[area.pk] for area in page.thematic_areas.all()),
        )
        for page in pages
    ]


def question_entries(questions) -> list[Entry]:
    """The newest of `questions` (already narrowed to what a visitor may
    read) as entries, in a fixed number of queries."""
    questions = list(questions.for_list().order_by("-created_at")[:ENTRIES_PER_FEED])
    names = _topic_names(chain.from_iterable(question.thematic_areas.all() for question in questions))
    return [
        Entry(
            title=question.title,
            link=absolute_url(question.get_absolute_url()),
            guid=absolute_url(reverse("community:question_short", args=[question.pk])),
            summary=plain_text(question.body_html, SUMMARY_LENGTH),
            published=question.created_at,
            updated=question.edited_at or question.created_at,
            # The name the forum shows beside "Asked by".
            author=question.author.profile.name,
            categories=tuple(
                [names[area.pk] for area in question.thematic_areas.all()]
                + [f"#{tag.name}" for tag in question.tags.all()]
            ),
        )
        for question in questions
    ]


def newest_first(*entry_lists: list[Entry]) -> list[Entry]:
    """Entries of several kinds in one feed: the newest, whatever their kind."""
    return sorted(chain(*entry_lists), key=lambda entry: entry.date, reverse=True)[:ENTRIES_PER_FEED]


def visible_questions():
    return Question.objects.visible_to(VISITOR)


class HubFeed(Feed):
    """What every feed of the hub shares: Atom, its channel built by
    get_object for the request, absolute addresses (Channel, Entry), the
    hub as the author of entries that name nobody, and 400 for a filter
    it cannot follow."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except FilterError as problem:
            return HttpResponseBadRequest(f"{problem}\n", content_type="text/plain; charset=utf-8")

    def get_object(self, request, *args, **kwargs) -> Channel:
        raise NotImplementedError

    def title(self, channel: Channel) -> str:
        return channel.title

    def subtitle(self, channel: Channel) -> str:
        return channel.subtitle

    def link(self, channel: Channel) -> str:
        return channel.link

    def feed_url(self, channel: Channel) -> str:
        return channel.feed_url

    def feed_guid(self, channel: Channel) -> str:
        # Two feeds may link to one page (a group's feed and the forum's);
        # their own addresses, filters included, tell them apart.
        return channel.feed_url

    def author_name(self) -> str:
        return str(HUB_NAME)

    def items(self, channel: Channel) -> list[Entry]:
        return channel.entries

    def item_title(self, entry: Entry) -> str:
        # Atom titles are text: the XML writer escapes them (Django's default
        # escapes once more, for RSS readers that read titles as HTML).
        return entry.title

    def item_link(self, entry: Entry) -> str:
        return entry.link

    def item_guid(self, entry: Entry) -> str:
        return entry.guid or entry.link

    def item_description(self, entry: Entry) -> str:
        # Atom1Feed writes it as <summary type="html">: plain text, escaped.
        return escape(entry.summary)

    def item_pubdate(self, entry: Entry) -> datetime | None:
        return entry.published

    def item_updateddate(self, entry: Entry) -> datetime | None:
        return entry.updated

    def item_author_name(self, entry: Entry) -> str | None:
        return entry.author

    def item_categories(self, entry: Entry) -> tuple[str, ...]:
        return entry.categories


class KnowledgeFeed(HubFeed):
    """/<lang>/knowledge/feed/: newly published knowledge items, narrowed by
    any filter of the knowledge listing (?topic=pcbs&country=SEN), with the
    listing's own form and filter_items. The listing's sort and page are
    ignored: a feed is newest first."""

    def get_object(self, request) -> Channel:
        index = KnowledgeIndexPage.objects.live().first()
        if index is None:
            raise Http404
        form = KnowledgeFilterForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            problems = " ".join(
                f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()
            )
            raise FilterError(_("This feed cannot follow these filters. %(problems)s") % {"problems": problems})
        pages = filter_items(KnowledgeItemPage.objects.for_readers(), form).order_by(NEWEST_PAGES_FIRST)
        data = form.cleaned_data if form.is_bound else {}
        query = {name: request.GET.get(name, "").strip() for name in form.fields if name != "sort"}
        return Channel(
            title=_titled(_("Knowledge items"), self._filter_names(data)),
            subtitle=_("Knowledge items newly published on the hub, newest first."),
            link=absolute_url(_with_query(index.get_url(request), query)),
            feed_url=absolute_url(_with_query(request.path, query)),
            entries=knowledge_entries(pages, request),
        )

    @staticmethod
    def _filter_names(data: dict) -> list[str]:
        """What the feed is narrowed to, by the names readers know."""
        names = []
        if data.get("type"):
            names.append(str(ITEM_TYPES_BY_KEY[data["type"]].label))
        if data.get("convention"):
            names.append(data["convention"].local_short_name)
        if data.get("topic"):
            names.extend(_topic_names([data["topic"]]).values())
        if data.get("country"):
            names.append(data["country"].local_name)
        if data.get("region"):
            names.append(data["region"].local_name)
        if data.get("year"):
            names.append(str(data["year"]))
        if data.get("tag"):
            names.append(f"#{data['tag']}")
        return names


class ForumFeed(HubFeed):
    """/<lang>/forum/feed/: new questions, narrowed as the forum's list is
    (?topic=, ?tag=, ?group=, ?country=, ?view=unanswered)."""

    def get_object(self, request) -> Channel:
        questions, names, query = self._filtered(request.GET)
        title = _("Unanswered questions") if query.get("view") == UNANSWERED else _("Questions and answers")
        return Channel(
            title=_titled(title, names),
            subtitle=_("New questions in the forum, newest first."),
            link=absolute_url(_with_query(reverse("community:forum"), query)),
            feed_url=absolute_url(_with_query(request.path, query)),
            entries=question_entries(questions),
        )

    @staticmethod
    def _filtered(params) -> tuple[QuerySet, list[str], dict[str, str]]:
        """The questions the filters in `params` select, the filters' names
        and the query that repeats them; FilterError names every filter that
        selects nothing known (a private group is not known to a visitor)."""
        questions, names, query, problems = visible_questions(), [], {}, []
        view = params.get("view", "").strip()
        if view == UNANSWERED:
            questions = questions.unanswered()
            query["view"] = view
        elif view not in ("", ALL_QUESTIONS):
            problems.append(
                _("“%(value)s” is not a list of the forum: use view=unanswered, or leave it out for every question.")
                % {"value": _echo(view)}
            )
        chosen = forum_filters(VISITOR, params)
        unknown = {
            "topic": _("There is no thematic area “%(value)s”."),
            "group": _("There is no group “%(value)s”."),
            "country": _("There is no country with the code “%(value)s”."),
        }
        problems += [unknown[name] % {"value": _echo(value)} for name, value in chosen.unknown.items()]
        questions = chosen.apply(questions)
        if chosen.topic:
            names.append(_("on %(name)s") % {"name": _topic_names([chosen.topic])[chosen.topic.pk]})
            query["topic"] = chosen.topic.slug
        if chosen.tag:
            names.append(f"#{chosen.tag}")
            query["tag"] = chosen.tag
        if chosen.group:
            names.append(_("in %(name)s") % {"name": chosen.group.name})
            query["group"] = chosen.group.slug
        if chosen.country:
            names.append(_("about %(name)s") % {"name": chosen.country.local_name})
            query["country"] = chosen.country.iso3
        if problems:
            raise FilterError(" ".join(problems))
        return questions, names, query


class GroupFeed(HubFeed):
    """/<lang>/groups/<slug>/feed/: a public group's new discussions and the
    knowledge items shared with it, as its page lists them. 404 for a
    private group, whoever asks."""

    def get_object(self, request, slug) -> Channel:
        group = get_object_or_404(Group.objects.visible_to(VISITOR), slug=slug)
        items = KnowledgeItemPage.objects.for_readers().filter(groups=group).order_by(NEWEST_PAGES_FIRST)
        return Channel(
            title=group.name,
            subtitle=_("New discussions in the group and knowledge items shared with it, newest first."),
            link=absolute_url(group.get_absolute_url()),
            feed_url=absolute_url(request.path),
            entries=newest_first(
                question_entries(visible_questions().filter(group=group)), knowledge_entries(items, request)
            ),
        )


class TopicFeed(HubFeed):
    """/<lang>/topics/<slug>/feed/: what the topic's page lists, newest
    first: published knowledge items and questions on a thematic area, or
    else with a tag of that slug. A tag that nothing public uses has no
    feed (404), as it has no page: it stays as unknown as the private
    discussions that use it."""

    def get_object(self, request, slug) -> Channel:
        items, questions = KnowledgeItemPage.objects.for_readers(), visible_questions()
        area = topics().filter(slug=slug).first()
        if area is not None:
            name = _topic_names([area])[area.pk]
            items, questions = items.filter(thematic_areas=area), questions.filter(thematic_areas=area)
        else:
            tag = Tag.objects.filter(slug=slug).first()
            if tag is None:
                raise Http404
            name = f"#{tag.name}"
            items, questions = items.filter(tags=tag), questions.filter(tags=tag)
        entries = newest_first(
            knowledge_entries(items.order_by(NEWEST_PAGES_FIRST), request), question_entries(questions)
        )
        if area is None and not entries:
            raise Http404
        return Channel(
            title=name,
            subtitle=_("New knowledge items and questions on this topic, newest first."),
            link=absolute_url(reverse("packages:topic", args=[slug])),
            feed_url=absolute_url(request.path),
            entries=entries,
        )


class DecisionFeed(HubFeed):
    """/<lang>/decisions/feed/: COP decisions, the most recently recorded or
    changed first (the date partners harvest by)."""

    def get_object(self, request) -> Channel:
        decisions = list(
            Decision.objects.select_related("convention")
            .prefetch_related("thematic_areas")
            .order_by("-updated_at", "-pk")[:ENTRIES_PER_FEED]
        )
        names = _topic_names(chain.from_iterable(decision.thematic_areas.all() for decision in decisions))
        entries = [
            Entry(
                # As the decision's own page titles it.
                title=f"{decision.code} {decision.title}",
                link=absolute_url(reverse("packages:decision", args=[decision.path_code])),
                summary=_excerpt(decision.summary),
                updated=decision.updated_at,
                categories=(
                    decision.convention.local_short_name,
                    *(names[area.pk] for area in decision.thematic_areas.all()),
                ),
            )
            for decision in decisions
        ]
        return Channel(
            title=_("COP decisions"),
            subtitle=_("Decisions of the conferences of the parties to the three conventions, latest changes first."),
            link=absolute_url(reverse("packages:decisions")),
            feed_url=absolute_url(request.path),
            entries=entries,
        )


class MeetingFeed(HubFeed):
    """/<lang>/calendar/feed/: the meetings of the joint calendar that are
    to come or ended in the past month, soonest first; each entry says
    when and where. Calendar apps have the iCalendar feed (/calendar.ics)."""

    def get_object(self, request) -> Channel:
        since = timezone.localdate() - timedelta(days=RECENT_MEETING_DAYS)
        meetings = (
            Meeting.objects.filter(end_date__gte=since)
            .select_related("country")
            .prefetch_related("conventions")
            .order_by("start_date", "title")[:ENTRIES_PER_FEED]
        )
        entries = [
            Entry(
                title=meeting.title,
                link=absolute_url(reverse("packages:meeting", args=[meeting.slug])),
                summary=self._summary(meeting),
                updated=meeting.updated_at,
                categories=(*convention_names(meeting), meeting.get_kind_display()),
            )
            for meeting in meetings
        ]
        return Channel(
            title=_("Calendar of meetings"),
            subtitle=_("Meetings of the three conventions to come and of the past month, soonest first."),
            link=absolute_url(reverse("packages:calendar")),
            feed_url=absolute_url(request.path),
            entries=entries,
        )

    @staticmethod
    def _summary(meeting: Meeting) -> str:
        """When and where, as the calendar shows it, then whether it was
        cancelled or postponed, then its description."""
        start = date_format(meeting.start_date, "DATE_FORMAT")
        when = start
        if meeting.end_date != meeting.start_date:
            when = _("%(start)s to %(end)s") % {"start": start, "end": date_format(meeting.end_date, "DATE_FORMAT")}
        country = meeting.country.local_name if meeting.country else ""
        place = ", ".join(part for part in (meeting.venue, meeting.city, country) if part)
        if not place and meeting.online_url:
            place = _("Online")
        status = meeting.get_status_display() if meeting.status != MeetingStatus.SCHEDULED else ""
        parts = [when, place, status, _excerpt(meeting.description)]
        return " · ".join(part for part in parts if part)
