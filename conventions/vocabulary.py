"""The thematic areas as people read them: in the active language."""

from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant

from .models import ThematicArea
from .names import catalogue_name


def localized_names(areas) -> list[tuple[ThematicArea, str]]:
    """Each thematic area with its name in the active language, in one query
    for any number of areas (``area.localized`` costs one query each)."""
    areas = list(areas)
    language = get_supported_content_language_variant(get_language())
    names = dict(
        ThematicArea.objects.filter(
            locale__language_code=language, translation_key__in=[area.translation_key for area in areas]
        ).values_list("translation_key", "name")
    )
    return [(area, names.get(area.translation_key) or catalogue_name(area.name)) for area in areas]
