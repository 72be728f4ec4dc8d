"""The recommendation engine: pure functions from a profile and programmes to ranked, explained results.

Each rule is data on the programme (ages, levels, areas, circumstances) and produces the sentence that explains
it, tied to what the resident told us. `assess` is the one place that applies the rules in words; `Screen` applies
the same rules as numbers so a request can rank thousands of programmes and explain only the ones it shows.
"""
from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np

from knowledge.catalogue import Programme
from knowledge.profile import Profile
from knowledge.vocab import LONDON, NATIONAL, Vocabulary


@dataclass(frozen=True)
class Recommendation:
    programme: Programme
    why: tuple[str, ...]
    checks: tuple[str, ...]         # what the resident should check: unknown answers, providers' own rules

    def to_dict(self) -> dict:
        p = self.programme
        return {
            "id": p.id, "title": p.title, "provider": p.provider, "route_type": p.route_type,
            "why": [*self.why, *(as_check(c) for c in self.checks)],
            "next_step": p.next_step, "url": p.url, "source": p.source, "checked": p.checked,
        }


def as_check(text: str) -> str:
    """A check as shown to the resident: "Check: ..." unless the sentence already says so."""
    return text if text.lower().startswith("check") else f"Check: {text}"


@dataclass(frozen=True)
class Exclusion:
    programme: Programme
    reason: str

    def to_dict(self) -> dict:
        p = self.programme
        return {"id": p.id, "title": p.title, "route_type": p.route_type, "reason": self.reason}


@dataclass(frozen=True)
class Result:
    """Every route that fits, best first, and every one left out, in catalogue order. Both are sequences whose
    items are explained when first read: len() ("5 of 900") and the top five cost five explanations, not 900."""
    profile: Profile
    recommendations: Sequence[Recommendation]
    excluded: Sequence[Exclusion]

    def to_dict(self) -> dict:
        return {
            "profile": self.profile.to_dict(),
            "recommendations": [r.to_dict() for r in self.recommendations],
            "excluded": [e.to_dict() for e in self.excluded],
        }


def areas_for(profile: Profile, vocab: Vocabulary) -> list[str]:
    """The areas whose programmes a resident can join: always national; London-wide, their subregion and
    borough when they live in London."""
    if profile.outside_london:
        return [NATIONAL]
    areas = [NATIONAL, LONDON]
    if profile.borough:
        areas += [vocab.borough(profile.borough).subregion, profile.borough]
    return areas


def level_words(level: str) -> str:
    return {"none": "no formal qualifications", "entry": "entry level"}.get(level, f"level {level}")


def _join(items: list[str], word: str = "or") -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def _who(vocab: Vocabulary, ids: Iterable[str]) -> str:
    return _join([vocab.barrier(i).who for i in ids])


class _Fail(Exception):
    """A rule the resident does not meet; the message is the reason shown to them."""


def _status(p: Programme) -> None:
    if p.status == "ended":
        raise _Fail(f"It has ended. {p.status_note}".strip())
    if p.status == "planned":
        raise _Fail(f"It isn't open yet. {p.status_note}".strip())


def _age(p: Programme, profile: Profile, vocab: Vocabulary, why: list, checks: list) -> None:
    e = p.eligibility
    lo, hi, ext = e.min_age, e.max_age, e.extended_max_age
    if lo is None and hi is None:
        return
    rng = f"aged {lo} to {hi}" if lo is not None and hi is not None else (
        f"aged {lo} and over" if lo is not None else f"aged up to {hi}")
    if profile.age is None:
        checks.append(f"it is for people {rng}{_ext_words(ext, vocab)}.")
        return
    age = profile.age
    if lo is not None and age < lo:
        raise _Fail(f"It's for people {rng}; you're {age}.")
    if hi is not None and age > hi:
        if ext and age <= ext.age and set(ext.for_) & set(profile.barriers):
            why.append(f"You're {age}: the age limit is {hi}, or {ext.age} for people "
                       f"{_who(vocab, ext.for_)}, which applies to you.")
            return
        raise _Fail(f"It's for people {rng}{_ext_words(ext, vocab)}; you're {age}.")
    why.append(f"You're {lo} or over." if hi is None else
               f"You're {hi} or under." if lo is None else f"You're {age}, and it's for people {rng}.")


def _ext_words(ext, vocab: Vocabulary) -> str:
    return f" (or up to {ext.age} for people {_who(vocab, ext.for_)})" if ext else ""


def _circumstances(p: Programme, profile: Profile, vocab: Vocabulary, why: list) -> None:
    need = p.eligibility.requires_any
    if not need:
        return
    have = [b for b in need if b in profile.barriers]
    if not have:
        raise _Fail(f"It's only for people {_who(vocab, need)}; you haven't said that applies to you.")
    why.append(f"It's for people {_who(vocab, have)}, as you are.")


def _examples(vocab: Vocabulary, level: str) -> str:
    return vocab.level(level).explain or vocab.level(level).name


def _level(p: Programme, profile: Profile, vocab: Vocabulary, why: list, checks: list) -> None:
    e = p.eligibility
    if not e.min_level and not e.max_level:
        return
    level = profile.qualification_level
    if level is None:
        if e.min_level:
            checks.append(f"it usually asks for a {level_words(e.min_level)} qualification first "
                          f"(such as {_examples(vocab, e.min_level)}).")
        if e.max_level:
            checks.append(f"it is for people whose highest qualification is {level_words(e.max_level)} or below.")
        return
    rank = vocab.level_rank(level)
    if e.min_level:
        if rank < vocab.level_rank(e.min_level):
            raise _Fail(f"It usually needs a {level_words(e.min_level)} qualification first (such as "
                        f"{_examples(vocab, e.min_level)}); you have {level_words(level)}.")
        why.append(f"It asks for {level_words(e.min_level)} or above, and you have {level_words(level)}.")
    if e.max_level:
        if rank <= vocab.level_rank(e.max_level):
            why.append(f"It's for people whose highest qualification is {level_words(e.max_level)} or below, "
                       f"like you.")
            return
        waived = [b for b in e.max_level_waived_for if b in profile.barriers]
        if waived:
            why.append(f"You can join whatever your qualifications, because you're {_who(vocab, waived)}.")
            return
        raise _Fail(f"It's for people whose highest qualification is {level_words(e.max_level)} or below; "
                    f"you have {level_words(level)}.")


def _area(p: Programme, profile: Profile, vocab: Vocabulary, why: list) -> int:
    """Checks where the resident lives; returns how local the programme is (0 = their borough)."""
    areas = p.eligibility.areas
    if NATIONAL in areas:
        why.append("It's available across England." + (" Living outside London doesn't matter."
                                                         if profile.outside_london else ""))
        return 3
    where = _join([vocab.area_name(a) for a in areas])
    if profile.outside_london:
        raise _Fail(f"It's only for people living in {where}; you said you live outside London.")
    if LONDON in areas:
        why.append("It's open to people across London.")
        return 2
    if profile.borough is None:
        raise _Fail(f"It's only for people living in {where}; tell me your borough to check.")
    if profile.borough in areas:
        why.append(f"It runs in {profile.borough}, where you live.")
        return 0
    sub = vocab.borough(profile.borough).subregion
    if sub in areas:
        why.append(f"It covers the {vocab.subregions[sub]} boroughs, including {profile.borough}.")
        return 1
    raise _Fail(f"It's only for people living in {where}; you live in {profile.borough}.")


def _level_fit(p: Programme, profile: Profile, vocab: Vocabulary) -> int:
    """0 when the programme leads to the resident's level or the next one up, 2 when it only goes lower."""
    if not p.levels or profile.qualification_level is None:
        return 1
    rank = vocab.level_rank(profile.qualification_level)
    offered = [vocab.level_rank(lv) for lv in p.levels]
    if any(o in (rank, rank + 1) for o in offered):
        return 0
    return 2 if max(offered) < rank else 1


def assess(p: Programme, profile: Profile, vocab: Vocabulary) -> tuple[tuple, Recommendation] | Exclusion:
    """Either (sort key, recommendation) or the exclusion with its reason."""
    why: list[str] = []
    checks: list[str] = []
    try:
        _status(p)
        locality = _area(p, profile, vocab, why)
        _age(p, profile, vocab, why, checks)
        _circumstances(p, profile, vocab, why)
        _level(p, profile, vocab, why, checks)
    except _Fail as fail:
        return Exclusion(p, str(fail))
    wants = [i for i in p.interests if i in profile.interests]
    needs = [b for b in p.suits if b in profile.barriers]
    fit = []
    if wants:
        fit.append(f"It suits your interest in {_join([vocab.interest(i).name.lower() for i in wants], 'and')}.")
    if needs:
        fit.append(f"It's designed for people {_who(vocab, needs)}.")
    if p.caveat:
        checks.append(p.caveat)
    key = (-(len(wants) + len(needs)), locality, _level_fit(p, profile, vocab), p.position, p.id)
    return key, Recommendation(p, tuple(fit + why), tuple(checks))


def recommend(profile: Profile, programmes: Iterable[Programme], vocab: Vocabulary) -> Result:
    """Eligible programmes ranked by fit (interests and circumstances), then locality, then level; the
    rest with the reason each was left out. The same profile always gives the same order."""
    return Screen(list(programmes), vocab).result(profile)


_NONE = 1 << 40           # "no limit" for an age or level bound, beyond any real value


class Screen:
    """The hard rules and the rank key of `assess`, compiled once per catalogue into one array per rule, so a
    request decides which programmes fit and in what order with a few vector operations instead of writing
    sentences for every programme open to the resident. Rules change in `assess` and here together:
    tests/knowledge/test_screen.py checks that the two agree on every rule boundary."""

    def __init__(self, programmes: Sequence[Programme], vocab: Vocabulary):
        self.programmes = ps = tuple(programmes)
        self.vocab = vocab
        n = len(ps)
        # Circumstances as bits: vocabulary ids first, then any other id a programme names (kept exact).
        self._bit: dict[str, int] = {}
        for b in [t.id for t in vocab.barriers] + [b for p in ps for b in _barrier_ids(p)]:
            self._bit.setdefault(b, 1 << len(self._bit))
        if len(self._bit) > 63:
            raise ValueError(f"{len(self._bit)} circumstances do not fit the screen's 64-bit masks")
        rank = vocab.level_rank
        el = [p.eligibility for p in ps]
        ext = [e.extended_max_age for e in el]
        offered = [[rank(lv) for lv in p.levels] for p in ps]
        routes = sorted({p.route_type for p in ps})
        self._route_code = {r: i for i, r in enumerate(routes)}
        by_place = sorted(range(n), key=lambda i: (ps[i].position, ps[i].id))    # stable: ties keep given order
        place = np.empty(n, np.int64)
        place[by_place] = np.arange(n)
        columns = {
            "blocked": [p.status in ("ended", "planned") for p in ps],
            "min_age": [-_NONE if e.min_age is None else e.min_age for e in el],
            "max_age": [_NONE if e.max_age is None else e.max_age for e in el],
            "ext_age": [x.age if x else -_NONE for x in ext],
            "ext_for": [self._mask(x.for_) if x else 0 for x in ext],
            "requires": [self._mask(e.requires_any) for e in el],
            "min_level": [rank(e.min_level) if e.min_level else -_NONE for e in el],
            "max_level": [rank(e.max_level) if e.max_level else _NONE for e in el],
            "waived": [self._mask(e.max_level_waived_for) if e.max_level else 0 for e in el],
            "levels": [sum(1 << r for r in set(o)) for o in offered],       # bit r: leads to level rank r
            "top_level": [max(o, default=-1) for o in offered],
            "route": [self._route_code[p.route_type] for p in ps],
            "place": place,                                                 # rank of (position, id)
        }
        self._columns = {k: np.asarray(v, bool if k == "blocked" else np.int64) for k, v in columns.items()}
        # How many times each interest or circumstance is listed: `assess` counts matches, not ids.
        self._wants = _counts(n, [p.interests for p in ps])
        self._suits = _counts(n, [p.suits for p in ps])
        self._areas = {a: m > 0 for a, m in _counts(n, [e.areas for e in el]).items()}
        self._parts: dict[tuple[str, ...] | None, _Part] = {}

    def _mask(self, ids: Iterable[str]) -> int:
        m = 0
        for b in ids:
            m |= self._bit.get(b, 0)
        return m

    def part(self, areas: Iterable[str] | None = None) -> "_Part":
        """The programmes open in any of `areas` (all when None), with their columns cut once and kept: a
        process sees one set of areas per borough, so the catalogue is never scanned per request."""
        key = None if areas is None else tuple(areas)
        part = self._parts.get(key)
        if part is None:
            if key is None:
                idx = np.arange(len(self.programmes))
            else:
                inside = np.zeros(len(self.programmes), bool)
                for a in key:
                    if a in self._areas:
                        inside |= self._areas[a]
                idx = np.flatnonzero(inside)
            part = self._parts[key] = _Part(self, idx)
        return part

    def fits(self, profile: Profile, part: "_Part") -> tuple[np.ndarray, np.ndarray]:
        """Indices (into `programmes`) of the programmes in `part` that fit, in rank order, and of those that
        don't, in catalogue order."""
        c = part.columns
        has = self._mask(profile.barriers)
        locality, ok = part.where(profile)
        ok = ok.copy()
        if profile.age is not None:
            a = profile.age
            extended = (a <= c["ext_age"]) & ((c["ext_for"] & has) != 0)
            ok &= (a >= c["min_age"]) & ((a <= c["max_age"]) | extended)
        ok &= (c["requires"] == 0) | ((c["requires"] & has) != 0)
        level_fit = 1
        if profile.qualification_level is not None:
            r = self.vocab.level_rank(profile.qualification_level)
            ok &= (r >= c["min_level"]) & ((r <= c["max_level"]) | ((c["waived"] & has) != 0))
            levels = c["levels"]                # `_level_fit`: 0 leads to r or r + 1, 2 only lower, else 1
            level_fit = np.where(levels == 0, 1, np.where(((levels >> r) & 3) != 0, 0,
                                                          np.where(c["top_level"] < r, 2, 1)))
        fit = 0
        for x in dict.fromkeys(profile.interests):
            if x in part.wants:
                fit = fit + part.wants[x]
        for x in dict.fromkeys(profile.barriers):
            if x in part.suits:
                fit = fit + part.suits[x]
        # The key of `assess`, (-fit, locality, level fit, position, id), packed into one integer per programme.
        key = ((locality - 4 * fit) * 3 + level_fit) * len(self.programmes) + c["place"]
        good, bad = part.idx[ok], part.idx[~ok]
        return good[np.argsort(key[ok])], bad[np.argsort(c["place"][~ok])]

    def result(self, profile: Profile, areas: Iterable[str] | None = None, route_type: str | None = None) -> Result:
        """`recommend` over the programmes open in any of `areas` (all when None), of one route type if given."""
        part = self.part(areas)
        if route_type is not None:
            part = _Part(self, part.idx[part.columns["route"] == self._route_code.get(route_type, -1)])
        good, bad = self.fits(profile, part)
        return Result(profile, Explained(self, good, profile, fits=True), Explained(self, bad, profile, fits=False))


def _counts(n: int, lists: list[tuple[str, ...]]) -> dict[str, np.ndarray]:
    """Per id, how many times each list names it."""
    rows: dict[str, list[int]] = {}
    for i, ids in enumerate(lists):
        for x in ids:
            rows.setdefault(x, []).append(i)
    out = {}
    for x, where in rows.items():
        out[x] = np.zeros(n, np.int64)
        np.add.at(out[x], where, 1)
    return out


class _Part:
    """Some of a screen's programmes (those open in a set of areas) with every column cut to them."""

    def __init__(self, screen: Screen, idx: np.ndarray):
        self.screen, self.idx = screen, idx
        self.columns = {k: v[idx] for k, v in screen._columns.items()}
        self.wants = {k: v[idx] for k, v in screen._wants.items()}
        self.suits = {k: v[idx] for k, v in screen._suits.items()}
        self._where: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}

    def where(self, profile: Profile) -> tuple[np.ndarray, np.ndarray]:
        """`_area` and `_status` as numbers: how local each programme is (3 national, 2 London-wide, 1 the
        resident's subregion, 0 their borough), and whether it is open to someone living where they do."""
        key = (profile.outside_london, profile.borough)
        if key not in self._where:
            self._where[key] = self._locality(profile)
        return self._where[key]

    def _locality(self, profile: Profile) -> tuple[np.ndarray, np.ndarray]:
        def inside(area: str | None) -> np.ndarray:
            member = self.screen._areas.get(area) if area is not None else None
            return member[self.idx] if member is not None else np.zeros(len(self.idx), bool)

        national, london = inside(NATIONAL), inside(LONDON)
        active = ~self.columns["blocked"]
        if profile.outside_london:
            return np.full(len(self.idx), 3, np.int64), national & active
        if profile.borough is None:
            return np.where(national, 3, 2), (national | london) & active
        borough = inside(profile.borough)
        subregion = inside(self.screen.vocab.borough(profile.borough).subregion)
        return (np.where(national, 3, np.where(london, 2, np.where(borough, 0, 1))),
                (national | london | borough | subregion) & active)


def _barrier_ids(p: Programme) -> list[str]:
    e = p.eligibility
    return [*(e.extended_max_age.for_ if e.extended_max_age else ()), *e.requires_any, *e.max_level_waived_for]


class Explained(Sequence):
    """Programmes in their final order, each explained by `assess` the first time it is read."""

    def __init__(self, screen: Screen, order: np.ndarray, profile: Profile, fits: bool):
        self._screen, self._order, self._profile, self._fits = screen, order, profile, fits
        self._done: dict[int, Recommendation | Exclusion] = {}

    def __len__(self) -> int:
        return len(self._order)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(len(self))))
        j = operator.index(i)
        j = j + len(self) if j < 0 else j
        if not 0 <= j < len(self):
            raise IndexError("Explained index out of range")
        if j not in self._done:
            p = self._screen.programmes[int(self._order[j])]
            outcome = assess(p, self._profile, self._screen.vocab)
            if isinstance(outcome, Exclusion) == self._fits:
                raise RuntimeError(f"the screen and assess disagree about {p.id}")     # a bug, never an answer
            self._done[j] = outcome if isinstance(outcome, Exclusion) else outcome[1]
        return self._done[j]

    def __eq__(self, other) -> bool:
        if isinstance(other, (Explained, tuple, list)):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"<{len(self)} {'recommendations' if self._fits else 'exclusions'}>"
