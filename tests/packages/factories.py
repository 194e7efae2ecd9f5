import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from conventions.models import Instrument
from packages.documents import search_text, symbol_slug
from packages.models import DocumentKind, OfficialDocument, Survey, SurveyResponse, SurveyStatus


class SurveyFactory(factory.django.DjangoModelFactory):
    """An open survey; SurveyFactory(status=SurveyStatus.DRAFT) for one not
    yet opened. Tests that load pages before opening one open it with
    packages.survey.open_survey, which tells the pages' cache."""

    class Meta:
        model = Survey

    title = factory.Sequence(lambda n: f"Satisfaction survey {n}")
    slug = factory.Sequence(lambda n: f"survey-{n}")
    status = SurveyStatus.OPEN
    opened_at = factory.LazyAttribute(lambda survey: timezone.now() if survey.status != SurveyStatus.DRAFT else None)


class SurveyResponseFactory(factory.django.DjangoModelFactory):
    """An anonymous answer (a respondent key, no account) unless user= is given."""

    class Meta:
        model = SurveyResponse

    survey = factory.SubFactory(SurveyFactory)
    user = None
    respondent = factory.LazyAttributeSequence(lambda response, n: "" if response.user else f"{n:064x}")
    satisfaction = 4
    uses = factory.LazyFunction(lambda: ["knowledge"])
    role = "government"
    language = "en"


class OfficialDocumentFactory(factory.django.DjangoModelFactory):
    """A published official document; add files with packages.documents.add_file."""

    class Meta:
        model = OfficialDocument
        skip_postgeneration_save = True

    symbol = factory.Sequence(lambda n: f"UNEP/CHW.16/{n + 1}")
    slug = factory.LazyAttribute(lambda document: symbol_slug(document.symbol))
    kind = DocumentKind.WORKING
    issued_on = datetime.date(2025, 3, 1)
    titles = factory.LazyAttribute(lambda document: {"en": f"Document {document.symbol}"})
    summaries = factory.LazyFunction(dict)
    search_text = factory.LazyAttribute(lambda document: search_text(document))
    is_published = True

    @factory.post_generation
    def conventions(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.conventions.set(Instrument.objects.filter(code__in=extracted))


def pdf_upload(text: str = "UNEP/CHW.16/1", name: str = "document.pdf") -> SimpleUploadedFile:
    """A small real PDF whose content differs with `text`."""
    body = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode()
    content = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Contents 4 0 R>>endobj\n"
        + f"4 0 obj<</Length {len(body)}>>stream\n".encode()
        + body
        + b"\nendstream endobj\nxref\n0 5\n0000000000 65535 f \ntrailer<</Size 5/Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
    )
    return SimpleUploadedFile(name, content, content_type="application/pdf")
