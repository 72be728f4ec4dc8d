"""Programmes: the entries of programmes.yml, checked against the vocabularies."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from knowledge import config
from knowledge.errors import DataError, Problem
from knowledge.rules import AUDIENCES, CONDITION_KEYS, TESTS, Condition
from knowledge.vocab import LEVEL_IDS, NATIONAL, LONDON, Vocabulary, load_vocabulary, read_yaml

STATUSES = ("active", "unconfirmed", "ended", "planned")
FILE = "programmes.yml"
MAINLY_FOR = 4                 # a route naming more kinds of work than this is open to most, made for none
_ID = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
# Every field an entry may have (knowledge/data/README.md): a misspelt one is an error, not a field quietly ignored.
FIELDS = ("id", "title", "aliases", "provider", "route_type", "summary", "audience", "audience_source", "where",
          "based_in", "rules", "checks", "suits", "interests", "mainly_for", "levels", "time_commitment", "next_step",
          "url", "source", "checked", "status", "status_note", "caveat", "in_work", "own_scheme")


@dataclass(frozen=True)
class Programme:
    id: str
    title: str
    provider: str
    route_type: str
    summary: str
    audience: str
    audience_source: str                    # a source saying who it is for: the audience is then a rule
    where: tuple[str, ...]
    conditions: tuple[Condition, ...]       # its rules and checks (knowledge/rules.py)
    next_step: str
    source: str
    checked: str
    status: str
    aliases: tuple[str, ...] = ()
    suits: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    mainly_for: tuple[str, ...] = ()    # the kinds of work it is made mainly for, if any (`mainly_for` below)
    levels: tuple[str, ...] = ()
    time_commitment: str = ""
    url: str | None = None
    status_note: str = ""
    caveat: str = ""
    in_work: str = ""           # a source saying it is for people in, or about to start, a job
    based_in: tuple[str, ...] = ()   # boroughs a programme that runs across London is based in: nearest there
    own_scheme: bool = False    # one organisation's own scheme, not a route many employers or providers offer
    position: int = 0           # order in the file, for stable output

    def to_payload(self) -> dict:
        return asdict(self)

    @classmethod
    def from_payload(cls, d: dict) -> "Programme":
        def tupled(x: dict) -> dict:
            return {k: tuple(v) if isinstance(v, list) else v for k, v in x.items()}
        conditions = tuple(Condition(**tupled(c)) for c in d["conditions"])
        return cls(**{**tupled({k: v for k, v in d.items() if k != "conditions"}), "conditions": conditions})

    def condition(self, test: str, rule: bool) -> Condition | None:
        """Its condition of one test and kind; status, where and the audience are conditions too."""
        if test == "status":
            return Condition("status", self.status, rule=True, says=self.status_note) if rule else None
        if test == "where":
            return None if rule else Condition("where", self.where + self.based_in, rule=False)
        if test == "audience":
            own_ages = any(c.test in ("min_age", "max_age") for c in self.conditions)
            return Condition("audience", self.audience, rule=rule, source=self.audience_source, own_ages=own_ages) \
                if rule == bool(self.audience_source) else None
        return next((c for c in self.conditions if c.test == test and c.rule is rule), None)


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

    def ids(self, key: str, allowed: set[str], what: str, hint: str = "") -> tuple[str, ...]:
        value = self.raw.get(key) or []
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

    def mainly_for(self, interests: tuple[str, ...]) -> tuple[str, ...]:
        """The kinds of work it is made mainly for: `mainly_for` when given, one or a list ("none" for several
        alike: a foundation apprenticeship is for four sectors), else the first of at most MAINLY_FOR interests; a
        route open to most kinds of work is made for none."""
        given = self.raw.get("mainly_for")
        if given is None:
            return interests[:1] if len(interests) <= MAINLY_FOR else ()
        if given == "none":
            return ()
        given = given if isinstance(given, list) else [given]
        for kind in given:
            if kind not in interests:
                self.problem(f"`mainly_for`: {kind!r} is not one of its `interests` (or \"none\")")
        return tuple(map(str, given))

    def flag(self, key: str) -> bool:
        value = self.raw.get(key, False)
        if not isinstance(value, bool):
            self.problem(f"`{key}` must be true or false, got {value!r}")
            return False
        return value

    def runs_in(self) -> tuple[str, ...]:
        areas = self.ids("where", self.vocab.area_ids(), "area",
                         hint=" (use a borough name as in boroughs.yml, a subregion id, london or national)")
        if not areas:
            self.problem("`where` is missing: where it runs, as [national], [london], subregion ids or borough names")
        elif len(areas) > 1 and (NATIONAL in areas or LONDON in areas):
            self.problem("`where`: national or london must stand alone")
        return areas

    def based_in(self, runs_in: tuple[str, ...]) -> tuple[str, ...]:
        boroughs = self.ids("based_in", {b.name for b in self.vocab.boroughs}, "borough",
                            hint=" (use a borough name as in boroughs.yml)")
        if boroughs and runs_in != (LONDON,):
            self.problem("`based_in` is for a programme that runs across London (`where: [london]`); one that runs "
                         "in named boroughs is ranked by them")
        return boroughs

    def audience(self) -> str:
        value = self.text("audience")
        if value and value not in AUDIENCES:
            self.problem(f"unknown audience {value!r}; expected one of {', '.join(AUDIENCES)}")
        return value

    def conditions(self) -> tuple[Condition, ...]:
        """`rules` (each stated by a source, quoted) and `checks` (each saying what the resident should check)."""
        if "eligibility" in self.raw:
            self.problem("`eligibility` is the old format: write `where`, `rules` and `checks` (see README.md)")
        out: list[Condition] = []
        for kind, rule in (("rules", True), ("checks", False)):
            items = self.raw.get(kind) or []
            if not isinstance(items, list):
                self.problem(f"`{kind}` must be a list")
                continue
            seen: set[str] = set()
            for j, item in enumerate(items, 1):
                c = self._condition(f"{kind}[{j}]", item, rule, seen)
                if c is not None:
                    out.append(c)
        for rule in (True, False):
            ages = {c.test: c.value for c in out if c.rule is rule and c.test in ("min_age", "max_age")}
            if ages.get("min_age", 0) > ages.get("max_age", 1 << 10):
                self.problem(f"min_age {ages['min_age']} is above max_age {ages['max_age']}")
        return tuple(out)

    def _condition(self, where: str, item: Any, rule: bool, seen: set[str]) -> Condition | None:
        if not isinstance(item, dict):
            self.problem(f"{where}: expected a mapping such as {{min_age: 19, {'source' if rule else 'says'}: ...}}")
            return None
        keys = [k for k in item if k in CONDITION_KEYS]
        if len(keys) != 1:
            self.problem(f"{where}: needs exactly one test, one of {', '.join(CONDITION_KEYS)}; found "
                         f"{', '.join(map(str, item)) or 'nothing'}")
            return None
        key = keys[0]
        test = TESTS[key]
        allowed = {key, "source", "says", *test.qualifiers}
        for extra in sorted(set(map(str, item)) - allowed):
            self.problem(f"{where} ({key}): `{extra}` is not part of this test")
        if key in seen:
            self.problem(f"{where}: a second {key} {'rule' if rule else 'check'}")
            return None
        seen.add(key)
        source = " ".join(str(item.get("source") or "").split())
        says = " ".join(str(item.get("says") or "").split())
        if rule and not source:
            self.problem(f"{where} ({key}): a rule needs `source`: the source and the sentence that states it "
                         f"(without one it is a check, with `says`)")
        if not rule and not says:
            self.problem(f"{where} ({key}): a check needs `says`: what the resident should check, and why")
        fields = test.read(item[key], {q: item[q] for q in test.qualifiers if q in item}, self.vocab,
                           lambda message: self.problem(f"{where} ({key}): {message}"))
        if fields is None:
            return None
        return Condition(test=key, rule=rule, source=source, says=says, **fields)

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
        for key in raw:
            if key not in FIELDS and key != "eligibility":         # the old format has a message of its own
                e.problem(f"unknown field `{key}` (the fields are listed in knowledge/data/README.md)")
        route_type = e.text("route_type")
        if route_type and route_type not in routes:
            e.problem(f"unknown route_type {route_type!r}")
        status = e.text("status")
        if status and status not in STATUSES:
            e.problem(f"unknown status {status!r}; expected one of {', '.join(STATUSES)}")
        if status in ("unconfirmed", "ended", "planned") and not e.text("status_note", required=False):
            e.problem(f"a programme that is {status} needs a `status_note` saying what is in doubt, when it ended "
                      f"or opens, or what replaced it")
        audience = e.audience()
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
        works = e.ids("interests", interests, "interest")
        runs_in = e.runs_in()
        programmes.append(Programme(
            id=pid, title=e.text("title"), provider=e.text("provider"), route_type=route_type,
            summary=e.text("summary"), audience=audience,
            audience_source=e.text("audience_source", required=False), where=runs_in, based_in=e.based_in(runs_in),
            conditions=e.conditions(),
            next_step=e.text("next_step"),
            source=e.text("source"), checked=e.checked(), status=status,
            aliases=tuple(" ".join(str(a).lower().split()) for a in aliases),
            suits=e.ids("suits", {t.id for t in vocab.barriers}, "circumstance"),
            interests=works, mainly_for=e.mainly_for(works),
            levels=levels, time_commitment=e.text("time_commitment", required=False), url=url,
            status_note=e.text("status_note", required=False), caveat=e.text("caveat", required=False),
            in_work=e.text("in_work", required=False), own_scheme=e.flag("own_scheme"), position=i,
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
