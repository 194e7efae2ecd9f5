"""COP decisions: the list, navigated by thematic area and filtered by
convention, meeting and year, and one page per decision with what countries
did to implement it."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Count, Min, Q, When
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.models import Question
from conventions.codes import DecisionCode, parse_decision_code
from conventions.managers import YEAR_ADOPTED
from conventions.models import ChemicalProfile, Decision, Instrument, ThematicArea
from conventions.vocabulary import localized_names
from core.conventions import CONVENTION_CODES
from core.mentions import mentioning
from knowledge.models import KnowledgeItemPage
from search.results import matching_source_ids

DECISIONS_PER_PAGE = 25
# Related content on a decision or chemical page: the most recent, never all.
KNOWLEDGE_LIMIT = 12
QUESTIONS_LIMIT = 10
# Newest meetings first; within a meeting, in the order of its decisions.
LIST_ORDER = (
    YEAR_ADOPTED.desc(nulls_last=True),
    "convention__sort_order",
    "-meeting_number",
    "is_extraordinary",
    "number",
)


def meeting_value(convention: str, extraordinary: bool, number: int) -> str:
    """The meeting as the list's filter writes it: BC-14, BC.Ex-1."""
    return f"{convention}{'.Ex' if extraordinary else ''}-{number}"


def parse_meeting(text: str) -> DecisionCode | None:
    """The meeting in `text` (BC-14, bc.ex-1, typed any way a decision code
    may be), as the code of its first decision; None if it is not one."""
    text = (text or "").strip()
    if not text or "/" in text:
        return None
    return parse_decision_code(f"{text}/1")


class ConventionField(forms.ChoiceField):
    """A convention code, in any case (bc or BC)."""

    def to_python(self, value):
        return super().to_python(value).upper()


class DecisionFilterForm(forms.Form):
    """The list's filters, all kept in the URL. A value that matches nothing
    known is an error the page names; the other filters still apply."""

    convention = ConventionField(
        label=gettext_lazy("Convention"),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("There is no convention “%(value)s”. Choose BC, RC or SC.")},
    )
    meeting = forms.CharField(label=gettext_lazy("Meeting"), required=False, max_length=20)
    # Longer text is cut by the search itself (with the same bound as the site search).
    q = forms.CharField(label=gettext_lazy("Words in the decision"), required=False, max_length=1000, strip=True)
    topic = forms.ModelChoiceField(
        label=gettext_lazy("Thematic area"),
        queryset=ThematicArea.objects.none(),
        required=False,
        to_field_name="slug",
        error_messages={"invalid_choice": gettext_lazy("There is no thematic area “%(value)s”.")},
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year"),
        required=False,
        min_value=1980,
        max_value=2100,
        error_messages={"invalid": gettext_lazy("Write the year in four digits, like 2019.")},
    )

    def __init__(self, *args, conventions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["convention"].choices = [("", _("All conventions"))] + [
            (instrument.code, instrument.short_name) for instrument in conventions
        ]
        self.fields["topic"].queryset = ThematicArea.objects.originals()

    def clean_meeting(self):
        text = self.cleaned_data["meeting"]
        if not text:
            return None
        meeting = parse_meeting(text)
        if meeting is None:
            raise ValidationError(
                _("“%(value)s” is not a meeting. Write it like BC-14 (COP-14) or BC.Ex-1 (extraordinary meeting)."),
                params={"value": text},
            )
        return meeting


def _filtered(data: dict, without: str = ""):
    """Decisions matching the valid filters in `data`, leaving out `without`
    (the thematic-area counts apply every filter but their own)."""
    decisions = Decision.objects.all()
    if data.get("convention"):
        decisions = decisions.filter(convention__code=data["convention"])
    meeting = data.get("meeting")
    if meeting:
        decisions = decisions.filter(
            convention__code=meeting.convention, is_extraordinary=meeting.extraordinary, meeting_number=meeting.meeting
        )
    if data.get("topic") and without != "topic":
        decisions = decisions.filter(thematic_areas=data["topic"])
    if data.get("year"):
        decisions = decisions.adopted_in(data["year"])
    if data.get("q"):
        decisions = decisions.filter(pk__in=data["matching"])
    return decisions


def _with_area_names(decisions) -> None:
    """Give each decision `areas`: its thematic areas with their names in the
    active language, in one query for the whole page."""
    areas = {area.pk: area for decision in decisions for area in decision.thematic_areas.all()}
    names = {area.pk: name for area, name in localized_names(areas.values())}
    for decision in decisions:
        decision.areas = [(area, names[area.pk]) for area in decision.thematic_areas.all()]


def index(request):
    """Every decision, newest meetings first, navigated by thematic area
    and narrowed by convention, meeting and year."""
    typed_code = request.GET.get("code", "").strip()[:40]
    if typed_code:
        # "Go to a decision": a code typed any way leads to its page.
        code = parse_decision_code(typed_code)
        if code is not None:
            return redirect("packages:decision", code=code.path)
    conventions = list(Instrument.objects.filter(code__in=CONVENTION_CODES))
    form = DecisionFilterForm(request.GET, conventions=conventions)
    form.is_valid()
    data = form.cleaned_data  # the valid filters; errors name the others
    if data.get("q"):
        data["matching"] = matching_source_ids("decision", data["q"])
    errors = [error for field in form for error in field.errors]
    if typed_code:
        errors.insert(
            0,
            _(
                "“%(value)s” is not a decision code. A code names the convention (BC, RC or SC), the meeting "
                "and the decision, as in the examples under the box."
            )
            % {"value": typed_code},
        )

    # What the links on the page keep: the valid filters, never the page number.
    query = QueryDict(mutable=True)
    if data.get("convention"):
        query["convention"] = data["convention"]
    if data.get("meeting"):
        meeting = data["meeting"]
        query["meeting"] = meeting_value(meeting.convention, meeting.extraordinary, meeting.meeting)
    if data.get("topic"):
        query["topic"] = data["topic"].slug
    if data.get("year"):
        query["year"] = str(data["year"])
    if data.get("q"):
        query["q"] = data["q"]

    decisions = _filtered(data).with_year().select_related("convention").prefetch_related("thematic_areas")
    if data.get("q"):
        # Best matches first, as in the site search.
        ranked = data["matching"]
        decisions = decisions.order_by(
            Case(*[When(pk=pk, then=position) for position, pk in enumerate(ranked)], default=len(ranked)), *LIST_ORDER
        )
    else:
        decisions = decisions.order_by(*LIST_ORDER)
    page = Paginator(decisions, DECISIONS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    _with_area_names(page.object_list)

    # The primary navigation: thematic areas, each with how many decisions
    # the other filters leave in it.
    selected_topic = data.get("topic")
    areas = (
        ThematicArea.objects.originals()
        .annotate(decision_count=Count("decisions", filter=Q(decisions__in=_filtered(data, without="topic"))))
        .filter(Q(decision_count__gt=0) | Q(pk=selected_topic.pk if selected_topic else None))
    )
    areas = localized_names(areas)
    # Each meeting named with its convention: Basel and Stockholm both had a COP-7.
    short_names = {instrument.code: instrument.local_short_name for instrument in conventions}
    meetings = [
        {
            "value": meeting_value(row["convention__code"], row["is_extraordinary"], row["meeting_number"]),
            "convention": short_names.get(row["convention__code"], row["convention__short_name"]),
            "extraordinary": row["is_extraordinary"],
            "number": row["meeting_number"],
            "year": row["year"],
        }
        for row in Decision.objects.values(
            "convention__code", "convention__short_name", "is_extraordinary", "meeting_number"
        )
        .annotate(year=Min(YEAR_ADOPTED))
        .order_by("convention__sort_order", "convention__code", "-meeting_number", "is_extraordinary")
    ]
    meeting_labels = {meeting["value"]: meeting for meeting in meetings}
    years = Decision.objects.years()
    return render(
        request,
        "pages/decisions.html",
        {
            "page_obj": page,
            "errors": errors,
            "typed_code": typed_code,
            "filters": data,
            "query": query,
            "conventions": conventions,
            "selected_convention": next((c for c in conventions if c.code == data.get("convention")), None),
            "selected_meeting": meeting_labels.get(query.get("meeting")),
            "meetings": meetings,
            "years": years,
            "areas": areas,
            "selected_topic_name": next((name for area, name in areas if area == selected_topic), ""),
            "code_examples": Decision.objects.code_examples(),
        },
        status=400 if errors else 200,
    )


def _not_found(request, code: str, parsed: DecisionCode | None):
    return render(
        request,
        "pages/decision_detail.html",
        {"decision": None, "typed": code[:40], "parsed": parsed, "code_examples": Decision.objects.code_examples()},
        status=404,
    )


def detail(request, code):
    """One decision: its facts, text, related decisions and what countries
    did to implement it. Codes typed another way (bc-14-12) are sent to the
    canonical address (BC-14-12) for good."""
    parsed = parse_decision_code(code)
    if parsed is None:
        return _not_found(request, code, None)
    decision = (
        Decision.objects.with_year()
        .select_related("convention", "meeting")
        .filter(
            convention__code=parsed.convention,
            is_extraordinary=parsed.extraordinary,
            meeting_number=parsed.meeting,
            number=parsed.number,
        )
        .first()
    )
    if decision is None:
        return _not_found(request, code, parsed)
    if code != decision.path_code:
        return redirect("packages:decision", code=decision.path_code, permanent=True)

    # Cited as BC-14/12, or as in its address, BC-14-12.
    cited = [re.escape(decision.code).replace("/", "[/-]")]
    context = {
        "decision": decision,
        "meeting_filter": meeting_value(decision.convention.code, decision.is_extraordinary, decision.meeting_number),
        "areas": localized_names(decision.thematic_areas.all()),
        "related": decision.related.with_year().select_related("convention").order_by(*LIST_ORDER),
        "chemicals": ChemicalProfile.objects.filter(Q(decisions=decision) | Q(listings__decision=decision))
        .distinct()
        .order_by("kind", "name"),
        "knowledge_items": KnowledgeItemPage.objects.for_readers()
        .filter(decision_references__code__iexact=decision.code)
        .distinct()
        .for_cards()
        .order_by("-first_published_at")[:KNOWLEDGE_LIMIT],
        "questions": Question.objects.visible_to(request.user)
        .filter(mentioning(["title", "body_markdown"], cited))
        .order_by("-last_activity_at")[:QUESTIONS_LIMIT],
        "questions_limit": QUESTIONS_LIMIT,
    }
    return render(request, "pages/decision_detail.html", context)
