"""The eligibility rule table: every test a programme can set, each written once.

A test knows how programmes.yml states it, how to judge a whole catalogue at once (a few array operations, so a
request screens thousands of programmes), and the sentence that explains each outcome to a resident. A condition on
a programme is a *rule* when a source states it (a resident who fails it is told why, and the route is left out)
or a *check* when it is inferred, disputed or provider-specific (the route stays, marked "Check with the
provider: ..."). An answer the resident didn't give turns a rule into a check too.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

from knowledge.profile import Profile
from knowledge.vocab import LEVEL_IDS, LONDON, NATIONAL, Vocabulary

NONE = 1 << 40                 # "no limit" for an age or level bound, beyond any real value
AUDIENCES = {                  # who a programme is for, and the ages that means (None: no bound)
    "pupils": ("pupils at school", None, 18),
    "students_16_18": ("16 to 19-year-olds in education", 16, 19),
    "young_people": ("young people aged 16 to 24", 16, 24),
    "adults": ("adults", 18, None),
    "sector_workers": ("people already working in the sector", None, None),
    "anyone": ("anyone", None, None),
}
CHECK_WITH_PROVIDER = "Check with the provider: "
SCHOOL_LEAVING_AGE = 16


@dataclass(frozen=True)
class Condition:
    test: str                          # a key of TESTS
    value: Any                         # years, a level id, circumstance or area ids, an audience, True
    rule: bool                         # stated by a source (excludes); otherwise a check (the route stays)
    source: str = ""                   # the source and its sentence that states it (required for a rule)
    says: str = ""                     # a check: what the resident should check, and why
    extended_age: int | None = None    # max_age: the higher limit for people with one of `for_`
    for_: tuple[str, ...] = ()         # max_age: who gets extended_age; max_level: whom the ceiling doesn't bind
    own_ages: bool = False             # audience: the programme has age rules or checks, which say it by age


class Resident:
    """A profile as the tests read it: numbers and bit masks, worked out once per request."""

    def __init__(self, profile: Profile, vocab: Vocabulary, bits: dict[str, int]):
        self.profile, self.vocab = profile, vocab
        self.age = profile.age
        self.level = None if profile.qualification_level is None else vocab.level_rank(profile.qualification_level)
        # "No qualifications yet" at 16 or under is a pupil still taking their first exams: what a course asks for
        # is still open, not failed.
        self.taking_exams = (profile.qualification_level == "none" and profile.age is not None
                             and profile.age <= SCHOOL_LEAVING_AGE)
        self.has = 0
        for b in profile.barriers:
            self.has |= bits.get(b, 0)
        self.no_right_to_work = any(not vocab.barrier(b).right_to_work for b in profile.barriers
                                    if b in bits)
        self.borough = profile.borough
        self.subregion = vocab.borough(profile.borough).subregion if profile.borough else None
        self.outside_london = profile.outside_london


class Columns(dict):
    """A test's arrays over the catalogue (name -> array, or area -> membership array)."""


def join_words(items: list[str], word: str = "or") -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def who(vocab: Vocabulary, ids: Sequence[str]) -> str:
    return join_words([vocab.barrier(i).who for i in ids])


def level_words(level: str) -> str:
    return {"none": "no formal qualifications", "entry": "entry level"}.get(level, f"level {level}")


def _examples(vocab: Vocabulary, level: str) -> str:
    return vocab.level(level).explain or vocab.level(level).name


def mask(ids: Sequence[str], bits: dict[str, int]) -> int:
    m = 0
    for b in ids:
        m |= bits.get(b, 0)
    return m


class Test:
    """One kind of condition. Subclasses say how it reads, judges and explains itself."""
    key = ""
    qualifiers: tuple[str, ...] = ()

    # --- programmes.yml -------------------------------------------------------------------------------------
    def read(self, value: Any, qualifiers: dict, vocab: Vocabulary, problem: Callable[[str], None]) -> dict | None:
        """The condition's fields from its YAML, or None after reporting the problem."""
        raise NotImplementedError

    # --- screening ------------------------------------------------------------------------------------------
    def columns(self, conds: Sequence[Condition | None], bits: dict[str, int], vocab: Vocabulary) -> Columns:
        raise NotImplementedError

    def judge(self, c: Columns, r: Resident) -> tuple[np.ndarray | bool, np.ndarray | bool]:
        """(fails, unknown) for every programme; a programme without this condition passes."""
        raise NotImplementedError

    # --- sentences ------------------------------------------------------------------------------------------
    def passed(self, cond: Condition, r: Resident) -> str:
        return ""

    def failed(self, cond: Condition, r: Resident) -> str:
        raise NotImplementedError

    def unknown(self, cond: Condition, r: Resident) -> str:
        return ""


def _whole_years(value: Any, problem) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 120:
        problem(f"must be a whole number of years from 0 to 120, got {value!r}")
        return None
    return value


def _level(value: Any, problem) -> str | None:
    if str(value) not in LEVEL_IDS:
        problem(f"unknown qualification level {value!r}; expected one of {', '.join(LEVEL_IDS)}")
        return None
    return str(value)


def _ids(value: Any, allowed: set[str], what: str, problem) -> tuple[str, ...] | None:
    if not isinstance(value, list) or not value:
        problem(f"must be a non-empty list of {what} ids")
        return None
    bad = [str(v) for v in value if str(v) not in allowed]
    if bad:
        problem(f"unknown {what} {', '.join(map(repr, bad))}")
        return None
    return tuple(dict.fromkeys(str(v) for v in value))


def _present(conds: Sequence[Condition | None]) -> np.ndarray:
    return np.array([c is not None for c in conds], bool)


class MinAge(Test):
    key = "min_age"

    def read(self, value, qualifiers, vocab, problem):
        v = _whole_years(value, problem)
        return None if v is None else {"value": v}

    def columns(self, conds, bits, vocab):
        return Columns(v=np.array([-NONE if c is None else c.value for c in conds], np.int64), on=_present(conds))

    def judge(self, c, r):
        if r.age is None:
            return False, c["on"]
        return r.age < c["v"], False

    def passed(self, cond, r):
        return f"You're {cond.value} or over."

    def failed(self, cond, r):
        return f"It's for people aged {cond.value} and over; you're {r.age}."

    def unknown(self, cond, r):
        return f"it is for people aged {cond.value} and over."


class MaxAge(Test):
    key = "max_age"
    qualifiers = ("extended",)

    def read(self, value, qualifiers, vocab, problem):
        v = _whole_years(value, problem)
        if v is None:
            return None
        ext = qualifiers.get("extended")
        if ext is None:
            return {"value": v}
        if not isinstance(ext, dict) or "age" not in ext or "for" not in ext:
            problem("`extended` needs `age` and `for`")
            return None
        age = _whole_years(ext["age"], problem)
        for_ = _ids(ext["for"], {t.id for t in vocab.barriers}, "circumstance", problem)
        if age is None or for_ is None:
            return None
        if age <= v:
            problem(f"`extended.age` {age} must be above max_age {v}")
            return None
        return {"value": v, "extended_age": age, "for_": for_}

    def columns(self, conds, bits, vocab):
        return Columns(v=np.array([NONE if c is None else c.value for c in conds], np.int64),
                       ext=np.array([c.extended_age if c is not None and c.extended_age else -NONE for c in conds],
                                    np.int64),
                       ext_for=np.array([mask(c.for_, bits) if c is not None else 0 for c in conds], np.int64),
                       on=_present(conds))

    def judge(self, c, r):
        if r.age is None:
            return False, c["on"]
        extended = (r.age <= c["ext"]) & ((c["ext_for"] & r.has) != 0)
        return (r.age > c["v"]) & ~extended, False

    def _limit(self, cond: Condition, r: Resident) -> str:
        if not cond.extended_age:
            return f"aged {cond.value} or under"
        return f"aged {cond.value} or under (or up to {cond.extended_age} for people {who(r.vocab, cond.for_)})"

    def passed(self, cond, r):
        if r.age is not None and r.age > cond.value:
            return (f"You're {r.age}: the age limit is {cond.value}, or {cond.extended_age} for people "
                    f"{who(r.vocab, cond.for_)}, which applies to you.")
        return f"You're {cond.value} or under."

    def failed(self, cond, r):
        return f"It's for people {self._limit(cond, r)}; you're {r.age}."

    def unknown(self, cond, r):
        return f"it is for people {self._limit(cond, r)}."


class MinLevel(Test):
    key = "min_level"

    def read(self, value, qualifiers, vocab, problem):
        v = _level(value, problem)
        return None if v is None else {"value": v}

    def columns(self, conds, bits, vocab):
        return Columns(v=np.array([-NONE if c is None else vocab.level_rank(c.value) for c in conds], np.int64),
                       on=_present(conds))

    def judge(self, c, r):
        if r.level is None or r.taking_exams:
            return False, c["on"]
        return r.level < c["v"], False

    def passed(self, cond, r):
        have = level_words(r.profile.qualification_level)
        return f"It asks for {level_words(cond.value)} or above, and you have {have}."

    def failed(self, cond, r):
        return (f"It usually needs a {level_words(cond.value)} qualification first (such as "
                f"{_examples(r.vocab, cond.value)}); you have {level_words(r.profile.qualification_level)}.")

    def unknown(self, cond, r):
        return (f"it usually asks for a {level_words(cond.value)} qualification first (such as "
                f"{_examples(r.vocab, cond.value)}).")


class MaxLevel(Test):
    key = "max_level"
    qualifiers = ("unless",)

    def read(self, value, qualifiers, vocab, problem):
        v = _level(value, problem)
        if v is None:
            return None
        if v == LEVEL_IDS[-1]:
            problem(f"max_level {v} is the highest level, so it rules nobody out")
            return None
        unless = qualifiers.get("unless")
        if unless is None:
            return {"value": v}
        for_ = _ids(unless, {t.id for t in vocab.barriers}, "circumstance", problem)
        return None if for_ is None else {"value": v, "for_": for_}

    def columns(self, conds, bits, vocab):
        return Columns(v=np.array([NONE if c is None else vocab.level_rank(c.value) for c in conds], np.int64),
                       unless=np.array([mask(c.for_, bits) if c is not None else 0 for c in conds], np.int64),
                       on=_present(conds))

    def judge(self, c, r):
        if r.level is None:
            return False, c["on"]
        return (r.level > c["v"]) & ((c["unless"] & r.has) == 0), False

    def passed(self, cond, r):
        if r.level is not None and r.level > r.vocab.level_rank(cond.value):
            waived = [b for b in cond.for_ if b in r.profile.barriers]
            return f"You can join whatever your qualifications, because you're {who(r.vocab, waived)}."
        return f"It's for people whose highest qualification is {level_words(cond.value)} or below, like you."

    def failed(self, cond, r):
        return (f"It's for people whose highest qualification is {level_words(cond.value)} or below; you have "
                f"{level_words(r.profile.qualification_level)}.")

    def unknown(self, cond, r):
        return f"it is for people whose highest qualification is {level_words(cond.value)} or below."


class Requires(Test):
    key = "requires"

    def read(self, value, qualifiers, vocab, problem):
        v = _ids(value, {t.id for t in vocab.barriers}, "circumstance", problem)
        return None if v is None else {"value": v}

    def columns(self, conds, bits, vocab):
        return Columns(m=np.array([mask(c.value, bits) if c is not None else 0 for c in conds], np.int64))

    def judge(self, c, r):
        return (c["m"] != 0) & ((c["m"] & r.has) == 0), False

    def passed(self, cond, r):
        return f"It's for people {who(r.vocab, [b for b in cond.value if b in r.profile.barriers])}, as you are."

    def failed(self, cond, r):
        return f"It's only for people {who(r.vocab, cond.value)}; you haven't said that applies to you."


def _area_names(vocab: Vocabulary, areas: Sequence[str]) -> str:
    return join_words([f"the {vocab.subregions[a]} boroughs" if a in vocab.subregions else vocab.area_name(a)
                  for a in areas])


def _membership(conds: Sequence[Condition | None], areas_of: Callable[[Condition], Sequence[str]]) -> Columns:
    """area -> whether each programme names it."""
    out = Columns()
    for i, c in enumerate(conds):
        for a in (areas_of(c) if c is not None else ()):
            out.setdefault(a, np.zeros(len(conds), bool))[i] = True
    return out


def _area(c: Columns, area: str | None, n: int) -> np.ndarray:
    found = c.get(area) if area is not None else None
    return found if found is not None else np.zeros(n, bool)


def _named(c: Columns, r: Resident, n: int) -> np.ndarray:
    """Whether each programme names the resident's borough, their sub-region or London."""
    found = np.zeros(n, bool)
    if not r.outside_london:
        for area in (r.borough, r.subregion, LONDON):
            if area in c:
                found |= c[area]
    return found


class LivesIn(Test):
    """A residence rule: only people living in these areas (never inferred from where a programme runs)."""
    key = "lives_in"

    def read(self, value, qualifiers, vocab, problem):
        areas = vocab.area_ids() - {NATIONAL}
        v = _ids(value, areas, "area", problem)
        return None if v is None else {"value": v}

    def columns(self, conds, bits, vocab):
        c = _membership(conds, lambda cond: cond.value)
        c["on"] = _present(conds)
        return c

    def judge(self, c, r):
        on = c["on"]
        if not r.outside_london and r.borough is None:
            return False, on & ~_area(c, LONDON, len(on))
        return on & ~_named(c, r, len(on)), False

    def passed(self, cond, r):
        return f"It's for people living in {_area_names(r.vocab, cond.value)}, as you do."

    def failed(self, cond, r):
        where = "outside London" if r.outside_london else f"in {r.borough}"
        return f"It's only for people living in {_area_names(r.vocab, cond.value)}; you live {where}."

    def unknown(self, cond, r):
        return f"it is only for people living in {_area_names(r.vocab, cond.value)}."


class RightToWork(Test):
    """Routes that are jobs, or lead straight to one, need the right to work in the UK."""
    key = "right_to_work"

    def read(self, value, qualifiers, vocab, problem):
        if value is not True:
            problem("must be true (leave it out when the route needs no right to work)")
            return None
        return {"value": True}

    def columns(self, conds, bits, vocab):
        return Columns(on=_present(conds))

    def judge(self, c, r):
        return c["on"] & r.no_right_to_work, False

    def failed(self, cond, r):
        return ("It's a job, or leads straight to one, so it needs the right to work in the UK, and people waiting "
                "for an asylum decision usually aren't allowed to work. What you can do now: free English "
                "(ESOL) classes once you've waited six months, adult learning and volunteering; after 12 months "
                "waiting you can ask the Home Office for permission to work.")


class Audience(Test):
    """Who a programme is for: its `audience`. A rule when `audience_source` quotes a source saying who it is for;
    otherwise only a check, and only when the resident's age is outside the audience's ages."""
    key = "audience"

    def read(self, value, qualifiers, vocab, problem):
        raise NotImplementedError("the audience is a field of the programme: `audience` and `audience_source`")

    def columns(self, conds, bits, vocab):
        lo = [AUDIENCES[c.value][1] if c is not None else None for c in conds]
        hi = [AUDIENCES[c.value][2] if c is not None else None for c in conds]
        return Columns(lo=np.array([-NONE if v is None else v for v in lo], np.int64),
                       hi=np.array([NONE if v is None else v for v in hi], np.int64),
                       workers=np.array([c is not None and c.value == "sector_workers" for c in conds], bool),
                       banded=np.array([c is not None and AUDIENCES[c.value][1:] != (None, None) and not c.own_ages
                                        for c in conds], bool))

    def judge(self, c, r):
        # The age wasn't given: whether a route for an age group fits is open (unless its own age rule says so, "aged
        # 16 and over"), and so is whether they work in the sector.
        if r.age is None:
            return False, c["workers"] | c["banded"]
        pupil = r.age < SCHOOL_LEAVING_AGE  # nobody of school age already works in the sector
        return (r.age < c["lo"]) | (r.age > c["hi"]) | (c["workers"] & pupil), c["workers"] & (not pupil)

    def passed(self, cond, r):
        return ""

    def failed(self, cond, r):
        return f"It's for {AUDIENCES[cond.value][0]}; you're {r.age}."

    def unknown(self, cond, r):
        return f"it is for {AUDIENCES[cond.value][0]}."


class Status(Test):
    """Ended and planned programmes are never recommended; one whose status is in doubt says so."""
    key = "status"

    def read(self, value, qualifiers, vocab, problem):
        raise NotImplementedError("status is a field of the programme, not a rule in programmes.yml")

    def columns(self, conds, bits, vocab):
        return Columns(shut=np.array([c.value in ("ended", "planned") for c in conds], bool),
                       doubt=np.array([c.value == "unconfirmed" for c in conds], bool))

    def judge(self, c, r):
        return c["shut"], c["doubt"]

    def failed(self, cond, r):
        return (f"It has ended. {cond.says}" if cond.value == "ended" else f"It isn't open yet. {cond.says}").strip()

    def unknown(self, cond, r):
        return f"it may have ended or changed. {cond.says}".strip()


# `locality` of a programme that runs in the resident's borough (the engine's local programmes read it)
IN_THEIR_BOROUGH = 4


class Where(Test):
    """Where a programme runs. Not a rule: it ranks what is local first, and for someone outside London a
    programme that runs only in London is a check."""
    key = "where"

    def read(self, value, qualifiers, vocab, problem):
        raise NotImplementedError("`where` is a field of the programme, not a rule in programmes.yml")

    def columns(self, conds, bits, vocab):
        c = _membership(conds, lambda cond: cond.value)
        c["n"] = len(conds)
        return c

    def judge(self, c, r):
        return False, (~_area(c, NATIONAL, c["n"]) if r.outside_london else False)

    def locality(self, c: Columns, r: Resident) -> np.ndarray:
        """How near each programme runs: 4 in their borough (or based there, running across London), 2 their
        sub-region, 0 London-wide or England-wide, -2 somewhere else in London (or anywhere in London, for someone
        living outside it)."""
        n = c["n"]
        national = _area(c, NATIONAL, n)
        if r.outside_london:
            return np.where(national, 0, -2)
        out = np.where(national | _area(c, LONDON, n), 0, -2)
        out = np.where(_area(c, r.subregion, n), 2, out)
        return np.where(_area(c, r.borough, n), IN_THEIR_BOROUGH, out)

    def passed(self, cond, r):
        areas = cond.value
        if NATIONAL in areas:
            return "It's available across England." + (" Living outside London doesn't matter."
                                                       if r.outside_london else "")
        if LONDON in areas:
            return (f"It's based in {r.borough}, where you live, and open to people across London."
                    if r.borough in areas else "It runs across London.")
        if r.borough in areas:
            return f"It runs in {r.borough}, where you live."
        if r.subregion in areas:
            return f"It covers the {r.vocab.subregions[r.subregion]} boroughs, including {r.borough}."
        return f"It runs in {_area_names(r.vocab, areas)}."

    def unknown(self, cond, r):
        where = "London" if LONDON in cond.value else f"London ({_area_names(r.vocab, cond.value)})"
        return f"it runs in {where}; ask whether they take people from outside London."


# The table, in the order reasons are given: the first rule a resident fails is the reason shown.
TESTS: dict[str, Test] = {t.key: t for t in (Status(), Where(), Audience(), MinAge(), MaxAge(), Requires(),
                                            RightToWork(), MinLevel(), MaxLevel(), LivesIn())}
CONDITION_KEYS = tuple(k for k in TESTS if k not in ("status", "where", "audience"))   # what `rules`/`checks` name
