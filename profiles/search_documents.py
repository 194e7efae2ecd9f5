"""Members with a public profile in the one search (core.indexing), and a
handle typed in the search box as a shortcut to its member. Registered in
ProfilesConfig.ready()."""

import re

from conventions.search_documents import places
from core.indexing import (
    Batch,
    Document,
    IndexSource,
    Kind,
    Related,
    Shortcut,
    join,
    neutral_path,
    plain,
    register_shortcut,
    register_source,
)

from .models import Profile

HANDLE = re.compile(r"^\s*@?([\w.+-]{2,40})\s*$")


def _indexable(profile) -> bool:
    return profile.is_public and profile.user.is_active


def _documents(profile, batch: Batch) -> list[Document]:
    user = profile.user
    document = Document(
        kind=Kind.MEMBER,
        title=profile.name,  # the name the site shows everywhere, never the account's first/last name
        url=neutral_path("profiles:detail", handle=user.handle),
        keywords=" ".join(filter(None, [user.handle, f"@{user.handle}"])),
        names=[user.handle],
        body=join(profile.title, profile.organisation, plain(profile.bio_html)),
        metadata={"handle": user.handle, "title": profile.title, "organisation": profile.organisation},
    )
    document.add_topics(profile.expertise.all())
    if profile.country_id:
        places(document, [profile.country], batch)
    return [document]


def handle_shortcut(user, text: str) -> Shortcut | None:
    handle = HANDLE.match(text)
    if handle and (text.startswith("@") or " " not in text):
        profile = (
            Profile.objects.filter(user__handle__iexact=handle[1], is_public=True, user__is_active=True)
            .select_related("user")
            .first()
        )
        if profile:
            return Shortcut(Kind.MEMBER, profile.name, profile.user.get_absolute_url())
    return None


def register() -> None:
    register_source(
        IndexSource(
            "member",
            "profiles.Profile",
            lambda: (
                Profile.objects.select_related("user", "country")
                .prefetch_related("expertise")
                .filter(is_public=True, user__is_active=True)
            ),
            _documents,
            indexable=_indexable,
            # A member's account closed: their row leaves at once.
            related=[Related("profiles.User", "pk", leaves=lambda user: not user.is_active)],
            relations=["expertise"],
        )
    )
    register_shortcut(40, handle_shortcut)
