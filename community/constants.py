from django.db import models
from django.utils.translation import gettext_lazy as _


class PostStatus(models.TextChoices):
    """Who may see a post. Only VISIBLE posts appear to other people."""

    VISIBLE = "visible", _("Visible")
    HELD = "held", _("Awaiting review")
    HIDDEN = "hidden", _("Hidden by flags")
    DELETED = "deleted", _("Deleted")


QUESTIONS_PER_PAGE = 20
