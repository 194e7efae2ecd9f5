from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoliciesConfig(AppConfig):
    """The service's own pages (about, terms, privacy, guidelines, contact)
    and what they promise members: terms accepted at sign-up, export of a
    member's data, deletion of the account."""

    name = "policies"
    verbose_name = _("Service pages and members' data")

    def ready(self):
        from allauth.account.signals import user_signed_up

        from . import signals

        user_signed_up.connect(signals.record_terms_acceptance, dispatch_uid="policies.record_terms_acceptance")
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_slug_changed, page_unpublished

        from .models import ServicePage

        for signal in (page_published, page_unpublished, post_save, post_delete):
            signal.connect(
                signals.forget_footer_links, sender=ServicePage, dispatch_uid=f"policies.footer.{id(signal)}"
            )
        page_slug_changed.connect(signals.forget_footer_links, sender=ServicePage, dispatch_uid="policies.footer.slug")
