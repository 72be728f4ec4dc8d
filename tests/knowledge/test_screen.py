"""The fast path gives the same answers as the straightforward one.

`Screen` decides who fits and in what order from numbers; `assess` writes the sentences. Here both run on
thousands of random residents over the real catalogue, a generated national-scale one and programmes with random
rules, and must agree on every programme: fits or not, the rank key, and (end to end) every sentence.
"""
from __future__ import annotations

import random

import pytest

from bench.kb import generated_data
from knowledge import advisor, engine
from knowledge.catalogue import AgeExtension, Eligibility, Programme, load_programmes
from knowledge.engine import Exclusion, Screen, areas_for, assess
from knowledge.errors import KnowledgeBaseUnavailable
from knowledge.profile import Profile
from knowledge.store import Catalogue, build
from knowledge.vocab import LEVEL_IDS, LONDON, NATIONAL, vocabulary

GENERATED = 1500


def straightforward(profile, programmes, vocab):
    """The engine as it was: assess every programme, sort by assess's key."""
    ranked, excluded = [], []
    for p in programmes:
        outcome = assess(p, profile, vocab)
        if isinstance(outcome, Exclusion):
            excluded.append(outcome)
        else:
            ranked.append(outcome)
    ranked.sort(key=lambda pair: pair[0])
    excluded.sort(key=lambda e: (e.programme.position, e.programme.id))
    return ranked, excluded


def residents(programmes, count: int, seed: int) -> list[Profile]:
    """Random residents, with ages on and either side of every age bound the programmes use, unknown answers,
    no borough, outside London, and occasional repeated circumstances or interests."""
    rnd = random.Random(seed)
    v = vocabulary()
    ages = {15, 16, 30, 64}
    for p in programmes:
        e = p.eligibility
        for bound in (e.min_age, e.max_age, e.extended_max_age and e.extended_max_age.age):
            if bound:
                ages |= {bound - 1, bound, bound + 1}
    ages = sorted(ages)
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
            borough=None if where < 0.15 else rnd.choice(boroughs) if where < 0.9 else None,
            outside_london=where >= 0.9,
            barriers=tuple(bar), interests=tuple(ints)))
    return out


def random_rules(count: int, seed: int = 3) -> list[Programme]:
    """Programmes whose rules are random combinations of every kind of bound, so each rule meets each other."""
    rnd = random.Random(seed)
    v = vocabulary()
    barriers = [t.id for t in v.barriers]
    areas = [NATIONAL, LONDON, *sorted(v.subregions), *(b.name for b in v.boroughs)]

    def some(ids, most):
        return tuple(rnd.sample(ids, rnd.randint(0, most)))

    def maybe(value, chance=0.4):
        return value if rnd.random() < chance else None

    out = []
    for i in range(count):
        lo = maybe(rnd.choice([14, 16, 18, 19, 25]))
        hi = maybe(rnd.choice([18, 21, 24, 30, 64]))
        ext = (AgeExtension(hi + rnd.choice([1, 3, 6]), some(barriers, 3) or (barriers[0],))
               if hi is not None and rnd.random() < 0.5 else None)
        max_level = maybe(rnd.choice(LEVEL_IDS))
        where = rnd.random()
        elig = Eligibility(
            min_age=lo, max_age=hi, extended_max_age=ext,
            min_level=maybe(rnd.choice(LEVEL_IDS), 0.3), max_level=max_level,
            max_level_waived_for=some(barriers, 2) if max_level else (),
            requires_any=some(barriers, 2) if rnd.random() < 0.3 else (),
            areas=(rnd.choice([NATIONAL, LONDON]),) if where < 0.3 else tuple(rnd.sample(areas[2:], rnd.randint(1, 4))))
        out.append(Programme(
            id=f"p{i}", title=f"P{i}", provider="x", route_type=rnd.choice([t.id for t in v.route_types]),
            summary="s", eligibility=elig, next_step="n", source="s", checked="2026-11-23",
            status=rnd.choice(["active"] * 8 + ["ended", "planned"]),
            suits=some(barriers, 2), interests=some([t.id for t in v.interests], 3),
            levels=some(list(LEVEL_IDS), 3), position=rnd.randint(0, count // 2),    # repeated positions on purpose
            status_note="n", caveat=maybe("c", 0.2) or ""))
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


def check_screen(programmes, people, among_areas: bool) -> int:
    """Screen and assess agree for each resident on each programme; returns how many programmes fitted."""
    vocab = vocabulary()
    screen = Screen(programmes, vocab)
    fitted = 0
    for profile in people:
        if among_areas:
            areas = areas_for(profile, vocab)
            subset = [p for p in programmes if set(areas) & set(p.eligibility.areas)]
        else:
            areas, subset = None, programmes
        good, bad = screen.fits(profile, screen.part(areas))
        ranked, excluded = straightforward(profile, subset, vocab)
        assert [programmes[i].id for i in good] == [r.programme.id for _, r in ranked], profile
        assert [programmes[i].id for i in bad] == [e.programme.id for e in excluded], profile
        fitted += len(good)
    return fitted


def test_screen_agrees_with_assess_on_the_real_catalogue(real):
    people = residents(real, 3000, seed=1)
    assert check_screen(real, people, among_areas=False) > 0
    assert check_screen(real, people[:500], among_areas=True) > 0


def test_screen_agrees_with_assess_on_a_generated_catalogue(generated):
    programmes, _ = generated
    assert check_screen(programmes, residents(programmes, 1000, seed=2), among_areas=True) > 0


def test_screen_agrees_with_assess_on_random_rules():
    programmes = random_rules(250)
    assert check_screen(programmes, residents(programmes, 1500, seed=4), among_areas=False) > 0


RULE_SENTENCES = {
    "out": ["It has ended", "It isn't open yet", "only for people living in", "you haven't said that applies",
            "; you're", "(or up to", "usually needs a", "highest qualification is"],
    "in": ["which applies to you", "whatever your qualifications", "where you live", "boroughs, including",
           "across London", "across England", "or below, like you", "or above, and you have", "as you are",
           "or over.", "or under.", "and it's for people aged"],
}


def test_every_rule_is_met_and_failed_by_the_random_residents():
    """Each rule's sentence, failed and met, turns up in the random trials (else the tests above prove little)."""
    programmes = random_rules(400)
    vocab = vocabulary()
    said = {"out": set(), "in": set()}
    for profile in residents(programmes, 300, seed=5):
        for p in programmes:
            o = assess(p, profile, vocab)
            text = o.reason if isinstance(o, Exclusion) else " ".join(o[1].why)
            side = "out" if isinstance(o, Exclusion) else "in"
            said[side] |= {s for s in RULE_SENTENCES[side] if s in text}
    assert said == {side: set(sentences) for side, sentences in RULE_SENTENCES.items()}


def as_before(profile, url):
    """The answer as advisor.recommend gave it before: programmes open in the resident's areas from the database,
    through the straightforward engine."""
    vocab = vocabulary()
    areas = set(areas_for(profile, vocab))
    programmes = [p for p in Catalogue(url).all() if areas & set(p.eligibility.areas)]
    ranked, excluded = straightforward(profile, programmes, vocab)
    return {"profile": profile.to_dict(), "recommendations": [r.to_dict() for _, r in ranked],
            "excluded": [e.to_dict() for e in excluded]}


def test_answers_are_identical_to_the_straightforward_path(kb_url, generated):
    for url, people in [(kb_url, residents(load_programmes(vocab=vocabulary()), 300, seed=6)),
                        (generated[1], residents(generated[0], 40, seed=7))]:
        for profile in people:
            assert advisor.recommend(profile, url).to_dict() == as_before(profile, url), profile


def test_one_route_type_is_the_full_answer_filtered(kb_url):
    for profile in residents(load_programmes(vocab=vocabulary()), 100, seed=8):
        full = advisor.recommend(profile, kb_url)
        for route in ("apprenticeship", "skills_bootcamp", "swap"):
            one = advisor.recommend(profile, kb_url, route_type=route)
            assert list(one.recommendations) == [r for r in full.recommendations if r.programme.route_type == route]
            assert list(one.excluded) == [e for e in full.excluded if e.programme.route_type == route]


def test_only_what_is_read_is_explained(kb_url, monkeypatch):
    calls = []
    real_assess = engine.assess
    monkeypatch.setattr(engine, "assess", lambda *a: calls.append(a[0].id) or real_assess(*a))
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


def test_unknown_route_type_and_empty_areas_give_empty_answers(kb_url):
    result = advisor.recommend(Profile(age=19), kb_url, route_type="no_such_route")
    assert len(result.recommendations) == 0 and len(result.excluded) == 0
    nowhere = Screen(Catalogue(kb_url).all(), vocabulary()).result(Profile(), ["nowhere"])
    assert len(nowhere.recommendations) == len(nowhere.excluded) == 0
