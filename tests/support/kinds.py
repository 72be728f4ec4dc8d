"""The four kinds of test, each a pytest marker (registered in pyproject.toml): `make check` runs the unit ones.

  unit      needs nothing but Python and the files in the checkout
  live      starts servers (Pathways, its web front, a stand-in bot)
  browser   drives Debian's Chromium
  services  needs PostgreSQL, Redis or nginx

tests/conftest.py gives every test exactly one, the heaviest among the fixtures it uses (directly or through other
fixtures), or the one it is marked with. The helpers that start servers, Chromium or reach a service call need(),
which fails a test marked lighter than what it does, so a fixture missing from FIXTURES cannot go unnoticed.
"""
from __future__ import annotations

import pytest

KINDS = ("unit", "live", "browser", "services")          # lightest first
FIXTURES = {
    "live": {"servers", "console", "web_front", "fake_bot", "live", "embedded", "stacks"},
    "browser": {"browser"},
    "services": {"pg_url", "redis_url", "prod"},
}

current: str | None = None                                # the kind of the test being set up or run


def kind_of(item: pytest.Item) -> str:
    marked = [m.name for m in item.iter_markers() if m.name in KINDS]
    if len(set(marked)) > 1:
        raise pytest.UsageError(f"{item.nodeid} is marked {' and '.join(sorted(set(marked)))}: one kind only")
    if marked:
        return marked[0]
    used = set(getattr(item, "fixturenames", ()))
    return next((k for k in reversed(KINDS) if used & FIXTURES.get(k, set())), "unit")


def need(kind: str, doing: str) -> None:
    """Fails the running test when it is marked lighter than `kind`."""
    if current is not None and KINDS.index(current) < KINDS.index(kind):
        pytest.fail(f"this test {doing} but is marked {current}: add the fixture that does it to "
                    f"FIXTURES[{kind!r}] in tests/support/kinds.py (or mark the test {kind})", pytrace=False)
