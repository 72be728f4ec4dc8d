"""The report as CSV, JSON or HTML. Every format carries the suppressed figures only, and states the rule."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from bot.insight import charts
from bot.insight.report import FEW, TITLES, Report
from bot.insight.suppress import Table

FORMATS = ("csv", "json", "html")
HERE = Path(__file__).parent
_env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]),
                   trim_blocks=True, lstrip_blocks=True)


def _period(report: Report) -> str:
    first = report.since or (report.weeks[0] if report.weeks else "the first week counted")
    last = report.until or (report.weeks[-1] if report.weeks else "the last")
    return f"ISO weeks {first} to {last}"


def _table(t: Table) -> dict:
    return {"rows": list(t.rows), "columns": list(t.columns), "cells": [list(r) for r in t.shown]}


def as_json(report: Report) -> str:
    return json.dumps({
        "title": "Pathways insight report", "period": {"from_week": report.since, "to_week": report.until,
                                                       "weeks_with_records": list(report.weeks)},
        "boroughs": report.scope, "suppression": report.rule, "summary": report.summary,
        "tables": {name: {"title": TITLES[name], **_table(t)} for name, t in report.tables.items()},
        "cells": report.cells,
    }, indent=2, ensure_ascii=False)


CSV_COLUMNS = ("borough", "circumstance", "interest", "demand", "nothing_fit", "asked_person", "programmes_open",
               "local_routes", "routes_by_type", "gaps")


def as_csv(report: Report) -> str:
    """Demand beside supply, one line per borough, circumstance and interest; the rule on the first line (read
    it with a comment character of "#")."""
    out = io.StringIO()
    out.write(f"# Pathways insight report, {_period(report)}, {report.scope}. {report.rule}\n")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for c in report.cells:
        w.writerow([c["borough"], c["circumstance"], c["interest"], c["demand"], c["nothing_fit"], c["asked_person"],
                    c["programmes_open"], c["local_routes"],
                    "; ".join(f"{t}: {n}" for t, n in c["routes_by_type"].items()), "; ".join(c["gaps"])])
    return out.getvalue()


def body(report: Report, cells_shown: int = 25) -> str:
    """The report's content, for the standalone page and the console's page."""
    t = report.tables
    rows = len(t["boroughs"].rows) > 1
    return _env.get_template("body.html").render(
        r=report, period=_period(report), titles=TITLES, t=t,
        boroughs_chart=charts.boroughs(t["boroughs"]) if rows else None,
        heat_map=charts.heat_maps(t["interests"], t["supply"]) if rows else None,
        gaps=[c for c in report.cells if c["gaps"]][:cells_shown], top=report.cells[:cells_shown],
        cells_total=len(report.cells), few=FEW)


def css() -> str:
    return (HERE / "report.css").read_text()


def as_html(report: Report) -> str:
    """A page that stands alone: its style and charts inside it, nothing fetched when it is opened."""
    return _env.get_template("standalone.html").render(body=body(report), css=css(), period=_period(report))


def render(report: Report, fmt: str) -> str:
    return {"csv": as_csv, "json": as_json, "html": as_html}[fmt](report)
