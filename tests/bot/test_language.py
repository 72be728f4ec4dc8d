"""A message in another language is recognised offline, and short or broken English never is."""
from __future__ import annotations

from functools import lru_cache

import pytest

from bot.language import detect, foreign_words

ENGLISH = frozenset("i im am a the my in and want work job lab hospital english is not good speak little me year "
                    "old from live start over please stop pause come back later".split())


@pytest.mark.parametrize("text", ["buenos días, quiero trabajar en un laboratorio en Londres",
                                  "dzień dobry, szukam pracy w szpitalu, proszę o pomoc",
                                  "مرحبا، أبحث عن عمل في مستشفى",
                                  "আমি লন্ডনে কাজ খুঁজছি, সাহায্য করুন",
                                  "bonjour, je cherche une formation pour travailler à l'hôpital"])
def test_other_languages_are_recognised(text):
    assert detect(text, ENGLISH)


@pytest.mark.parametrize("text", ["شكرا", "你好", "ਧੰਨਵਾਦ", "Спасибо", "ευχαριστώ 30"])
def test_a_short_message_in_another_script_is_another_language(text):
    assert detect(text, ENGLISH)


@pytest.mark.parametrize("text", ["me 23 year old", "start over please", "my english is not good", "hackny",
                                  "i want work in hospital", "salam alaikum", "pause, come back later",
                                  "Walthamstow, Leytonstone", "José, 34", "café work 😀"])
def test_short_or_broken_english_is_english(text):
    assert detect(text, ENGLISH) is None


@pytest.mark.parametrize("text", ["Am 29 de ani și locuiesc în Harrow", "Bună ziua", "Dzień dobry"])
def test_a_short_latin_message_with_letters_english_does_not_use_is_another_language(text):
    assert detect(text, ENGLISH)


@pytest.mark.parametrize("text", ["I did my baccalauréat in France", "my name is José and I'm 23",
                                  "I worked in a café for two years"])
def test_an_english_message_with_an_accented_word_is_english(text):
    assert detect(text, ENGLISH) is None


def test_an_accented_answer_the_gazetteer_knows_is_english():
    text = "Baccalauréat from Morocco"
    assert detect(text, ENGLISH, [{"start": 0, "end": 12}, {"start": 18, "end": 25}]) is None


def test_a_place_the_gazetteer_knows_counts_as_english_and_a_sentence_around_one_does_not():
    assert detect("Chapel Market, Angel", ENGLISH, [{"start": 15, "end": 20}]) is None
    assert detect("vivo con mi familia cerca de Hackney desde hace tiempo", ENGLISH, [{"start": 29, "end": 36}])


@lru_cache(maxsize=None)
def foreign() -> frozenset[str]:
    return foreign_words()


@pytest.mark.parametrize("text", ["Tenho 40 anos", "Mam 30 lat", "Nie mam"])
def test_a_message_too_short_for_langdetect_in_everyday_words_of_another_language(text):
    assert detect(text, ENGLISH) is None            # too short to tell by letters alone
    assert detect(text, ENGLISH, foreign=foreign())


@pytest.mark.parametrize("text", ["me 23 year old", "salam alaikum", "José, 34", "nah mate", "im nineteen",
                                  "Ilford", "ja", "uni grad", "hiya"])
def test_short_english_with_a_word_of_another_language_is_english(text):
    assert detect(text, ENGLISH, foreign=foreign()) is None


def test_english_words_residents_use_outweigh_the_lists():
    english = ENGLISH | {"nie", "mam"}               # residents wrote them in English training examples
    assert detect("Nie mam", english, foreign=foreign()) is None
