from django.db.models.signals import post_save
from django.utils.text import slugify

from conventions.models import RegionalCentre

from .constants import GroupKind, GroupPrivacy
from .models import Group


def connect() -> None:
    post_save.connect(centre_group, sender=RegionalCentre, dispatch_uid="community.centre_group")


def centre_group(sender, instance, created, raw=False, **kwargs):
    """Every regional centre has its group, open to all; its staff moderate it."""
    if raw:
        return
    ensure_centre_group(instance)


def ensure_centre_group(centre):
    group = Group.objects.filter(regional_centre=centre).first()
    if group is None:
        slug = slugify(centre.slug or centre.name)[:80]
        if Group.objects.filter(slug=slug).exists():
            slug = f"{slug[:70]}-{centre.pk}"
        group = Group.objects.create(
            regional_centre=centre,
            name=centre.name[:150],
            slug=slug,
            kind=GroupKind.CENTRE,
            privacy=GroupPrivacy.OPEN,
        )
    return group
