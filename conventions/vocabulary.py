"""The thematic areas as people read them: in the active language."""

from django.db.models import Q

from .models import Country, ThematicArea
from .names import catalogue_name, reader_language


def localized_names(areas) -> list[tuple[ThematicArea, str]]:
    """Each thematic area with its name in the active language, in one query
    for any number of areas (``area.localized`` costs one query each)."""
    areas = list(areas)
    language = reader_language()
    names = dict(
        ThematicArea.objects.filter(
            locale__language_code=language, translation_key__in=[area.translation_key for area in areas]
        ).values_list("translation_key", "name")
    )
    return [(area, names.get(area.translation_key) or catalogue_name(area.name)) for area in areas]


def topics():
    """The thematic areas themselves (their originals, in the default language)."""
    return ThematicArea.objects.originals()


def topic_choices() -> list[tuple[int, str]]:
    """(id, name in the active language) of every thematic area, by name."""
    return [(area.pk, name) for area, name in localized_names(topics().order_by("name"))]


def countries_near(country):
    """The ids of `country` and of the countries of its UN regional group."""
    neighbours = Country.objects.filter(
        group_memberships__group__memberships__country=country, group_memberships__is_electoral=True
    ).values("pk")
    return Country.objects.filter(Q(pk=country.pk) | Q(pk__in=neighbours)).values("pk")
