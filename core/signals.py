"""Signals any app may send about what Django's model signals do not report
(a queryset's update() sends none); the apps above listen, so the sender
never imports them."""

from django.dispatch import Signal

# A record's searchable text, or who may read it, changed without a save
# (update(), a move between groups). Sent with the model as sender and
# `pk`; search re-reads the record at once, in the same transaction.
content_changed = Signal()
