"""schema.org structured data (JSON-LD) for what a page shows, so search
engines and other harvesters read a question and its answers, a COP
decision, a meeting, a knowledge item or the hub itself as such.

One plain function per kind builds the dicts from the objects the views
and pages already put in the template context; `for_context` recognises the
page, `script_elements` writes them out. Everything here reads, never
writes, and costs a fixed handful of queries on a detail page and none on
any other page (the tag is in base.html, so on every listing too).

Rules kept everywhere: addresses are absolute (on the host the reader
asked, as the page's hreflang links are), text is plain (sanitized HTML
stripped), members are named as the page names them and never by their
email, and a private group's question gives nothing (Google's QAPage is for
public pages; DESIGN.md: private groups are invisible to non-members).
"""

import json

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from community.constants import POST_MAX_LENGTH
from community.models import Answer, Question
from conventions.calendar_ics import local_times, venue_zone
from conventions.constants import MeetingStatus
from conventions.models import Decision, Instrument, Meeting
from conventions.vocabulary import localized_names
from core.addresses import absolute_url
from core.conventions import CONVENTION_CODES
from core.markup import plain_text
from knowledge.models import AwarenessMaterialPage, HomePage, KnowledgeItemPage, LegalInformationPage

SCHEMA_ORG = "https://schema.org"
# The conventions' reference data (decision titles and texts) is kept in
# English whatever the page's language (templates/components/decision_data_language.html).
REFERENCE_DATA_LANGUAGE = "en"
# Who convenes the meetings of the joint calendar: the secretariat the three
# conventions share. A proper name, the same in every language.
SECRETARIAT = {
    "@type": "Organization",
    "name": "Secretariat of the Basel, Rotterdam and Stockholm Conventions",
    "url": "https://www.brsmeas.org/",
}
EVENT_STATUS = {
    MeetingStatus.SCHEDULED: "https://schema.org/EventScheduled",
    MeetingStatus.POSTPONED: "https://schema.org/EventPostponed",
    MeetingStatus.CANCELLED: "https://schema.org/EventCancelled",
}
# Kinds of knowledge item that are not articles: a poster, a video, a model
# law are works of their own, described on the page rather than written there.
NOT_ARTICLES = (AwarenessMaterialPage, LegalInformationPage)
# The JSON sits in an HTML <script> element: <, > and & written as escapes
# keep "</script>" or "<!--" in a title from ending it, as Django's json_script does.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _absolute(request, path: str) -> str:
    """The path on the host the reader asked (a full URL as it is)."""
    return request.build_absolute_uri(path) if request is not None else absolute_url(path)


def _plain(html: str) -> str:
    """A post's sanitized HTML as plain text, whole (no post is longer than POST_MAX_LENGTH)."""
    return plain_text(html, limit=POST_MAX_LENGTH)


def _person(user, request) -> dict:
    """A member as the page names them (display name or handle, never the
    email); their profile's address only if they made it public."""
    profile = getattr(user, "profile", None)
    person = {"@type": "Person", "name": profile.name if profile is not None else user.handle}
    if profile is not None and profile.is_public:
        person["url"] = _absolute(request, user.get_absolute_url())
    return person


def _terms(areas: list, request) -> list[dict]:
    """Thematic areas, given as (area, name in the reader's language), as
    terms of the hub's vocabulary."""
    vocabulary = _absolute(request, reverse("packages:topics"))
    return [{"@type": "DefinedTerm", "name": name, "inDefinedTermSet": vocabulary} for _area, name in areas]


def _home_url(request) -> str:
    """The home page in the reader's language."""
    return _absolute(request, reverse("wagtail_serve", args=[""]))


def _publisher(site_name: str, request) -> dict:
    return {"@type": "Organization", "name": site_name, "url": _home_url(request)}


def question_page(question: Question, request) -> dict | None:
    """A QAPage for a question anybody may read, with its visible answers
    (never held, hidden or removed ones); None for any other question (held,
    hidden, or in a private group). Two queries."""
    public = AnonymousUser()
    if not Question.objects.visible_to(public).filter(pk=question.pk).exists():
        return None
    answers = list(
        Answer.objects.visible_to(public)
        .filter(question=question)
        .select_related("author__profile")
        .order_by("-vote_count", "created_at", "pk")
    )
    entity = {
        "@type": "Question",
        "name": question.title,
        "text": _plain(question.body_html) or question.title,
        "dateCreated": question.created_at.isoformat(),
        "author": _person(question.author, request),
        "answerCount": len(answers),
        "url": _absolute(request, question.get_absolute_url()),
    }
    if question.edited_at:
        entity["dateModified"] = question.edited_at.isoformat()
    if question.language:
        entity["inLanguage"] = question.language
    accepted = [answer for answer in answers if answer.pk == question.accepted_answer_id]
    suggested = [answer for answer in answers if answer.pk != question.accepted_answer_id]
    if accepted:
        entity["acceptedAnswer"] = _answer(accepted[0], question, request)
    if suggested:
        entity["suggestedAnswer"] = [_answer(answer, question, request) for answer in suggested]
    return {"@context": SCHEMA_ORG, "@type": "QAPage", "mainEntity": entity}


def _answer(answer: Answer, question: Question, request) -> dict:
    data = {
        "@type": "Answer",
        "text": _plain(answer.body_html),
        "dateCreated": answer.created_at.isoformat(),
        # The answer's anchor on the question's page (no query for the question).
        "url": _absolute(request, f"{question.get_absolute_url()}#answer-{answer.pk}"),
        "author": _person(answer.author, request),
        "upvoteCount": answer.vote_count,
    }
    if answer.language:
        data["inLanguage"] = answer.language
    return data


def decision_legislation(decision: Decision, request, areas: list | None = None) -> dict:
    """A COP decision as Legislation. `areas`: its thematic areas as (area,
    name), as the decision's page has them; read here if not given."""
    if areas is None:
        areas = localized_names(decision.thematic_areas.all())
    convention = decision.convention
    data = {
        "@context": SCHEMA_ORG,
        "@type": "Legislation",
        "name": decision.title,
        "legislationIdentifier": decision.code,
        "legislationType": "Decision",
        "legislationPassedBy": {
            "@type": "Organization",
            # As the decisions themselves name it, in their (English) words.
            "name": f"Conference of the Parties to the {convention.short_name}",
        },
        "url": _absolute(request, reverse("packages:decision", kwargs={"code": decision.path_code})),
        "inLanguage": REFERENCE_DATA_LANGUAGE,
    }
    date = _adoption_date(decision)
    if date:
        data["legislationDate"] = date
    if decision.summary:
        data["description"] = decision.summary
    if areas:
        data["about"] = _terms(areas, request)
    return data


def _adoption_date(decision: Decision) -> str:
    """When it was adopted, as precisely as known: its meeting's last day
    (a COP adopts its decisions by its close), else the year recorded."""
    year = getattr(decision, "year_adopted", None) or decision.year
    meeting = decision.meeting
    if meeting is not None and (not decision.year or decision.year == meeting.end_date.year):
        return meeting.end_date.isoformat()
    return str(year) if year else ""


def meeting_event(meeting: Meeting, request) -> dict:
    """A meeting of the calendar as an Event: its dates (times in the
    venue's zone when known), status, how to attend and where."""
    start, end = _event_dates(meeting)
    data = {
        "@context": SCHEMA_ORG,
        "@type": "Event",
        "name": meeting.title,
        "startDate": start,
        "endDate": end,
        "eventStatus": EVENT_STATUS.get(meeting.status, EVENT_STATUS[MeetingStatus.SCHEDULED]),
        "organizer": SECRETARIAT,
        "url": _absolute(request, reverse("packages:meeting", kwargs={"slug": meeting.slug})),
    }
    if meeting.description:
        data["description"] = meeting.description
    in_person = bool(meeting.venue or meeting.city or meeting.country_id)
    places = []
    if in_person:
        address = {"@type": "PostalAddress"}
        if meeting.city:
            address["addressLocality"] = meeting.city
        if meeting.country is not None:
            address["addressCountry"] = meeting.country.iso2
        place = {"@type": "Place", "address": address}
        place["name"] = meeting.venue or ", ".join(
            part for part in (meeting.city, meeting.country.local_name if meeting.country else "") if part
        )
        places.append(place)
    if meeting.online_url:
        places.append({"@type": "VirtualLocation", "url": meeting.online_url})
    if in_person and meeting.online_url:
        data["eventAttendanceMode"] = "https://schema.org/MixedEventAttendanceMode"
    elif in_person:
        data["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
    elif meeting.online_url:
        data["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
    if places:
        data["location"] = places[0] if len(places) == 1 else places
    return data


def _event_dates(meeting: Meeting) -> tuple[str, str]:
    """ISO 8601: dates for whole days, times with the venue's offset when
    the meeting has times (and without one if the zone is unknown)."""
    times = local_times(meeting)
    if times is None:
        return meeting.start_date.isoformat(), meeting.end_date.isoformat()
    zone = venue_zone(meeting)
    start, end = times
    if zone is not None:
        start, end = start.replace(tzinfo=zone), end.replace(tzinfo=zone)
    return start.isoformat(), end.isoformat()


def knowledge_article(page: KnowledgeItemPage, request, site_name: str, topic_names: list | None = None) -> dict:
    """A knowledge item as an Article (a CreativeWork for the kinds that are
    works of their own). `topic_names`: its thematic areas as (area, name),
    as the item's page has them; read here if not given."""
    if topic_names is None:
        topic_names = localized_names(page.thematic_areas.all())
    data = {
        "@context": SCHEMA_ORG,
        "@type": "CreativeWork" if isinstance(page, NOT_ARTICLES) else "Article",
        "headline": page.title,
        "name": page.title,
        "description": page.summary,
        # The language its text is written in, as the page marks it (lang=).
        "inLanguage": page.content_language,
        "url": _absolute(request, page.get_url(request) or ""),
    }
    if site_name:
        data["publisher"] = _publisher(site_name, request)
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if topic_names:
        data["about"] = _terms(topic_names, request)
    countries = [_country(country) for country in page.countries.all()]
    if countries:
        data["spatialCoverage"] = countries
    organisation = {"@type": "Organization", "name": page.organisation} if page.organisation else None
    submitter = page.submitter
    profile = getattr(submitter, "profile", None) if submitter is not None else None
    # The member who shared it, if their profile is public (the page names
    # them either way, but a private profile is not spread further); else
    # the organisation the item names, if any.
    if profile is not None and profile.is_public:
        data["author"] = _person(submitter, request)
    elif organisation:
        data["author"] = organisation
    if organisation:
        data["sourceOrganization"] = organisation
    return data


def _country(country) -> dict:
    """A country by its name in the reader's language; the European Union
    is a region, not a country."""
    return {
        "@type": "Country" if country.is_state else "AdministrativeArea",
        "name": country.local_name,
        "identifier": country.iso3,
    }


def home_organization(page: HomePage, request, site_name: str) -> list[dict]:
    """The hub as an Organization (with the conventions' own websites) and
    as a WebSite whose search engines can send a query to the site search."""
    home = _absolute(request, page.get_url(request) or "") if page is not None else _home_url(request)
    websites = sorted(
        set(Instrument.objects.filter(code__in=CONVENTION_CODES).exclude(website="").values_list("website", flat=True))
    )
    organization = {"@context": SCHEMA_ORG, "@type": "Organization", "name": site_name, "url": home}
    if websites:
        organization["sameAs"] = websites
    search = _absolute(request, reverse("search:search"))
    website = {
        "@context": SCHEMA_ORG,
        "@type": "WebSite",
        "name": site_name,
        "url": home,
        "inLanguage": translation.get_language(),
        "publisher": {"@type": "Organization", "name": site_name, "url": home},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }
    return [organization, website]


def _served_page(context, request):
    """The Wagtail page this response serves, or None: `page` is only what
    the page tree serves on Wagtail's own route (the share form, for one,
    puts a draft in `page`)."""
    page = context.get("page")
    match = getattr(request, "resolver_match", None)
    if page is None or match is None or match.url_name != "wagtail_serve":
        return None
    return page


def for_context(context) -> list[dict]:
    """The structured data for the page a template context shows: a
    question, a decision, a meeting, a knowledge item or the home page,
    recognised from the variables their views and pages pass. Nothing for
    any other page, without a query."""
    request = context.get("request")
    if request is None:
        return []
    question = context.get("question")
    if isinstance(question, Question):
        found = question_page(question, request)
        return [found] if found else []
    decision = context.get("decision")
    if isinstance(decision, Decision):
        return [decision_legislation(decision, request, context.get("areas"))]
    meeting = context.get("meeting")
    if isinstance(meeting, Meeting):
        return [meeting_event(meeting, request)]
    page = _served_page(context, request)
    identity = context.get("identity") or {}
    site_name = identity.get("name", "") if isinstance(identity, dict) else ""
    if isinstance(page, KnowledgeItemPage):
        return [knowledge_article(page, request, site_name, context.get("topic_names"))]
    if isinstance(page, HomePage) and site_name:
        return home_organization(page, request, site_name)
    return []


def script_elements(objects: list[dict]) -> SafeString:
    """Each object in a <script type="application/ld+json"> element, its
    JSON escaped so that nothing in it can end the element."""
    scripts = [
        # mark_safe: JSON with <, > and & escaped, which the HTML parser cannot read as markup.
        mark_safe(json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES))  # noqa: S308
        for data in objects
    ]
    return format_html_join("\n", '<script type="application/ld+json">{}</script>', ((script,) for script in scripts))
