"""A resident's answers, in canonical form."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Profile:
    age: int | None = None
    qualification_level: str | None = None     # none, entry, 1..8, or None when unknown
    borough: str | None = None                 # canonical borough name, or None
    outside_london: bool = False               # they told us they live outside London
    barriers: tuple[str, ...] = field(default_factory=tuple)
    interests: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        """The profile as other tools see it (CLI JSON, bot payloads)."""
        return {
            "age": self.age,
            "qualification_level": self.qualification_level,
            "borough": self.borough,
            "barriers": list(self.barriers),
            "interests": list(self.interests),
        }
