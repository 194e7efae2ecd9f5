import factory
import wagtail_factories
from wagtail.models import Site

from policies.models import FooterLink, ServicePage, SiteIdentity, TermsAcceptance
from tests.knowledge.factories import home_page
from tests.profiles.factories import MemberFactory


class ServicePageFactory(wagtail_factories.PageFactory):
    """A published service page (about, terms of use, …) under the English home page."""

    class Meta:
        model = ServicePage

    title = factory.Sequence(lambda n: f"About the hub {n}")
    intro = "What the hub is for."
    parent = factory.LazyFunction(home_page)


class TermsAcceptanceFactory(factory.django.DjangoModelFactory):
    """A member accepted the terms of use of this version, read in English.
    policies.services.record_terms_acceptance records the current version."""

    class Meta:
        model = TermsAcceptance

    user = factory.SubFactory(MemberFactory)
    version = "2025-01-01"
    language = "en"


class SiteIdentityFactory(factory.django.DjangoModelFactory):
    """The default site's name, contact and footer, as the secretariat sets
    them in Settings (a site has one: make it before anything reads it)."""

    class Meta:
        model = SiteIdentity

    site = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))
    site_name = "BRS Knowledge Hub"


class FooterLinkFactory(factory.django.DjangoModelFactory):
    """A footer link shown in every language (language="fr" for French readers only)."""

    class Meta:
        model = FooterLink

    identity = factory.SubFactory(SiteIdentityFactory)
    label = factory.Sequence(lambda n: f"Partner {n}")
    url = "https://www.brsmeas.org/"
