"""The warm hand-off end to end, in headless Chromium against the real thing (`python -m bot run`): a resident on
the demo council page asks the widget for a person, asks the team to contact them, agrees to share their answers
and gives a phone number; a coach sees the new referral, with their answers and the routes they were shown, on the sessions page, opens it in the inbox and claims it.
The number is never in the conversation Rasa keeps."""
from __future__ import annotations

import json
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.coach.test_console_e2e import WAIT, add_staff
from tests.support.browser import screenshot

NAME, PASSWORD = "coach.referrals", "orange kettle by the sea"
NUMBER = "07700 900789"


@pytest.fixture(scope="module")
def web(console):
    servers, url = console
    add_staff(url, NAME, PASSWORD)
    return servers


def bot_said(page, text: str) -> None:
    expect(page.locator(".pw-msg--bot .pw-bubble", has_text=text).last).to_be_visible(timeout=WAIT)


def type_message(page, text: str) -> None:
    page.get_by_label("Your message").fill(text)
    page.get_by_label("Your message").press("Enter")


def test_a_resident_asks_to_be_contacted_and_a_coach_claims_the_referral(web, browser, page):
    resident = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB").new_page()
    resident.set_default_timeout(WAIT)
    resident.goto(f"{web.web}/")
    resident.get_by_role("button", name="Chat about training and jobs").click()
    bot_said(resident, "How old are you?")
    resident.get_by_text("Your privacy: what Pathways keeps and shares").click()
    expect(resident.locator(".pw-privacy__shared")).to_contain_text("shares with that team, and no one else")
    screenshot(resident, "referral", "0-widget-privacy")
    resident.get_by_text("Your privacy: what Pathways keeps and shares").click()         # closed again
    type_message(resident, "I'm 23")
    bot_said(resident, "highest qualification")
    resident.get_by_role("button", name="GCSEs", exact=True).click()
    bot_said(resident, "Which London borough do you live in?")
    type_message(resident, "Hackney")
    bot_said(resident, "Do any of these apply to you?")
    resident.get_by_role("button", name="None of these").click()
    bot_said(resident, "What kind of work interests you?")
    resident.get_by_role("button", name="Working in a lab").click()
    bot_said(resident, "What would you like to do next?")
    routes = resident.locator(".pw-card h3").all_inner_texts()
    assert routes
    resident.get_by_role("button", name="Talk to a person").last.click()
    bot_said(resident, "Example Works, call 020 7946 0000")               # the council's own number is kept
    bot_said(resident, "Or I can ask the team to contact you.")
    resident.get_by_role("button", name="Ask the team to contact you").click()
    bot_said(resident, "Is that OK?")
    screenshot(resident, "referral", "1-widget-consent")
    resident.get_by_role("button", name="Yes, share them").click()
    bot_said(resident, "What phone number or email address")
    type_message(resident, f"my number is {NUMBER}")
    bot_said(resident, "I've asked London Borough of Example's employment team to contact you by phone number")
    screenshot(resident, "referral", "2-widget-referred")
    sender = resident.evaluate("() => JSON.parse(sessionStorage.getItem('pathways.session'))")
    resident.context.close()

    with urllib.request.urlopen(f"{web.rasa}/conversations/{sender}/tracker?token=e2e-test-token", timeout=60) as r:
        stored = r.read().decode()
    assert "900789" not in stored and json.loads(stored)["slots"]["referral"] == "made"

    page.goto(f"{web.web}/coach")
    page.get_by_label("Staff name").fill(NAME)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#referrals-waiting")).to_contain_text("new referral")
    screenshot(page, "referral", "3-sessions-page", full_page=True)
    page.get_by_role("link", name="Open the referral inbox").click()
    expect(page.get_by_role("heading", name="Referrals")).to_be_visible()
    screenshot(page, "referral", "4-inbox", full_page=True)
    page.locator("tbody tr", has_text="New").last.get_by_role("link").click()
    expect(page.locator("#contact")).to_have_text(NUMBER)
    expect(page.get_by_role("heading", name="Their answers")).to_be_visible()
    expect(page.locator("dl.profile").last).to_contain_text("23")
    expect(page.locator("dl.profile").last).to_contain_text("Hackney")
    expect(page.locator("ol.cards h3")).to_have_text(routes)          # the routes the resident was shown
    page.get_by_role("button", name="Claim it").click()
    expect(page.locator("#status")).to_have_text(f"Claimed by {NAME}")
    screenshot(page, "referral", "5-referral-claimed", full_page=True)
    page.get_by_role("button", name="Mark as contacted").click()
    expect(page.locator("#status")).to_have_text(f"Contacted by {NAME}")
