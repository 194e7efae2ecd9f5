import functools

from .unread import unread_count


def unread_notifications(request):
    """`unread_notifications_count` for the header. A callable, which the
    template calls only where it shows the count: pages and partials that do
    not show it cost nothing (not even loading the member), and a page that
    reads it twice asks the cache once."""

    @functools.cache
    def count() -> int:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return 0
        return unread_count(user)

    return {"unread_notifications_count": count}
