import factory
from django.utils import timezone

from packages.models import Survey, SurveyResponse, SurveyStatus


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
