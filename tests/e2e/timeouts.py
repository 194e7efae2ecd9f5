"""How long a journey waits for a page or an element."""

# Generous for a 2-core machine, short enough that a broken step fails fast.
TIMEOUT_MS = 10_000
