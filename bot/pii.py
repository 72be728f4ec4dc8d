"""Personal data a resident types without being asked, found and replaced by markers before a message reaches Rasa
(the channels in bot/rasa/channels.py call scrub()). Plain Python: it moves with the guards if Rasa goes.

Removed: phone numbers (Google's libphonenumber rules, UK by default), e-mail addresses, National Insurance
numbers, payment card numbers (13 to 19 digits passing the Luhn check) and full postcodes. Deliberately left:
outward codes alone ("E17": an area, which the borough question needs), ages and other short numbers, names and
street addresses (no reliable pattern; the widget asks residents not to type them).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import phonenumbers

from knowledge import postcodes

PHONE, EMAIL, NI_NUMBER, CARD, POSTCODE = "phone", "email", "ni_number", "card", "postcode"
MARKERS = {PHONE: "[phone number]", EMAIL: "[email address]", NI_NUMBER: "[National Insurance number]",
           CARD: "[card number]"}
CONTACTS = (PHONE, EMAIL)              # what the hand-off can use to reach a resident

_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_CARD = re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")
# A phone number is one libphonenumber knows is valid, or any possible one of 10 digits or more (a UK number with
# its 0, in a range it does not list, such as Ofcom's drama numbers); shorter ones are years, amounts, credits.
# HMRC's format: two letters (never D, F, I, Q, U or V; O never second; not the pairs below), six digits, an
# optional A to D; people type it with or without spaces.
_NI = re.compile(r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]?\b",
                 re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    kind: str
    start: int
    end: int
    text: str              # as typed: only the hand-off's contact is ever kept, and never in the conversation


@dataclass(frozen=True)
class Scrubbed:
    text: str
    found: tuple[Found, ...]

    @property
    def kinds(self) -> set[str]:
        return {f.kind for f in self.found}


def luhn(digits: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _phones(text: str) -> list[Found]:
    return [Found(PHONE, m.start, m.end, m.raw_string) for m in phonenumbers.PhoneNumberMatcher(
                text, "GB", leniency=phonenumbers.Leniency.POSSIBLE)
            if phonenumbers.is_valid_number(m.number) or len(re.sub(r"\D", "", m.raw_string)) >= 10]


def _candidates(text: str) -> list[Found]:
    """Every match of every kind, the kinds in order of precedence where they overlap."""
    out = [Found(EMAIL, m.start(), m.end(), m.group()) for m in _EMAIL.finditer(text)]
    out += [Found(CARD, m.start(), m.end(), m.group()) for m in _CARD.finditer(text)
            if luhn(re.sub(r"\D", "", m.group()))]
    out += [Found(NI_NUMBER, m.start(), m.end(), m.group()) for m in _NI.finditer(text)]
    out += _phones(text)
    out += [Found(POSTCODE, start, end, code) for start, end, code in postcodes.full_postcodes(text)
            if postcodes.marker(code)]                 # one that does not exist is left, to be named
    return out


def scrub(text: str) -> Scrubbed:
    """The text with each piece of personal data replaced by its marker, and what was found (in text order)."""
    kept: list[Found] = []
    for f in _candidates(text):
        if not any(f.start < k.end and k.start < f.end for k in kept):
            kept.append(f)
    kept.sort(key=lambda f: f.start)
    parts, at = [], 0
    for f in kept:
        parts += [text[at:f.start], postcodes.marker(f.text) if f.kind == POSTCODE else MARKERS[f.kind]]
        at = f.end
    return Scrubbed("".join(parts) + text[at:], tuple(kept))


def gives_a_contact(text: str) -> bool:
    """True when `text` holds a phone number or an email address, or the marker that took its place. Only those two
    are looked for: it runs on messages the NLU reads, where a postcode's lookup would be a database query."""
    return any(MARKERS[k] in text for k in CONTACTS) or bool(_EMAIL.search(text) or _phones(text))


def scrub_value(value: Any) -> tuple[Any, list[Found]]:
    """Every string inside a JSON-like value (a message's metadata) scrubbed; keys are kept as they are."""
    if isinstance(value, str):
        s = scrub(value)
        return s.text, list(s.found)
    if isinstance(value, dict):
        found: list[Found] = []
        out = {}
        for k, v in value.items():
            out[k], f = scrub_value(v)
            found += f
        return out, found
    if isinstance(value, list):
        pairs = [scrub_value(v) for v in value]
        return [v for v, _ in pairs], [f for _, fs in pairs for f in fs]
    return value, []


def contact(found: tuple[Found, ...] | list[Found]) -> tuple[str, str] | None:
    """The first phone number or e-mail address found, as (kind, value) in a form a person can use: a UK number
    as it is dialled here ("07700 900123"), others in international form."""
    for f in found:
        if f.kind == EMAIL:
            return EMAIL, f.text
        if f.kind == PHONE:
            number = phonenumbers.parse(f.text, "GB")
            style = (phonenumbers.PhoneNumberFormat.NATIONAL if number.country_code == 44
                     else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
            return PHONE, phonenumbers.format_number(number, style)
    return None


def has_marker(text: str) -> bool:
    """A stored message that had personal data taken out (so the resident has already been told)."""
    return any(m in text for m in MARKERS.values()) or "[postcode" in text
