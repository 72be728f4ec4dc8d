"""A resident's answers, in canonical form."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

ANSWERS = ("age", "qualification_level", "borough", "barriers", "interests")     # in the order asked; each a slot
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
