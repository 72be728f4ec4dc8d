"""The widget without Rasa: hostile content from a stand-in bot, an unreachable bot, a "Forget me" that fails, narrow
screens. Fast: only the web front and a small socket.io server run."""
from __future__ import annotations

from urllib.parse import urlencode

from playwright.sync_api import expect

from bot.process import free_port
from tests.support.widget import LAUNCHER, no_horizontal_scroll, shot
from tests.web.fake_bot import ATTACK


def open_test_page(page, web: str, bot_url: str, fake_bot: str) -> None:
    """A council's page (served by the stand-in bot) with the widget from the web front, talking to `bot_url`."""
    page.goto(f"{fake_bot}/council?" + urlencode({"web": web, "bot": bot_url}))
    page.get_by_role("button", name=LAUNCHER).click()


def test_html_from_the_resident_and_the_bot_is_shown_as_text(page, web_front, fake_bot):
    open_test_page(page, web_front, fake_bot, fake_bot)
    page.get_by_label("Your message").fill("<img src=x onerror=alert(1)>")
    page.keyboard.press("Enter")
    expect(page.locator(".pw-card")).to_have_count(3)
    log = page.locator(".pw-log")
    expect(log.locator(".pw-msg--user .pw-bubble")).to_have_text("<img src=x onerror=alert(1)>")
    expect(log.locator(".pw-msg--bot .pw-bubble").nth(1)).to_have_text(f"Text: {ATTACK}")
    expect(page.get_by_role("button", name=f"Button {ATTACK}")).to_be_visible()
    card = page.locator(".pw-card").first
    expect(card.get_by_role("heading")).to_have_text(f"Title {ATTACK}")
    for text in (f"Provider {ATTACK}", f"Why {ATTACK}", f"Source {ATTACK}"):
        expect(card).to_contain_text(text)
    # Nothing the bot or the resident sent became an element, ran, or became a javascript: link.
    assert page.locator(".pw-root img, .pw-root script, .pw-root b").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert card.locator("a").count() == 1                        # the web address in the next step, as text+link
    assert card.locator("a").get_attribute("href").startswith("https://example.org/")
    expect(page.locator(".pw-card").nth(1).get_by_role("link", name="Find out more about A route with a real link"
                                                                       " (opens in a new tab)")).to_be_visible()
    card.evaluate("card => card.scrollIntoView({block: 'start'})")
    shot(page, "hostile-content-shown-as-text")


def test_the_cards_fit_a_320_pixel_phone_and_400_percent_zoom(browser, web_front, fake_bot):
    # 400% zoom of a 1280 x 1024 screen is 320 x 256 CSS pixels.
    for name, size in (("phone-320", {"width": 320, "height": 640}), ("zoom-400", {"width": 320, "height": 256})):
        context = browser.new_context(viewport=size)
        page = context.new_page()
        open_test_page(page, web_front, fake_bot, fake_bot)
        page.get_by_label("Your message").fill("hello")
        page.keyboard.press("Enter")
        expect(page.locator(".pw-card")).to_have_count(3)
        overflow = no_horizontal_scroll(page)
        assert overflow == {"page": 0, "panel": 0, "wider": []}, (name, overflow)
        page.get_by_label("Your message").scroll_into_view_if_needed()
        expect(page.get_by_label("Your message")).to_be_in_viewport()
        page.locator(".pw-card").first.scroll_into_view_if_needed()
        shot(page, f"cards-{name}")
        context.close()


def test_an_unreachable_bot_gets_a_clear_message_with_a_phone_number(page, web_front, fake_bot):
    open_test_page(page, web_front, f"http://127.0.0.1:{free_port()}", fake_bot)      # nothing listens there
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("the chat is not working", timeout=30_000)
    expect(alert).to_contain_text("0800 100 900")
    expect(alert).to_contain_text("Test Works on 020 7946 0999")
    expect(page.locator(".pw-typing")).to_be_hidden()
    shot(page, "bot-unreachable")


def test_a_route_to_check_first_says_so_on_its_card_and_the_others_do_not(page, web_front, fake_bot):
    open_test_page(page, web_front, fake_bot, fake_bot)
    page.get_by_label("Your message").fill("hello")
    page.keyboard.press("Enter")
    cards = page.locator(".pw-card")
    expect(cards).to_have_count(3)
    expect(cards.nth(2).locator(".pw-card__check")).to_have_text("Check first: see the \u201cCheck\u201d lines below")
    expect(cards.nth(0).locator(".pw-card__check")).to_have_count(0)
    expect(cards.nth(1).locator(".pw-card__check")).to_have_count(0)
    cards.nth(2).evaluate("card => card.scrollIntoView({block: 'start'})")
    shot(page, "card-check-first")


def stored(page) -> dict:
    return page.evaluate("({session: JSON.parse(sessionStorage.getItem('pathways.session')),"
                         " transcript: sessionStorage.getItem('pathways.transcript')})")


def forget_me(page) -> None:
    page.get_by_role("button", name="Forget me").click()
    page.get_by_role("button", name="Yes, delete it").click()


def test_a_failed_forget_me_says_so_and_pressing_it_again_reaches_the_same_conversation(page, web_front, fake_bot):
    open_test_page(page, web_front, fake_bot, fake_bot)
    expect(page.locator(".pw-msg--bot .pw-bubble")).to_have_text(["Hello. Type anything."])
    session = stored(page)["session"]
    assert session

    forget_me(page)                         # the stand-in answers as the channel does when the deletion fails
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Sorry, Pathways could not delete this conversation, so it still has your answers.")
    expect(alert).to_contain_text("Please press Forget me again in a minute.")
    expect(page.locator(".pw-msg")).to_have_count(0)                    # this device has forgotten what was said
    expect(page.get_by_text("has been deleted")).to_have_count(0)
    assert stored(page) == {"session": session, "transcript": None}    # kept, to delete it when asked again
    shot(page, "forget-me-failed")

    forget_me(page)                         # the same session again: this time the stand-in confirms
    expect(page.locator(".pw-msg--bot .pw-bubble")).to_have_text(
        ["This conversation has been deleted, on this device too. You can start a new one by typing below."])
    expect(alert).to_be_hidden()
    assert stored(page) == {"session": None, "transcript": None}
    shot(page, "forget-me-deleted")
