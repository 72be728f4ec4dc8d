"""The recommendation engine: pure functions from a profile and programmes to ranked, explained results.

The rules live in one table (`knowledge.rules.TESTS`). `Screen` compiles it once per catalogue into arrays, judges
every programme for a request with a few vector operations, ranks what fits, and writes sentences only for the
programmes a caller reads.
"""
from __future__ import annotations

import operator
from bisect import bisect_left, insort
from collections import deque
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Sequence

import numpy as np

from knowledge.catalogue import Programme
from knowledge.profile import Profile
from knowledge.rules import (AUDIENCES, CHECK_WITH_PROVIDER, IN_THEIR_BOROUGH, SCHOOL_LEAVING_AGE, TESTS, Condition,
                             Resident, Test, join_words, who)
from knowledge.vocab import Vocabulary

PAGE, PER_TYPE = 5, 2          # recommendations are read five at a time, with at most two of one route type in each
# Tiers, ranked before relevance: a route that fits outright 0; one with a check left open by the answers 2; one with
# a check the answers fail 2 more; one whose status is in doubt, or a taster past its age (`past_tasters`), 5 more.
# A third of a type on a page counts 3 more, so it ranks below the checks left open and above the checks the resident
# fails.
OPEN_CHECK, FAILED_CHECK, IN_DOUBT, OVER_THE_CAP = 2, 2, 5, 3
BELOW = 1           # a route wholly well below their level, or a course at it again, follows those that take them on
SECOND_OF_A_TYPE = 8           # relevance a second route of a type on one page gives up to a route of another type
FITS, CHECK = "fits", "check"
ADULT = 19                     # from this age (or when it wasn't given) a resident hears of routes into work first
# Route types that support or advise a person into any work (not a course or a job), and the relevance the best one
# designed for each of an adult's circumstances gains (`_service`).
EMPLOYMENT = "employment_support"
SERVICES, SERVICE = (EMPLOYMENT, "careers_information"), 7
# Relevance careers advice gains for a resident unsure of the work they want: advice on every kind of work (the
# National Careers Service) is what an adviser names first, advice on one sector a little; with work in mind, 1, and
# for an adult at level 2 or above, advice made mainly for that work (NHS Health Careers for health work) as much as
# the undecided get from a sector's.
ANY_WORK_ADVICE, SECTOR_ADVICE = 8, 3
# What advice on every kind of work gains besides for an adult below level 2 with work in mind (the National Careers
# Service gives priority to adults without a level 2), or whose qualifications from abroad have no UK level yet: an
# adviser names it beside the sector's own careers pages (`advice_first`, `page_types`).
BELOW_LEVEL_2_ADVICE = 4
LATER = 3                      # relevance a route for people in, or starting, a job gives up: it helps later
# (twice that under 19, when a job is further off still); under PARTICIPATION_AGE, when England asks young people
# to stay in education or training, an employment programme not made for a circumstance of theirs gives it up too.
# From that age most have left school, so tasters follow the routes they fit (`past_tasters`).
PARTICIPATION_AGE = 18
BASICS = 2                     # relevance one below level 2 gives a route made for that step (`basics`, `first_job`)
# Relevance a route starting two or more levels above a resident below level 2 gives up (a leap); an adult twice that:
# an adviser names the step between first (English and maths, adult community learning) before a level 3 bootcamp.
LEAP = 2
WHERE_EVERYONE_STARTS = "no_work_experience"     # a circumstance that calls for no service of its own
YOUNG = AUDIENCES["young_people"][2]    # to this age, a degree (or degree apprenticeship) is a next step after level 3


def adult(profile: Profile) -> bool:
    return profile.age is None or profile.age >= ADULT


@dataclass(frozen=True)
class Recommendation:
    programme: Programme
    why: tuple[str, ...]
    checks: tuple[str, ...]         # "Check: ..." lines: answers not given, providers' own or disputed rules

    @property
    def verdict(self) -> str:
        return CHECK if self.checks else FITS

    def to_dict(self) -> dict:
        p = self.programme
        return {
            "id": p.id, "title": p.title, "provider": p.provider, "route_type": p.route_type,
            "verdict": self.verdict, "why": [*self.why, *self.checks],
            "next_step": p.next_step, "url": p.url, "source": p.source, "checked": p.checked,
        }


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


def as_check(text: str) -> str:
    """A check as shown to the resident: "Check: ..." unless the sentence already says so."""
    return text if text.lower().startswith("check") else f"Check: {text}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def recommend(profile: Profile, programmes: Iterable[Programme], vocab: Vocabulary) -> Result:
    """Programmes that fit, ranked, and the rest with the reason each was left out. The same profile always gives
    the same order."""
    return Screen(list(programmes), vocab).result(profile)


class _Row:
    """One (test, kind) of the table compiled over the catalogue."""
    __slots__ = ("test", "rule", "conds", "columns")

    def __init__(self, test: Test, rule: bool, conds: list[Condition | None], bits: dict, vocab: Vocabulary):
        self.test, self.rule, self.conds = test, rule, conds
        self.columns = test.columns(conds, bits, vocab)


class Judgement:
    """How every programme fares for one resident: which rule left it out and which checks it raises."""

    def __init__(self, screen: "Screen", profile: Profile):
        n = len(screen.programmes)
        self.screen, self.profile = screen, profile
        self.resident = r = Resident(profile, screen.vocab, screen.bits)
        self.outcomes: list[tuple[np.ndarray, np.ndarray]] = []
        self.excluded_by = np.full(n, -1, np.int64)       # row of the first rule each programme fails
        checks = np.zeros(n, bool)      # the checks that rank a route lower; `explain` states every one
        against = np.zeros(n, bool)     # a check the resident's own answers fail (not one left unanswered)
        for k, row in enumerate(screen.rows):
            fails, unknown = (np.broadcast_to(np.asarray(x, bool), n) for x in row.test.judge(row.columns, r))
            self.outcomes.append((fails, unknown))
            if row.rule:
                self.excluded_by[(self.excluded_by < 0) & fails] = k
                checks |= unknown
            elif not (r.taking_exams and row.test.key == "min_level"):   # waits on a pupil's GCSE results
                checks |= fails | unknown
                against |= fails
        self.fits = self.excluded_by < 0
        self.checks = checks
        self.against = against

    @cached_property
    def locality(self) -> np.ndarray:
        """How near each programme runs to them (rules.py, `locality`); zeros when no programme says where."""
        where = self.screen._where
        if where is None:
            return np.zeros(len(self.fits), np.int64)
        return where.test.locality(where.columns, self.resident)

    @cached_property
    def again(self) -> np.ndarray:
        """Courses at the level the resident holds and no higher, unless made for a circumstance of theirs or a route
        people retrain on: that level again, no step. Under 19 (a T Level after A levels), and at any age in higher
        education (an HTQ after an HND). Read by both the relevance and the tier."""
        s, level = self.screen, self.profile.qualification_level
        r = None if level is None else s.vocab.level_rank(level)
        if r is None or adult(self.profile) and r < s._level_4:
            return np.zeros(len(self.fits), bool)
        own = ((s.levels >> r) & 1) != 0
        return own & s.course & (s.top_level <= r) & ~s.retrain & ~self.made_for

    @cached_property
    def made_for(self) -> np.ndarray:
        """The routes that exist for a circumstance of theirs, by a rule that requires it (ESOL for English)."""
        out = np.zeros(len(self.fits), bool)
        for k, weight, present in self.screen._made_for:
            if weight == 4:
                out |= present & ~self.outcomes[k][0]
        return out

    def explain(self, i: int) -> Recommendation | Exclusion:
        s, r = self.screen, self.resident
        p = s.programmes[i]
        k = int(self.excluded_by[i])
        if k >= 0:
            row = s.rows[k]
            return Exclusion(p, row.test.failed(row.conds[i], r))
        why, checks, passed = list(s.fit_sentences(i, self.profile)), [], {}
        for row, (fails, unknown) in zip(s.rows, self.outcomes):
            cond = row.conds[i]
            if cond is None:
                continue
            failed, unsure = bool(fails[i]), bool(unknown[i])
            if row.rule and unsure:
                checks.append(as_check(row.test.unknown(cond, r)))
            elif not row.rule and (failed or unsure):
                said = cond.says or _lower_first(row.test.failed(cond, r) if failed else row.test.unknown(cond, r))
                checks.append(CHECK_WITH_PROVIDER + said)
            elif not failed:
                sentence = row.test.passed(cond, r)
                if sentence:                    # a rule and a stricter check of one test met: say the stricter
                    passed[row.test.key] = sentence
        why += passed.values()
        if p.caveat:
            why.append(p.caveat)
        return Recommendation(p, tuple(why), tuple(checks))


class Screen:
    """The rule table compiled for one catalogue: one array per test and kind, the ranking signals, and the order
    programmes are listed in."""

    def __init__(self, programmes: Sequence[Programme], vocab: Vocabulary):
        self.programmes = ps = tuple(programmes)
        self.vocab = vocab
        self.bits = {t.id: 1 << i for i, t in enumerate(vocab.barriers)}
        self.rows: list[_Row] = []
        for test in TESTS.values():
            for rule in (True, False):
                conds = [p.condition(test.key, rule) for p in ps]
                if any(c is not None for c in conds):
                    self.rows.append(_Row(test, rule, conds, self.bits, vocab))
        self.index = {p.id: i for i, p in enumerate(ps)}
        n = len(ps)
        rank = vocab.level_rank
        offered = [[rank(lv) for lv in p.levels] for p in ps]
        self.levels = np.array([sum(1 << r for r in set(o)) for o in offered], np.int64)    # bit r: leads to rank r
        self.top_level = np.array([max(o, default=-1) for o in offered], np.int64)
        # An employer's scheme at every level from 2 to 7 is at anyone's next step: it earns less for it than a
        # route made for that step.
        self.broad = np.array([len(set(o)) > 3 for o in offered], bool)
        self.route = np.array([p.route_type for p in ps], object)
        self.required = [next((c.value for c in p.conditions if c.test == "requires" and c.rule), ()) for p in ps]
        self.place = np.empty(n, np.int64)                                  # rank of (position, id): ties keep order
        self.place[sorted(range(n), key=lambda i: (ps[i].position, ps[i].id))] = np.arange(n)
        # Between routes that rank alike, one many employers or providers offer comes before one organisation's own
        # scheme (the laboratory technician apprenticeship before ATAC's), then the file's order.
        self.tie = np.empty(n, np.int64)
        self.tie[sorted(range(n), key=lambda i: (ps[i].own_scheme, ps[i].position, ps[i].id))] = np.arange(n)
        self.doubt = np.array([p.status == "unconfirmed" for p in ps], bool)
        self.lists_interests = np.array([bool(p.interests) for p in ps], bool)
        self.mainly = _counts(n, [p.mainly_for for p in ps])
        self._level_2, self._level_3, self._level_4, self._level_5, self._level_6 = (
            vocab.level_rank(x) for x in ("2", "3", "4", "5", "6"))
        kind = {t.id: t.kind for t in vocab.route_types}
        self.signpost = np.array([kind.get(p.route_type) == "advice" for p in ps], np.int64)
        self.any_work_advice = (self.signpost > 0) & ~self.lists_interests     # the National Careers Service
        self.into_work = np.array([kind.get(p.route_type) == "job" for p in ps], np.int64)
        self.taster = np.array([kind.get(p.route_type) == "taster" for p in ps], bool)
        self.employment = self.route == EMPLOYMENT
        self.degree_first = {t.id for t in vocab.interests if t.degree_first}
        retrain = {t.id for t in vocab.route_types if t.any_level}
        self.retrain = np.array([p.route_type in retrain for p in ps], bool)
        # A service for people already in (or starting) a job helps later, not first: it is never the one named.
        self.service = np.array([not p.interests and p.route_type in SERVICES and not p.in_work for p in ps], bool)
        self.later = np.array([bool(p.in_work) for p in ps], np.int64)      # Access to Work
        # A course up to level 2 with a level ceiling is made for adults without level 2 (free English and maths, a
        # first full level 2): an adviser names it first to an adult below that level, whatever work they want.
        ceiling = np.zeros(n, bool)
        for row in self.rows:
            if row.rule and row.test.key == "max_level":
                ceiling |= np.array([c is not None for c in row.conds], bool)
        self.course = course = np.array([kind.get(p.route_type) == "course" for p in ps], bool)
        up_to_level_2 = (self.top_level >= 0) & (self.top_level <= self._level_2)
        self.basics = ceiling & course & up_to_level_2
        # A job with training that leads no higher than level 2 (a foundation or level 2 apprenticeship): an adviser
        # names it first to a young person below that level, whatever work they want.
        self.first_job = (self.into_work > 0) & up_to_level_2
        self.wants = _counts(n, [p.interests for p in ps])
        self.suits = _counts(n, [p.suits for p in ps])
        self._where = next((row for row in self.rows if row.test.key == "where"), None)   # None: no programmes
        # Rows whose rule, when met, says the route exists for people like the resident: a required circumstance
        # (SWAPs for claimants, ESOL for English) counts 4, a level ceiling met (a route for people without it) 1.
        self._made_for = [(k, 4 if row.test.key == "requires" else 1, np.array([c is not None for c in row.conds]))
                          for k, row in enumerate(self.rows)
                          if row.rule and row.test.key in ("requires", "max_level")]
        low, high = zip(*(AUDIENCES[p.audience][1:] for p in ps)) if ps else ((), ())
        self.band = (np.array([-1 if v is None else v for v in low], np.int64),
                     np.array([-1 if v is None else v for v in high], np.int64))    # -1: no band

    def judge(self, profile: Profile) -> Judgement:
        return Judgement(self, profile)

    def relevance(self, j: Judgement) -> np.ndarray:
        """How well each programme answers "what should I do next?" for this resident (higher is better)."""
        return self._scored(j)[0]

    def _scored(self, j: Judgement) -> tuple[np.ndarray, list[int]]:
        """`relevance`, and the services an adult is referred to (`_service`), which it raised."""
        profile, n = j.profile, len(self.programmes)
        interests = [x for x in dict.fromkeys(profile.interests) if x != "not_sure"]
        wants = self.wanted(profile)
        suits = sum((self.suits[x] for x in dict.fromkeys(profile.barriers) if x in self.suits), np.zeros(n, np.int64))
        mainly = sum((self.mainly[x] for x in interests if x in self.mainly), np.zeros(n, np.int64))
        score = 3 * np.minimum(wants, 2) + 2 * np.minimum(suits, 2) + (mainly > 0)     # lab first, not "any"
        if interests:                                   # it is for other kinds of work than they want
            score -= (self.lists_interests & (wants == 0)).astype(np.int64)
        for k, weight, present in self._made_for:       # it exists for people like them: a circumstance, no level
            score += weight * (present & ~j.outcomes[k][0])
        if profile.qualification_level is not None:
            r = self.vocab.level_rank(profile.qualification_level)
            up = sum(1 << k for k in range(r + 1, max(r + 1, self._level_2) + 1))     # below level 2: up to it
            if r == self._level_3:      # levels 4 and 5 "sit between A level/T Level and a degree" (reference,
                up |= 1 << self._level_5    # HTQ): a level 5 nursing associate apprenticeship after A levels too
                if profile.age is not None and profile.age <= YOUNG:
                    up |= sum(1 << k for k in range(r + 1, self._level_6 + 1))     # after A levels, a degree too
            if j.resident.taking_exams and profile.age == SCHOOL_LEAVING_AGE:    # in Year 11, sitting GCSEs:
                up |= 1 << self._level_3                # a level 3 course after them (a T Level) is no leap
            offers = self.levels != 0
            if self.needs_basics(profile):
                score += BASICS * self.basics
            elif r < self._level_2:                     # under 19: a job with training up to level 2 first
                score += BASICS * self.first_job
            score -= 2 * ((self.levels & up) != 0) * self.broad
            own = ((self.levels >> r) & 1) != 0
            again = j.again
            score += np.select([(self.levels & up) != 0,                               # the next step up
                                own & (self.into_work > 0) & (mainly > 0) & adult(profile),    # an adult's way in
                                own & ~again,                                          # their own level
                                self.wholly_below(j) | again,                          # only lower, or again
                                offers & ((self.levels & ((1 << (r + 2)) - 1)) == 0) & (r < self._level_2)],  # a leap
                               [3, 3, 1, -3, -LEAP * (2 if adult(profile) else 1)], 0)
        # Careers advice helps the undecided most, and advice on every kind of work more than on one sector.
        undecided = np.where(self.lists_interests, SECTOR_ADVICE, ANY_WORK_ADVICE)
        score += self.signpost * (undecided if not interests else 1)
        if interests and self.advice_first(profile):
            score += BELOW_LEVEL_2_ADVICE * self.any_work_advice
        elif interests and adult(profile):          # the sector's own careers pages: where its entry jobs are
            score += SECTOR_ADVICE * self.signpost * (mainly > 0)
        if adult(profile):                                  # the routes into work first (tasters: `order`)
            score += 2 * self.into_work
        else:                                               # made for their age group (pupils, 16-19s, young people)
            lo, hi = self.band
            score += 2 * ((hi >= 0) & (profile.age <= hi) & (profile.age >= lo))
            if profile.age < PARTICIPATION_AGE:     # a service into work not made for a circumstance of theirs
                score -= LATER * (self.employment & (suits == 0))
        score += j.locality
        score -= LATER * self.later * (1 if adult(profile) else 2)
        referred = self._service(j, score) if adult(profile) else []
        score[referred] += SERVICE
        return score, referred

    def wanted(self, profile: Profile) -> np.ndarray:
        """How many of the kinds of work the resident wants each programme lists."""
        return sum((self.wants[x] for x in dict.fromkeys(profile.interests) if x != "not_sure" and x in self.wants),
                   np.zeros(len(self.programmes), np.int64))

    def wholly_below(self, j: Judgement, steps: int = 0) -> np.ndarray:
        """Routes whose every level is more than `steps` levels below the resident's, unless made for a circumstance
        of theirs or a route people retrain on: an adviser names what is at or just above their level first."""
        level = j.profile.qualification_level
        if level is None:
            return np.zeros(len(self.programmes), bool)
        r = self.vocab.level_rank(level)
        return (self.levels != 0) & (self.top_level < r - steps) & ~self.retrain & ~j.made_for

    def needs_basics(self, profile: Profile) -> bool:
        level = profile.qualification_level
        return level is not None and adult(profile) and self.vocab.level_rank(level) < self._level_2

    def advice_first(self, profile: Profile) -> bool:
        """Whether an adult with work in mind hears of advice on every kind of work beside their sector's: below
        level 2 (`needs_basics`), or with qualifications from abroad whose UK level nobody has compared yet, where
        an adviser's first job is to work out where they stand."""
        return self.needs_basics(profile) or adult(profile) and profile.qualification_abroad

    def _service(self, j: Judgement, score: np.ndarray) -> list[int]:
        """For each of their circumstances, the best service open to them designed for it that no other circumstance
        took: an adviser refers an adult whose circumstances make work harder to a service beside the courses and
        jobs, one that helps them find work, and one for each need (Connect to Work for a health condition, the
        National Careers Service, which gives priority to adults out of work for a year or more). Having no work
        experience yet is where everyone starts, so it doesn't count."""
        open_to_them = self.service & j.fits & ~j.checks & ~self.doubt
        needs = [np.flatnonzero(open_to_them & (self.suits[b] > 0)) for b in dict.fromkeys(j.profile.barriers)
                 if b in self.suits and b != WHERE_EVERYONE_STARTS]
        chosen: list[int] = []
        # The need with fewest services first: Connect to Work, the one for a health condition, also takes people
        # out of work for a year, who then get the National Careers Service rather than nothing.
        for for_it in sorted(needs, key=len):
            for_it = for_it[~np.isin(for_it, chosen)]
            if len(for_it):
                chosen.append(int(for_it[np.lexsort((self.tie[for_it], -score[for_it]))[0]]))
        return chosen

    def order(self, j: Judgement, among: np.ndarray) -> np.ndarray:
        """The programmes in `among` that fit, best first, by tier (fits outright, then checks left open, checks the
        answers fail, status in doubt), then by relevance; at most two of a route type in each five, unless the
        alternative is a check their answers fail or a route in doubt."""
        idx = among[j.fits[among]]
        aside = self.doubt | (self.taster & self.past_tasters(j.profile))
        tier = OPEN_CHECK * j.checks + FAILED_CHECK * j.against + IN_DOUBT * aside \
            + BELOW * (self.wholly_below(j, 1) | j.again)
        score, referred = self._scored(j)
        ranked = idx[np.lexsort((self.tie[idx], -score[idx], tier[idx]))]
        return _paged(ranked, self.page_types(j.profile), tier, score, self.needs_met(j, referred))

    def past_tasters(self, profile: Profile) -> bool:
        """Whether tasters follow the routes they fit: for an adult, and at 18, when most have left school, unless
        the work they want is mostly reached through a degree (a sixth-formers' placement helps them choose one)."""
        if adult(profile):
            return True
        return profile.age >= PARTICIPATION_AGE and not self.degree_first.intersection(profile.interests)

    def needs_met(self, j: Judgement, referred: list[int]) -> dict[int, str]:
        """For each course made for a circumstance of theirs by a rule that requires it, that circumstance (by
        index): ESOL for English and a digital skills course for computers meet two needs, not one twice. The
        services an adult is `referred` to (`_service`) meet one between them: the National Careers Service for a year
        out of work stands beside their sector's careers pages. A route for the work they want that runs in their
        borough, or one made for a circumstance of theirs that runs near them, meets a need of its own, being near: a
        local programme stands beside the national route of its type (Community Works for Health beside Connect to
        Work)."""
        had = set(j.profile.barriers)
        need = {int(i): min(had & set(self.required[i]), default="") for i in np.flatnonzero(j.made_for & self.course)}
        wants = self.wanted(j.profile) > 0 if set(j.profile.interests) - {"not_sure"} else True    # or not sure yet
        for i in np.flatnonzero((j.locality > 0) & j.made_for | (j.locality >= IN_THEIR_BOROUGH) & wants):
            need.setdefault(int(i), "near them")
        for i in referred:
            need.setdefault(i, "a referral")
        return need

    def page_types(self, profile: Profile) -> np.ndarray:
        """The type each programme counts as on a page: its route type, except that for an adult below level 2 the
        basics are not a near-twin of ESOL or a digital skills course and count as a type of their own, and, with
        work in mind, for them and for an adult with qualifications from abroad (`advice_first`), nor is careers
        advice on every kind of work a near-twin of their sector's: an adviser names both."""
        if not self.advice_first(profile):
            return self.route
        kinds = np.where(self.basics, "basics", self.route) if self.needs_basics(profile) else self.route
        if set(profile.interests) - {"not_sure"}:
            kinds = np.where(self.any_work_advice, "any work advice", kinds)
        return kinds

    def result(self, profile: Profile, route_type: str | None = None) -> Result:
        """`recommend`, over one route type if given."""
        j = self.judge(profile)
        among = np.arange(len(self.programmes)) if route_type is None else np.flatnonzero(self.route == route_type)
        out = among[~j.fits[among]]
        out = out[np.argsort(self.place[out], kind="stable")]
        return Result(profile, Explained(j, self.order(j, among)), Explained(j, out))

    def explain(self, programme_id: str, profile: Profile) -> Recommendation | Exclusion | None:
        i = self.index.get(programme_id)
        return None if i is None else self.judge(profile).explain(i)

    def fit_sentences(self, i: int, profile: Profile) -> list[str]:
        p = self.programmes[i]
        wants = [x for x in p.interests if x in profile.interests]
        required = {b for c in p.conditions if c.test == "requires" and c.rule for b in c.value}
        needs = [b for b in p.suits if b in profile.barriers and b not in required]   # said by the rule instead
        out = []
        if wants:
            names = [self.vocab.interest(x).name.lower() for x in wants]
            out.append(f"It suits your interest in {join_words(names, 'and')}.")
        if needs:
            out.append(f"It's designed for people {who(self.vocab, needs)}.")
        return out


def _paged(ranked: np.ndarray, route: np.ndarray, tier: np.ndarray, score: np.ndarray, need: dict[int, str],
           pages: int = 20, window: int = 60) -> np.ndarray:
    """`ranked` regrouped into pages of PAGE, each holding at most PER_TYPE of a route type. Each place on a page
    goes to the best of the next `window` candidates, where a second route of a type already on the page counts
    SECOND_OF_A_TYPE points less: a page shows the different routes open to the resident before a near-twin. One
    made for a circumstance of theirs that no route of its type on the page meets yet (`need`) is no twin. A
    third of a type goes OVER_THE_CAP down the tiers: it takes a place before a route whose check the resident's
    answers fail or whose status is in doubt, or when nothing else is left. Only the first `pages` pages are
    regrouped: nobody reads further.

    Within a route type the candidates are already in order, so only the first left of each type can win a place."""
    head, tail = ranked[: PAGE * pages], ranked[PAGE * pages:]
    kinds, tiers, scores = route[head].tolist(), tier[head].tolist(), score[head].tolist()
    needs = [need.get(i, "") for i in head.tolist()]
    queues: dict[object, deque[int]] = {}
    for at, kind in enumerate(kinds):
        queues.setdefault(kind, deque()).append(at)
    taken: list[int] = []                         # positions in `head` already placed, sorted
    out: list[int] = []
    while len(taken) < len(head):
        count: dict[object, int] = {}
        met: dict[object, set[str]] = {}
        for _ in range(min(PAGE, len(head) - len(taken))):
            best, best_key = None, None
            for kind, queue in queues.items():
                if not queue:
                    continue
                at = queue[0]
                k = at - bisect_left(taken, at)   # its place among the candidates left
                if k >= window:
                    continue
                c = count.get(kind, 0)
                # a need not yet met: no twin; over the cap, the first of the capped types in the ranking
                twin = 0 < c < PER_TYPE and not (needs[at] and needs[at] not in met.get(kind, ()))
                key = (tiers[at] + (OVER_THE_CAP if c >= PER_TYPE else 0),
                       -(scores[at] - SECOND_OF_A_TYPE * twin), k)
                if best_key is None or key < best_key:
                    best, best_key = kind, key
            at = queues[best].popleft()
            insort(taken, at)
            out.append(at)
            count[best] = count.get(best, 0) + 1
            met.setdefault(best, set()).add(needs[at])
    return np.concatenate([head[np.asarray(out, np.int64)], tail]).astype(np.int64)


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


class Explained(Sequence):
    """Programmes in their final order, each explained the first time it is read."""

    def __init__(self, judgement: Judgement, order: np.ndarray):
        self._j, self._order = judgement, order
        self._done: dict[int, Recommendation | Exclusion] = {}

    def __len__(self) -> int:
        return len(self._order)

    def programmes(self) -> list[Programme]:
        """The programmes in order, without explaining them (counting route types costs no sentences)."""
        return [self._j.screen.programmes[int(i)] for i in self._order]

    def __getitem__(self, i):
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(len(self))))
        j = operator.index(i)
        j = j + len(self) if j < 0 else j
        if not 0 <= j < len(self):
            raise IndexError("Explained index out of range")
        if j not in self._done:
            self._done[j] = self._j.explain(int(self._order[j]))
        return self._done[j]

    def __eq__(self, other) -> bool:
        if isinstance(other, (Explained, tuple, list)):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"<{len(self)} explained>"
