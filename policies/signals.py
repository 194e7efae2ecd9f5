"""Signal receivers of the policies app, connected in PoliciesConfig.ready()."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language
from wagtail.models import Site

from . import services
from .models import FooterLink, SiteIdentity
from .templatetags.policies_tags import forget_footer


def record_terms_acceptance(sender, request, user, **kwargs) -> None:
    """allauth's user_signed_up: the sign-up form required accepting the
    terms (profiles.forms.SignupForm). Written at once, not by a task: one
    row, and the record of what an account accepted must not wait for a
    worker (or be lost with a broker that is down)."""
    services.record_terms_acceptance(user, language=get_language() or "")


def forget_footer_links(sender, instance=None, **kwargs) -> None:
    """A service page, a site or what the secretariat set for it changed:
    the cached name, contact address and footer links, of every site in
    every language, go out of use: now, and again once the change is
    committed, as a page rendered in between would cache what was there
    before."""
    forget_footer()
    transaction.on_commit(forget_footer)


# Connected as PoliciesConfig.ready() imports this module (the service
# pages' receivers are connected in ready() itself). The links, saved after
# the setting (modelcluster), count as changes too: one edited on its own
# (a shell, a migration) is seen at once.
for model in (SiteIdentity, FooterLink, Site):
    for signal in (post_save, post_delete):
        signal.connect(
            forget_footer_links,
            sender=model,
            dispatch_uid=f"policies.footer.{model.__name__}.{id(signal)}",
        )
