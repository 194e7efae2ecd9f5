"""Groups as the apps beside community see them: community registers, from
its AppConfig.ready(), which groups a member belongs to (to share a
knowledge item into them). Knowledge items name their groups through their
`groups` relation to community.Group; a group's `is_private` says whether
only its members hear of what is shared there."""

_provider = {}


def register(*, groups_of_member) -> None:
    _provider["groups_of_member"] = groups_of_member


def groups_of_member(user):
    """A queryset of the groups `user` is an active member of (none for visitors)."""
    return _provider["groups_of_member"](user)
