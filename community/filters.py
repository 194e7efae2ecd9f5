"""The forum list's filters (topic, tag, group, country), read once for
every place that narrows questions by them: the forum's page and its Atom
feed. The group is looked for among those the person may see, so a private
group stays unknown to anyone outside it."""

from dataclasses import dataclass, field

from conventions.models import Country
from conventions.vocabulary import topics

from .models import Group


@dataclass
class ForumFilters:
    topic: object = None
    tag: str = ""
    group: Group | None = None
    country: Country | None = None
    # {parameter: value} for values that name nothing this person may see.
    unknown: dict[str, str] = field(default_factory=dict)

    def apply(self, questions):
        if self.topic:
            questions = questions.filter(thematic_areas=self.topic)
        if self.tag:
            questions = questions.filter(tags__slug=self.tag)
        if self.group:
            questions = questions.filter(group=self.group)
        if self.country:
            questions = questions.filter(countries=self.country)
        return questions

    def chosen(self) -> dict:
        """The filters in force, by name (what the forum's page shows)."""
        names = ("topic", "tag", "group", "country")
        return {name: getattr(self, name) for name in names if getattr(self, name)}


def forum_filters(user, params) -> ForumFilters:
    found = ForumFilters(tag=params.get("tag", "").strip()[:100])
    slug = params.get("topic", "").strip()
    if slug:
        found.topic = topics().filter(slug=slug).first()
    slug = params.get("group", "").strip()
    if slug:
        found.group = Group.objects.visible_to(user).filter(slug=slug).first()
    code = params.get("country", "").strip()
    if code:
        found.country = Country.objects.filter(iso3=code.upper()[:3]).first()
    for name in ("topic", "group", "country"):
        if params.get(name, "").strip() and getattr(found, name) is None:
            found.unknown[name] = params[name].strip()
    return found
