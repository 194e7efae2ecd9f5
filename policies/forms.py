from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .constants import DELETE_ATTEMPTS, DELETE_ATTEMPTS_WINDOW

# allauth's code for too many login attempts: the site answers it with 429
# (config.middleware.InvalidFormStatusMiddleware).
TOO_MANY_ATTEMPTS = "too_many_login_attempts"


class DeleteAccountForm(forms.Form):
    """Deleting an account asks for the password again: a session left open
    on a shared computer is not enough."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To confirm that it is you who deletes the account."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        cleaned_data = super().clean()
        password = cleaned_data.get("password")
        if password is None:
            return cleaned_data
        # Guessing the password here is limited as at login; once over the
        # limit the password is not even checked, so no answer tells.
        key = f"policies:delete-attempts:{self.user.pk}"
        if cache.get(key, 0) >= DELETE_ATTEMPTS:
            raise ValidationError(_("Too many wrong passwords. Try again in a few minutes."), code=TOO_MANY_ATTEMPTS)
        if not self.user.check_password(password):
            cache.add(key, 0, DELETE_ATTEMPTS_WINDOW)
            cache.incr(key)
            self.add_error("password", ValidationError(_("This is not your password."), code="wrong_password"))
        return cleaned_data
