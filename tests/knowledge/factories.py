import factory
import wagtail_factories

from conventions.models import Instrument, ThematicArea
from knowledge.models import BestPracticePage, KnowledgeIndexPage, ProjectSummaryPage


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
