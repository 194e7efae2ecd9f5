"""Members were followed by handle, and a member who changed handle lost
every follower. Follows of members (and digest items waiting under one) now
name the member by user id, which never changes."""

from django.db import migrations

MEMBER = "member"
DROP = object()


def _rekey(apps, convert):
    """Give every follow of a member the key `convert` returns for it (None:
    leave it; DROP: delete it), in two passes: a new key may be another
    row's old one."""
    Follow = apps.get_model("subscriptions", "Follow")
    DigestItem = apps.get_model("subscriptions", "DigestItem")
    rows = list(Follow.objects.filter(kind=MEMBER))
    wanted, dropped = {}, []
    for row in rows:
        key = convert(row.key)
        if key is DROP:
            dropped.append(row.pk)
        elif key is not None and key != row.key:
            wanted[row.pk] = key
    Follow.objects.filter(pk__in=dropped).delete()
    changing = [row for row in rows if row.pk in wanted]
    for row in changing:
        row.key = f"~{row.pk}"  # a key no member has: handles and ids have no "~"
    Follow.objects.bulk_update(changing, ["key"], batch_size=500)
    # Two rows of one follower can come to name the same member: one is kept.
    kept = {(row.user_id, row.key) for row in rows if row.pk not in wanted and row.pk not in dropped}
    duplicates = []
    for row in changing:
        pair = (row.user_id, wanted[row.pk])
        if pair in kept:
            duplicates.append(row.pk)
            continue
        kept.add(pair)
        row.key = wanted[row.pk]
    Follow.objects.filter(pk__in=duplicates).delete()
    Follow.objects.bulk_update([row for row in changing if row.pk not in duplicates], ["key"], batch_size=500)

    items = list(DigestItem.objects.filter(follow_kind=MEMBER))
    for item in items:
        key = convert(item.follow_key)
        item.follow_key = item.follow_key if key is None or key is DROP else key
    DigestItem.objects.bulk_update(items, ["follow_key"], batch_size=500)


def handles_to_ids(apps, schema_editor):
    User = apps.get_model("profiles", "User")
    ids = {handle: str(pk) for pk, handle in User.objects.values_list("pk", "handle")}

    def convert(handle):
        if handle in ids:
            return ids[handle]
        # A handle nobody has any more names nobody: the follow stays, listed
        # as unavailable; unless it is made of digits, which now read as an id.
        return DROP if handle.isascii() and handle.isdigit() else None

    _rekey(apps, convert)


def ids_to_handles(apps, schema_editor):
    User = apps.get_model("profiles", "User")
    handles = {str(pk): handle for pk, handle in User.objects.values_list("pk", "handle")}
    _rekey(apps, handles.get)


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0002_follows_preferences_digests"),
        ("profiles", "0007_former_handles"),
    ]

    operations = [migrations.RunPython(handles_to_ids, ids_to_handles)]
