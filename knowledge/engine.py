"""The recommendation engine: pure functions from a profile and programmes to ranked, explained results.

Each rule is data on the programme (ages, levels, areas, circumstances) and produces the sentence that explains
it, tied to what the resident told us.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

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
    profile: Profile
    recommendations: tuple[Recommendation, ...]
    excluded: tuple[Exclusion, ...]

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
    ranked, excluded = [], []
    for p in programmes:
        outcome = assess(p, profile, vocab)
        if isinstance(outcome, Exclusion):
            excluded.append(outcome)
        else:
            ranked.append(outcome)
    ranked.sort(key=lambda pair: pair[0])
    excluded.sort(key=lambda e: (e.programme.position, e.programme.id))
    return Result(profile, tuple(r for _, r in ranked), tuple(excluded))
