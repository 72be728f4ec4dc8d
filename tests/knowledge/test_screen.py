"""Properties of the screen that must hold for every resident and every catalogue.

`Screen` judges a whole catalogue at once with array operations. Judging a programme among thousands must give
exactly what judging it alone gives: the same fit or exclusion, the same reason, the same why and check lines.
That, and the ranking's promises (verdicts, pages of five, fits before checks, a stable order), are tried here on
thousands of random residents over the real catalogue, a generated national-scale one and programmes with random
rules and checks.
"""
from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest

from bench.kb import generated_data
from knowledge import advisor, engine
from knowledge.catalogue import Programme, load_programmes
from knowledge.engine import PAGE, PER_TYPE, Exclusion, Recommendation, Screen
from knowledge.errors import KnowledgeBaseUnavailable
from knowledge.profile import Profile
from knowledge.rules import AUDIENCES, Condition
from knowledge.store import Catalogue, build
from knowledge.vocab import LEVEL_IDS, LONDON, NATIONAL, vocabulary

GENERATED = 1500


def age_bounds(programmes) -> set[int]:
    """Every age at which some programme's outcome can change."""
    bounds = set()
    for p in programmes:
        for c in p.conditions:
            if c.test in ("min_age", "max_age"):
                bounds.add(c.value)
            if c.extended_age:
                bounds.add(c.extended_age)
        lo, hi = AUDIENCES[p.audience][1:]
        bounds |= {b for b in (lo, hi) if b is not None}
    return bounds


def residents(programmes, count: int, seed: int) -> list[Profile]:
    """Random residents, with ages on and either side of every age bound the programmes use, unknown answers,
    no borough, outside London, and occasional repeated circumstances or interests."""
    rnd = random.Random(seed)
    v = vocabulary()
    ages = sorted({15, 16, 30, 64} | {a + d for a in age_bounds(programmes) for d in (-1, 0, 1) if a + d >= 0})
    boroughs = [b.name for b in v.boroughs]
    barriers = [t.id for t in v.barriers]
    interests = [t.id for t in v.interests]
    out = []
    for _ in range(count):
        where = rnd.random()
        bar = rnd.sample(barriers, rnd.choice([0, 0, 1, 1, 2, 3, 5]))
        ints = rnd.sample(interests, rnd.choice([0, 1, 1, 2, 3]))
        if rnd.random() < 0.05 and bar:
            bar.append(bar[0])
        if rnd.random() < 0.05 and ints:
            ints.append(ints[0])
        out.append(Profile(
            age=None if rnd.random() < 0.15 else rnd.choice(ages),
            qualification_level=None if rnd.random() < 0.15 else rnd.choice(LEVEL_IDS),
            borough=None if where < 0.15 or where >= 0.9 else rnd.choice(boroughs),
            outside_london=where >= 0.9,
            barriers=tuple(bar), interests=tuple(ints)))
    return out


def random_rules(count: int, seed: int = 3) -> list[Programme]:
    """Programmes whose rules and checks are random combinations of every test, so each meets each other."""
    rnd = random.Random(seed)
    v = vocabulary()
    barriers = [t.id for t in v.barriers]
    places = [*sorted(v.subregions), *(b.name for b in v.boroughs)]
    levels = list(LEVEL_IDS)

    def some(ids, least, most):
        return tuple(rnd.sample(ids, rnd.randint(least, most)))

    def condition(test: str) -> Condition:
        rule = rnd.random() < 0.7
        kind = dict(rule=rule, source="a source" if rule else "",
                    says="" if rule or rnd.random() < 0.3 else "ask about it.")
        if test == "min_age":
            return Condition(test, rnd.choice([14, 16, 18, 19, 25]), **kind)
        if test == "max_age":
            hi = rnd.choice([18, 21, 24, 30, 64])
            if rnd.random() < 0.5:
                return Condition(test, hi, extended_age=hi + rnd.choice([1, 3, 6]), for_=some(barriers, 1, 3), **kind)
            return Condition(test, hi, **kind)
        if test == "min_level":
            return Condition(test, rnd.choice(levels), **kind)
        if test == "max_level":
            return Condition(test, rnd.choice(levels[:-1]), for_=some(barriers, 0, 2), **kind)
        if test == "requires":
            return Condition(test, some(barriers, 1, 2), **kind)
        if test == "lives_in":
            return Condition(test, (LONDON,) if rnd.random() < 0.2 else some(places, 1, 4), **kind)
        return Condition(test, True, **kind)                                     # right_to_work

    out = []
    for i in range(count):
        tests = [t for t in ("min_age", "max_age", "min_level", "max_level", "requires", "lives_in", "right_to_work")
                 if rnd.random() < 0.35]
        conditions, seen = [], set()
        for t in tests:
            c = condition(t)
            if (c.test, c.rule) not in seen:
                seen.add((c.test, c.rule))
                conditions.append(c)
        r = rnd.random()
        status = rnd.choice(["active"] * 7 + ["unconfirmed", "ended", "planned"])
        out.append(Programme(
            id=f"p{i}", title=f"P{i}", provider="x", route_type=rnd.choice([t.id for t in v.route_types]),
            summary="s", audience=rnd.choice(list(AUDIENCES)), audience_source="a source" if rnd.random() < 0.4 else "",
            where=(NATIONAL,) if r < 0.3 else (LONDON,) if r < 0.45 else some(places, 1, 3),
            conditions=tuple(conditions), next_step="n", source="s", checked="2026-11-23", status=status,
            suits=some(barriers, 0, 2), interests=some([t.id for t in v.interests], 0, 3),
            levels=some(levels, 0, 3), position=rnd.randint(0, count // 2),    # repeated positions on purpose
            status_note="" if status == "active" else "The note.", caveat="c" if rnd.random() < 0.2 else "",
            own_scheme=rnd.random() < 0.2))
    return out


@pytest.fixture(scope="module")
def real():
    return load_programmes(vocab=vocabulary())


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A generated catalogue (as the benchmark makes it) and a database built from it."""
    tmp = tmp_path_factory.mktemp("generated")
    data = generated_data(tmp / "data", GENERATED)
    url = f"sqlite:///{tmp / 'kb.db'}"
    build(url, data)
    return load_programmes(data, vocabulary()), url


# --- judged among many, judged alone -------------------------------------------------------------------------------

def outcome_key(o: Recommendation | Exclusion) -> tuple:
    if isinstance(o, Exclusion):
        return ("excluded", o.programme.id, o.reason)
    return (o.verdict, o.programme.id, o.why, o.checks)


def same_alone_as_together(programmes, people, sample: int | None = None, seed: int = 0) -> dict[str, int]:
    """For each resident, each programme's outcome in the whole catalogue equals its outcome judged alone (for
    `sample` programmes per resident, or all). Returns how many outcomes of each kind were compared."""
    vocab = vocabulary()
    whole = Screen(programmes, vocab)
    alone = [Screen([p], vocab) for p in programmes]
    rnd = random.Random(seed)
    seen = {"fits": 0, "check": 0, "excluded": 0}
    for profile in people:
        j = whole.judge(profile)
        which = range(len(programmes)) if sample is None else rnd.sample(range(len(programmes)), sample)
        for i in which:
            together = outcome_key(j.explain(i))
            assert together == outcome_key(alone[i].judge(profile).explain(0)), (profile, programmes[i].id)
            assert (together[0] != "excluded") == bool(j.fits[i])
            seen[together[0]] += 1
    return seen


def test_together_and_alone_agree_on_the_real_catalogue(real, trials):
    # a third of the programmes per resident: each is still judged both ways about 650 times
    seen = same_alone_as_together(real, residents(real, trials(2000), seed=1), sample=25, seed=1)
    assert min(seen.values()) > trials(1000), seen


def test_together_and_alone_agree_on_a_generated_catalogue(generated, trials):
    programmes, _ = generated
    seen = same_alone_as_together(programmes, residents(programmes, trials(2000), seed=2), sample=15, seed=2)
    assert min(seen.values()) > trials(500), seen


def test_together_and_alone_agree_on_random_rules(trials):
    programmes = random_rules(250)
    seen = same_alone_as_together(programmes, residents(programmes, trials(1000), seed=4), sample=60, seed=4)
    assert min(seen.values()) > trials(1000), seen


SENTENCES = {
    "excluded": ["It has ended", "It isn't open yet", "; you live in", "you live outside London",
                 "you haven't said that applies", "(or up to", "usually needs a", "highest qualification is",
                 "needs the right to work", "It's for adults; you're", "It's for pupils at school; you're"],
    "why": ["which applies to you", "whatever your qualifications", "where you live", "boroughs, including",
            "across London", "across England", "Living outside London doesn't matter", "or below, like you",
            "or above, and you have", "as you are", "as you do", "or over.", "or under.", "It runs in "],
    "checks": ["Check: it is for people aged", "Check: it usually asks for", "Check: it is only for people living",
               "Check: it is for people whose highest", "Check: it may have ended", "Check with the provider: ask",
               "Check with the provider: it's for", "Check with the provider: it runs in London",
               "Check with the provider: it is for people already working", "Check: it is for people already",
               "Check with the provider: it's only for people"],
}


def test_every_sentence_turns_up_in_the_random_trials():
    """Each rule's sentences, failed, met and unknown, turn up in the random trials (else the tests above prove
    little)."""
    programmes = random_rules(400)
    screen = Screen(programmes, vocabulary())
    said = {side: set() for side in SENTENCES}
    for profile in residents(programmes, 300, seed=5):
        result = screen.result(profile)
        for e in result.excluded:
            said["excluded"] |= {s for s in SENTENCES["excluded"] if s in e.reason}
        for r in result.recommendations:
            said["why"] |= {s for s in SENTENCES["why"] if any(s in w for w in r.why)}
            said["checks"] |= {s for s in SENTENCES["checks"] if any(c.startswith(s) for c in r.checks)}
    assert said == {side: set(sentences) for side, sentences in SENTENCES.items()}


# --- the ranking's promises ----------------------------------------------------------------------------------------

WINDOW = 60        # how many of the next candidates `engine._paged` weighs for each place on a page


def base_order(screen: Screen, profile: Profile) -> list[str]:
    """What fits, in the documented order before pages are made: fits before checks, open checks before checks the
    answers fail, status in doubt last; then relevance, then a route many offer before an organisation's own scheme,
    then file order."""
    j = screen.judge(profile)
    tier, score = tiers(screen, profile), screen.relevance(j)
    ps = screen.programmes
    idx = sorted(np.flatnonzero(j.fits), key=lambda i: (tier[i], -score[i], ps[i].own_scheme, ps[i].position, ps[i].id))
    return [ps[i].id for i in idx]


def tiers(screen: Screen, profile: Profile) -> np.ndarray:
    """Each programme's tier as documented in the engine: open checks 2 (not one waiting on a pupil's GCSE results),
    failed checks 2 more, status in doubt (or a taster for an adult, or at 18 for work reached without a degree) 5,
    wholly two or more levels below theirs, or a course at their level again (`Judgement.again`), 1."""
    j = screen.judge(profile)
    adult = profile.age is None or profile.age >= 19
    degree = any(screen.vocab.interest(i).degree_first for i in profile.interests)
    past = adult or (profile.age >= 18 and not degree)
    return 2 * j.checks + 2 * j.against + 5 * (screen.doubt | (screen.taster & past)) \
        + (screen.wholly_below(j, 1) | j.again)


def tier_of(screen: Screen, profile: Profile) -> dict[str, int]:
    return {p.id: int(t) for p, t in zip(screen.programmes, tiers(screen, profile))}


def kinds_of(screen: Screen, profile: Profile) -> dict[str, str]:
    return {p.id: str(k) for p, k in zip(screen.programmes, screen.page_types(profile))}


def check_order(result, base: list[str], tier: dict[str, int], kinds: dict[str, str], pages: int = 20) -> None:
    """The promises one answer keeps: a verdict is "check" exactly when there are check lines, shown last in `why`;
    in each of the first `pages` pages (the ones regrouped) no type (`kinds`: Screen.page_types) appears more than PER_TYPE times while a
    route of another type was among the next WINDOW candidates, unless each of those is at least 3 tiers below it
    (a check the answers fail or a route in doubt, against a route that fits); a route over the cap is the first of
    the capped types in the ranking; a route comes after one from a later tier (a check, a taster for an adult) in the
    same page only when the type cap forced it."""
    recs = list(result.recommendations)
    ids = [r.programme.id for r in recs]
    assert sorted(ids) == sorted(base)
    for r in recs:
        d = r.to_dict()
        assert d["verdict"] == ("check" if r.checks else "fits"), d
        assert d["why"] == [*r.why, *r.checks]
        assert all(c.startswith(("Check: ", "Check with the provider: ")) for c in r.checks), r.checks
        assert not any(w.startswith(("Check: ", "Check with the provider: ")) for w in r.why), r.why
    placed: set[str] = set()
    for start in range(0, min(len(recs), PAGE * pages), PAGE):
        page = recs[start:start + PAGE]
        for k, r in enumerate(page):
            t = kinds[r.programme.id]
            before = [kinds[x.programme.id] for x in page[:k]]
            left = [i for i in base[:PAGE * pages] if i not in placed]
            if before.count(t) >= PER_TYPE:
                # Over the cap: every route of another type within reach is at least 3 tiers further down.
                others = [i for i in left[:WINDOW] if before.count(kinds[i]) < PER_TYPE]
                assert all(tier[i] >= tier[r.programme.id] + 3 for i in others), \
                    ([x.programme.id for x in page], others)
                assert r.programme.id == next(i for i in left if before.count(kinds[i]) >= PER_TYPE)
            if any(tier[x.programme.id] > tier[r.programme.id] for x in page[:k]):   # only when the cap forced it
                assert before.count(t) >= PER_TYPE, \
                    [(x.programme.id, x.verdict, x.programme.route_type) for x in page]
            placed.add(r.programme.id)


def test_order_promises_on_the_real_catalogue(real, trials):
    screen = Screen(real, vocabulary())
    for profile in residents(real, trials(1500), seed=9):
        check_order(screen.result(profile), base_order(screen, profile), tier_of(screen, profile),
                    kinds_of(screen, profile))


def test_order_promises_on_random_rules(trials):
    programmes = random_rules(300, seed=10)
    screen = Screen(programmes, vocabulary())
    for profile in residents(programmes, trials(400), seed=10):
        check_order(screen.result(profile), base_order(screen, profile), tier_of(screen, profile),
                    kinds_of(screen, profile))


def test_order_promises_on_a_generated_catalogue(generated, trials):
    programmes, _ = generated
    screen = Screen(programmes, vocabulary())
    for profile in residents(programmes, trials(200), seed=11):
        check_order(screen.result(profile), base_order(screen, profile), tier_of(screen, profile),
                    kinds_of(screen, profile))


def test_the_same_profile_always_gives_the_same_order(real, trials):
    programmes = random_rules(300, seed=12) + [replace(p, position=p.position + 1000) for p in real]
    shuffled = programmes[:]
    random.Random(12).shuffle(shuffled)
    one, other = Screen(programmes, vocabulary()), Screen(shuffled, vocabulary())
    for profile in residents(programmes, trials(300), seed=12):
        first = [r.programme.id for r in one.result(profile).recommendations]
        assert first == [r.programme.id for r in one.result(profile).recommendations]
        assert first == [r.programme.id for r in other.result(profile).recommendations], profile
        assert [e.programme.id for e in one.result(profile).excluded] == \
            [e.programme.id for e in other.result(profile).excluded]


# --- through the advisor and the database --------------------------------------------------------------------------

def test_one_route_type_is_the_full_answer_filtered(kb_url, real):
    screen = Screen(real, vocabulary())
    route_of = {p.id: p.route_type for p in real}
    for profile in residents(real, 100, seed=8):
        full = advisor.recommend(profile, kb_url)
        for route in ("apprenticeship", "skills_bootcamp", "swap"):
            one = advisor.recommend(profile, kb_url, route_type=route)
            assert {r.programme.id for r in one.recommendations} == \
                {r.programme.id for r in full.recommendations if r.programme.route_type == route}
            assert list(one.excluded) == [e for e in full.excluded if e.programme.route_type == route]
            check_order(one, [i for i in base_order(screen, profile) if route_of[i] == route], tier_of(screen, profile),
                        kinds_of(screen, profile))


def test_the_database_gives_what_the_file_gives(kb_url, real):
    for profile in residents(real, 200, seed=13):
        assert advisor.recommend(profile, kb_url).to_dict() == Screen(real, vocabulary()).result(profile).to_dict()


def test_only_what_is_read_is_explained(kb_url, monkeypatch):
    calls = []
    real_explain = engine.Judgement.explain
    monkeypatch.setattr(engine.Judgement, "explain",
                        lambda self, i: calls.append(self.screen.programmes[i].id) or real_explain(self, i))
    result = advisor.recommend(Profile(age=19, borough="Hackney"), kb_url)
    assert len(result.recommendations) > 5 and len(result.excluded) > 0 and calls == []
    top = result.recommendations[:5]
    assert calls == [r.programme.id for r in top]
    assert result.recommendations[:5] == top and len(calls) == 5          # explained once, then kept
    assert result.recommendations[-1] is result.recommendations[len(result.recommendations) - 1]
    with pytest.raises(IndexError):
        result.recommendations[len(result.recommendations)]


def test_a_new_build_is_seen_without_a_restart_and_the_same_build_is_not_reread(tmp_path, data_copy):
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    build(url)
    first = Catalogue(url).snapshot()
    assert Catalogue(url).snapshot() is first
    path = data_copy / "programmes.yml"
    path.write_text(path.read_text().replace("title: ", "title: New ", 1))
    build(url, data_copy)
    second = Catalogue(url).snapshot()
    assert second is not first and second.programmes[0].title.startswith("New ")
    assert advisor.explain(first.programmes[0].id, Profile(age=19), url).programme.title.startswith("New ")


def test_a_database_gone_after_loading_is_still_a_clear_error(tmp_path):
    path = tmp_path / "kb.db"
    url = f"sqlite:///{path}"
    build(url)
    assert advisor.recommend(Profile(age=19), url).recommendations
    path.unlink()
    with pytest.raises(KnowledgeBaseUnavailable, match="has not been built"):
        advisor.recommend(Profile(age=19), url)
    with pytest.raises(KnowledgeBaseUnavailable):
        advisor.explain("lift", Profile(age=19), url)


def test_unknown_route_type_and_programme_give_empty_answers(kb_url):
    result = advisor.recommend(Profile(age=19), kb_url, route_type="no_such_route")
    assert len(result.recommendations) == 0 and len(result.excluded) == 0
    assert advisor.explain("no_such_programme", Profile(age=19), kb_url) is None


def test_a_course_at_the_level_held_again_follows_the_routes_that_take_them_on(real):
    """An HTQ (levels 4 and 5) after an HND, a T Level after A levels under 19: that level again, no step."""
    screen = Screen(real, vocabulary())

    def top(**answers):
        return [screen.programmes[i].id for i in screen.order(screen.judge(Profile(**answers)),
                                                             np.arange(len(real)))][:5]
    assert "htq" not in top(age=42, qualification_level="5", borough="Merton", interests=("engineering",))
    assert "htq" in top(age=30, qualification_level="4", borough="Merton", interests=("engineering",))
