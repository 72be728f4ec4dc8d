"""What the bot and the CLI call: answers in, explained recommendations out."""
from __future__ import annotations

import threading
from typing import Iterable

from knowledge.engine import Exclusion, Recommendation, Result, Screen
from knowledge.normalise import normaliser
from knowledge.profile import Profile, profile_lines
from knowledge.store import Catalogue, Snapshot
from knowledge.vocab import Vocabulary, vocabulary

_screens: dict[str, tuple[Snapshot, Vocabulary, Screen]] = {}       # by database URL
_compiling = threading.Lock()


def profile_from_answers(age=None, qualification=None, borough=None, barriers: Iterable[str] = (),
                         interests: Iterable[str] = ()) -> Profile:
    """A profile from free-text answers; raises InputError (naming the field) for anything unusable."""
    n = normaliser()
    place = n.borough(borough) if borough not in (None, "") else None
    bar: list[str] = []
    for text in barriers:
        bar += [b for b in n.barriers(text) if b not in bar]
    ints: list[str] = []
    for text in interests:
        ints += [i for i in n.interests(text) if i not in ints]
    return Profile(
        age=n.age(age) if age not in (None, "") else None,
        qualification_level=n.qualification(qualification) if qualification not in (None, "") else None,
        borough=place.borough if place else None,
        outside_london=bool(place and place.outside_london),
        barriers=tuple(bar),
        interests=tuple(ints),
    )


def _screen(catalogue: Catalogue, vocab: Vocabulary) -> Screen:
    """The current build's screen: compiled once per build (and vocabulary) per process."""
    snap = catalogue.snapshot()
    held = _screens.get(catalogue.url)
    if held is None or held[0] is not snap or held[1] is not vocab:
        with _compiling:
            held = _screens.get(catalogue.url)
            if held is None or held[0] is not snap or held[1] is not vocab:
                held = _screens[catalogue.url] = (snap, vocab, Screen(snap.programmes, vocab))
    return held[2]


def recommend(profile: Profile, url: str | None = None, route_type: str | None = None) -> Result:
    """Every programme (of one route type, if given) judged for the resident: those that fit, ranked, and those
    that don't, with why; each is explained when the caller reads it. Raises KnowledgeBaseUnavailable."""
    return _screen(Catalogue(url), vocabulary()).result(profile, route_type)


def explain(programme_id: str, profile: Profile, url: str | None = None) -> Recommendation | Exclusion | None:
    """Why one programme does or doesn't fit ("tell me more about LIFT", "why not LIFT?"); None if unknown."""
    return _screen(Catalogue(url), vocabulary()).explain(programme_id, profile)


def titles(programme_ids: Iterable[str], url: str | None = None) -> dict[str, str]:
    """The titles of the programmes named, from one read of the catalogue; unknown ids are left out."""
    snap = Catalogue(url).snapshot()
    return {pid: snap.get(pid).title for pid in programme_ids if snap.get(pid)}


def summary(result: Result, limit: int = 10) -> str:
    """A readable summary for the terminal."""
    vocab = vocabulary()
    lines = ["Profile: " + "; ".join(f"{label}: {value}" for label, value in profile_lines(result.profile)), ""]
    shown = result.recommendations[:limit]
    lines.append(f"{len(result.recommendations)} routes fit; the top {len(shown)}:" if shown
                 else "No routes fit this profile.")
    for i, r in enumerate(shown, 1):
        prog = r.programme
        mark = " [check first]" if r.verdict == "check" else ""
        lines += ["", f"{i}. {prog.title} ({vocab.route_type(prog.route_type).name}){mark}, {prog.provider}",
                  f"   {prog.summary}"]
        if prog.time_commitment:
            lines.append(f"   What it asks of you: {prog.time_commitment}")
        lines += [f"   - {w}" for w in r.why]
        lines += [f"   ! {c}" for c in r.checks]
        lines.append(f"   Next step: {prog.next_step}")
        if prog.url:
            lines.append(f"   {prog.url}")
        lines.append(f"   Source: {prog.source} (checked {prog.checked})")
    if result.excluded:
        lines += ["", f"Not suitable ({len(result.excluded)}):"]
        lines += [f"   - {e.programme.title}: {e.reason}" for e in result.excluded]
    return "\n".join(lines)
