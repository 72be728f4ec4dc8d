"""What the guard takes out of a message before Rasa sees it (bot/pii.py), and what it leaves."""
from __future__ import annotations

import pytest

from bot import pii


@pytest.mark.parametrize("text, kept", [
    ("call me on 07700 900123 im 19", "call me on [phone number] im 19"),
    ("my number is 020 7946 0000.", "my number is [phone number]."),
    ("+44 7911 123456", "[phone number]"),
    ("ring (020) 7946-0000 after 5", "ring [phone number] after 5"),
    ("07911123456", "[phone number]"),
    ("email jo.bloggs+jobs@example.co.uk ta", "email [email address] ta"),
    ("my NI is AB 12 34 56 C", "my NI is [National Insurance number]"),
    ("ni number jk123456a", "ni number [National Insurance number]"),
    ("card 4111 1111 1111 1111 exp 12/27", "card [card number] exp 12/27"),
    ("5500-0000-0000-0004", "[card number]"),
    ("I live at E17 4QX", "I live at [postcode in Waltham Forest]"),
    ("e174qx hackney", "[postcode in Waltham Forest] hackney"),
    ("SW1A 1AA and 07700 900123, jo@example.com", "[postcode in Westminster] and [phone number], [email address]"),
    ("m1 1ae", "[postcode outside London]"),
])
def test_personal_data_becomes_a_marker(use_kb, text, kept):
    assert pii.scrub(text).text == kept


def test_a_postcode_that_does_not_exist_is_left_to_be_named(use_kb):
    assert pii.scrub("ZZ9 9ZZ") == pii.Scrubbed("ZZ9 9ZZ", ())


def test_a_postcode_is_never_kept_when_the_knowledge_base_cannot_say(monkeypatch, tmp_path):
    monkeypatch.setenv("PATHWAYS_DB_URL", f"sqlite:///{tmp_path / 'missing.db'}")
    assert pii.scrub("I live at E17 4QX").text == "I live at [postcode]"


@pytest.mark.parametrize("text", [
    "I'm 19 with 5 GCSEs", "I live in E17", "I earn 25000 a year since 2019", "I worked 2015-2018",
    "level 3 120 credits", "year 11 2022", "12345678", "born 12/03/2001", "4111 1111 1111 1112",
    "ZZ 12 34 56 A", "nvq level 2 in hackney", "I'm a single mum of 2 on UC", "W1",
])
def test_what_is_deliberately_left(use_kb, text):
    assert pii.scrub(text) == pii.Scrubbed(text, ())


def test_found_says_what_and_where_in_text_order():
    s = pii.scrub("jo@example.com or 07700 900123")
    assert [(f.kind, f.text) for f in s.found] == [("email", "jo@example.com"), ("phone", "07700 900123")]
    assert s.kinds == {"email", "phone"}


def test_the_contact_is_the_first_phone_or_email_in_a_form_a_person_uses():
    assert pii.contact(pii.scrub("AB123456C then +447911123456").found) == ("phone", "07911 123456")
    assert pii.contact(pii.scrub("+33 1 42 68 53 00").found) == ("phone", "+33 1 42 68 53 00")
    assert pii.contact(pii.scrub("Jo@Example.com").found) == ("email", "Jo@Example.com")
    assert pii.contact(pii.scrub("AB123456C and jo").found) is None


def test_metadata_is_scrubbed_inside_dicts_and_lists_and_keys_are_kept():
    value, found = pii.scrub_value({"council": {"name": "Hackney"}, "note": ["call 07700 900123"], "n": 3})
    assert value == {"council": {"name": "Hackney"}, "note": ["call [phone number]"], "n": 3}
    assert [f.kind for f in found] == ["phone"]


def test_a_stored_marker_is_recognised():
    assert pii.has_marker("I live at [postcode in Hackney]") and pii.has_marker("I live at [postcode]") and pii.has_marker("[phone number]")
    assert not pii.has_marker("I live in [Hackney]")


@pytest.mark.parametrize("digits, ok", [("4111111111111111", True), ("4111111111111112", False),
                                        ("79927398713", True), ("79927398710", False)])
def test_luhn(digits, ok):
    assert pii.luhn(digits) == ok
