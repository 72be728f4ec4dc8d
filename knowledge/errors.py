"""Errors a caller can act on: bad data files, bad resident input, an unreachable database."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    entry: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.entry}: {self.message}"


class DataError(Exception):
    """The knowledge base files are wrong; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class InputError(ValueError):
    """What a resident typed cannot be used for `field`; `message` is fit to show them."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class AmbiguousInput(InputError):
    """The answer could mean several things; `message` is the question to ask instead of guessing, and `choices`
    the canonical values it could be, when they are few enough to offer (a postcode district's boroughs)."""

    def __init__(self, field: str, message: str, choices: tuple[str, ...] = ()):
        super().__init__(field, message)
        self.choices = tuple(choices)


class FromAbroad(AmbiguousInput):
    """A qualification from another country: `message` asks for a UK ENIC statement rather than guess a level."""


class KnowledgeBaseUnavailable(RuntimeError):
    """The database cannot be reached or has not been built."""
