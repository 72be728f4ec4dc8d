"""A resident's answers, in canonical form."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Collection, Mapping

from knowledge.vocab import Vocabulary, vocabulary

ANSWERS = ("age", "qualification_level", "borough", "barriers", "interests")     # in the order asked; each a slot
LABELS = {"age": "Age", "qualification_level": "Highest qualification", "borough": "Where you live",
          "barriers": "Your situation", "interests": "Work that interests you"}
UNKNOWN_LEVEL = "unknown"     # a qualification from abroad with no UK ENIC statement: never guessed


@dataclass(frozen=True)
class Profile:
    age: int | None = None
    qualification_level: str | None = None     # none, entry, 1..8, or None when unknown
    borough: str | None = None                 # canonical borough name, or None
    outside_london: bool = False               # they told us they live outside London
    barriers: tuple[str, ...] = field(default_factory=tuple)
    interests: tuple[str, ...] = field(default_factory=tuple)
    qualification_abroad: bool = False         # from abroad, its UK level not known (qualification_level is None)

    @classmethod
    def from_slots(cls, slots: Mapping[str, Any]) -> "Profile":
        """The profile held in a conversation's slots (an action's tracker, or the tracker JSON of Rasa's API)."""
        age, level = slots.get("age"), slots.get("qualification_level")
        return cls(
            age=int(age) if age is not None else None,
            qualification_level=None if level == UNKNOWN_LEVEL else level,
            borough=slots.get("borough"),
            outside_london=bool(slots.get("outside_london")),
            barriers=tuple(slots.get("barriers") or ()),
            interests=tuple(slots.get("interests") or ()),
            qualification_abroad=level == UNKNOWN_LEVEL or (level is None and bool(slots.get("qualification_abroad"))),
        )

    def to_dict(self) -> dict:
        """The profile as other tools see it (CLI JSON, bot payloads)."""
        return {
            "age": self.age,
            "qualification_level": self.qualification_level,
            "borough": self.borough,
            "barriers": list(self.barriers),
            "interests": list(self.interests),
        }


def profile_lines(profile: Profile, declined: Collection[str] = (), fields: Collection[str] = ANSWERS,
                  unanswered: bool = True) -> list[tuple[str, str]]:
    """The answers in `fields` for people to read, as (label, value) in the order asked: what the bot says it
    knows, the console's plan and its PDF, the CLI. With `unanswered`, a declined answer reads "Rather not say"
    and a missing one "Not given" ("None" for circumstances); without, both are left out."""
    v = vocabulary()
    values = {
        "age": "" if profile.age is None else str(profile.age),
        "qualification_level": _level(profile, v),
        "borough": profile.borough or ("Outside London" if profile.outside_london else ""),
        "barriers": ", ".join(v.barrier(b).name for b in profile.barriers),
        "interests": ", ".join(v.interest(i).name for i in profile.interests),
    }
    lines = []
    for name in (a for a in ANSWERS if a in fields):
        if unanswered or (name not in declined and values[name]):
            missing = "None" if name == "barriers" else "Not given"
            value = "Rather not say" if name in declined else values[name] or missing
            lines.append((LABELS[name], value))
    return lines


def _level(profile: Profile, v: Vocabulary) -> str:
    if profile.qualification_level:
        level = v.level(profile.qualification_level)
        return f"{level.name} ({level.explain})" if level.explain else level.name
    return "From another country (its UK level isn't known)" if profile.qualification_abroad else ""
