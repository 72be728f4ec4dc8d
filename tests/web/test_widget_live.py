"""The widget on the demo council page against the real Pathways (`python -m bot run` on free ports), in Chromium:
what a resident does, by typing, clicking and keyboard alone."""
from __future__ import annotations

import json
import urllib.request

from playwright.sync_api import expect

from tests.support.widget import LAUNCHER, axe_violations, no_horizontal_scroll, shot

TURN = 90_000       # ms: a turn on a shared, busy machine


def bot_said(page, text: str, times: int = 1) -> None:
    """Waits until Pathways has said `text` (a part of a message) `times` times."""
    expect(page.locator(".pw-msg--bot .pw-bubble", has_text=text)).to_have_count(times, timeout=TURN)


def type_message(page, text: str) -> None:
    page.get_by_label("Your message").fill(text)
    page.get_by_label("Your message").press("Enter")


def last_user_message(page):
    return page.locator(".pw-msg--user .pw-bubble").last


def from_the_borough_to_the_routes(page) -> None:
    """At the borough question: Hackney, none of the circumstances, lab work, and the routes shown."""
    type_message(page, "Hackney")
    bot_said(page, "Do any of these apply to you?")
    page.get_by_role("button", name="None of these").click()
    bot_said(page, "What kind of work interests you?")
    page.get_by_role("button", name="Working in a lab").click()
    bot_said(page, "What would you like to do next?")


def deleted_here_and_by_pathways(page, servers, session: str) -> None:
    """The widget says the conversation is deleted and keeps nothing of it; Pathways' tracker for that session holds no
    message from the resident."""
    expect(page.locator(".pw-msg--bot .pw-bubble", has_text="This conversation has been deleted, on this device "
                                                                 "too")).to_be_visible(timeout=TURN)
    assert page.evaluate("[sessionStorage.getItem('pathways.session'), sessionStorage.getItem('pathways.transcript')]") \
        == [None, None]
    with urllib.request.urlopen(f"{servers.rasa}/conversations/{session}/tracker?token=e2e-test-token",
                                timeout=30) as r:
        events = json.loads(r.read())["events"]
    assert not [e for e in events if e["event"] == "user"], events


def open_demo(page, web: str) -> None:
    page.goto(f"{web}/")
    page.get_by_role("button", name=LAUNCHER).click()
    expect(page.get_by_role("dialog", name="Pathways: training and jobs")).to_be_visible()
    bot_said(page, "How old are you?")


def test_a_resident_types_and_clicks_to_recommendation_cards_and_keeps_them_after_a_reload(page, servers):
    page.goto(f"{servers.web}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find training and jobs in life sciences")
    shot(page, "demo-page")
    page.get_by_role("button", name=LAUNCHER).click()
    expect(page.get_by_label("Your message")).to_be_focused()
    bot_said(page, "How old are you?")
    shot(page, "widget-first-question")

    type_message(page, "19")
    bot_said(page, "What's the highest qualification you have?")
    page.get_by_role("button", name="GCSEs", exact=True).click()
    expect(last_user_message(page)).to_have_text("GCSEs")                  # the button's title, not its payload
    bot_said(page, "Which London borough do you live in?")
    from_the_borough_to_the_routes(page)

    cards = page.locator(".pw-card")
    count = cards.count()
    assert 1 <= count <= 5
    for i in range(count):
        card = cards.nth(i)
        assert card.get_by_role("heading").inner_text().strip()
        facts = dict(zip(card.locator("dt").all_inner_texts(), card.locator("dd").all_inner_texts()))
        assert {"Run by", "Type of route", "Why it fits", "Next step", "Source"} <= facts.keys(), facts
        assert "_" not in facts["Type of route"]                         # a name from the knowledge base, not an id
    expect(page.locator("[aria-live=polite]")).to_contain_text(f"Pathways found {count} routes")
    page.locator(".pw-card").first.evaluate("card => card.scrollIntoView({block: 'start'})")
    shot(page, "recommendation-cards")
    assert axe_violations(page) == []

    # The council's employment team, from the page's config, reaches the bot as customData.
    page.get_by_role("button", name="Talk to a person").click()
    bot_said(page, "Example Works, call 020 7946 0000")
    messages = page.locator(".pw-msg").count()

    page.reload()
    expect(page.get_by_role("dialog", name="Pathways: training and jobs")).to_be_visible()   # still open
    expect(page.locator(".pw-msg")).to_have_count(messages)
    expect(page.locator(".pw-card")).to_have_count(count)
    # Rasa still knows this resident: a correction updates the answers instead of starting the questions.
    type_message(page, "sorry, I'm actually 27")
    bot_said(page, "I've updated your answers")
    shot(page, "after-reload")

    # Another tab (the next person at a library computer, once this one is closed) sees none of it.
    other = page.context.new_page()
    other.goto(f"{servers.web}/")
    other.get_by_role("button", name=LAUNCHER).click()
    bot_said(other, "How old are you?")
    expect(other.locator(".pw-msg--user")).to_have_count(0)
    other.close()


def test_keyboard_alone(page, servers):
    page.goto(f"{servers.web}/")
    for _ in range(30):                                          # Tab through the page to the launcher
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('pw-launcher')"):
            break
    else:
        raise AssertionError("Tab never reached the chat button")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Your message")).to_be_focused()
    launcher = page.locator(".pw-launcher")
    expect(launcher).to_have_attribute("aria-expanded", "true")
    bot_said(page, "How old are you?")

    # The answer buttons are just before the message box: Shift+Tab reaches them, Enter presses one.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("button", name="Rather not say")).to_be_focused()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineWidth")
    assert outline == "3px"                                       # the focus is visible
    shot(page, "keyboard-focus-on-an-answer")
    page.keyboard.press("Enter")
    expect(last_user_message(page)).to_have_text("Rather not say")
    expect(page.get_by_label("Your message")).to_be_focused()     # back at the box, not lost on the page
    bot_said(page, "What's the highest qualification you have?")
    page.keyboard.type("GCSEs")
    page.keyboard.press("Enter")
    bot_said(page, "Which London borough do you live in?")

    # Every control is reachable in order, from the top of the chat.
    page.get_by_role("button", name="Close the chat").focus()
    seen = []
    for _ in range(8):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("""(e => e.getAttribute('aria-label') || (e.labels && e.labels.length ?
            e.labels[0].textContent : e.textContent.trim()))(document.activeElement)"""))
    assert seen == ["Start again", "Forget me", "Conversation", "I live outside London", "Rather not say",
                    "Why do you ask?", "Your message", "Send"], seen

    page.get_by_label("Your message").focus()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Your message")).to_be_focused()
    bot_said(page, "Which London borough do you live in?")          # the conversation is still there


def test_axe_finds_no_violations_with_the_widget_open(page, servers):
    open_demo(page, servers.web)
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)


def test_start_again_then_forget_me(page, servers):
    open_demo(page, servers.web)
    type_message(page, "30")
    bot_said(page, "What's the highest qualification you have?")
    page.get_by_role("button", name="Start again").click()
    expect(last_user_message(page)).to_have_text("Start again")
    bot_said(page, "I've cleared your answers")
    bot_said(page, "How old are you?", times=2)
    session = page.evaluate("JSON.parse(sessionStorage.getItem('pathways.session'))")
    assert session

    page.get_by_role("button", name="Forget me").click()
    yes = page.get_by_role("button", name="Yes, delete it")
    expect(yes).to_be_focused()
    shot(page, "forget-me-confirm")
    page.keyboard.press("Enter")
    deleted_here_and_by_pathways(page, servers, session)
    page.reload()
    expect(page.locator(".pw-msg")).to_have_count(0)


def test_delete_my_data_typed_asks_first_then_its_yes_deletes_here_and_on_this_device(page, servers):
    open_demo(page, servers.web)
    type_message(page, "30")
    bot_said(page, "What's the highest qualification you have?")
    type_message(page, "delete my data")
    bot_said(page, "Do you want me to delete this conversation")
    shot(page, "delete-my-data-typed-question")
    page.locator(".pw-reply", has_text="No, keep it").click()
    bot_said(page, "OK, I haven't deleted anything")
    session = page.evaluate("JSON.parse(sessionStorage.getItem('pathways.session'))")
    type_message(page, "delete my data")
    bot_said(page, "Do you want me to delete this conversation", times=2)
    page.locator(".pw-reply", has_text="Yes, delete it").last.click()
    deleted_here_and_by_pathways(page, servers, session)


def test_the_demo_page_fits_a_320_pixel_phone(browser, servers):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"{servers.web}/")
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") == 0
    open_demo(page, servers.web)
    assert no_horizontal_scroll(page) == {"page": 0, "panel": 0, "wider": []}
    shot(page, "phone-320-first-question")
    context.close()


def at_the_borough_question(page, web: str, age: str = "19") -> None:
    """A resident of `age` with GCSEs, asked where they live."""
    open_demo(page, web)
    type_message(page, age)
    bot_said(page, "What's the highest qualification you have?")
    page.get_by_role("button", name="GCSEs", exact=True).click()
    bot_said(page, "Which London borough do you live in?")


def test_a_postcode_district_across_boroughs_is_asked_about_with_its_boroughs_as_buttons(page, servers):
    at_the_borough_question(page, servers.web)
    type_message(page, "n1")
    bot_said(page, "The N1 postcode area covers parts of Islington and Hackney")
    shot(page, "widget-postcode-district")
    page.get_by_role("button", name="Hackney", exact=True).click()
    expect(last_user_message(page)).to_have_text("Hackney")
    bot_said(page, "Do any of these apply to you?")


def test_a_postcode_district_mostly_in_one_borough_is_noted_and_the_resident_told(page, servers):
    at_the_borough_question(page, servers.web)
    type_message(page, "E15")
    bot_said(page, "Most of the E15 postcode area is in Newham, so I've noted Newham.")
    bot_said(page, "Do any of these apply to you?")
    page.locator(".pw-msg--bot .pw-bubble", has_text="Most of the E15").scroll_into_view_if_needed()
    shot(page, "widget-postcode-mostly")


def test_a_why_not_that_corrects_an_answer_changes_it_and_shows_the_routes_again(page, servers):
    """"why no T level for me? is it cause I'm 20": the reason is given for 20, and the cards are the new list."""
    at_the_borough_question(page, servers.web, "30")
    from_the_borough_to_the_routes(page)
    expect(page.locator(".pw-cards")).to_have_count(1)
    type_message(page, "why no T level for me? is it cause I'm 20")
    bot_said(page, "Thanks, I've updated your answers.")
    bot_said(page, "you're 20")
    bot_said(page, "What would you like to do next?", times=2)
    expect(page.locator(".pw-cards")).to_have_count(2)                    # the list again, for the new answers
    page.locator(".pw-msg--bot .pw-bubble", has_text="you're 20").first.scroll_into_view_if_needed()
    shot(page, "widget-why-not-with-a-correction")


def test_a_correction_that_asks_which_place_asks_that_alone(page, servers):
    """"bromley or croydon, one of them" after the routes: one question, and the routes stay as they were until the
    answer comes (the same five again would push the question out of sight)."""
    at_the_borough_question(page, servers.web)
    from_the_borough_to_the_routes(page)
    expect(page.locator(".pw-cards")).to_have_count(1)
    type_message(page, "bromley or croydon, one of them")
    bot_said(page, "You mentioned Bromley and Croydon. Which borough do you live in?")
    expect(page.locator(".pw-cards")).to_have_count(1)
    expect(page.locator(".pw-msg--bot .pw-bubble", has_text="didn't catch")).to_have_count(0)
    shot(page, "widget-correction-asks-which-place")
    type_message(page, "Croydon")
    bot_said(page, "Thanks, I've updated your answers.")
    expect(page.locator(".pw-cards")).to_have_count(2)
