"""A coach runs a guided session in headless Chromium against the real thing (`python -m bot run`): signs in,
starts a session, answers by clicking and typing, corrects the borough, sees the recommendations refresh, records a
next step and downloads the plan, whose text holds the recommended routes."""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
import urllib.request

import pytest
import requests
from playwright.sync_api import expect
from pypdf import PdfReader

from bot.coach.pdf import plain
from bot.process import ROOT
from knowledge import advisor
from knowledge.postcodes import lookup
from knowledge.vocab import vocabulary
from tests.support.browser import ARTIFACTS, screenshot
from tests.support.report import artifact

NAME, PASSWORD = "coach.e2e", "green kettle on the hill"
WAIT = 90_000


def add_staff(url: str, name: str, password: str) -> None:
    """Creates an account the way an administrator does: `python -m bot staff add NAME --password-stdin`."""
    done = subprocess.run([sys.executable, "-m", "bot", "staff", "add", name, "--password-stdin"], cwd=ROOT,
                          env={**os.environ, "PATHWAYS_CONSOLE_DB_URL": url}, input=password + "\n", text=True,
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr


def shot(page, name: str) -> None:
    screenshot(page, "coach", name, full_page=True)


@pytest.fixture(scope="module")
def web(console):
    servers, url = console
    add_staff(url, NAME, PASSWORD)
    return servers


def top_titles(borough: str) -> list[str]:
    profile = advisor.profile_from_answers(age="19", qualification="2", borough=borough, interests=["laboratory"])
    return [r.programme.title for r in advisor.recommend(profile).recommendations[:5]]


def sign_in(page, web) -> None:
    page.goto(f"{web.web}/coach")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("Staff name").fill(NAME)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {NAME}")).to_be_visible()


def say(page, text: str) -> None:
    page.get_by_label("What the resident says").fill(text)
    page.get_by_role("button", name="Send", exact=True).click()


def click_answer(page, title: str) -> None:
    page.locator("form.buttons").get_by_role("button", name=title, exact=True).click()


def bot_said(page, text: str) -> None:
    expect(page.locator("#log .turn.bot").last).to_contain_text(text, timeout=WAIT)


def test_a_coach_runs_a_session_corrects_the_borough_and_downloads_the_plan(web, page, use_kb):
    v = vocabulary()
    # Somewhere the routes differ from Hackney's, found from the knowledge base rather than written in.
    hackney = top_titles("Hackney")
    elsewhere = next(b.name for b in v.boroughs if top_titles(b.name) != hackney)
    expected = top_titles(elsewhere)

    sign_in(page, web)
    shot(page, "1-sessions")
    page.get_by_label("A label you will recognise").fill("E2E resident")
    page.get_by_role("button", name="Start session").click()
    expect(page.get_by_role("heading", name="Guided session: E2E resident")).to_be_visible(timeout=WAIT)
    bot_said(page, "How old are you?")

    say(page, "19")                                                          # typed
    bot_said(page, "highest qualification")
    click_answer(page, v.level("2").button)                                  # clicked: a payload, not NLU
    bot_said(page, "Which London borough")
    say(page, "I live in Hackney")
    bot_said(page, "Do any of these apply to you?")
    click_answer(page, "None of these")
    bot_said(page, "What kind of work interests you?")
    click_answer(page, v.interest("laboratory").button)
    cards = page.locator("#recommendations .cards .card h3")
    expect(cards).to_have_text(hackney, timeout=WAIT)
    expect(page.locator("#log")).to_contain_text("Here are the routes")
    expect(page.locator("#profile").get_by_label("Borough")).to_have_value("Hackney")
    expect(page.locator("#why-not summary")).to_contain_text("do not fit")
    shot(page, "2-recommendations")
    # The conversation is sticky, so a full-page shot shows it wherever the page was scrolled to; at the top of the
    # page it starts beside the profile, as the coach sees it, with no opening payload shown as the resident's words.
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "coach", "2a-top-of-page")
    conversation, profile = page.locator("#conversation").bounding_box(), page.locator("#profile").bounding_box()
    assert abs(conversation["y"] - profile["y"]) < 5
    expect(page.locator("#log .turn.resident").first).to_contain_text("19")

    # A postcode typed in the panel: a district across boroughs, none of them the one listed (Hackney), asks for
    # the list too; a full postcode sets the borough, and the postcode is gone from the page once saved.
    panel_postcode = page.locator("#profile").get_by_label("Or their postcode")
    panel_postcode.fill("sw8")
    page.get_by_role("button", name="Update profile").click()
    expect(page.locator("#borough-error")).to_contain_text("The SW8 postcode area covers parts of Lambeth")
    shot(page, "3a-postcode-district-spans")
    refused = [e for e in page.console_errors if "status of 400" in e]
    assert len(refused) == 1                                   # the form answered 400, as a refused form does
    page.console_errors.remove(refused[0])
    code, posted = next((c, p) for c in ("E17 4AB", "SE1 7EH") if (p := lookup(c).borough) != elsewhere)
    panel_postcode = page.locator("#profile").get_by_label("Or their postcode")
    panel_postcode.fill(code.lower().replace(" ", ""))
    page.get_by_role("button", name="Update profile").click()
    expect(page.locator("#saved")).to_contain_text("recommendations were refreshed", timeout=WAIT)
    expect(page.locator("#profile").get_by_label("Borough")).to_have_value(posted)
    expect(panel_postcode).to_have_value("")
    assert code not in page.content().upper() and code.replace(" ", "") not in page.content().upper()
    shot(page, "3b-postcode-set-the-borough")

    page.locator("#profile").get_by_label("Borough").select_option(elsewhere)
    page.get_by_role("button", name="Update profile").click()
    expect(page.locator("#saved")).to_contain_text("recommendations were refreshed", timeout=WAIT)
    expect(cards).to_have_text(expected)
    expect(page.locator("#profile").get_by_label("Borough")).to_have_value(elsewhere)
    shot(page, "3-borough-corrected")

    due = (dt.date.today() + dt.timedelta(days=7)).isoformat()
    page.get_by_label("What was agreed").fill(f"Apply to {expected[0]}")
    page.get_by_label("Who will do it").fill("Resident")
    page.get_by_label("By when (optional)").fill(due)
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator("#actions ul.actions")).to_contain_text(f"Apply to {expected[0]}")

    page.locator("#plan").get_by_label("Where you live").check()
    page.locator("#plan").get_by_label("Highest qualification").check()
    page.get_by_role("button", name="Save plan choices").click()
    expect(page.locator("#saved")).to_contain_text("Plan choices saved")

    page.get_by_role("link", name="Printable action plan").click()
    expect(page.get_by_role("heading", name="Your action plan")).to_be_visible()
    expect(page.locator("dl.profile")).to_contain_text(elsewhere)
    expect(page.locator("dl.profile")).not_to_contain_text("Age")                   # not agreed
    expect(page.locator(".pathway svg g.box.route")).to_have_count(len(expected))
    for title in expected:
        expect(page.locator("ol.routes")).to_contain_text(title)
    page.emulate_media(media="print")
    shot(page, "4-plan-print")
    page.emulate_media(media="screen")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download as PDF").click()
    path = ARTIFACTS / "coach" / "action-plan.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    download.value.save_as(path)
    artifact(path)
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages).split())
    for title in expected:
        assert plain(title) in text
    assert f"Apply to {plain(expected[0])}" in text and due in text
    assert f"Where you live: {elsewhere}" in text


def test_forms_need_the_sign_in_and_its_csrf_token(web):
    http = requests.Session()
    assert http.get(f"{web.web}/coach/sessions", allow_redirects=False).headers["Location"] == "/coach/sign-in"
    form = http.get(f"{web.web}/coach/sign-in").text
    token = form.split('name="csrf" value="')[1].split('"')[0]
    # A sign-in form posted from elsewhere carries no matching token.
    assert requests.post(f"{web.web}/coach/sign-in", data={"csrf": token, "name": NAME, "password": PASSWORD},
                         allow_redirects=False).status_code == 403
    wrong = http.post(f"{web.web}/coach/sign-in", data={"csrf": token, "name": NAME, "password": "not it at all"})
    assert wrong.status_code == 401 and "match an account" in wrong.text
    ok = http.post(f"{web.web}/coach/sign-in", data={"csrf": token, "name": NAME, "password": PASSWORD},
                   allow_redirects=False)
    assert ok.status_code == 303 and "HttpOnly" in ok.headers["Set-Cookie"]
    assert http.post(f"{web.web}/coach/sessions", data={"label": "x"}).status_code == 403          # no token
    assert http.post(f"{web.web}/coach/sessions", data={"label": "x", "csrf": token}).status_code == 403
    assert http.get(f"{web.web}/coach/sessions/0123456789abcdef").status_code == 404
    page_ = http.get(f"{web.web}/coach/sessions").text
    csrf = page_.split('name="csrf" value="')[1].split('"')[0]
    out = http.post(f"{web.web}/coach/sign-out", data={"csrf": csrf}, allow_redirects=False)
    assert out.status_code == 303
    assert http.get(f"{web.web}/coach/sessions", allow_redirects=False).status_code == 302


def deleted(page, web, sender: str, label: str) -> None:
    """Back at the session list, which says so and no longer lists it; the conversation holds no resident message."""
    expect(page.locator("p.notice")).to_contain_text("The session was deleted", timeout=WAIT)
    expect(page.get_by_role("link", name=label)).to_have_count(0)
    with urllib.request.urlopen(f"{web.rasa}/conversations/{sender}/tracker?token=e2e-test-token", timeout=30) as r:
        events = json.loads(r.read())["events"]
    assert not [e for e in events if e["event"] == "user"]


def new_session(page, web, label: str) -> str:
    """Signs in and starts a session at its first question; its conversation's sender id."""
    sign_in(page, web)
    page.get_by_label("A label you will recognise").fill(label)
    page.get_by_role("button", name="Start session").click()
    bot_said(page, "How old are you?")
    return "coach-" + page.url.rstrip("/").split("/")[-1].split("?")[0].split("#")[0]


def test_deleting_a_session_deletes_the_conversation_too(web, page):
    sender = new_session(page, web, "To delete")
    say(page, "I'm 30")
    bot_said(page, "highest qualification")
    page.locator("#delete summary").click()
    page.get_by_role("button", name="Delete this session").click()
    deleted(page, web, sender, "To delete")


def test_delete_my_data_in_a_session_asks_first_and_its_yes_deletes_the_session(web, page):
    sender = new_session(page, web, "Asked to delete")
    say(page, "delete my data")
    bot_said(page, "Do you want me to delete this conversation")
    shot(page, "delete-my-data-question")
    click_answer(page, "Yes, delete it")
    deleted(page, web, sender, "Asked to delete")
