"""The thematic areas as people read them: in the active language."""

from .models import ThematicArea
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
