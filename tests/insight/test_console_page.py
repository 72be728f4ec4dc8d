"""The insight report in the console, in Chromium: a manager sees it for the boroughs they cover and downloads its
CSV; a coach is refused."""
from __future__ import annotations

import csv
import io
import sys

import pytest
from playwright.sync_api import expect

from bot.coach import roles, store
from bot.process import free_port
from knowledge import db
from tests.insight.conftest import counted
from tests.support.browser import screenshot
from tests.support.servers import small_server

PASSWORD = "purple elephant tea"


@pytest.fixture(scope="module")
def console_web(month, kb_url, tmp_path_factory):
    """The web front alone (the report needs no Rasa) on a console database holding the synthetic month, a
    manager for Hackney and Newham, and a coach."""
    url = counted(month[1], tmp_path_factory.mktemp("insight-web"))
    store.add_staff("manager.one", PASSWORD, url=url)
    store.add_staff("coach.one", PASSWORD, url=url)
    roles.set_manager("manager.one", ["Hackney", "Newham"], url=url)
    db.dispose(lambda u: u == url)
    port = free_port()
    p = small_server("the web front", [sys.executable, "-m", "bot.web"], f"http://127.0.0.1:{port}/health",
                     {"PATHWAYS_WEB_PORT": str(port), "PATHWAYS_CONSOLE_DB_URL": url, "PATHWAYS_DB_URL": kb_url})
    yield f"http://127.0.0.1:{port}"
    p.stop()


def sign_in(page, base: str, name: str) -> None:
    page.goto(f"{base}/coach/sign-in")
    page.get_by_label("Staff name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {name}")).to_be_visible()


def test_a_manager_sees_the_report_for_their_boroughs_and_downloads_the_csv(console_web, page):
    sign_in(page, console_web, "manager.one")
    page.get_by_role("link", name="The insight report for your boroughs").click()
    expect(page.get_by_role("heading", name="What residents need, borough by borough")).to_be_visible()
    expect(page.get_by_text("Hackney, Newham").first).to_be_visible()
    expect(page.get_by_role("heading", name="How small numbers are protected")).to_be_visible()
    table = page.locator("table.counts").first
    rows = table.locator("tbody th").all_inner_texts()
    assert rows == ["Hackney", "Newham", "Total"]                     # no other borough's figures
    assert page.locator("img[src^='data:image/png']").count() == 2
    screenshot(page, "coach", "insight-report", full_page=True)
    with page.expect_download() as got:
        page.get_by_role("link", name="Download the CSV").click()
    text = open(got.value.path(), encoding="utf-8").read()
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    boroughs = {r["borough"] for r in csv.DictReader(io.StringIO("\n".join(lines)))}
    assert boroughs == {"Hackney", "Newham"} and text.startswith("# Pathways insight report")


def test_a_period_is_chosen_and_a_bad_one_explained(console_web, page):
    sign_in(page, console_web, "manager.one")
    page.goto(f"{console_web}/coach/insight")
    page.get_by_label("From (date)").fill("2026-11-09")
    page.get_by_label("To (date)").fill("2026-11-15")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("ISO weeks 2026-W46 to 2026-W46")).to_be_visible()
    # (Fetched, not opened: the page fixture counts a 400 the browser loads as a console error.)
    bad = page.request.get(f"{console_web}/coach/insight?since=2026-11-30&until=2026-11-01")
    assert bad.status == 400 and "is after --until" in bad.text() and 'role="alert"' in bad.text()


def test_a_coach_is_refused(console_web, page):
    sign_in(page, console_web, "coach.one")
    expect(page.get_by_role("link", name="The insight report for your boroughs")).to_have_count(0)
    refused = page.request.get(f"{console_web}/coach/insight")           # fetched: see above
    assert refused.status == 403 and "The insight report is for managers" in refused.text()
    assert "What residents need" not in refused.text()
    csv_response = page.request.get(f"{console_web}/coach/insight.csv")
    assert csv_response.status == 403 and "Pathways insight report" not in csv_response.text()


def test_signed_out_the_report_is_not_shown(console_web, page):
    page.goto(f"{console_web}/coach/insight")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
