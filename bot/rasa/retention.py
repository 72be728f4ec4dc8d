"""Deleting conversations older than the retention period from the tracker store that an endpoints file names."""
from __future__ import annotations

from bot.rasa.tracker_store import PathwaysTrackerStore

TYPE = f"{PathwaysTrackerStore.__module__}.{PathwaysTrackerStore.__name__}"


class CannotForget(Exception):
    """Nothing was deleted; the message says why."""


def open_store(endpoints: str) -> PathwaysTrackerStore:
    from rasa.core.utils import AvailableEndpoints

    config = AvailableEndpoints.read_endpoints(endpoints).tracker_store
    if config is None:
        raise CannotForget(f"{endpoints} configures no tracker store: conversations live in memory only")
    if config.type != TYPE:
        raise CannotForget(f"{endpoints} configures a {config.type} tracker store; retention needs {TYPE}")
    try:
        return PathwaysTrackerStore(host=config.url, wait_for_database=False, **config.kwargs)
    except Exception as e:                              # noqa: BLE001 - the driver's errors, whatever they are
        raise CannotForget(f"could not open the tracker store configured in {endpoints} "
                           f"({e.__class__.__name__})") from None


def delete_older_than(endpoints: str, cutoff: float) -> tuple[int, int]:
    """(conversations, events) deleted whose last event is before `cutoff`, a Unix time."""
    store = open_store(endpoints)
    try:
        return store.delete_older_than(cutoff)
    except Exception as e:                              # noqa: BLE001 - the deletion is one transaction
        raise CannotForget(f"the database failed while deleting ({e.__class__.__name__}); "
                           "what was not committed was rolled back") from None
    finally:
        store.engine.dispose()
