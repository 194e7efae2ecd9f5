"""/<lang>/legal/: the joint legal information. The texts of the three
conventions, their annexes and amendments, each an official document with
its language versions, beside the parties to each instrument and the
decision that adopted an amendment. What members share about their national
law stays in the knowledge section, linked apart."""

from django.db.models import Count, Prefetch
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from conventions.codes import parse_decision_code
from conventions.models import Decision, Instrument, PartyStatus
from knowledge.constants import TYPE_SLUGS

from ..documents import LANGUAGE_ORDER
from ..models import DocumentFile, DocumentKind, OfficialDocument


@require_safe
def index(request):
    language = get_language()
    texts = list(
        OfficialDocument.objects.published()
        .filter(kind=DocumentKind.LEGAL_TEXT)
        .prefetch_related(Prefetch("files", queryset=DocumentFile.objects.order_by("language")))
        .order_by("issued_on", "symbol")
    )
    codes = {parsed.code for text in texts if (parsed := parse_decision_code(text.adopted_by))}
    decisions = {decision.code: decision for decision in Decision.objects.filter(code__in=codes)}
    parties = dict(PartyStatus.objects.parties().values_list("instrument_id").annotate(count=Count("pk")).order_by())

    def row(text: OfficialDocument) -> dict:
        parsed = parse_decision_code(text.adopted_by)
        return {
            "document": text,
            "title": text.text_in("titles", language),
            "decision": decisions.get(parsed.code) if parsed else None,
            "languages": sorted({each.language for each in text.files.all()}, key=LANGUAGE_ORDER.index),
        }

    sections = [
        {
            "instrument": instrument,
            "parties": parties.get(instrument.pk, 0),
            "texts": [row(text) for text in texts if text.instrument_id == instrument.pk],
        }
        for instrument in Instrument.objects.order_by("sort_order", "code")
    ]
    others = [row(text) for text in texts if text.instrument_id is None]
    return render(
        request,
        "pages/legal.html",
        {
            "sections": sections,
            "others": others,
            "member_legal_url": f"/{language}/knowledge/{TYPE_SLUGS['legal_information']}/",
        },
    )
