"""Programmes: the entries of programmes.yml, checked against the vocabularies."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from knowledge import config
from knowledge.errors import DataError, Problem
from knowledge.vocab import LEVEL_IDS, NATIONAL, LONDON, Vocabulary, load_vocabulary, read_yaml

STATUSES = ("active", "ended", "planned")
FILE = "programmes.yml"
_ID = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")


@dataclass(frozen=True)
class AgeExtension:
    age: int
    for_: tuple[str, ...]


@dataclass(frozen=True)
class Eligibility:
    min_age: int | None = None
    max_age: int | None = None
    extended_max_age: AgeExtension | None = None
    min_level: str | None = None
    max_level: str | None = None
    max_level_waived_for: tuple[str, ...] = ()
    requires_any: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()


@dataclass(frozen=True)
class Programme:
    id: str
    title: str
    provider: str
    route_type: str
    summary: str
    eligibility: Eligibility
    next_step: str
    source: str
    checked: str
    status: str
    aliases: tuple[str, ...] = ()
    suits: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    time_commitment: str = ""
    url: str | None = None
    status_note: str = ""
    caveat: str = ""
    position: int = 0           # order in the file, for stable output

    def to_payload(self) -> dict:
        return asdict(self)

    @classmethod
    def from_payload(cls, d: dict) -> "Programme":
        e = dict(d["eligibility"])
        ext = e.pop("extended_max_age")
        elig = Eligibility(**{k: tuple(v) if isinstance(v, list) else v for k, v in e.items()},
                           extended_max_age=AgeExtension(ext["age"], tuple(ext["for_"])) if ext else None)
        rest = {k: tuple(v) if isinstance(v, list) else v for k, v in d.items() if k != "eligibility"}
        return cls(eligibility=elig, **rest)


class _Entry:
    """Checks one entry's fields, recording each problem against the entry's id."""

    def __init__(self, raw: dict, where: str, vocab: Vocabulary, problems: list[Problem]):
        self.raw, self.where, self.vocab, self.problems = raw, where, vocab, problems

    def problem(self, message: str) -> None:
        self.problems.append(Problem(FILE, self.where, message))

    def text(self, key: str, required: bool = True) -> str:
        value = self.raw.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(f"`{key}` is missing")
            return ""
        if not isinstance(value, str):
            self.problem(f"`{key}` must be text, got {value!r}")
            return ""
        return " ".join(value.split())

    def ids(self, key: str, allowed: set[str], what: str, raw: dict | None = None, hint: str = "") -> tuple[str, ...]:
        value = (self.raw if raw is None else raw).get(key) or []
        if not isinstance(value, list):
            self.problem(f"`{key}` must be a list")
            return ()
        out = []
        for v in value:
            v = str(v)
            if v not in allowed:
                self.problem(f"`{key}`: unknown {what} {v!r}{hint}")
            elif v not in out:
                out.append(v)
        return tuple(out)

    def age(self, raw: dict, key: str) -> int | None:
        value = raw.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 120:
            self.problem(f"`{key}` must be a whole number of years from 0 to 120, got {value!r}")
            return None
        return value

    def level(self, raw: dict, key: str) -> str | None:
        value = raw.get(key)
        if value is None:
            return None
        if str(value) not in LEVEL_IDS:
            self.problem(f"`{key}`: unknown qualification level {value!r}; expected one of {', '.join(LEVEL_IDS)}")
            return None
        return str(value)

    def eligibility(self) -> Eligibility:
        raw = self.raw.get("eligibility")
        if not isinstance(raw, dict):
            self.problem("`eligibility` is missing (it needs at least `areas`)")
            return Eligibility()
        known = {"min_age", "max_age", "extended_max_age", "min_level", "max_level", "max_level_waived_for",
                 "requires_any", "areas"}
        for key in sorted(set(raw) - known):
            self.problem(f"`eligibility.{key}` is not a rule the engine knows")
        barriers = {t.id for t in self.vocab.barriers}
        min_age, max_age = self.age(raw, "min_age"), self.age(raw, "max_age")
        if min_age is not None and max_age is not None and min_age > max_age:
            self.problem(f"min_age {min_age} is above max_age {max_age}")
        ext = None
        if raw.get("extended_max_age") is not None:
            e = raw["extended_max_age"]
            if not isinstance(e, dict):
                self.problem("`extended_max_age` must have `age` and `for`")
            else:
                age = self.age(e, "age")
                for_ = self.ids("for", barriers, "circumstance", raw=e)
                if age is None or not for_:
                    self.problem("`extended_max_age` needs an `age` and a non-empty `for`")
                elif max_age is None or age <= max_age:
                    self.problem(f"extended_max_age {age} must be above max_age {max_age}")
                else:
                    ext = AgeExtension(age, for_)
        min_level, max_level = self.level(raw, "min_level"), self.level(raw, "max_level")
        if min_level and max_level and LEVEL_IDS.index(min_level) > LEVEL_IDS.index(max_level):
            self.problem(f"min_level {min_level} is above max_level {max_level}")
        areas = self.ids("areas", self.vocab.area_ids(), "area", raw=raw,
                         hint=" (use a borough name as in boroughs.yml, a subregion id, london or national)")
        if not areas:
            self.problem("`eligibility.areas` is missing: use [national], [london], subregion ids or borough names")
        elif len(areas) > 1 and (NATIONAL in areas or LONDON in areas):
            self.problem("`areas`: national or london must stand alone")
        waived = self.ids("max_level_waived_for", barriers, "circumstance", raw=raw)
        if waived and not max_level:
            self.problem("`max_level_waived_for` without `max_level`")
        return Eligibility(
            min_age=min_age, max_age=max_age, extended_max_age=ext, min_level=min_level, max_level=max_level,
            max_level_waived_for=waived, requires_any=self.ids("requires_any", barriers, "circumstance", raw=raw),
            areas=areas,
        )

    def checked(self) -> str:
        value = self.raw.get("checked")
        if isinstance(value, dt.date):
            return value.isoformat()
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            self.problem(f"`checked` must be the date the facts were last checked (YYYY-MM-DD), got {value!r}")
            return ""


def parse_programmes(data: Any, vocab: Vocabulary, problems: list[Problem]) -> list[Programme]:
    """Programmes from the parsed YAML; every problem is appended to `problems`."""
    if not isinstance(data, list):
        problems.append(Problem(FILE, "-", "expected a list of programmes"))
        return []
    programmes, seen = [], set()
    routes = {t.id for t in vocab.route_types}
    interests = {t.id for t in vocab.interests}
    for i, raw in enumerate(data):
        if not isinstance(raw, dict):
            problems.append(Problem(FILE, f"entry {i + 1}", "expected a mapping"))
            continue
        pid = str(raw.get("id") or "").strip()
        where = pid or f"entry {i + 1} ({raw.get('title', 'no title')})"
        e = _Entry(raw, where, vocab, problems)
        if not pid:
            e.problem("`id` is missing")
        elif not _ID.match(pid):
            e.problem("`id` must be lower_snake_case")
        elif pid in seen:
            e.problem("duplicate id")
        seen.add(pid)
        route_type = e.text("route_type")
        if route_type and route_type not in routes:
            e.problem(f"unknown route_type {route_type!r}")
        status = e.text("status")
        if status and status not in STATUSES:
            e.problem(f"unknown status {status!r}; expected one of {', '.join(STATUSES)}")
        if status in ("ended", "planned") and not e.text("status_note", required=False):
            e.problem(f"a programme that is {status} needs a `status_note` saying when or what replaced it")
        url = e.text("url", required=False) or None
        if url and not url.startswith(("https://", "http://")):
            e.problem(f"`url` must be a web address, got {url!r}")
        aliases = raw.get("aliases") or []
        if not isinstance(aliases, list):
            e.problem("`aliases` must be a list")
            aliases = []
        levels = tuple(str(v) for v in raw.get("levels") or [])
        for v in levels:
            if v not in LEVEL_IDS:
                e.problem(f"`levels`: unknown qualification level {v!r}")
        if "not_sure" in (raw.get("interests") or []):
            e.problem("`interests`: not_sure describes residents, not programmes")
        programmes.append(Programme(
            id=pid, title=e.text("title"), provider=e.text("provider"), route_type=route_type,
            summary=e.text("summary"), eligibility=e.eligibility(), next_step=e.text("next_step"),
            source=e.text("source"), checked=e.checked(), status=status,
            aliases=tuple(" ".join(str(a).lower().split()) for a in aliases),
            suits=e.ids("suits", {t.id for t in vocab.barriers}, "circumstance"),
            interests=e.ids("interests", interests, "interest"),
            levels=levels, time_commitment=e.text("time_commitment", required=False), url=url,
            status_note=e.text("status_note", required=False), caveat=e.text("caveat", required=False),
            position=i,
        ))
    owners: dict[str, str] = {}
    for p in programmes:
        for alias in p.aliases:
            other = owners.setdefault(alias, p.id)
            if other != p.id:
                problems.append(Problem(FILE, p.id, f"alias {alias!r} is also an alias of {other!r}"))
    return programmes


def load_programmes(data_dir: Path | None = None, vocab: Vocabulary | None = None) -> list[Programme]:
    """Reads and checks programmes.yml; raises DataError listing all problems."""
    data_dir = Path(data_dir or config.data_dir())
    vocab = vocab or load_vocabulary(data_dir)
    problems: list[Problem] = []
    data = read_yaml(data_dir / FILE, problems)
    programmes = parse_programmes(data, vocab, problems) if data is not None else []
    if problems:
        raise DataError(problems)
    return programmes
