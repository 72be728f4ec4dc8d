"""The action plan: what goes in it (only the profile answers the resident agreed to share), and the pathway
picture's layout, drawn by both the printable page (SVG) and the PDF."""
from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass

from bot.coach.models import AgreedAction
from bot.coach.store import ACTION_KINDS
from pathways.settings import NATIONAL_CAREERS, council
from knowledge import Profile
from knowledge.engine import Result, as_check
from knowledge.profile import profile_lines
from knowledge.rules import level_words
from knowledge.vocab import vocabulary

ROUTES = 5            # as many as the bot shows the resident


def build(*, label: str, coach: str, profile: Profile, declined: list[str], agreed: list[str], result: Result,
          routes: list[str] | None, actions: list[AgreedAction], today: dt.date) -> dict:
    """The plan as plain data (stored as JSON, rendered as HTML and PDF)."""
    v = vocabulary()
    chosen = ([r for r in result.recommendations if r.programme.id in routes] if routes is not None
              else list(result.recommendations[:ROUTES]))
    items = []
    for r in chosen:
        p = r.programme
        # The work it leads to: the kinds the resident is interested in first, or all the route offers.
        offered = [i for i in p.interests if i != "not_sure"]
        jobs = [v.interest(i).name for i in ([i for i in offered if i in profile.interests] or offered)]
        items.append({
            "id": p.id, "title": p.title, "provider": p.provider, "route_type": v.route_type(p.route_type).name,
            "summary": p.summary, "why": [*r.why, *(as_check(c) for c in r.checks)], "next_step": p.next_step,
            "url": p.url, "source": p.source, "checked": p.checked,
            "leads_to": (level_words(max(p.levels, key=v.level_rank)) if p.levels else ""),
            "jobs": jobs or [v.route_type(p.route_type).name],
        })
    level_agreed = ("qualification_level" in agreed and "qualification_level" not in declined
                    and profile.qualification_level)
    c = council()
    contacts = [f"{c.name or 'Your council'}'s employment team: {c.employment_team}"] if c.employment_team else []
    contacts.append(NATIONAL_CAREERS[0].upper() + NATIONAL_CAREERS[1:])
    return {
        "label": label, "coach": coach, "date": today.isoformat(),
        "profile": profile_lines(profile, declined, fields=agreed, unanswered=False),
        "now": (f"Now: {v.level(profile.qualification_level).name}" if level_agreed else "Now: where you are today"),
        "routes": items,
        "actions": [{"kind": ACTION_KINDS[a.kind], "text": a.text, "owner": a.owner,
                     "due": a.due.isoformat() if a.due else ""} for a in actions],
        "contacts": contacts,
    }


# --- the pathway picture ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    lines: tuple[str, ...]
    kind: str                 # now | route | jobs


@dataclass(frozen=True)
class Arrow:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Diagram:
    width: float
    height: float
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]


LINE = 4.2          # mm per line of 8-point text
PAD = 2.5
GAP = 4.0
COLUMNS = ((0.0, 36.0, 18), (48.0, 74.0, 42), (134.0, 48.0, 30))    # (x, width, characters per line) in mm


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width) or [""]


def diagram(plan: dict) -> Diagram:
    """Where they are now, an arrow to each route, and from each route to the work it leads to (in mm)."""
    rows, boxes, arrows = [], [], []
    y = 0.0
    for r in plan["routes"]:
        route = _wrap(r["title"], COLUMNS[1][2]) + ([f"(leads to {r['leads_to']})"] if r["leads_to"] else [])
        jobs = _wrap("Work in: " + "; ".join(r["jobs"]), COLUMNS[2][2])
        h = max(len(route), len(jobs)) * LINE + 2 * PAD
        rows.append((y, h, route, jobs))
        y += h + GAP
    height = max(y - GAP, 0.0)
    now = _wrap(plan["now"], COLUMNS[0][2])
    now_h = len(now) * LINE + 2 * PAD
    now_y = max((height - now_h) / 2, 0.0)
    height = max(height, now_h)
    boxes.append(Box(COLUMNS[0][0], now_y, COLUMNS[0][1], now_h, tuple(now), "now"))
    for y, h, route, jobs in rows:
        boxes.append(Box(COLUMNS[1][0], y, COLUMNS[1][1], h, tuple(route), "route"))
        boxes.append(Box(COLUMNS[2][0], y, COLUMNS[2][1], h, tuple(jobs), "jobs"))
        arrows.append(Arrow(COLUMNS[0][0] + COLUMNS[0][1], now_y + now_h / 2, COLUMNS[1][0], y + h / 2))
        arrows.append(Arrow(COLUMNS[1][0] + COLUMNS[1][1], y + h / 2, COLUMNS[2][0], y + h / 2))
    return Diagram(COLUMNS[2][0] + COLUMNS[2][1], height, tuple(boxes), tuple(arrows))
