from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from .models import unique_handle


class AccountAdapter(DefaultAccountAdapter):
    """allauth hooks: the new member's handle, and where people land after signing in."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        name = form.cleaned_data.get("display_name") or user.email.split("@")[0]
        user.handle = unique_handle(name)
        if commit:
            user.save()
        return user

    def get_login_redirect_url(self, request):
        # Editors and administrators land in the admin; members on the home page.
        user = request.user
        if user.is_authenticated and user.is_staff:
            return reverse("wagtailadmin_home")
        return super().get_login_redirect_url(request)
