from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django import forms
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import unique_handle
from .permissions import is_secretariat


class AccountAdapter(DefaultAccountAdapter):
    """allauth hooks: the new member's handle, where people land after
    signing in, and account emails sent by a worker."""

    def clean_email(self, email):
        """Addresses at the reserved .invalid domain (RFC 2606) receive no
        mail; the hub keeps one such address for the account that holds
        former members' posts (policies.services.former_member)."""
        email = super().clean_email(email)
        if email.rsplit("@", 1)[-1].lower().rstrip(".").endswith(".invalid"):
            raise forms.ValidationError(_("This address cannot receive email; use another."))
        return email

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        name = form.cleaned_data.get("display_name") or user.email.split("@")[0]
        user.handle = unique_handle(name)
        if commit:
            user.save()
        return user

    def get_login_redirect_url(self, request):
        # The secretariat lands in the admin; a newcomer on the first steps
        # (until they finish or skip them); members where they were going.
        if is_secretariat(request.user):
            return reverse("wagtailadmin_home")
        profile = getattr(request.user, "profile", None)
        if profile is not None and profile.first_steps_at is None:
            return reverse("subscriptions:first_steps")
        return super().get_login_redirect_url(request)

    def send_mail(self, template_prefix, email, context):
        """Render the message here (in the member's language, with the
        request's site and links) and leave the sending to a worker once
        the transaction commits: a mail server that is down must not turn a
        signup into a 500 with the account already written."""
        from .tasks import send_account_email

        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": get_current_site(request), **context},
        )
        if message.content_subtype == "html":
            body, html = "", message.body
        else:
            alternatives = getattr(message, "alternatives", [])
            body = message.body
            html = next((content for content, mimetype in alternatives if mimetype == "text/html"), None)
        payload = {
            "subject": message.subject,
            "body": body,
            "html": html,
            "from_email": message.from_email,
            "to": list(message.to),
            "headers": dict(message.extra_headers),
        }
        # If the broker is unreachable the request still succeeds (the member
        # can ask for the email again); the failure is logged (HubTask.enqueue).
        send_account_email.enqueue(payload)
