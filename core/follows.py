"""What members can follow, declared by the app that owns each kind of thing.

Each app says, in its own `follow_targets` module registered from its
AppConfig.ready(), how to find one of its things for a member (applying its
own visibility rule), how to name it and where it lives; subscriptions reads
only this registry, so it never imports the models of what is followed.

A target answers in batches where a page or a digest names many things: one
query per kind, whatever the number of follows."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .events import FollowKind


def _same(key: str) -> str:
    return key


@dataclass(frozen=True)
class FollowTarget:
    kind: str
    # The thing `key` names if `user` may see it, else None.
    find: Callable[[object, str], object | None]
    # How a person reads what `find` returned, in the active language.
    name: Callable[[object], str]
    # {key: (name, address)} for the keys `user` may see (settings page).
    entries: Callable[[object, list[str]], dict[str, tuple[str, str]]]
    # {key: name or {language: name}} for digest headings, visibility aside:
    # the member followed it, and the digest lists only what they may read.
    labels: Callable[[set[str]], dict[str, object]]
    # One spelling per thing (capitals for codes, ids without leading zeros).
    normal_key: Callable[[str], str] = _same


_targets: dict[str, FollowTarget] = {}


def register(target: FollowTarget) -> None:
    if target.kind not in FollowKind.values:
        raise ValueError(f"Unknown follow kind: {target.kind}")
    _targets[target.kind] = target


def target(kind: str) -> FollowTarget | None:
    return _targets.get(kind)


def normal_key(kind: str, key: str) -> str:
    found = _targets.get(kind)
    return found.normal_key(key) if found is not None else key


def find(user, kind: str, key: str):
    found = _targets.get(kind)
    return found.find(user, normal_key(kind, key)) if found is not None else None


def labels(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], object]:
    """The name of each followed (kind, key), at most one query per kind."""
    keys: dict[str, set[str]] = {}
    for kind, key in pairs:
        keys.setdefault(kind, set()).add(key)
    found = {}
    for kind, its_keys in keys.items():
        if kind in _targets:
            found.update({(kind, key): name for key, name in _targets[kind].labels(its_keys).items()})
    return found


def is_number(key: str) -> bool:
    """A key of digits that fits an id."""
    return key.isascii() and key.isdigit() and len(key) < 12


def numbers(keys: Iterable[str]) -> list[int]:
    return [int(key) for key in keys if is_number(key)]


# Events about things their app may take down or close later (a forum post
# hidden, a private group left): before a digest lists them, each app says
# which of a batch every member may no longer read.
UnreadableCheck = Callable[[dict[int, list[tuple[int, str]]]], set[int]]
_unreadable_checks: list[UnreadableCheck] = []


def register_unreadable(check: UnreadableCheck) -> None:
    """`check({member id: [(item id, event key), …]})` → ids of the items
    that member may no longer read; it ignores keys that are not its own."""
    if check not in _unreadable_checks:
        _unreadable_checks.append(check)


def unreadable(items: dict[int, list[tuple[int, str]]]) -> set[int]:
    found: set[int] = set()
    for check in _unreadable_checks:
        found |= check(items)
    return found


# Where members write about thematic areas (the forum, the knowledge base):
# each source counts what it has published about each area for some
# countries, so a newcomer is offered the topics most written about near them.
TopicCounter = Callable[[object], dict[int, int]]
_topic_counters: list[TopicCounter] = []


def register_topic_counter(counter: TopicCounter) -> None:
    """`counter(countries)` → {thematic area id: how many public things
    about it concern any of `countries` (a queryset of Country ids)}."""
    if counter not in _topic_counters:
        _topic_counters.append(counter)


def topics_written_about(countries) -> dict[int, int]:
    counts: dict[int, int] = {}
    for counter in _topic_counters:
        for area, count in counter(countries).items():
            counts[area] = counts.get(area, 0) + count
    return counts
