"""A coach's corrections to the profile panel, checked with knowledge.normalise and sent to the assistant as the
payload of an answer (`/inform{...}`), so they take the path a resident's own answer takes: the form fills them
while it asks its questions, and afterwards they update the recommendations."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from knowledge import postcodes
from knowledge.errors import AmbiguousInput, InputError
from knowledge.vocab import vocabulary

from bot.coach.conversation import declined, slots

OUTSIDE_LONDON = "outside-london"      # the borough list's choice for someone who lives outside London


def normaliser():
    from knowledge.normalise import normaliser as built      # imports spaCy: only when first needed

    return built()


def choices() -> dict[str, list[tuple[str, str]]]:
    """(value, label) options for the panel, from the knowledge base's vocabularies."""
    v = vocabulary()
    return {
        "qualification_level": [(t.id, t.name) for t in v.levels],
        "borough": [(b.name, b.name) for b in sorted(v.boroughs, key=lambda b: b.name)]
                   + [(OUTSIDE_LONDON, "Outside London")],
        "barriers": [(t.id, t.name) for t in v.barriers],
        "interests": [(t.id, t.name) for t in v.interests],
    }


@dataclass
class Correction:
    values: dict[str, Any] = field(default_factory=dict)      # slot -> new value, only what changed
    errors: dict[str, str] = field(default_factory=dict)      # field -> message for the coach
    changed: list[str] = field(default_factory=list)           # profile fields that changed


KEPT = "An answer can be changed here, not removed: enter the new one."


def _age(text: str) -> dict:
    return {"age": float(normaliser().age(text))} if text else {"age": None}


# The panel offers only listed values, so anything else (a stale or forged form) is answered with the list, never
# with the normaliser's re-ask, which is worded for a resident.
def _level(value: str) -> dict:
    if not value:
        return {"qualification_level": None}
    try:
        level = normaliser().qualification(value)
    except InputError:
        level = None
    if level != value:
        raise InputError("qualification_level", "Choose a qualification level from the list.")
    return {"qualification_level": level}


def _borough(value: str, postcode: str = "") -> dict:
    if postcode.strip():
        return _postcode(postcode, value)
    if not value:
        return {"borough": None, "outside_london": False}
    if value == OUTSIDE_LONDON:
        return {"borough": None, "outside_london": True}
    try:
        name = normaliser().borough(value).borough
    except InputError:
        name = None
    if name != value:
        raise InputError("borough", "Choose a borough from the list.")
    return {"borough": name, "outside_london": False}


def _postcode(postcode: str, chosen: str) -> dict:
    """The borough of a postcode the coach typed (read here, never stored or sent: only the borough is). Where its
    district spans boroughs, the one chosen from the list decides, if it is one of them."""
    try:
        place = normaliser().borough(postcode) if postcodes.full_postcodes(postcode) or \
            postcodes.outward_codes(postcode) else None
    except AmbiguousInput as e:
        picked = "outside London" if chosen == OUTSIDE_LONDON else chosen
        if picked and picked in e.choices:
            return _borough(chosen)
        raise InputError("borough", f"{e.message.split('. Which')[0]}: choose the borough from the list too.") \
            from None
    if place is None:
        raise InputError("borough", "That isn't a UK postcode: type one such as E17 4AB, or choose from the list.")
    return {"borough": place.borough, "outside_london": place.outside_london}


def _ids(slot: str, chosen: list[str]) -> dict:
    if not chosen:
        return {slot: []}
    n = normaliser()
    try:
        found = (n.barriers if slot == "barriers" else n.interests)(",".join(chosen))
    except InputError:
        found = []
    if sorted(found) != sorted(set(chosen)):
        raise InputError(slot, "Choose from the list.")
    return {slot: found}


def correct(form: dict[str, Any], tracker: dict) -> Correction:
    """The slot values to set for a submitted panel. `form` maps each field to a string (lists for barriers and
    interests). Fields equal to what the conversation holds are left alone, so a declined answer stays declined
    unless the coach fills it in."""
    current = slots(tracker)
    result = Correction()
    checks = {
        "age": lambda: _age(str(form.get("age") or "").strip()),
        "qualification_level": lambda: _level(str(form.get("qualification_level") or "")),
        "borough": lambda: _borough(str(form.get("borough") or ""), str(form.get("postcode") or "")),
        "barriers": lambda: _ids("barriers", list(form.get("barriers") or [])),
        "interests": lambda: _ids("interests", list(form.get("interests") or [])),
    }
    for name, check in checks.items():
        try:
            values = check()
        except InputError as e:
            result.errors[name] = e.message
            continue
        if any(not _same(current.get(k), v) for k, v in values.items()):
            if all(v is None or v is False for v in values.values()):
                result.errors[name] = KEPT                    # the assistant has no "forget this answer"
                continue
            result.values.update(values)
            result.changed.append(name)
    if result.errors:
        return Correction(errors=result.errors)
    was = declined(tracker)
    if result.changed and any(f in was for f in result.changed):
        result.values["declined"] = [f for f in was if f not in result.changed]
    return result


def payload(fix: Correction) -> str:
    """The corrected answers as the payload of an `inform`, in the words the assistant reads ("outside London",
    "none")."""
    v = fix.values
    answers: dict[str, Any] = {}
    if "age" in v:
        answers["age"] = int(v["age"])
    if "qualification_level" in v:
        answers["qualification_level"] = v["qualification_level"]
    if v.get("outside_london"):
        answers["borough"] = "outside London"
    elif v.get("borough"):
        answers["borough"] = v["borough"]
    for name in ("barriers", "interests"):
        if name in v:
            answers[name] = v[name] or "none"
    return "/inform" + json.dumps(answers)


def _same(old: Any, new: Any) -> bool:
    if isinstance(new, list) or isinstance(old, list):
        return sorted(old or []) == sorted(new or [])
    if isinstance(new, float) and old is not None:
        return float(old) == new
    if new is False:
        return not old
    return old == new
