"""The report: the counts of a period read back, demand beside supply, gaps flagged, every count suppressed."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from knowledge import advisor
from knowledge.profile import Profile
from knowledge.vocab import vocabulary
from pathways.insight.record import AGE_BANDS, NONE, NOT_GIVEN, OUTSIDE_LONDON, QUALIFICATION_BANDS
from pathways.insight.store import Row
from bot.insight.suppress import RULE, SMALL, Table, shown, table

FEW = 2            # a cell with this many fitting local routes or fewer is flagged (with enough demand to show)
SHOWN_FROM = 10    # demand below this is "<10": too few to flag a gap without pointing at residents
GAPS = {"no_route": "No route fits", "no_local": "No local route fits",
        "few_local": f"{FEW} or fewer local routes fit", "nothing_fit": "Nothing fit some residents"}


def label(kind: str, value: str) -> str:
    """A value of a record as people read it."""
    v = vocabulary()
    if value == NOT_GIVEN:
        return "Not given"
    if value == NONE:
        return "None"
    if kind == "borough":
        return "Outside London" if value == OUTSIDE_LONDON else value
    if kind == "circumstance":
        return v.barrier(value).name
    if kind == "interest":
        return v.interest(value).name
    if kind == "route_type":
        return v.route_type(value).name
    return {"age": AGE_BANDS, "qualification": QUALIFICATION_BANDS}[kind][value]


@dataclass(frozen=True)
class Supply:
    """What the catalogue offers the residents of one cell, as the engine judges it."""
    open: int                          # programmes that fit and are active
    local: int                         # ... of which run in the borough or its sub-region
    by_type: tuple[tuple[str, int], ...]


@lru_cache(maxsize=4096)
def supply(borough: str, circumstance: str, interest: str, build: str | None = None) -> Supply:
    """The active routes that fit a resident of `borough` in `circumstance` (nothing else known about them) and
    are for work of `interest` (the engine only ranks by interest: a programme for any work is not counted as
    supply for lab work). `build` keys the cache to one knowledge-base build."""
    v = vocabulary()
    in_london = borough not in (OUTSIDE_LONDON, NOT_GIVEN)
    profile = Profile(borough=borough if in_london else None, outside_london=borough == OUTSIDE_LONDON,
                      barriers=() if circumstance in (NONE, NOT_GIVEN) else (circumstance,),
                      interests=() if interest in (NONE, NOT_GIVEN) else (interest,))
    fit = [p for p in advisor.recommend(profile).recommendations.programmes() if p.status == "active"
           and (interest in (NONE, NOT_GIVEN, "not_sure") or interest in p.interests)]
    places = {borough, v.borough(borough).subregion} if in_london else set()
    return Supply(open=len(fit), local=sum(1 for p in fit if places & set(p.where)),
                  by_type=tuple(sorted(Counter(p.route_type for p in fit).items())))


@dataclass
class Report:
    since: str | None                  # ISO weeks
    until: str | None
    scope: str                         # whose boroughs: "All of London" or a list
    rule: str
    summary: dict[str, str]
    tables: dict[str, Table]           # by name, each with a title in TITLES
    cells: list[dict] = field(default_factory=list)
    weeks: tuple[str, ...] = ()


TITLES = {
    "boroughs": "Conversations by borough",
    "circumstances": "Demand by borough and circumstance (conversations naming each)",
    "interests": "Demand by borough and interest (conversations naming each)",
    "supply": "Supply: active programmes for each interest that fit the borough's residents",
    "route_types": "Conversations where at least one route of each type fit",
    "ages": "Conversations by borough and age band",
    "qualifications": "Conversations by borough and qualification",
}


def build(rows: Iterable[Row], since: str | None = None, until: str | None = None, scope: str = "All of London",
          kb_build: str | None = None) -> Report:
    """The report of `rows` (pathways.insight.store.read). `kb_build` names the knowledge base's build, which the
    supply depends on."""
    rows = list(rows)
    v = vocabulary()
    boroughs = sorted({r.record.borough for r in rows}, key=lambda b: (b in (OUTSIDE_LONDON, NOT_GIVEN), b))
    talks, nothing, person = Counter(), Counter(), Counter()
    demand = {k: defaultdict(Counter) for k in ("circumstances", "interests", "route_types", "ages",
                                                 "qualifications")}
    cells: dict[tuple[str, str, str], Counter] = defaultdict(Counter)
    for row in rows:
        r, n = row.record, row.conversations
        talks[r.borough] += n
        nothing[r.borough] += n if r.nothing_fit else 0
        person[r.borough] += row.asked_person
        for c in r.circumstances:
            demand["circumstances"][r.borough][c] += n
        for i in r.interests:
            demand["interests"][r.borough][i] += n
        for t, _ in r.route_types:
            demand["route_types"][r.borough][t] += n
        demand["ages"][r.borough][r.age_band] += n
        demand["qualifications"][r.borough][r.qualification_band] += n
        for c in r.circumstances:
            for i in r.interests:
                cell = cells[(r.borough, c, i)]
                cell["demand"] += n
                cell["nothing_fit"] += n if r.nothing_fit else 0
                cell["asked_person"] += row.asked_person
    names = [label("borough", b) for b in boroughs]
    columns = {
        "circumstances": [b.id for b in v.barriers] + [NONE, NOT_GIVEN],
        "interests": [i.id for i in v.interests] + [NOT_GIVEN],
        "route_types": [t.id for t in v.route_types],
        "ages": list(AGE_BANDS),
        "qualifications": list(QUALIFICATION_BANDS),
    }
    kinds = {"circumstances": "circumstance", "interests": "interest", "route_types": "route_type", "ages": "age",
             "qualifications": "qualification"}
    tables = {"boroughs": _measures(names, {"Conversations": [talks[b] for b in boroughs],
                                            "Nothing fit": [nothing[b] for b in boroughs],
                                            "Asked for a person": [person[b] for b in boroughs]})}
    for name, ids in columns.items():
        ids = [i for i in ids if any(demand[name][b][i] for b in boroughs)] or ids[:1]
        tables[name] = table(names, [label(kinds[name], i) for i in ids],
                             [[demand[name][b][i] for i in ids] for b in boroughs])
    interests = [i for i in columns["interests"] if i != NOT_GIVEN]
    open_ = [[supply(b, NONE, i, kb_build).open for i in interests] for b in boroughs]
    tables["supply"] = _plain(names, [label("interest", i) for i in interests], open_)
    out = []
    for (b, c, i), k in cells.items():
        s = supply(b, c, i, kb_build)
        gaps = []
        if k["demand"] >= SHOWN_FROM:
            gaps += ["no_route"] if s.open == 0 else ["no_local"] if s.local == 0 else \
                ["few_local"] if s.local <= FEW else []
        if k["nothing_fit"]:
            gaps.append("nothing_fit")
        out.append({"borough": label("borough", b), "circumstance": label("circumstance", c),
                    "interest": label("interest", i), "demand": shown(k["demand"]),
                    "nothing_fit": shown(k["nothing_fit"]), "asked_person": shown(k["asked_person"]),
                    "programmes_open": s.open, "local_routes": s.local,
                    "routes_by_type": {label("route_type", t): n for t, n in s.by_type},
                    "gaps": [GAPS[g] for g in gaps]})
    # Ordered by the published figure, then by name: ordering by the exact count would rank the hidden ones.
    out.sort(key=lambda c: (-(0 if c["demand"] in ("0", SMALL) else int(c["demand"])), c["borough"],
                            c["circumstance"], c["interest"]))
    total = sum(talks.values())
    summary = {"Conversations": shown(total), "Nothing fit": shown(sum(nothing.values())),
               "Asked for a person": shown(sum(person.values())),
               "Cells with a gap": str(sum(1 for c in out if c["gaps"]))}
    return Report(since, until, scope, RULE, summary, tables, out, tuple(sorted({r.record.week for r in rows})))


def _measures(rows: list[str], measures: dict[str, list[int]]) -> Table:
    """Several measures side by side, each suppressed down its own column with its total (the measures are not
    parts of one whole, so a row has no total)."""
    parts = [table(rows, [m], [[c] for c in counts]) for m, counts in measures.items()]
    return Table(parts[0].rows, tuple(measures),
                 tuple(tuple(p.shown[i][0] for p in parts) for i in range(len(rows) + 1)),
                 tuple(tuple(p.values[i][0] for p in parts) for i in range(len(rows) + 1)))


def _plain(rows: list[str], columns: list[str], counts: list[list[int]]) -> Table:
    """Supply: counts of programmes in a public catalogue, about no resident, so shown as they are."""
    return Table(tuple(rows), tuple(columns), tuple(tuple(str(c) for c in r) for r in counts),
                 tuple(tuple(r) for r in counts))
