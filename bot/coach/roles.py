"""The manager role: staff who read the insight report, for the boroughs they cover."""
from __future__ import annotations

import json

from sqlalchemy import delete, select

from bot.coach import store
from bot.coach.models import Manager, Staff
from knowledge.vocab import vocabulary

ALL = "*"            # every borough, and the records of residents outside London or who did not say


class BadBorough(ValueError):
    pass


def borough_names(names: list[str]) -> list[str]:
    """Boroughs as the vocabulary spells them ("all" for every one); BadBorough names any that is not one."""
    known = {b.name.lower(): b.name for b in vocabulary().boroughs}
    out: list[str] = []
    for name in names:
        key = " ".join(name.split()).lower()
        if key in ("all", ALL):
            return [ALL]
        if key not in known:
            raise BadBorough(f"{name!r} is not a London borough. Use the names as in: "
                             f"{', '.join(sorted(known.values()))}; or \"all\".")
        if known[key] not in out:
            out.append(known[key])
    if not out:
        raise BadBorough("Name at least one borough the manager covers, or \"all\".")
    return out


def set_manager(name: str, boroughs: list[str], url: str | None = None) -> list[str] | None:
    """Makes `name` a manager for `boroughs` (replacing what they covered); None if there is no such account."""
    boroughs = borough_names(boroughs)
    with store._session(url) as s, s.begin():
        staff_id = s.execute(select(Staff.id).where(Staff.name == name.strip().lower())).scalar_one_or_none()
        if staff_id is None:
            return None
        row = s.get(Manager, staff_id)
        if row is None:
            s.add(Manager(staff_id=staff_id, boroughs=json.dumps(boroughs)))
        else:
            row.boroughs = json.dumps(boroughs)
    return boroughs


def remove_manager(name: str, url: str | None = None) -> bool:
    with store._session(url) as s, s.begin():
        staff_id = s.execute(select(Staff.id).where(Staff.name == name.strip().lower())).scalar_one_or_none()
        return staff_id is not None and s.execute(delete(Manager).where(Manager.staff_id == staff_id)).rowcount > 0


def boroughs_of(staff_id: int, url: str | None = None) -> list[str] | None:
    """The boroughs a staff member manages (ALL alone for every one), or None when they are not a manager."""
    with store._session(url) as s:
        row = s.get(Manager, staff_id)
        return json.loads(row.boroughs) if row else None


def managers(url: str | None = None) -> dict[str, list[str]]:
    """Managers by staff name (for `staff list`)."""
    with store._session(url) as s:
        return {name: json.loads(b) for name, b in s.execute(select(Staff.name, Manager.boroughs)
                                                             .join(Manager, Manager.staff_id == Staff.id))}
