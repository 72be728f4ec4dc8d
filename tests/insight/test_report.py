"""A synthetic month of 2,000 conversations across boroughs, read back through the report in every format."""
from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import Counter

import pytest

from bot.insight import cli, render
from bot.insight.cli import week_of
from bot.insight.report import build
from bot.insight.suppress import RULE, shown
from pathways.insight import store
from pathways.insight.record import NOT_GIVEN, OUTSIDE_LONDON

pytestmark = pytest.mark.usefixtures("use_kb")


@pytest.fixture(scope="module")
def report(month):
    engine, _ = month
    return build(store.read(engine))


def test_the_month_reads_back_whole(month):
    engine, records = month
    rows = store.read(engine)
    assert sum(r.conversations for r in rows) == 2000
    assert sum(r.asked_person for r in rows) == sum(r.asked_person for r in records)
    assert {r.record.week for r in rows} == {"2026-W45", "2026-W46", "2026-W47", "2026-W48"}
    assert len({r.record.borough for r in rows}) >= 30


def test_the_tables_are_the_records_counted_then_suppressed(month, report):
    _, records = month
    by_borough = Counter(r.borough for r in records)
    t = report.tables["boroughs"]
    for borough, n in by_borough.items():
        name = "Outside London" if borough == OUTSIDE_LONDON else borough
        assert t.cell(name, "Conversations") in (shown(n), "[c]")
    assert t.cell("Total", "Conversations") == shown(2000) == "2000"
    assert report.summary["Conversations"] == "2000"
    hackney = sum(1 for r in records if r.borough == "Hackney" and "laboratory" in r.interests)
    assert report.tables["interests"].cell("Hackney", "Working in a lab") in (shown(hackney), "[c]")
    assert "Not given" in report.tables["interests"].columns          # some declined the question


def test_each_cell_is_demand_beside_supply(report):
    cells = report.cells
    assert all(set(c) == {"borough", "circumstance", "interest", "demand", "nothing_fit", "asked_person",
                          "programmes_open", "local_routes", "routes_by_type", "gaps"} for c in cells)
    assert all(c["local_routes"] <= c["programmes_open"] == sum(c["routes_by_type"].values()) for c in cells)
    flagged = [c for c in cells if c["gaps"]]
    assert flagged and all(c["demand"] != "<10" or "Nothing fit some residents" in c["gaps"] for c in flagged)


def test_a_period_and_boroughs_narrow_the_report(month):
    engine, records = month
    week = week_of("2026-11-10", "--since")
    rows = store.read(engine, week, week, ["Hackney", "Newham"])
    assert {r.record.borough for r in rows} == {"Hackney", "Newham"} and {r.record.week for r in rows} == {week}
    assert sum(r.conversations for r in rows) == sum(1 for r in records if r.week == week and r.borough in
                                                     ("Hackney", "Newham"))


def test_bad_dates_get_a_clear_answer(month):
    engine, _ = month
    with pytest.raises(ValueError, match="--since must be a date as year-month-day"):
        cli.make("next tuesday", engine=engine)
    with pytest.raises(ValueError, match="is after --until"):
        cli.make("2026-11-30", "2026-11-01", engine=engine)


def test_every_format_states_the_rule(report):
    assert json.loads(render.as_json(report))["suppression"] == RULE and RULE in render.as_csv(report).splitlines()[0]
    assert RULE in html.unescape(render.as_html(report))


def test_the_csv_and_json_hold_every_cell(report):
    lines = [line for line in render.as_csv(report).splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
    assert len(rows) == len(report.cells)
    data = json.loads(render.as_json(report))
    assert len(data["cells"]) == len(report.cells) and data["summary"]["Conversations"] == "2000"
    assert set(data["tables"]) == set(report.tables)


def test_the_html_needs_nothing_from_elsewhere(report):
    page = render.as_html(report)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)        # no CDN, nothing fetched
    assert "<link" not in page and "<script" not in page
    assert page.count('src="data:image/png;base64,') == 2
    assert page.count("<table") >= 6


def test_no_small_number_escapes_in_any_format(report):
    """Every count published about residents is 0, "<10", "[c]" or a multiple of 5."""
    data = json.loads(render.as_json(report))
    counts = [c for name, t in data["tables"].items() if name != "supply" for row in t["cells"] for c in row]
    counts += [c[k] for c in data["cells"] for k in ("demand", "nothing_fit", "asked_person")]
    counts += list(data["summary"].values())[:3]
    assert all(c in ("0", "<10", "[c]") or int(c) % 5 == 0 for c in counts), [c for c in counts if c not in
                                                                              ("0", "<10", "[c]") and int(c) % 5]
    assert NOT_GIVEN not in render.as_csv(report)           # labels, not ids


def test_cells_are_listed_by_their_published_figure_not_the_hidden_one(report):
    """Sorting by the exact count would rank the "<10" cells among themselves: they are listed by name."""
    small = [(c["borough"], c["circumstance"], c["interest"]) for c in report.cells if c["demand"] == "<10"]
    assert len(small) > 100 and small == sorted(small)
    shown_order = [0 if c["demand"] == "<10" else int(c["demand"]) for c in report.cells]
    assert shown_order == sorted(shown_order, reverse=True)


def test_where_nothing_fit_the_report_says_so():
    from pathways.insight.record import Record

    def row(routes: int, n: int) -> store.Row:
        return store.Row(Record("2026-W48", "Brent", "25_49", "3", ("refugee",), ("laboratory",), routes,
                                (("apprenticeship", routes),) if routes else (), False), n, 0)

    report = build([row(0, 12), row(3, 30)])
    assert report.tables["boroughs"].cell("Brent", "Nothing fit") == "10"          # 12, rounded
    [cell] = report.cells
    assert cell["demand"] == "40" and cell["nothing_fit"] == "10" and "Nothing fit some residents" in cell["gaps"]
    assert report.summary["Nothing fit"] == "10"
