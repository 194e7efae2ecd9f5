from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    name = "subscriptions"
    verbose_name = _("Subscriptions and notifications")

    def ready(self):
        from notifications.models import Notification
        from notifications.signals import notify

        from . import events, signals

        events.register()

        # This app comes after notifications in INSTALLED_APPS, so this receiver
        # runs after the package's handler has inserted the rows; inside a
        # transaction the count is forgotten again on commit (see unread.py).
        notify.connect(signals.forget_count_of_recipients, dispatch_uid="subscriptions.forget_unread_on_notify")
        post_save.connect(
            signals.forget_count_of_notification,
            sender=Notification,
            dispatch_uid="subscriptions.forget_unread_on_save",
        )
        post_delete.connect(
            signals.forget_count_of_notification,
            sender=Notification,
            dispatch_uid="subscriptions.forget_unread_on_delete",
        )
        from anymail.signals import inbound, tracking

        from . import webhooks

        # Bounces and complaints stop email to an address; replies become answers.
        tracking.connect(webhooks.record_delivery_problem, dispatch_uid="subscriptions.record_delivery_problem")
        inbound.connect(webhooks.receive_reply, dispatch_uid="subscriptions.receive_reply")
