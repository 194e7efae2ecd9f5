import factory
import wagtail_factories

from conventions.models import Instrument, ThematicArea
from knowledge.constants import LegalInstrumentType, MaterialFormat, MechanismType, SubmissionState
from knowledge.models import (
    AwarenessMaterialPage,
    BestPracticePage,
    CoordinationMechanismPage,
    DecisionReference,
    HomeFeaturedItem,
    HomePage,
    KnowledgeAttachment,
    KnowledgeIndexPage,
    LegalInformationPage,
    ProjectSummaryPage,
    SubmissionNotice,
)

# The home page and the knowledge index are made once, by the migrations
# (one of each per language tree): tests find them rather than make them.


def home_page() -> HomePage:
    return HomePage.objects.get(locale__language_code="en")


def knowledge_index() -> KnowledgeIndexPage:
    return KnowledgeIndexPage.objects.get()


class KnowledgeItemFactory(wagtail_factories.PageFactory):
    """A published knowledge item under the knowledge index."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"E-waste take-back scheme {n}")
    summary = "Retailers take back old phones and computers at no cost."
    year_start = 2021
    parent = factory.LazyFunction(knowledge_index)

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.thematic_areas.set(ThematicArea.objects.filter(slug__in=extracted))
            obj.save()

    @factory.post_generation
    def conventions(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.conventions.set(Instrument.objects.filter(code__in=extracted))
            obj.save()

    @factory.post_generation
    def countries(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.countries.set(extracted)
            obj.save()


class BestPracticeFactory(KnowledgeItemFactory):
    class Meta:
        model = BestPracticePage
        skip_postgeneration_save = True

    problem = "<p>Informal burning of cables.</p>"


class ProjectSummaryFactory(KnowledgeItemFactory):
    class Meta:
        model = ProjectSummaryPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"PCB inventory project {n}")
    summary = "A national inventory of PCB-containing transformers."
    status = "completed"


class CoordinationMechanismFactory(KnowledgeItemFactory):
    class Meta:
        model = CoordinationMechanismPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"National chemicals committee {n}")
    summary = "Environment, health and customs meet every quarter."
    mechanism_type = MechanismType.INTER_MINISTERIAL_COMMITTEE


class AwarenessMaterialFactory(KnowledgeItemFactory):
    class Meta:
        model = AwarenessMaterialPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Poster on e-waste dangers {n}")
    summary = "A poster for collection points."
    material_format = MaterialFormat.POSTER


class LegalInformationFactory(KnowledgeItemFactory):
    class Meta:
        model = LegalInformationPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Model law on hazardous wastes {n}")
    summary = "A model law implementing the Basel Convention."
    instrument_type = LegalInstrumentType.MODEL_LAW


class HomeFeaturedItemFactory(factory.django.DjangoModelFactory):
    """A knowledge item featured on the (English) home page."""

    class Meta:
        model = HomeFeaturedItem

    home = factory.LazyFunction(home_page)
    page = factory.SubFactory(BestPracticeFactory)


class DecisionReferenceFactory(factory.django.DjangoModelFactory):
    """A COP decision an item implements, by its code."""

    class Meta:
        model = DecisionReference

    item = factory.SubFactory(BestPracticeFactory)
    code = "BC-14/12"


class KnowledgeAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KnowledgeAttachment

    item = factory.SubFactory(BestPracticeFactory)
    document = factory.SubFactory(wagtail_factories.DocumentFactory)


class SubmissionNoticeFactory(factory.django.DjangoModelFactory):
    """The record that a submitter was told an outcome (knowledge.tasks writes it)."""

    class Meta:
        model = SubmissionNotice

    page = factory.SubFactory(BestPracticeFactory)
    outcome = SubmissionState.PUBLISHED
    key = factory.Sequence(lambda n: f"submission-outcome-{n}")
