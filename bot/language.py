"""A message written in another language gets an answer that says so, instead of being read as something else.

Pathways understands English only, for now; replies in other languages will come with reviewed translations.
Detection is offline: a message mostly in another script is another language whatever its length, and so is one
with accented Latin letters ("locuiesc în Harrow") that langdetect does not read as English; otherwise
langdetect's profiles, for messages long enough to tell, and only when few of the words are ones residents use in
English: the words of the NLU training data, learnt when the model is trained, so that
English typed briefly or badly ("me 23 year", "start over pls") is never taken for another language. A message too
short for langdetect ("Tenho 40 anos", "Nie mam") is another language when most of its words are everyday words of
another language that English rarely uses (from wordfreq's lists, also worked out when the model is trained). The NLU
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
# A word is an everyday word of another language when it is among that language's TOP_WORDS and that much more common
# there than in English (zipf), which itself uses it rarely ("die", "man" and "kind" are English too).
TOP_WORDS, FOREIGN_LEAD, COMMON_IN_ENGLISH = 3000, 2.5, 4.0
MIN_FOREIGN_WORDS = 2       # one such word alone is often a greeting or a name ("salam alaikum")
LETTER = re.compile(r"[^\W\d_]")
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
LATIN = re.compile(r"[A-Za-z]")


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def detect(text: str, english: frozenset[str], entities: list[dict] | None = None,
           foreign: frozenset[str] = frozenset()) -> str | None:
    """The language code of a message in a language other than English ("xx" when it can't be told which), or
    None. `english`: words residents use in English (the training data's); `foreign`: everyday words of other
    languages (`foreign_words`)."""
    letters = LETTER.findall(text)
    latin = sum(bool(LATIN.match(c)) for c in letters)
    if len(letters) - latin >= MIN_OTHER_SCRIPT and latin < len(letters) / 2:
        return _langdetect(text) or "xx"            # mostly another script: not English, however short
    said = words(text)
    # Mostly words the gazetteer knows ("Baccalauréat from Morocco"): English, whatever the rest looks like.
    vocabulary = sum(e.get("end", 0) - e.get("start", 0) for e in entities or []) > len(text) / 3
    accented = sum(not c.isascii() and _latin(c) for c in letters)
    # Letters English spelling doesn't use: "locuiesc în Harrow" (but not "Baccalauréat from Morocco", all vocabulary)
    if accented and len(said) >= 2 and not vocabulary:
        found = _langdetect(text)
        if found and found != "en":
            return found
    if len(letters) < MIN_LETTERS or len(said) < MIN_WORDS:
        return None if vocabulary else _by_words(text, said, english, foreign)
    # A place or a qualification the gazetteer knows is a word residents use in English: "Chapel Market, Angel"
    named = set(words(" ".join(text[e.get("start", 0):e.get("end", 0)] for e in entities or [])))
    known = [w for w in said if w in english or w in named]
    if len(known) > MAX_ENGLISH_SHARE * len(said) or vocabulary:
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


def _by_words(text: str, said: list[str], english: frozenset[str], foreign: frozenset[str]) -> str | None:
    theirs = sum(w in foreign and w not in english for w in said)
    if theirs >= MIN_FOREIGN_WORDS and theirs * 2 >= len(said) and theirs > sum(w in english for w in said):
        return _langdetect(text) or "xx"
    return None


def foreign_words() -> frozenset[str]:
    """Everyday words of other languages in the Latin alphabet that English rarely uses ("tenho", "nie", "lat"),
    from wordfreq's lists; other scripts are told apart by their letters."""
    from wordfreq import available_languages, top_n_list, zipf_frequency

    out: set[str] = set()
    for lang in available_languages():
        if lang in ("en", "zh", "ja", "ko"):        # Chinese, Japanese and Korean need tokenisers wordfreq leaves out
            continue
        for w in top_n_list(lang, TOP_WORDS):
            if w in out or not w.isalpha() or not all(_latin(c) for c in w):
                continue
            in_english = zipf_frequency(w, "en")
            if in_english < COMMON_IN_ENGLISH and zipf_frequency(w, lang) - in_english >= FOREIGN_LEAD:
                out.add(w)
    return frozenset(out)


def _latin(c: str) -> bool:
    return unicodedata.name(c, "").startswith("LATIN")


def english_words(examples: list[tuple[str, str]]) -> frozenset[str]:
    """The words residents use in English: those of the training examples, (text, intent), not in other_language."""
    return frozenset(w for text, intent in examples if intent != OTHER_LANGUAGE for w in words(text))
