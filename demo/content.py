"""The demo content of `manage.py seed_demo`, read from the files under
demo/content/ (described in demo/content/README.md) into plain dataclasses.

Each loader checks the shape of its files: every key present and of the right
type, no key it does not know (a misspelt key would otherwise be dropped
without a word). A malformed file raises DemoContentError naming the file.
What the values refer to (members, thematic areas, countries, decisions) is
checked by tests/demo/test_demo_content.py against the reference data.

Pure data: no Django import, so the tests need no database."""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

CONTENT_DIRECTORY = Path(__file__).resolve().parent / "content"

THREAD_STATES = ("held", "flagged")


class DemoContentError(ValueError):
    """A demo content file is malformed; the message starts with its path."""


# Members -----------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    handle: str
    name: str
    title: str
    organisation: str
    country: str  # ISO 3166-1 alpha-3
    languages: list[str]
    bio: str
    focal_point_kind: str = ""  # focal points: a FocalPointKind value
    expertise: list[str] = field(default_factory=list)  # experts: thematic area slugs
    expert_request: list[str] = field(default_factory=list)  # a request left pending: thematic area slugs


@dataclass(frozen=True)
class Members:
    domain: str
    password: str
    administrator: Member
    editor: Member
    focal_points: list[Member]
    experts: list[Member]
    members: list[Member]

    def everyone(self) -> list[Member]:
        """In the order seed_demo creates them."""
        return [self.administrator, self.editor, *self.focal_points, *self.experts, *self.members]

    def email(self, member: Member) -> str:
        return f"{member.handle}@{self.domain}"


# Knowledge items ---------------------------------------------------------

# Front matter keys every item has; any other key, and every `## Heading`
# section of the body, is a field of the item's type.
KNOWLEDGE_ITEM_KEYS = (
    "type",
    "title",
    "summary",
    "countries",
    "regions",
    "conventions",
    "topics",
    "tags",
    "decisions",
    "year_start",
    "year_end",
    "organisation",
    "submitter",
    "state",
    "review_comment",
)


@dataclass(frozen=True)
class KnowledgeItem:
    path: Path
    type: str
    title: str
    summary: str
    countries: list[str]
    regions: list[str]
    conventions: list[str]
    topics: list[str]
    tags: list[str]
    decisions: list[str]
    year_start: int
    year_end: int | None
    organisation: str
    submitter: str
    state: str
    review_comment: str
    fields: dict[str, str | int | datetime.date | None]


# Forum -------------------------------------------------------------------


@dataclass(frozen=True)
class ForumAnswer:
    author: str
    body: str
    accepted: bool = False
    voters: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ForumThread:
    path: Path
    asker: str
    title: str
    body: str
    topics: list[str]
    tags: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    conventions: list[str] = field(default_factory=list)
    group: str = ""  # a group's slug; none: the open forum
    state: str = ""  # "", or one of THREAD_STATES
    answers: list[ForumAnswer] = field(default_factory=list)


@dataclass(frozen=True)
class CentreStaff:
    handle: str
    centre_country: str  # ISO 3166-1 alpha-2 of the centre's host country


@dataclass(frozen=True)
class Notice:
    title: str
    body: str


@dataclass(frozen=True)
class ThematicGroup:
    name: str
    slug: str
    privacy: str
    moderator: str
    about: str
    members: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Groups:
    regional_description: str  # with {name}
    centre_description: str  # with {name} and {city}
    centre_staff: list[CentreStaff]
    centre_notice: Notice
    thematic: list[ThematicGroup]


# Information packages ------------------------------------------------------


@dataclass(frozen=True)
class Meeting:
    slug: str
    title: str
    kind: str
    conventions: list[str]
    starts_in_days: int  # from the day the demo is seeded; negative: in the past
    days: int
    timezone: str
    status: str
    description: str
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None
    city: str = ""  # none: an online meeting
    country: str = ""  # ISO 3166-1 alpha-3


@dataclass(frozen=True)
class FocalPoint:
    country: str  # ISO 3166-1 alpha-3
    kind: str
    organisation: str
    office: str = ""
    person: str = ""


@dataclass(frozen=True)
class ChemicalProfileTags:
    topics: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Tagging:
    decision_topics: dict[str, list[str]]  # decision code: thematic area slugs
    chemical_profiles: dict[str, ChemicalProfileTags]  # profile slug: its tags


# Loaders -------------------------------------------------------------------


def load_members(directory: Path = CONTENT_DIRECTORY) -> Members:
    """members.yaml: the demo members of every role."""
    path = directory / "members.yaml"
    record = _Record(_read_yaml(path), str(path))
    members = Members(
        domain=record.text("domain"),
        password=record.text("password"),
        administrator=_member(record.record("administrator")),
        editor=_member(record.record("editor")),
        focal_points=[_member(entry, focal_point=True) for entry in record.records("focal_points")],
        experts=[_member(entry, expert=True) for entry in record.records("experts")],
        members=[_member(entry, member=True) for entry in record.records("members")],
    )
    record.done()
    return members


def load_knowledge_items(directory: Path = CONTENT_DIRECTORY) -> list[KnowledgeItem]:
    """knowledge/*.md in name order: Markdown with YAML front matter, one
    file per item. The order spreads the publication dates (the first file is
    the newest item)."""
    return [_knowledge_item(path) for path in _files(directory / "knowledge", ".md")]


def load_threads(directory: Path = CONTENT_DIRECTORY) -> list[ForumThread]:
    """forum/*.yaml in name order: one question and its answers per file."""
    return [_thread(path) for path in _files(directory / "forum", ".yaml")]


def load_groups(directory: Path = CONTENT_DIRECTORY) -> Groups:
    """groups.yaml: the texts of the regional and centre groups, the centres'
    staff and the thematic groups."""
    path = directory / "groups.yaml"
    record = _Record(_read_yaml(path), str(path))
    notice = record.record("centre_notice")
    groups = Groups(
        regional_description=record.text("regional_description"),
        centre_description=record.text("centre_description"),
        centre_staff=[_centre_staff(entry) for entry in record.records("centre_staff")],
        centre_notice=Notice(title=notice.text("title"), body=notice.text("body")),
        thematic=[_thematic_group(entry) for entry in record.records("thematic_groups")],
    )
    notice.done()
    record.done()
    return groups


def load_meetings(directory: Path = CONTENT_DIRECTORY) -> list[Meeting]:
    """packages/meetings.yaml: demo meetings placed around the day of seeding."""
    path = directory / "packages" / "meetings.yaml"
    record = _Record(_read_yaml(path), str(path))
    meetings = [_meeting(entry) for entry in record.records("meetings")]
    record.done()
    return meetings


def load_focal_points(directory: Path = CONTENT_DIRECTORY) -> list[FocalPoint]:
    """packages/focal_points.yaml: fictional focal points of demo countries
    whose demo members are not focal points."""
    path = directory / "packages" / "focal_points.yaml"
    record = _Record(_read_yaml(path), str(path))
    focal_points = []
    for entry in record.records("focal_points"):
        focal_points.append(
            FocalPoint(
                country=entry.text("country"),
                kind=entry.text("kind"),
                organisation=entry.text("organisation"),
                office=entry.text("office", default=""),
                person=entry.text("person", default=""),
            )
        )
        entry.done()
    record.done()
    return focal_points


def load_tagging(directory: Path = CONTENT_DIRECTORY) -> Tagging:
    """packages/tagging.yaml: decisions and chemical profiles by topic, and
    the decisions about a chemical, as an editor would tag them."""
    path = directory / "packages" / "tagging.yaml"
    record = _Record(_read_yaml(path), str(path))
    profiles = {}
    for slug, entry in record.records_by_key("chemical_profiles").items():
        profiles[slug] = ChemicalProfileTags(
            topics=entry.texts("topics", default=[]), decisions=entry.texts("decisions", default=[])
        )
        entry.done()
    tagging = Tagging(decision_topics=record.texts_by_key("decision_topics"), chemical_profiles=profiles)
    record.done()
    return tagging


# Reading one file ------------------------------------------------------------


def _files(directory: Path, suffix: str) -> list[Path]:
    if not directory.is_dir():
        raise DemoContentError(f"{directory}: the folder is missing")
    paths = sorted(path for path in directory.iterdir() if not path.name.startswith("."))
    for path in paths:
        # A `.yml` or `.markdown` would otherwise be skipped without a word.
        if path.suffix != suffix or not path.is_file():
            raise DemoContentError(f"{path}: only {suffix} files belong in {directory.name}/")
    return paths


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DemoContentError(f"{path}: the file is missing") from None
    except UnicodeDecodeError as error:
        raise DemoContentError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None


def _parse_yaml(text: str, where: str, first_line: int = 1):
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" on line {mark.line + first_line}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise DemoContentError(f"{where}: not valid YAML{line}: {problem}") from None


def _read_yaml(path: Path):
    return _parse_yaml(_read_text(path), str(path))


_REQUIRED = object()


def _kind(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"yes/no ({value})"
    return {dict: "a mapping", list: "a list", str: "text", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


class _Record:
    """One mapping of a file, read key by key: each getter checks the type and
    names the file and the key when it is wrong; `done()` refuses keys no
    getter read."""

    def __init__(self, value, where: str):
        if not isinstance(value, dict):
            raise DemoContentError(f"{where}: expected a mapping of keys to values, found {_kind(value)}")
        self.data = value
        self.where = where
        self.read: set = set()

    def fail(self, key, message: str):
        raise DemoContentError(f"{self.where}: {key}: {message}")

    def value(self, key, default=_REQUIRED):
        self.read.add(key)
        value = self.data.get(key)
        if value is None:
            if default is _REQUIRED:
                self.fail(key, "is missing" if key not in self.data else "is empty")
            return default
        return value

    def text(self, key, default=_REQUIRED) -> str:
        value = self.value(key, default)
        if not isinstance(value, str):
            # `NO` (Norway) or `on` read as yes/no, `13:00` as a number: quote them.
            self.fail(key, f"expected text, found {_kind(value)} (put it in quotes)")
        return value

    def texts(self, key, default=_REQUIRED) -> list[str]:
        value = self.value(key, default)
        if not isinstance(value, list):
            self.fail(key, f"expected a list, found {_kind(value)}")
        for item in value:
            if not isinstance(item, str):
                self.fail(key, f"expected a list of texts, found {_kind(item)} in it (put it in quotes)")
        return list(value)

    def integer(self, key, default=_REQUIRED) -> int | None:
        value = self.value(key, default)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            self.fail(key, f"expected a whole number, found {_kind(value)}")
        return value

    def boolean(self, key, default=_REQUIRED) -> bool:
        value = self.value(key, default)
        if not isinstance(value, bool):
            self.fail(key, f"expected true or false, found {_kind(value)}")
        return value

    def time(self, key) -> datetime.time | None:
        value = self.value(key, None)
        if value is None:
            return None
        if not isinstance(value, str):
            self.fail(key, f'expected a time in quotes, such as "13:00", found {_kind(value)}')
        try:
            return datetime.time.fromisoformat(value)
        except ValueError:
            self.fail(key, f'expected a time such as "13:00", found "{value}"')

    def choice(self, key, choices, default=_REQUIRED) -> str:
        value = self.text(key, default)
        if value not in choices:
            self.fail(key, f"expected one of {', '.join(choice or '(nothing)' for choice in choices)}, found {value}")
        return value

    def record(self, key) -> "_Record":
        return _Record(self.value(key), f"{self.where}: {key}")

    def records(self, key, default=_REQUIRED) -> list["_Record"]:
        value = self.value(key, default)
        if not isinstance(value, list):
            self.fail(key, f"expected a list, found {_kind(value)}")
        return [_Record(item, f"{self.where}: {key}[{index}]") for index, item in enumerate(value)]

    def records_by_key(self, key) -> dict[str, "_Record"]:
        value = self.value(key)
        if not isinstance(value, dict):
            self.fail(key, f"expected a mapping, found {_kind(value)}")
        return {str(name): _Record(item, f"{self.where}: {key}: {name}") for name, item in value.items()}

    def texts_by_key(self, key) -> dict[str, list[str]]:
        value = self.value(key)
        if not isinstance(value, dict):
            self.fail(key, f"expected a mapping, found {_kind(value)}")
        nested = _Record({str(name): item for name, item in value.items()}, f"{self.where}: {key}")
        return {name: nested.texts(name) for name in nested.data}

    def done(self) -> None:
        unknown = [str(key) for key in self.data if key not in self.read]
        if unknown:
            raise DemoContentError(f"{self.where}: unknown keys: {', '.join(unknown)}")


def _member(record: _Record, *, focal_point=False, expert=False, member=False) -> Member:
    member_record = Member(
        handle=record.text("handle"),
        name=record.text("name"),
        title=record.text("title"),
        organisation=record.text("organisation"),
        country=record.text("country"),
        languages=record.texts("languages"),
        bio=record.text("bio"),
        focal_point_kind=record.text("focal_point_kind") if focal_point else "",
        expertise=record.texts("expertise") if expert else [],
        expert_request=record.texts("expert_request", default=[]) if member else [],
    )
    record.done()
    return member_record


def _centre_staff(record: _Record) -> CentreStaff:
    staff = CentreStaff(handle=record.text("handle"), centre_country=record.text("centre_country"))
    record.done()
    return staff


def _thematic_group(record: _Record) -> ThematicGroup:
    group = ThematicGroup(
        name=record.text("name"),
        slug=record.text("slug"),
        privacy=record.text("privacy"),
        moderator=record.text("moderator"),
        about=record.text("about"),
        members=record.texts("members", default=[]),
    )
    record.done()
    return group


def _meeting(record: _Record) -> Meeting:
    meeting = Meeting(
        slug=record.text("slug"),
        title=record.text("title"),
        kind=record.text("kind"),
        conventions=record.texts("conventions"),
        starts_in_days=record.integer("starts_in_days"),
        days=record.integer("days"),
        start_time=record.time("start_time"),
        end_time=record.time("end_time"),
        timezone=record.text("timezone"),
        city=record.text("city", default=""),
        country=record.text("country", default=""),
        status=record.text("status"),
        description=record.text("description"),
    )
    record.done()
    return meeting


def _thread(path: Path) -> ForumThread:
    record = _Record(_read_yaml(path), str(path))
    answers = []
    for entry in record.records("answers", default=[]):
        answers.append(
            ForumAnswer(
                author=entry.text("author"),
                body=entry.text("body"),
                accepted=entry.boolean("accepted", default=False),
                voters=entry.texts("voters", default=[]),
            )
        )
        entry.done()
    thread = ForumThread(
        path=path,
        asker=record.text("asker"),
        title=record.text("title"),
        body=record.text("body"),
        topics=record.texts("topics"),
        tags=record.texts("tags", default=[]),
        countries=record.texts("countries", default=[]),
        conventions=record.texts("conventions", default=[]),
        group=record.text("group", default=""),
        state=record.choice("state", ("", *THREAD_STATES), default=""),
        answers=answers,
    )
    record.done()
    return thread


_FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?\n)---\n(?P<body>.*)\Z", re.DOTALL)
_SECTION = re.compile(r"^## (?P<heading>.*)$", re.MULTILINE)


def _knowledge_item(path: Path) -> KnowledgeItem:
    where = str(path)
    match = _FRONT_MATTER.match(_read_text(path).replace("\r\n", "\n"))
    if match is None:
        raise DemoContentError(f"{where}: expected front matter between two `---` lines at the top of the file")
    # Line numbers in YAML errors count from the file's first line.
    record = _Record(_parse_yaml(match["yaml"], where, first_line=2), where)
    item = {
        "type": record.text("type"),
        "title": record.text("title"),
        "summary": record.text("summary"),
        "countries": record.texts("countries"),
        "regions": record.texts("regions"),
        "conventions": record.texts("conventions"),
        "topics": record.texts("topics"),
        "tags": record.texts("tags"),
        "decisions": record.texts("decisions", default=[]),
        "year_start": record.integer("year_start"),
        "year_end": record.integer("year_end", default=None),
        "organisation": record.text("organisation"),
        "submitter": record.text("submitter"),
        "state": record.text("state"),
        "review_comment": record.text("review_comment", default=""),
    }
    fields = {}
    for key, value in record.data.items():
        if key in KNOWLEDGE_ITEM_KEYS:
            continue
        if not isinstance(value, str | int | datetime.date) or isinstance(value, bool):
            record.fail(key, f"expected text, a number or a date, found {_kind(value)}")
        fields[str(key)] = value
    fields.update(_sections(match["body"], where, fields))
    return KnowledgeItem(path=path, fields=fields, **item)


def _sections(body: str, where: str, front_matter: dict) -> dict[str, str]:
    """The `## Heading` sections of the body, by field name: `## Lessons
    learned` is the field lessons_learned."""
    parts = _SECTION.split(body)
    if parts[0].strip():
        raise DemoContentError(f"{where}: text before the first `## Heading`: {parts[0].strip()[:60]}")
    sections = {}
    for heading, text in zip(parts[1::2], parts[2::2], strict=True):
        name = heading.strip().lower().replace(" ", "_")
        if not re.fullmatch(r"[a-z][a-z_]*", name):
            raise DemoContentError(f"{where}: `## {heading}` does not name a field")
        if name in sections or name in front_matter:
            raise DemoContentError(f"{where}: `## {heading}`: {name} is given twice")
        if not text.strip():
            raise DemoContentError(f"{where}: `## {heading}` is empty")
        sections[name] = text.strip()
    return sections


# Official documents --------------------------------------------------------


@dataclass(frozen=True)
class DemoDocument:
    symbol: str
    kind: str
    issued: datetime.date
    titles: dict[str, str]
    languages: list[str]
    meeting: str = ""  # a meeting's slug
    agenda_item: str = ""
    conventions: list[str] = field(default_factory=list)
    instrument: str = ""  # a legal text's instrument code
    adopted_by: str = ""


def _titles(record: _Record) -> dict[str, str]:
    titles = record.value("titles")
    if (
        not isinstance(titles, dict)
        or not titles
        or not all(isinstance(key, str) and isinstance(value, str) and value.strip() for key, value in titles.items())
    ):
        record.fail("titles", "must map language codes to titles")
    return {key: value.strip() for key, value in titles.items()}


def _issued(record: _Record) -> datetime.date:
    value = record.value("issued")
    if not isinstance(value, datetime.date):
        record.fail("issued", "must be a date, YYYY-MM-DD")
    return value


@dataclass(frozen=True)
class DemoAgendaItem:
    meeting: str  # a meeting's slug
    number: str
    titles: dict[str, str]


def load_agendas(directory: Path = CONTENT_DIRECTORY) -> list[DemoAgendaItem]:
    """packages/documents.yaml, ``agendas``: the items of the demo meetings' agendas."""
    path = directory / "packages" / "documents.yaml"
    raw = _read_yaml(path)
    items = []
    for agenda in raw.get("agendas") or []:
        for item in agenda["items"]:
            titles = {str(code): str(text) for code, text in (item.get("titles") or {}).items()}
            if not titles.get("en"):
                raise ValueError(
                    f"{path}: agenda item {item.get('number')} of {agenda['meeting']} has no English title"
                )
            items.append(DemoAgendaItem(meeting=str(agenda["meeting"]), number=str(item["number"]), titles=titles))
    return items


def load_documents(directory: Path = CONTENT_DIRECTORY) -> list[DemoDocument]:
    """packages/documents.yaml: meeting documents and the legal texts."""
    path = directory / "packages" / "documents.yaml"
    record = _Record(_read_yaml(path), str(path))
    documents = []
    for entry in record.records("documents"):
        documents.append(
            DemoDocument(
                symbol=entry.text("symbol"),
                kind=entry.text("kind"),
                issued=_issued(entry),
                titles=_titles(entry),
                languages=entry.texts("languages"),
                meeting=entry.text("meeting"),
                agenda_item=entry.text("agenda_item", default=""),
                conventions=entry.texts("conventions"),
            )
        )
        entry.done()
    record.value("agendas", default=None)  # read by load_agendas
    for entry in record.records("legal_texts"):
        documents.append(
            DemoDocument(
                symbol=entry.text("symbol"),
                kind="legal_text",
                issued=_issued(entry),
                titles=_titles(entry),
                languages=entry.texts("languages"),
                instrument=entry.text("instrument"),
                adopted_by=entry.text("adopted_by", default=""),
            )
        )
        entry.done()
    record.done()
    return documents
