"""Scores the engine's recommendations against the advice panels: what a careers adviser would put in the top five,
and what must never be recommended. Each expectation is one check; a profile passes when all of its checks do."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from knowledge.profile import Profile

TOP = 5


@dataclass(frozen=True)
class Check:
    profile: str
    what: str
    ok: bool


def profile_of(case: dict) -> Profile:
    """The profile as the assistant would hold it after these answers (Profile.from_slots, as the actions read it)."""
    p = case["profile"]
    where = p.get("borough")
    level = p.get("qualification_level")
    return Profile.from_slots({
        "age": p.get("age"),
        "qualification_level": None if level is None else str(level),
        "borough": None if where in (None, "outside_london") else where,
        "outside_london": where == "outside_london",
        "barriers": p.get("barriers") or (),
        "interests": p.get("interests") or (),
    })


def _names(item: dict) -> tuple[list[str], list[str]]:
    def listed(v):
        return [v] if isinstance(v, str) else list(v or [])
    return listed(item.get("route_type") or item.get("route_types")), listed(item.get("programmes"))


def checks(case: dict, ranked: Sequence[tuple[str, str]]) -> list[Check]:
    """`ranked`: (programme id, route type) of every recommended route, best first."""
    top = ranked[:TOP]
    out = []
    for item in case.get("top5") or []:
        types, ids = _names(item)
        ok = any(t in types or i in ids for i, t in top)
        out.append(Check(case["id"], f"top five has {' or '.join(types + ids)}", ok))
    for key, where, word in (("not_top5", top, "top five"), ("never", ranked, "recommendations")):
        types, ids = _names(case.get(key) or {})
        for t in types:
            out.append(Check(case["id"], f"{word} without {t}", all(rt != t for _, rt in where)))
        for i in ids:
            out.append(Check(case["id"], f"{word} without {i}", all(pid != i for pid, _ in where)))
    return out


def evaluate(panel: list[dict], recommend: Callable[[Profile], Sequence[tuple[str, str]]]) -> list[Check]:
    return [c for case in panel for c in checks(case, recommend(profile_of(case)))]


def summary(name: str, results: list[Check]) -> str:
    profiles = {c.profile for c in results}
    failed = {c.profile for c in results if not c.ok}
    return (f"{name}: {sum(c.ok for c in results)}/{len(results)} checks, "
            f"{len(profiles) - len(failed)}/{len(profiles)} profiles right")
