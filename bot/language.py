"""A message written in another language gets an answer that says so, instead of being read as something else.

Pathways understands English only, for now; replies in other languages will come with reviewed translations.
Detection is offline: a message mostly in another script is another language whatever its length, and so is one
with accented Latin letters ("locuiesc în Harrow") that langdetect does not read as English; otherwise
langdetect's profiles, for messages long enough to tell, and only when few of the words are ones residents use in
English: the words of the NLU training data, learnt when the model is trained, so that
English typed briefly or badly ("me 23 year", "start over pls") is never taken for another language. The NLU
component that applies this is bot.rasa.components.OtherLanguage.
"""
from __future__ import annotations

import re
import unicodedata

OTHER_LANGUAGE = "other_language"
MIN_LETTERS = 12            # shorter messages in the Latin alphabet are too short for any detector to tell
MIN_OTHER_SCRIPT = 2        # letters of another script that make a message another language ("شكرا", "你好")
MIN_WORDS = 3
MAX_ENGLISH_SHARE = 0.25    # more words residents use in English than this and it is English, however it is spelt
LETTER = re.compile(r"[^\W\d_]")
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
LATIN = re.compile(r"[A-Za-z]")


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def detect(text: str, english: frozenset[str], entities: list[dict] | None = None) -> str | None:
    """The language code of a message in a language other than English, or None. `english`: words residents use
    in English (the training data's)."""
    letters = LETTER.findall(text)
    latin = sum(bool(LATIN.match(c)) for c in letters)
    if len(letters) - latin >= MIN_OTHER_SCRIPT and latin < len(letters) / 2:
        return _langdetect(text) or "xx"            # mostly another script: not English, however short
    said = words(text)
    covered = sum(e.get("end", 0) - e.get("start", 0) for e in entities or [])
    accented = sum(not c.isascii() and unicodedata.name(c, "").startswith("LATIN") for c in letters)
    # Letters English spelling doesn't use: "locuiesc în Harrow" (but not "Baccalauréat from Morocco", all vocabulary)
    if accented and len(said) >= 2 and covered <= len(text) / 3:
        found = _langdetect(text)
        if found and found != "en":
            return found
    if len(letters) < MIN_LETTERS or len(said) < MIN_WORDS:
        return None
    known = [w for w in said if w in english]
    if len(known) > MAX_ENGLISH_SHARE * len(said) or covered > len(text) / 3:
        return None
    found = _langdetect(text)
    return found if found and found != "en" else None


def _langdetect(text: str) -> str | None:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0                       # the same answer for the same message, every time
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return None
    return best.lang if best.prob >= 0.7 else None


def english_words(examples: list[tuple[str, str]]) -> frozenset[str]:
    """The words residents use in English: those of the training examples, (text, intent), not in other_language."""
    return frozenset(w for text, intent in examples if intent != OTHER_LANGUAGE for w in words(text))
