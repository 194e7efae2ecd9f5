from django import template
from django.urls import reverse

from packages.survey import survey_to_offer

register = template.Library()


@register.inclusion_tag("components/survey_offer.html", takes_context=True)
def survey_offer(context) -> dict:
    """{% survey_offer %}: asks a signed-in member, once, to answer the open
    survey, linking to it in the reader's language. No query on the pages of
    visitors, nor on anyone's while no survey is open."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return {}
    survey = survey_to_offer(user)
    if survey is None:
        return {}
    url = reverse("packages:survey", kwargs={"slug": survey.slug})
    # On the survey itself the offer is recorded but not shown.
    if request.path == url:
        return {}
    return {"survey": survey, "survey_url": url, "here": request.get_full_path()}
