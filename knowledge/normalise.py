"""Turn what a resident typed into canonical values, or an error that says what to ask next.

Matching is spaCy's PhraseMatcher on lower-cased tokens, with the patterns generated from knowledge/data; small
typos ("hackny") fall back to a close-match search over the same phrases.
"""
from __future__ import annotations

import calendar
import difflib
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from knowledge import config, postcodes
from knowledge.catalogue import load_programmes
from knowledge.errors import AmbiguousInput, FromAbroad, InputError, KnowledgeBaseUnavailable
from knowledge.gazetteer import AMBIGUOUS, OUTSIDE_LONDON, Pattern, patterns, shared_tokenizer
from knowledge.profile import UNKNOWN_LEVEL
from knowledge.rules import SCHOOL_LEAVING_AGE
from knowledge.vocab import LEVEL_IDS, Vocabulary, cities_only, countries, everyday_english, load_vocabulary

MIN_AGE, MAX_AGE = 0, 120
PROFILE_LABELS = ("borough", "qualification", "barrier", "interest")
_LISTED = {"barriers": "barrier", "interests": "interest"}     # questions answered from a list, and their labels
_WHERE = {"from", "in", "at", "of", "frm", "uni"}         # before a city abroad: "university of lagos", "uni lagos"
_STOPS = {",", ".", ";", ":", "!", "?", "(", ")"}       # a typo search never reads across these
MAX_FUZZY_WORDS = 6        # typo matching only for short answers, where a near miss is most likely meant
MAX_APART_WORDS = 4        # a place typed as several words ("hack knee") only in an answer that is little else
_NEGATIONS = {"no", "not", "never", "without", "n't", "dont", "don't", "isn't", "aren't", "haven't", "havent",
              "nor", "neither"}
_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1}
_AGE_AFTER = {"years", "year", "yrs", "yr", "yo", "y/o"}       # "19 years old"
_SEX = {"m", "f", "male", "female"}                             # "24 f, hackney": how people give an age online
_FILLERS = {"actually", "now", "really", "just", "only", "nearly", "almost", "about", "like", "literally"}
_AGE_BEFORE = {"i'm", "im", "am", "aged", "age", "'m", "turned", "turning", "me", "meant", "mean"}  # "I'm 19"
_ORDINAL = {"st", "nd", "rd", "th"}
_CORRECTING = {"mean", "meant", "sorry", "wait", "oops", "actually", "correction"}   # "42 sorry i mean 24"
_PLAIN_NO = {"no", "nope", "nah", "na"}                     # a no to "do you have a UK ENIC statement?"
_NOT_AN_AGE = {"for", "since", "in", "of", "about", "than", "after", "at"}   # "unemployed for 3 years", "left at 16"
_WILL_BE = {"be", "turning", "turn", "nearly", "almost"}                            # "I'll be 25 next month" is 24 now
_SOON = {"next", "on", "soon", "tomorrow", "this", "in"}           # "18 on Tuesday", "20 in March"
# What follows those for an age to come: a time ("30 in hackney" and "47 on universal credit" are ages now).
_WHEN = {*(m.lower() for m in (*calendar.month_name, *calendar.month_abbr) if m),
         *(d.lower() for d in (*calendar.day_name, *calendar.day_abbr)), "sept", "tues", "thurs",
         "week", "weeks", "month", "months", "year", "weekend", "summer", "spring", "autumn", "winter", "birthday",
         "my", "few", "couple"}
_NUMBER_WORDS = [*_UNITS, *_TENS]
# Words a typo search would misread as numbers.
_LOOK_LIKE_NUMBERS = {"there", "these", "their", "first", "third", "fifth", "sixth", "eighth", "ninth", "tenth"}
_SCHOOL_YEAR = {"year", "yr", "y"}                                 # "year 11", "yr 11", "y11"
_LEFT_SCHOOL = {"left", "dropped", "quit", "finished", "was", "out", "leave", "excluded", "expelled", "stopped",
                "bunked", "skipped"}                                            # not now: "stopped going in year 10"
# A pupil's age by the end of their school year, which England's post-16 choices are planned on: Year N is N + 5.
_YEAR_TO_AGE = 5


# "who", "which", "where" and "when" also join clauses ("I care for my dad who has dementia"): they ask only where a
# clause starts with them. "I don't know how to use email" tells, it does not ask.
# "what" after "from", "after", "since", "of" or "like" starts a clause, not a question: "PTSD from what happened back
# home", "research like what they do at the crick". "should have said, I have a conviction" and "did time for robbery"
# tell, and so do "would rather not give my area" and "should mention I'm autistic".
_QUESTION = re.compile(r"\?|\b(?<!know )(?<!knw )(?<!dunno )(?<!idea )(?<!from )(?<!after )(?<!since )(?<!of )(?<!like )"
                       r"(?<!ignore )(?<!forget )(?<!scrap )"          # "ignore what i said, none of them apply"
                       r"(?<!say )"                                     # "i don't want to say how old i am"
                       r"(what|whats|what's|how)\b|\b(why|whereabouts)\b|"
                       r"(^|[,.;:!]|\b(and|but|so|ok|okay|also|then|me|know|wonder|wondering))\s*(which|who|where|when)\b|"
                       r"^\s*(can|do|does|is|are|will|"
                       r"(?:could|would|should)(?!\s+(?:have|of|'ve|rather|prefer|mention|add)\b)|"
                       r"did(?!\s+(a|an|the|my|some|all|both|one|two|time|\d+)\b))\b|"
                       r"\b(are they|is it|can i|do i|do they|am i)\b", re.I)


# None of the circumstances, said by name or as "nothing applies" among other answers (the whole-message "none" is
# `answer`'s): "21, A levels, Ealing, nothing applies, into computers/data".
_NO_CIRCUMSTANCES = re.compile(r"\b(?:no|none\s+of\s+(?:the|those|these|them|ur|your|yr))\s+(?:\w+\s+)?"
                               r"(?:barriers?|circumstances)\b|"
                               r"\b(?:nothing|none(?:\s+of\s+(?:the|them|these|those|that)(?:\s+\w+){0,2})?)\s+"
                               r"(?:really\s+)?appl(?:y|ies)\b", re.I)


# "what's the point" asks why a question is asked only when it says of what: "whats the point of this question"
_POINTLESS = re.compile(r"\bwhat[’']?s\s+the\s+point\b(?!\s+(?:of|in)\s+(?:this|these|that|those|asking|the|my|your|"
                        r"you|giving|answering|telling|knowing|having|it\b(?!\s+all)))", re.I)
_LAUGHING = re.compile(r"(?:\s+(?:lol|lmao|haha+|hehe+|xd))+\W*$", re.I)     # "nothing lol": nothing


_WHICH_WORK = re.compile(r"\b(?:what|which)\s+(?:kind\s+of\s+|type\s+of\s+|sort\s+of\s+|line\s+of\s+)?"
                         r"(?:job|jobs|work|career|field)\b", re.I)


def about_which_work(text: str) -> bool:
    """The message speaks of which work ("what job", "what kind of work"): a "not sure" in it is said of the work
    itself ("no clue what job i want"), and answers the interests question at any question. (Not knowing at the
    interests question itself is `Normaliser.unsure_of_the_work`.)"""
    return bool(_WHICH_WORK.search(text))


def is_question(text: str) -> bool:
    """A message asking something ("what's a T Level?", "apprenticeships, are they only for young people"): a value
    named in a question is not the resident's answer."""
    return bool(_QUESTION.search(text))


@dataclass(frozen=True)
class Match:
    label: str
    id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Place:
    borough: str | None          # canonical name when in London
    outside_london: bool
    note: str = ""               # what the resident is told about how it was read


class Normaliser:
    """Normalisers for one data directory; build once, reuse (matching is then microseconds)."""

    def __init__(self, vocab: Vocabulary, pats: list[Pattern]):
        self.vocab = vocab
        self._ambiguous = {t.id: t for t in vocab.ambiguous_levels}
        self._enic = next((t for t in vocab.ambiguous_levels if t.enic), None)
        self.countries = set(countries(vocab)) if self._enic else set()
        self.cities = cities_only(vocab) if self._enic else frozenset()   # exact names only, after "from", "in"...
        self.nlp = shared_tokenizer()
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.by_label: dict[str, dict[str, str]] = {}       # label -> phrase -> id
        grouped: dict[str, list[Doc]] = {}
        for p in pats:
            key = f"{p.label}|{p.id}"
            grouped.setdefault(key, []).append(self.nlp.make_doc(p.phrase))
            self.by_label.setdefault(p.label, {})[p.phrase] = p.id
        for key, docs in grouped.items():
            self.matcher.add(key, docs)
        self.exact = {p.phrase for p in pats}
        self.landmarks = {n.lower() for b in vocab.boroughs for mark in b.landmarks for n in mark.names}
        self.english = everyday_english()
        self._broad_phrases = {t.id: t.broad for t in vocab.interests if t.broad}
        self._any_work = {p for t in vocab.interests for p in t.any_work}
        self._capital_words = {w for t in vocab.interests for w in t.capitals}
        self._replaced = {t.id: set(t.replaces) for t in vocab.barriers if t.replaces}
        self._ends = {t.id for t in vocab.barriers if not t.past_counts}
        self._at_question = [(tuple(t.lower_ for t in self.doc(w)), b.id)
                             for b in vocab.barriers for w in b.at_question]
        self._joined = {label: {p.replace(" ", ""): i for p, i in phrases.items()}     # for `heard_apart`
                        for label, phrases in self.by_label.items()}
        self.signs = {label: [(t.id, [tuple(_SignGroup.of(g) for g in sign) for sign in t.signs])
                              for t in terms if t.signs]
                      for label, terms in (("barrier", vocab.barriers), ("interest", vocab.interests))}

    # --- matching -------------------------------------------------------------------------------------------
    def doc(self, text: str) -> Doc:
        return self.nlp.make_doc(" ".join(_untied(str(text)).split()))

    def matches(self, doc: Doc, label: str | None = None) -> list[Match]:
        """Longest non-overlapping matches (per label when one is given), in text order."""
        found = []
        for match_id, start, end in self.matcher(doc):
            lab, _, mid = self.nlp.vocab.strings[match_id].partition("|")
            if (label is None or lab == label) and not self._a_city_by_chance(doc, start, end) \
                    and not _part_of_a_word(doc, end) and not (lab == "interest" and _personal_data(doc, start, end)) \
                    and not (lab == "qualification"
                             and (_a_levels_number(doc, start) or _as_in_a_level(doc, start, end))):
                found.append(Match(lab, mid, start, end, doc[start:end].text))
        return _longest(found)

    def _a_city_by_chance(self, doc: Doc, start: int, end: int) -> bool:
        """A city abroad's name not after "from", "in", "at" or "of": "a perm job" is no qualification from Perm."""
        return doc[start:end].text.lower() in self.cities and (start == 0 or doc[start - 1].lower_ not in _WHERE)

    def fuzzy(self, doc: Doc, label: str, cutoff: float = 0.85) -> list[Match]:
        """Close matches for typos ("hackny", "tower hamlts") in short answers: runs of 1-3 words against the
        label's phrases of the same length. A typo rarely changes the first letter of a word, so those must agree;
        this keeps "parking" from becoming Barking, "dealing" from becoming Ealing and "levels live" from becoming
        "level five"."""
        phrases = self.by_label.get(label, {})
        words = [t for t in doc if t.is_alpha or t.like_num]
        if sum(len(t) > 1 for t in words) > MAX_FUZZY_WORDS:        # "i m a carrer for my dad" is short
            return []
        best: dict[int, tuple[float, Match]] = {}
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                if any(t.text in _STOPS for t in doc[words[i].i:words[i + n - 1].i]):  # "a levels, live"
                    continue
                if any(t.text.isalnum() and t not in words[i:i + n] for t in doc[words[i].i:words[i + n - 1].i]):
                    continue        # "functional skills L2 maths" is no typo of "functional skills maths"
                run = " ".join(t.lower_ for t in words[i:i + n])
                if len(run) < 5 or (run in self.exact and run not in phrases):     # a phrase of another kind:
                    continue                                                          # Kingston, not Kingstown
                digits = [c for c in run if c.isdigit()]
                initials = [w[0] for w in run.split()]
                # "not greenwich" is no typo of North Greenwich, but "not shure" is one of "not sure"
                first = words[i].lower_ if words[i].lower_ in _TAKEN_BACK else None
                # Everyday English is no typo of a place, a country or a people: "wanted" is not Wanstead, "didn't
                # finish" not Finnish, "algebra" not Algeria ("nigria" is still Nigeria).
                words_only = all(w in self.english for w in run.split())
                cands = [p for p in phrases if p.count(" ") == n - 1 and [w[0] for w in p.split()] == initials
                         and not (words_only and (label == "borough" or p in self.countries)) and p not in self.cities
                         and abs(len(p) - len(run)) <= 2 and [c for c in p if c.isdigit()] == digits
                         and (first is None or p.split()[0] == first)]
                close = difflib.get_close_matches(run, cands, n=1, cutoff=cutoff)
                if close and not all(_a_typo_of(w, p) for w, p in zip(run.split(), close[0].split())):
                    close = []                  # "quit asking me things" is no typo of "make things": "me" isn't "make"
                if close and not _as_in_a_level(doc, words[i].i, words[i + n - 1].i + 1):   # "as level 5"
                    score = difflib.SequenceMatcher(None, run, close[0]).ratio()
                    start = words[i].i
                    if start not in best or score > best[start][0]:
                        best[start] = (score, Match(label, phrases[close[0]], start, words[i + n - 1].i + 1, run))
        return [m for _, m in sorted(best.values(), key=lambda sm: sm[1].start)]

    def heard_apart(self, doc: Doc, label: str, cutoff: float = 0.8) -> list[Match]:
        """A name typed as several words, as speech typing hears it ("Lewis Ham", "hack knee", "tower ham lets"):
        runs of 2-3 words, joined, against the label's phrases written without spaces, in answers of a few words
        only ("i want a person not a bot" holds no Brent). The first letters must agree, as in `fuzzy`, and no word
        of the run is a word of grammar."""
        words = [t for t in doc if t.is_alpha]
        if len(words) > MAX_APART_WORDS:
            return []
        joined = self._joined.get(label, {})
        found = []
        for n in (3, 2):
            for i in range(len(words) - n + 1):
                run = "".join(t.lower_ for t in words[i:i + n])
                if len(run) < 6 or (run in self.exact and run not in joined) or any(
                        t.lower_ in STOP_WORDS for t in words[i:i + n]):
                    continue
                close = difflib.get_close_matches(run, [p for p in joined if p[0] == run[0]], n=1, cutoff=cutoff)
                if close:
                    found.append(Match(label, joined[close[0]], words[i].i, words[i + n - 1].i + 1, run))
        return _longest(found)

    def said(self, doc: Doc, label: str) -> list[Match]:
        """Exact matches for a label and close ones for typos, the longer winning ("foundaton degree" is a
        foundation degree, not a degree); then what its signs say, where no phrase was found."""
        return self._with_signs(doc, label, _longest(self.matches(doc, label) + self.fuzzy(doc, label)))

    def _with_signs(self, doc: Doc, label: str, found: list[Match]) -> list[Match]:
        """`found`, and what the label's signs say that no match in `found` says, the longer of two overlapping
        spans winning."""
        # a sign of a value already found still counts where it holds another's words: "a factory that makes tablets
        # and medicine" is one kind of work, not healthcare too
        ids = {f.id for f in found}
        signed = [m for m in self.signed(doc, label)
                  if m.id not in ids or any(f.id != m.id and _within(f, [m]) for f in found)]
        if not signed:
            return found
        # a circumstance's sign may hold another's words: "been on jsa for over 2 years" is both, and "48 year old from
        # eltham been out of work" names a place as well
        both = [f for f in found if _within(f, signed) and (f.label == "borough" or f.label == label == "barrier")]
        kept = _longest([f for f in found if f not in both] + signed)    # "can't do computers" is no interest
        return sorted(kept + both, key=lambda m: (m.start, m.end))

    def signed(self, doc: Doc, label: str) -> list[Match]:
        """What a circumstance's signs state (knowledge/data/barriers.yml): a word of each of its groups, close
        together in one clause ("my english is not very well", "cant use computa"). A word of the sign taken back
        by a negation outside it does not count ("my english is not bad")."""
        lower = [t.lower_ for t in doc]
        # "I don't have an email address" says nothing of a home: the pair is one word that no sign holds
        words = [f"{lower[i - 1]} {w}" if i and (lower[i - 1], w) in _NOT_A_HOME else w for i, w in enumerate(lower)]
        negation = [w in _SIGN_NEGATIONS and not (i + 1 < len(words) and words[i + 1] in _NOT_A_NEGATION
                                                  and words[i + 1:i + 3] != ["know", "how"]    # can't, not unsure
                                                  and words[i:i + 2] != ["without", "a"])      # "without a job"
                    for i, w in enumerate(words)]
        out = []
        for tid, signs in self.signs.get(label, ()):
            for sign in signs:
                span = _sign_span(doc, words, negation, sign)
                if span:
                    out.append(Match(label, tid, span[0], span[1], doc[span[0]:span[1]].text))
                    break
        return out

    def find(self, text: str, label: str) -> list[Match]:
        doc = self.doc(text)
        return _affirmed(doc, self.said(doc, label))

    def answer(self, text: str) -> str | None:
        """'none' or 'decline' when the whole answer means that ("none of these", "I'd rather not say", "nothing
        lol")."""
        doc = self.doc(_LAUGHING.sub("", text.strip(" .!?")).lower())
        for m in self.matches(doc, "answer"):
            if m.start == 0 and m.end == len(doc) and m.id in ("none", "decline"):
                return m.id
        return None

    def _declining(self, doc: Doc) -> list[Match]:
        """The words of declining in a message, two or more, and what they decline to talk about: within them
        "business" or "sharing my area online" is no value ("none of your business lol", "not comfortable sharing my
        area online"; "pass" alone is in "12th pass"), nor the rest of a clause after "about" or "my" ("rather not
        say about the health stuff but I'm on JSA", "I don't want to share my health stuff")."""
        out = []
        for m in self.matches(doc, "answer"):
            if m.id == "decline" and m.end - m.start > 1:
                end = m.end
                if end < len(doc) and (doc[end].lower_ in _TOPIC_NEXT or doc[end - 1].lower_ in _TOPIC_NEXT):
                    end += len(_this_clause_after(doc, end))
                    end = next((t.i for t in doc[m.end + 1:end] if t.lower_ in _JOINING or t.text == ","), end)
                out.append(Match(m.label, m.id, m.start, end, doc[m.start:end].text))
        return out

    def declines_apart(self, text: str) -> bool:
        """True when the message holds words of declining outside its profile phrases: not "12th pass", where
        "pass" is part of a qualification."""
        doc = self.doc(text)
        return self._declines_apart(doc, self.matches(doc, "answer"))

    def _declines_apart(self, doc: Doc, said: list[Match]) -> bool:
        """`declines_apart` over the answers.yml matches `said` already found in `doc`: words of declining not wholly
        inside a profile phrase ("my age is my business" declines, though "business" is a kind of work)."""
        declining = [m for m in said if m.id == "decline"]
        if not declining:
            return False
        answers = [m for label in PROFILE_LABELS for m in self.matches(doc, label)]
        return any(not any(o.start <= m.start and m.end <= o.end for o in answers) for m in declining)

    def mentions_answer(self, text: str) -> str | None:
        """'none' or 'decline' said anywhere in the message ("nah none of them tbh"), declining first."""
        doc = self.doc(text)
        said = self.matches(doc, "answer")
        if self._declines_apart(doc, said):
            return "decline"
        return "none" if any(m.id == "none" for m in said) else None

    def _ends_in_none(self, doc: Doc) -> bool:
        """The message's last clause, after a stop or "so", says nothing applies: what came before is past or
        someone else's ("my sister has an EHCP, doesn't affect me, so none"). Not "none of the others", nor a
        bare "no", which answers what came just before it."""
        words = list(doc)
        while words and words[-1].is_punct:
            words.pop()
        cut = max((k + 1 for k, t in enumerate(words) if t.is_punct or t.lower_ == "so"), default=0)
        last = [t.lower_ for t in words[cut:] if t.lower_ not in _FILLERS and t.lower_ != "basically"]
        while len(last) > 1 and last[-1] in _HEDGES:                   # "none i guess"
            last.pop()
        return 0 < cut and bool(last) and not _BESIDES & set(last) and last[0] not in ("no", "nope", "nah") \
            and self.answer(" ".join(last)) == "none"

    def unsure_of_the_work(self, text: str) -> bool:
        """The message says they don't know what work they want ("idk tbh", "she hasnt decided yet"), in a phrase of
        `not_sure` other than those saying any work will do (interests.yml, `any_work`)."""
        return any(m.id == "not_sure" and m.text.lower() not in self._any_work
                   for m in self.said(self.doc(text), "interest"))

    def says(self, text: str, answer_id: str) -> bool:
        """True when the message holds, anywhere, a phrase of the knowledge/data/answers.yml entry `answer_id`:
        "delete my data" says `forget`, "someone real" `handoff`, "I applied, still waiting" `no_statement`."""
        return answer_id in self._answers_in(text)

    def _answers_in(self, text: str) -> set[str]:
        """The answers.yml ids whose phrases the message holds anywhere."""
        return {m.id for m in self.matches(self.doc(text), "answer")}

    def just_an_answer(self, text: str) -> bool:
        """True when every word of a short message is profile vocabulary (allowing a typo) or a number:
        "reserch", "FORTY", "manufactoring", "5 gcses", "hack knee"; or the message is a postcode alone ("E15")."""
        if postcodes.is_postcode(text):
            return True
        doc = self.doc(text)
        covered = {i for label in PROFILE_LABELS for m in self.said(doc, label) for i in range(m.start, m.end)}
        covered |= {j for i, _ in _years([t.lower_ for t in doc]) for j in (i, i + 1)}     # "Y11", "year 11"
        covered |= {i for m in self.heard_apart(doc, "borough") for i in range(m.start, m.end)}   # "hack knee"
        if self._in_capitals(text):                                                       # "IT"
            covered |= {t.i for t in doc if t.text in self._capital_words}
        words = [t for t in doc if t.is_alpha or t.like_num or t.i in covered]
        return bool(words) and len(words) <= MAX_FUZZY_WORDS and all(
            t.i in covered or t.like_num or _number_word(t.lower_) for t in words)

    def states_an_answer(self, text: str, typos: bool = True) -> bool:
        """True when a message gives a profile value among other words: a phrase from the vocabularies, a number
        in a short one ("yes 37", "I'm in Harrow"), or an age ("sorry im 30"). `typos`: a close match counts too
        ("homless atm"). `just_an_answer` covers messages of nothing else."""
        doc = self.doc(text)
        # a sign is no typo: "cant use computa" states a circumstance whatever the classifier guessed
        read = self.said if typos else (lambda d, label: self._with_signs(d, label, self.matches(d, label)))
        declined = self._declining(doc)
        if any(m.id != "not_sure" and not _within(m, declined) for label in PROFILE_LABELS for m in read(doc, label)):
            return True                                     # "everything" (not sure) states nothing on its own
        if self._in_capitals(text):                         # "something with IT"
            return True
        words = [t for t in doc if t.is_alpha or t.like_num]
        numbers = _numbers(doc)
        return (len(words) <= 3 and any(10 <= v <= 99 for _, _, v in numbers)
                or any(_age_cue(doc, s, e) or _opens(doc, s, e) for s, e, _ in numbers)   # "lol sorry im 30";
                                                                # "63, retired early"; "im 300", to re-ask
                or _school_year(doc) is not None                # "im in y11" once came back as distress
                or bool(postcodes.full_postcodes(text))         # "my postcode starts with E4" came back as
                or (any(t.lower_ in ("postcode", "postcodes") for t in doc) and bool(postcodes.outward_codes(text))))
                                                                # start_again and began the questions again

    def gives_an_age(self, text: str) -> bool:
        """True when, at the age question, the message's numbers other than lengths of time give one age from 10 to
        99, whatever else it says: "old enough lol, 36", "18 next week!! so 17 for now" (not "for 20 years")."""
        doc = self.doc(text)
        if all(_a_while(doc, s, e) for s, e, _ in _numbers(doc)):
            return False
        try:
            return 10 <= self.age(text) <= 99
        except InputError:
            return False

    def distress(self, text: str) -> bool:
        """True when the message suggests distress or a risk of harm (knowledge/data/safety.yml), or asks what the
        point is of anything but the bot's questions ("whats the point, nothing works for me")."""
        return bool(self.matches(self.doc(str(text)), "safety")) or bool(_POINTLESS.search(str(text)))

    # --- fields ---------------------------------------------------------------------------------------------
    def age(self, value: object) -> int:
        if isinstance(value, bool):
            raise InputError("age", "I need your age as a number of years.")
        if isinstance(value, (int, float)):
            return _check_age(value)
        text = str(value)
        doc = self.doc(text)
        pupil = _school_year(doc, just_left=True)
        if pupil is not None:
            return pupil
        born = _BORN.search(text) or _DATE.search(text)
        if born and not _numbers(self.doc(text[:born.start()] + " " + text[born.end():])):
            return _age_from_birth(*born.groups())                              # "born in 2001", "dob 12/03/1998"
        numbers = [n for n in _numbers(doc) if not _negated(doc, n[0])]        # "32 not 23"
        # "23 sorry i put 32 by mistake": the number given by mistake is no age
        numbers = [n for n in numbers if not _mistaken(doc, n[1])] or numbers
        if not numbers:
            raise InputError("age", "I couldn't find your age in that.")
        # "19, left school 3 yrs ago", "gonna be 18 in 2 weeks": a number that counts time is no age
        numbers = [n for n in numbers if not _a_while(doc, n[0], n[1])] or numbers
        numbers = [n for n in numbers if _words_before(doc, n[0])[2] not in _THEN] or numbers   # "since i was 16"
        numbers = [n for n in numbers if not _a_school_year(doc, n[0])]        # "18! left school after year 13"
        if not numbers:                                                         # "dropped out in year 10"
            raise InputError("age", "I couldn't find your age in that.")
        now = [n for n in numbers if not _future(doc, n[0], n[1])]
        if not now:                                                             # "I'll be 25 next month"
            if len({v for _, _, v in numbers}) == 1:
                return _check_age(numbers[0][2] - 1)
            now = numbers
        if len({v for _, _, v in now}) > 1:
            corrected = _corrected(doc, now)
            if corrected is not None:
                return _check_age(corrected)
            cued = [v for s, e, v in now if _age_cue(doc, s, e)] or [v for s, e, v in now if _opens(doc, s, e)] \
                or [v for _, _, v in now if 10 <= v <= 99]        # "16 just finished my gcses got 6 passes"
            if len(set(cued)) != 1:
                raise InputError("age", "I found more than one number there.")
            return _check_age(cued[0])
        return _check_age(now[0][2])

    def borough(self, text: str) -> Place:
        """Where the resident lives: a full postcode first ("I live at SE1 7EH"), then a borough or place name, then
        an outward code alone ("E17"). The postcode is read, never kept: only the borough comes back."""
        full = postcodes.full_postcodes(text)
        if full:
            return _place(_lookup(full[0][2]))
        doc = self.doc(text)
        found = _since_correction(doc, [m for m in self.said(doc, "borough")     # "Lewisham, not Lambeth"
                                        if not _negated(doc, m.start) and not _mistaken(doc, m.end)])
        names = sorted(_lived_in(doc, found) - {OUTSIDE_LONDON})
        if len(names) > 1:
            raise AmbiguousInput("borough", f"You mentioned {' and '.join(names)}. Which borough do you live in?")
        if names:
            return Place(names[0], False)
        if found:
            return Place(None, True)
        districts = postcodes.outward_codes(text)
        code = districts[0] if len(districts) == 1 else _district_said(doc)     # "my postcode is SE15 not SE16"
        if code:
            return _place(_lookup(code))
        apart = {m.id for m in self.heard_apart(doc, "borough")} - {OUTSIDE_LONDON}
        if len(apart) == 1:                                                     # "hack knee", "tower ham lets"
            return Place(apart.pop(), False)
        if any(t.lower_ == "london" for t in self.doc(text)):
            raise AmbiguousInput("borough", "Which part of London? Tell me your borough, for example Hackney, "
                                            "Croydon or Ealing.")
        raise InputError("borough", "I didn't recognise that as a London borough.")

    def postcode_place(self, text: str) -> Place | None:
        """The place a full postcode in `text` gives when it is one place ("I'm 24, SE1 7EH"), or a district said as
        one ("my postcode is SE15 not SE16", "Customer: 27, E17, no quals"); None otherwise."""
        full = postcodes.full_postcodes(text)
        code = full[0][2] if full else _district_said(self.doc(text))
        try:
            return _place(_lookup(code)) if code else None
        except InputError:
            return None

    def qualification(self, text: str, abroad: bool = False) -> str:
        """A level id, "none", or UNKNOWN_LEVEL. `abroad`: the resident was asked for a UK ENIC statement, so the
        answer is the level it gives, or no statement (the level stays unknown)."""
        if str(text).strip().lower() in (*LEVEL_IDS, UNKNOWN_LEVEL):
            return str(text).strip().lower()
        doc = self.doc(text)
        said = self.said(doc, "qualification")
        # "masters no sorry just the bachelors"
        found = _since_correction(doc, _graded(doc, self._held(doc, said)))
        definite = [m.id for m in found if not m.id.startswith(AMBIGUOUS)]
        if abroad:
            # "no statement, but my degree was taught in English": the level named is not a statement's
            denies = self.says(text, "no_statement") or (doc[:1].text.lower() in _PLAIN_NO
                                                         and not _corrected_after(doc, 0))
            # "lost the letter but it said bachelor's degree standard": a level the statement gave, whatever else
            given = [m.id for m in found if not m.id.startswith(AMBIGUOUS) and _a_statements_level(doc, m)]
            levels = [d for d in definite if d != "none"]      # "I have nothing here to send": no statement
            if levels and not denies or given:
                return max(given or levels, key=self.vocab.level_rank)
            if denies or self.answer(text) == "none" or "none" in definite \
                    or any(t.lower_ in _NEGATIONS | _PLAIN_NO | {"nt"} for t in doc):
                return UNKNOWN_LEVEL
            raise AmbiguousInput("qualification", "Which UK level does your statement give? For example "
                                                  "\"bachelor's degree standard\" or \"level 3\". If you don't "
                                                  "have one, just say no.")
        here = self._earned_here(doc, found)
        if here is not None:                    # "my first degree in Ghana and then an MSc here in London"
            return here
        if (not found or _left_school_only(found)) and (graded := _grades_level(doc)):
            return graded                           # "left school at 16 with Cs and Ds", "DDEEF"
        held = [m for m in found if not self._a_country(m)]       # "in afghanistan, no certificate": a where
        # "We don't have GCSEs in my country, I finished high school in Brazil", "studied in Syria, no papers now"
        studied_abroad = self._studied_abroad(doc, said)
        if self.answer(text) == "none" or (any(_denied(doc, m) for m in said) and not held and not studied_abroad) or (
                not found and (_first_word(doc) in ("nothing", "none", "nuthing")        # "no GCSEs or anything"
                               or self.answer(_CLAUSES.split(text)[0]) == "none"   # "didnt get any, moved schools"
                               or self._ends_in_none(doc)              # "got U in everything so basically nothing"
                               or _ALL_UNGRADED.search(doc.text))):    # "got U's in everything"
            return "none"                                   # "nothing, sorry, my english is not good"
        stated = [m.id for m in found if not m.id.startswith(AMBIGUOUS) and _after_enic(doc, m.start)]
        if stated:                                    # "from Ghana; my ENIC statement says bachelor's standard"
            return max(stated, key=self.vocab.level_rank)
        # "born in Poland, A levels here"; "never went to school in Somalia": the country is where, not what
        where_only = definite == ["none"] and all(self._a_country(m) for m in found if m.id.startswith(AMBIGUOUS)) \
            and not _STUDIED_ON.search(text) and not studied_abroad
        unsure = [self._ambiguous[m.id[len(AMBIGUOUS):]] for m in found if m.id.startswith(AMBIGUOUS)
                  and not (self._a_country(m) and (where_only or _taken_here(doc, [m])))]
        ask = sorted((t for t in unsure if t.always_ask or not definite), key=lambda t: not t.enic)
        if ask and ask[0].enic and _without_a_statement(doc):    # "diploma from Iran, I don't have the ENIC thing"
            return UNKNOWN_LEVEL
        if ask:
            raise (FromAbroad if ask[0].enic else AmbiguousInput)("qualification", ask[0].question)
        if not found and (_school_year(doc) is not None or _left_early(doc)):
            return "none"                           # "year 10 so no results yet", "left in yr 9": nothing yet
        grades = set(_subject_grades(doc).values())
        if not found and grades:                    # "maths 4 english 3": GCSE grades, the best of them telling
            return "2" if grades & _PASS_GRADES else "1"
        if not definite and _at_school(doc, said, None):
            return "none"                           # "doing my GCSEs": working towards the first ones
        if not definite and any(_studying(doc, m) for m in said):
            raise InputError("qualification", "Good luck with it! What's the highest qualification you've already "
                                              "finished? For example GCSEs or A levels.")
        if not definite:
            raise InputError("qualification", "I didn't catch your qualifications.")
        return max(definite, key=self.vocab.level_rank)

    def barriers(self, text: str) -> list[str]:
        return self._ids(text, "barrier", "circumstances",
                         "I didn't match that to the situations I know about.")
    def interests(self, text: str) -> list[str]:
        return self._ids(text, "interest", "interests",
                         "I didn't match that to the kinds of work I know about.")
    def _ids(self, text: str, label: str, field: str, message: str) -> list[str]:
        known = {t.id for t in (self.vocab.barriers if label == "barrier" else self.vocab.interests)}
        parts = [p.strip() for p in str(text).replace(";", ",").split(",")]
        if parts and all(p in known for p in parts):     # button payloads and slot values are ids already
            return list(dict.fromkeys(parts))
        doc = self.doc(text)
        if self.answer(text) or self._ends_in_none(doc):     # "used to be in a hostel, got a flat now so none"
            return []
        said = self.said(doc, label)
        if label == "barrier":
            said = _longest(said + self.at_question(doc))         # "english and computers"
        ids = self._chosen(label, _since_correction(doc, _preferred(doc, self._held(doc, said))), text)
        if not said and not ids:
            if self.mentions_answer(text):                  # "none of them tbh", "nah none apply to me"
                return []
            raise InputError(field, message)
        return ids

    def _chosen(self, label: str, found: list[Match], text: str) -> list[str]:
        """The circumstances or interests a message names, once each, with interests in capitals ("IT"); "not sure"
        only when nothing else is named ("anything with computers"), or only a broad phrase beside it ("unsure, i
        like science"); a broad phrase only alone; not a circumstance another one named ends (barriers.yml,
        `replaces`)."""
        broad = [m.text.lower() in self._broad_phrases.get(m.id, ()) for m in found]
        # "unsure, i like science", "marketing for a science company", "data in life sciences": science is where
        # the work is, not a kind of it, beside "not sure" or another kind of work
        besides = any(m.id == "not_sure" or not b for m, b in zip(found, broad))
        named = [m.id for m, b in zip(found, broad) if not (besides and b)]
        ids = list(dict.fromkeys([*named, *(self._in_capitals(text) if label == "interest" else [])]))
        if "not_sure" in ids and len(ids) > 1:
            ids.remove("not_sure")
        ended = {e for i in ids for e in self._replaced.get(i, ())}       # "asylum accepted, a refugee now"
        return [i for i in ids if i not in ended]

    def _held(self, doc: Doc, found: list[Match]) -> list[Match]:
        """What the resident says they have (`_affirmed`), without a circumstance said to be past when a past one no
        longer holds (barriers.yml `past_counts`: "used to be homeless, got a flat now"; "used to be in care" still
        counts), nor a people named as a school subject ("gcse french grade 5", "a D in french")."""
        kept = _affirmed(doc, found)
        # where a relative's qualification is from is theirs too: "my husband has his degree from ghana"
        theirs = {m.end for m in found if m.label == "qualification" and _someone_elses(doc, m)}
        return [m for m in kept
                if not (m.label == "barrier" and m.id in self._ends and _in_the_past(doc, m))
                and not _helps_at_their_work(doc, m)
                and not (self._a_country(m) and (_a_subject(doc, m) or theirs & {m.start - 1, m.start - 2}))]

    def _in_capitals(self, text: str) -> list[str]:
        """Interests named by a word that counts only in capitals: "IT", "something in IT" (not "CAN I DO IT")."""
        shouted = text == text.upper() and len(text.split()) > 1
        return [] if shouted else [t.id for t in self.vocab.interests
                if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text) for w in t.capitals)]

    def route_type(self, text: str) -> str | None:
        found = self.find(text, "route_type")
        return found[0].id if found else None

    def programme(self, text: str) -> str | None:
        found = self.matches(self.doc(text), "programme")
        return found[0].id if found else None

    def at_question(self, doc: Doc) -> list[Match]:
        """Circumstances named by their words for the circumstances question (barriers.yml `at_question`), in a
        message of nothing else but other circumstances and a few words about them ("english and computers",
        "computers hard for me, english also"; not "no problems with computers", "i have gcse english")."""
        words = [t.lower_ for t in doc]
        found = [Match("barrier", tid, i, i + len(w), doc[i:i + len(w)].text) for w, tid in self._at_question
                 for i in range(len(words) - len(w) + 1) if tuple(words[i:i + len(w)]) == w]
        if not found:
            return []
        said = self.said(doc, "barrier")
        covered = {i for m in found + said for i in range(m.start, m.end)}
        if not all(t.i in covered or t.lower_ in _ABOUT_THEM for t in doc if t.is_alpha):
            return []
        return [m for m in found if m.id not in {s.id for s in said}]     # "never used computer" says it already

    def extract(self, text: str, asked: str | None = None) -> dict:
        """Everything one message says about the profile, e.g. "I'm 24, from Tower Hamlets, got A levels".
        Only confident values: exact phrases, and an age only next to words like "I'm" or "years old". `asked`:
        the open question; at the circumstances question "computers" is one, not an interest."""
        doc = self.doc(text)
        # Profile labels only, so a longer phrase of another kind ("gcse maths" as a course) cannot hide one;
        # among them a span has one meaning ("mental health" is a circumstance, not a healthcare interest).
        asked_for = self.at_question(doc) if asked == "barriers" else []
        # the open question's answer may carry a typo ("helthcare or labratory"), as its own reading allows; a word in
        # everyday use is none ("pharma production line" is no pharmacy, "in a hotel" no hostel)
        typed = [m for m in self.fuzzy(doc, _LISTED[asked]) if not all(w in self.english for w in m.text.split())] \
            if asked in _LISTED else []
        every = _longest(asked_for + typed + [m for label in PROFILE_LABELS for m in self.matches(doc, label)])
        for label in self.signs:
            every = self._with_signs(doc, label, every)
        declined = self._declining(doc)
        found = [m for m in self._held(doc, every) if not _within(m, declined)]
        out: dict = {}
        taken = {i for m in found for i in range(m.start, m.end)}
        ends = {m.end for m in found}              # "unemployed 3 yrs": a number straight after a phrase belongs to it
        starts = frozenset(m.start for m in found)
        numbers = _numbers(doc)
        said_ages = [(s, e, n) for s, e, n in numbers if s not in taken and not _negated(doc, s)
                     and (s not in ends or _joined_on(doc, s, e)     # "im a care leaver 20 and need a job",
                          or _said_old(doc, s, e)                   # "care leaver 20yo"
                          or _between_answers(doc, s, e, starts))   # "care leaver 20 haringey"
                     and not _future(doc, s, e)           # "turning 19", "nearly 20": the age question works it out
                     and (_age_cue(doc, s, e) or (found and (_set_off(doc, s, e) or _opens(doc, s, e, starts)
                                                             or _joined_on(doc, s, e)
                                                             or _between_answers(doc, s, e, starts)))
                          or asked == "age" and _leads(doc, s, e))     # "58. Is that too old for any of this?"
                     and not _a_while(doc, s, e) and not _a_school_year(doc, s) and not _a_child(doc, s, n)
                     and _words_before(doc, s)[2] not in _THEN]     # "a caution when I was 17": then
        if said_ages:                                           # "im 13 wait no 31": the correction is the age
            last = said_ages[-1][1]
            said_ages += [(s, e, n) for s, e, n in numbers if s >= last and s not in taken
                          and any(_retracts(doc, i) for i in range(last, s))]
        ages = {n for _, _, n in said_ages}
        if len(ages) > 1:                           # "im 20 shes 21": theirs, beside a friend's (alone, "she's 21"
            ages = {n for s, _, n in said_ages if not _anothers_age(doc, s)} or ages     # is the resident's)
        if len(ages) > 1:                                       # "im 42 sorry i mean 24"
            corrected = _corrected(doc, said_ages)
            ages = set() if corrected is None else {corrected}
        pupil = _school_year(doc)
        year_age = _school_year(doc, just_left=True)
        stated = int(min(ages)) if len(ages) == 1 and MIN_AGE <= min(ages) <= MAX_AGE else None
        if year_age is not None and (stated is None or stated <= year_age):
            out["age"] = year_age
        # "I'm 21, but I had to repeat year 11" (the year is in their past), "I'm 19, in Year 13 because I repeated a
        # year": an age older than the year gives is theirs
        elif stated is not None:
            out["age"], pupil = stated, None
        studied = [m for m in every if m.label == "qualification" and not self._a_country(m)
                   and m.text.lower() not in _WHERE_ONLY]                    # "a nurse back home" names no subject
        places = _lived_in(doc, _since_correction(doc, [m for m in found if m.label == "borough"
                                                        and not _negated(doc, m.start) and not _mistaken(doc, m.end)
                                                        and not _studied_there(doc, m, studied)
                                                        and not self._a_visit(doc, m, asked)]))
        posted = self.postcode_place(text)
        if posted is not None:
            out["borough"], out["outside_london"] = posted.borough, posted.outside_london
        elif len(places) == 1:
            place = places.pop()
            out["borough"], out["outside_london"] = (None, True) if place == OUTSIDE_LONDON else (place, False)
        # "none at all" names no qualification unless the qualification question is open (then `qualification`)
        quals = _graded(doc, [m for m in found if m.label == "qualification" and not _only_none(m)])
        graded = _grades_level(doc)
        if graded and _left_school_only(quals):
            quals = []                                  # "left school at 16 with Cs and Ds": the grades tell
        definite = [m.id for m in quals if not m.id.startswith(AMBIGUOUS)]
        named = [m for m in quals if not self._a_country(m)]     # "came from somalia" names no qualification
        studied_abroad = self._studied_abroad(doc, every)         # "We don't have GCSEs in my country, I finished
        if not named and not studied_abroad and any(             # high school in Brazil"
                m.label == "qualification" and _denied(doc, m) and not _described(doc, m) for m in every):
            out["qualification_level"] = "none"                 # "left at 15, no O levels or anything"
        elif (here := self._earned_here(doc, quals)) is not None:     # "a degree in Ghana, then an MSc here"
            out["qualification_level"] = here
        elif studied_abroad or self._from_abroad(doc, quals, asked):
            out["qualification_abroad"] = True
            if _without_a_statement(doc):           # "nurse from Kenya, no ENIC": its level stays unknown
                out["qualification_level"] = UNKNOWN_LEVEL
        elif definite and not any(self._ambiguous[m.id[len(AMBIGUOUS):]].always_ask
                                  for m in named if m.id.startswith(AMBIGUOUS)):
            out["qualification_level"] = max(definite, key=self.vocab.level_rank)
        elif not quals and _at_school(doc, studied, pupil):
            out["qualification_level"] = "none"         # "I'm 15, year 10", "doing his GCSEs": nothing yet
        elif not quals and graded and (_left_early(doc) or asked == "qualification_level"):
            out["qualification_level"] = graded         # "left school at 16 with Cs and Ds"
        elif not quals and (_left_early(doc) or _ALL_UNGRADED.search(doc.text)):
            out["qualification_level"] = "none"         # "got kicked out in year 9", "got U's in everything"
        if self._ends_in_none(doc):     # "used to be in a hostel, got a flat now so none": the form asks
            return out
        unnamed = _blanked(doc, [m for m in found if m.label == "barrier"])   # "limited IT" names no interest in IT
        for label, key in (("barrier", "barriers"), ("interest", "interests")):
            said = [m for m in found if m.label == label and not (
                (label == "interest" and asked != "interests" or m.text.lower() == "childcare")
                and _subject_of(doc, m, studied)                           # "nvq 3 in childcare" is no child
                and not (label == "interest" and _SAME_FIELD.search(text)))  # "...and want to stay in that field"
                and not (m.id == "not_sure" and (asked != "interests" and _unsure_how(doc, m)
                                                 or _graded_in(doc, m)))     # "U's in everything"
                and not (label == "interest" and asked != "interests" and _a_place_beside(doc, m))]
            ids = self._chosen(label, _since_correction(doc, _preferred(doc, said)), unnamed)
            if ids:
                out[key] = ids
        # "22. hackney. none of the barrier things. lab or research"; "im 24, no kids, not disabled, no record"
        denied = {m.id for m in every if m.label == "barrier" and _denied(doc, m)}
        if "barriers" not in out and (_NO_CIRCUMSTANCES.search(text) or len(denied) > 1):
            out["barriers"] = []
        if asked not in (None, "interests") and "interests" in out and not _work_wanted(doc, out):
            del out["interests"]        # "BTEC in IT", "waiting on the home office": the interests question asks
        return out

    def _a_visit(self, doc: Doc, m: Match, asked: str | None) -> bool:
        """A landmark named away from the borough question with no word of home before it in its clause: somewhere
        they go or the work done there ("research like what they do at the crick"), not where they live ("I live
        near the Crick")."""
        if asked in ("borough", None) or m.text.lower() not in self.landmarks:
            return False
        return not any(w in _HOME_SAID | _NEAR for w in _said_before(doc, m.start, 8))

    def takes_back(self, text: str) -> bool:
        """A change that takes back what was said ("sorry, I meant I'm a carer, not disabled", "no longer on UC"),
        not one that adds to it ("forgot to mention I've got a record", "I'm on UC as well")."""
        return any(t.lower_ in _RETRACTING or t.lower_ in _TAKES_BACK for t in self.doc(text))

    def of_themselves(self, text: str) -> dict:
        """What a question about the routes says of the resident in its own clauses: "why no T level for me? is it
        cause I'm 20", "why isn't SWAP there? I'm on UC", "why only employment support, I've got a PhD". The route
        it asks about is no answer ("why no apprenticeships?" names no qualification), so only clauses that speak
        of the resident ("I'm", "I've got", "she's") are read."""
        clauses = [c for c in _CLAUSES.split(text) if c and _OF_THEMSELVES.search(c)]
        return self.extract(". ".join(c.strip() for c in clauses)) if clauses else {}

    def _from_abroad(self, doc: Doc, quals: list[Match], asked: str | None = None) -> bool:
        """A qualification said to be from abroad: a phrase such as "degree from my country", or a country named
        beside a qualification ("a degree from Nigeria"; "a refugee from Eritrea" says nothing of qualifications,
        nor "born in Poland but did A levels here"). Away from the qualification question "back home" or "in my
        country" alone says where, not what: "PTSD from what happened back home", "i was a chemist back home",
        unless they say they have no UK ENIC statement for it."""
        if self._enic is None:
            return False
        enic = AMBIGUOUS + self._enic.id
        if _without_a_statement(doc) and any(m.id == enic for m in quals):
            return True                         # "qualified nurse from Kenya, no ENIC": a statement needs one
        named = any(m.id not in (enic, "none") for m in quals)             # "a degree from back home"
        abroad = [m for m in quals if m.id == enic
                  and (asked == QUALIFICATION_ASKED or named or m.text.lower() not in _WHERE_ONLY)]
        if any(not self._a_country(m) for m in abroad):
            return True
        return bool(abroad) and len(abroad) < sum(m.id != "none" for m in quals) and not _taken_here(doc, abroad)

    def _earned_here(self, doc: Doc, found: list[Match]) -> str | None:
        """The level of a qualification said to be from here, beside one from abroad, when it is the highest named:
        "my first degree in Ghana and then an MSc here in London" is a UK master's, whatever the first degree
        compares with."""
        levels = [m for m in found if not m.id.startswith(AMBIGUOUS) and m.id != "none"]    # not "no paper here"
        if not levels or self._enic is None or not any(m.id == AMBIGUOUS + self._enic.id for m in found):
            return None
        top = max(levels, key=lambda m: self.vocab.level_rank(m.id))
        after = [t.lower_ for t in doc[top.end:top.end + 3]]
        here = next((i for i, w in enumerate(after) if w in _HERE or w == "london"), None)
        if here is None or any(w in _NOT_STUDY_HERE for w in after[:here]) \
                or any(self.vocab.level_rank(m.id) >= self.vocab.level_rank(top.id) for m in levels if m is not top):
            return None
        return top.id

    def _a_country(self, m: Match) -> bool:
        """A country, capital or people named, which says where, not what ("a refugee from Eritrea")."""
        return self._enic is not None and m.id == AMBIGUOUS + self._enic.id and m.text.lower() in self.countries

    def _studied_abroad(self, doc: Doc, found: list[Match]) -> bool:
        """Study finished abroad, said of the place: "I studied pharmacy in Syria", "finished high school in Brazil",
        "trained as a nurse back home" (not "never went to school in Somalia", "born in Poland")."""
        if self._enic is None:
            return False
        for m in found:
            words = _said_before(doc, m.start, 8)
            # from the last "i" on: "english is not my first language i finish school in bangladesh"
            clause = set(words[max((k for k, w in enumerate(words) if w in _SPEAKERS), default=0):])
            if m.id == AMBIGUOUS + self._enic.id and clause & _STUDIED_THERE \
                    and not clause & (_NEGATIONS | _VERB_NEGATIONS) and not _taken_here(doc, [m]):
                return True
        return False


def _lookup(code: str) -> postcodes.Postcode:
    try:
        return postcodes.lookup(code)
    except KnowledgeBaseUnavailable:
        raise InputError("borough", "I can't look up postcodes just now. Please tell me your borough's name, "
                                    "for example Hackney.") from None


def _place(found: postcodes.Postcode) -> Place:
    """A postcode's place, or the question to ask when its district spans boroughs. The question names the
    outward code only ("E1"), which is a district of thousands of homes, never the full postcode."""
    district = found.code.split()[0]
    if found.mostly:
        where = found.borough or "outside London"
        return Place(found.borough, found.outside_london,
                     f"Most of the {district} postcode area is {'in ' * bool(found.borough)}{where}, so I've noted "
                     f"{found.borough or 'that'}. If you live somewhere else, just tell me your borough.")
    if not found.spans:
        if found.boroughs or found.outside_london:
            return Place(found.borough, found.outside_london)
        raise InputError("borough", "I can't tell which borough that postcode is in. Please tell me your borough.")
    names = [*found.boroughs, *(["places outside London"] if found.outside_london else [])]
    listed = ", ".join(names[:-1]) + " and " + names[-1]
    choices = (*found.boroughs, *(["outside London"] if found.outside_london else []))
    raise AmbiguousInput("borough", f"The {district} postcode area covers parts of {listed}. Which do you live in?",
                         choices)


SIGN_REACH = 4                          # words a sign's groups may spread over, per group after the first
_CLAUSE_ENDS = {"but", "though", "although", "whereas"}
_NONE_WORDS = {"none", "nothing", "nuthing", "really", "at", "all", "i", "have", "got", "'ve", "ve"}


def _only_none(m: "Match") -> bool:
    """A match made of words that answer any question "none" ("none at all", "i have nothing")."""
    return set(m.text.lower().split()) <= _NONE_WORDS


# "I don't have an email address", "prefers not to share their address": an address to reach them at, not a home lost
_NOT_A_HOME = {("email", "address"), ("e-mail", "address"), ("mail", "address"), ("web", "address"),
               ("my", "address"), ("their", "address"), ("his", "address"), ("her", "address"), ("your", "address")}
_BESIDES = {"other", "others", "else", "rest", "apart", "except", "besides"}    # "none of the others": one applies
_SIGN_NEGATIONS = _NEGATIONS | {"nt", "cannot", "aint"}
# "not sure, computers", "no problems with computers"
_NOT_A_NEGATION = {"sure", "mind", "know", "into", "interested", "keen", "fussed", "bothered", "problem", "problems",
                   "issue", "issues", "trouble", "worries", "a"}


@dataclass(frozen=True)
class _SignGroup:
    words: frozenset[str]
    stems: tuple[str, ...]              # written with a closing *: any ending

    @staticmethod
    def of(group: tuple[str, ...]) -> "_SignGroup":
        return _SignGroup(frozenset(w for w in group if not w.endswith("*")),
                          tuple(w[:-1] for w in group if w.endswith("*")))

    def has(self, word: str) -> bool:
        return word in self.words or (bool(self.stems) and word.startswith(self.stems))


def _sign_span(doc: Doc, words: list[str], negation: list[bool],
               sign: tuple[_SignGroup, ...]) -> tuple[int, int] | None:
    """The narrowest (start, end) holding a word of every group of `sign` within its reach and one clause.
    `negation`: which words negate ("not sure" does not)."""
    hits = []
    for g in sign:
        found = [i for i, w in enumerate(words) if g.has(w) and (w not in _SIGN_NEGATIONS or negation[i])]
        if not found:
            return None
        hits.append(found)
    reach = SIGN_REACH * (len(sign) - 1)

    def apart(i: int, j: int) -> bool:
        return any(doc[k].is_punct or words[k] in _CLAUSE_ENDS for k in range(min(i, j), max(i, j) + 1))

    best = None
    for first in hits[0]:
        chosen = [first]
        for group in hits[1:]:
            # the nearest word of the group in the same clause: "long covid, been off work over 2 years" is off work
            # for years, though "long" is as near
            near = [i for i in group if abs(i - first) <= reach and i not in chosen and not apart(first, i)]
            if not near:
                break
            chosen.append(min(near, key=lambda i: abs(i - first)))
        else:
            lo, hi = min(chosen), max(chosen)
            if hi - lo > reach:             # each word is in first's clause, so the span is one clause
                continue
            if any(i > 0 and negation[i - 1] and i - 1 not in chosen for i in chosen):   # "not bad"
                continue
            if best is None or hi - lo < best[1] - best[0]:
                best = (lo, hi + 1)
    return best


def _part_of_a_word(doc: Doc, end: int) -> bool:
    """A match that ends inside a word the tokenizer split: "ai" of "aint" ("i aint got none") is no interest in AI."""
    return end < len(doc) and not doc[end - 1].whitespace_ and doc[end].text[:1].isalpha()


def _a_typo_of(word: str, meant: str) -> bool:
    """A word mistyped as another ("hamlts", "bin inside"), unless it is a word of grammar, which nobody mistypes
    for another word ("me" is no typo of "make")."""
    return word == meant or word not in STOP_WORDS


def _longest(found: list[Match]) -> list[Match]:
    """Non-overlapping matches, longer first, in text order; of two as long, a definite level before an ambiguous
    one ("an NVQ 2" is level 2, not "an NVQ" of some level)."""
    kept: list[Match] = []
    for m in sorted(found, key=lambda m: (-(m.end - m.start), m.id.startswith(AMBIGUOUS), m.start)):
        if not _within(m, kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _affirmed(doc: Doc, found: list[Match]) -> list[Match]:
    """Drops what the resident denies ("no criminal record", "I'm not disabled", "no O levels or anything"),
    qualifications still being studied for ("in year 12 doing the health T level") or left unfinished ("first
    year of A levels and dropped out")."""
    return [m for m in found if not _denied(doc, m) and not _studying(doc, m) and not _someone_elses(doc, m)
            and not _unfinished(doc, m) and not _cared_for(doc, m)]


_BY_MISTAKE = {("by", "mistake"), ("by", "accident")}
# "doing my A levels", "halfway through an access course", "predicted 5s and 6s", "mocks were 5s": not held yet
_STUDYING = {"doing", "doin", "studying", "studyin", "taking", "towards", "started", "through", "sitting", "sittin",
             "predicted", "expecting", "mock", "mocks", "trying", "aiming"}
_WAITING = {"waiting", "waitin", "awaiting"}      # "waiting for my gcse results" (not "for my degree certificate")


def _denied(doc: Doc, m: Match) -> bool:
    """A circumstance, level or interest the resident takes back: "not manufacturing", "no O levels"."""
    # not across a comma: in "computer no, english little bit" the no is said of the computer; not into a phrase that
    # opens a clause or holds its own no ("no quals and a record", "no quals no job exp")
    before = [] if doc[m.start].lower_ in _JOINING | _NEGATIONS else _this_clause(doc[max(0, m.start - 4):m.start])
    near = before[-2:]
    return m.label in ("barrier", "qualification", "interest") and not any(t.lower_ == "mind" for t in before) and (
        any(t.lower_ in _NEGATIONS and not _retracts(doc, t.i) and not _says_no_to_another(doc, t.i, m)
            # "data too, not just labs" adds; "I didn't mention I have MS" tells
            and doc[t.i + 1].lower_ not in ("just", "only", "mention", "mentioned")
            for t in near)                                        # "no O levels", not "no sorry 4"
        or m.label == "qualification" and any(t.lower_ in _VERB_NEGATIONS for t in before)   # "didnt get any gcses"
        or m.label == "qualification" and _failed_all(doc, m)
        or m.label == "interest" and (_excepted(doc, m.start)                 # "anything but hospital"
                                      or _not_stuck_in(before)                # "not stuck in an office"
                                      or _disliked(doc, m))                   # "not really into labs"
        or _mistaken(doc, m.end))                                         # "I clicked research by mistake"


def _described(doc: Doc, m: Match) -> bool:
    """ "be" and a negation just before a match: what something is not, not what they lack ("show me a few more that
    aren't apprenticeships" holds no qualification)."""
    words = [t.lower_ for t in doc[max(0, m.start - 3):m.start]]
    return any(w in _BE and nxt in ("n't", "not", "nt") for w, nxt in zip(words, words[1:]))


_BE = {"are", "is", "were", "was", "'re", "'s", "be", "r"}

# words between "no" and what it still denies: "no longer on UC", "no real qualifications"
_NO_MODIFIERS = {"longer", "more", "real", "proper", "actual", "formal", "official", "current", "such", "other"}
# study beyond school, named beside a country: "university in Bangladesh but no paper here"
_STUDIED_ON = re.compile(r"\b(?:uni|university|college|degree|diploma|masters?|bachelors?)\b", re.I)


def _says_no_to_another(doc: Doc, i: int, m: Match) -> bool:
    """ "no" said of the word between it and a match that opens with "on" or "in": "no qualifications on UC", "no
    job in a hostel" (not "no previous convictions")."""
    between = doc[i + 1:m.start]
    return doc[i].lower_ == "no" and doc[m.start].lower_ in ("on", "in") and len(between) == 1 \
        and between[0].is_alpha and between[0].lower_ not in _NO_MODIFIERS | _NEGATIONS


_DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}")               # "H.N.D.", "G.C.S.E.s"
_LABELLED = re.compile(r"(?<=[A-Za-z]):(?=[A-Za-z0-9])")    # "age:33 borough:lambeth"
_WITH = re.compile(r"(?<!\S)w(?:/\s*|\s+)(?=[a-z])")          # "left school w nothing", "w/ my mum"


def _untied(text: str) -> str:
    """Words the tokenizer would keep as one, or short forms: "H.N.D." reads as "HND", "age:33" as "age: 33", "w/"
    as "with"."""
    return _WITH.sub("with ", _LABELLED.sub(": ", _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)))


def _unsure_how(doc: Doc, m: Match) -> bool:
    """ "Don't know" about something other than the work they want: "I dont really know how to use email", "I dont
    know what that is", "I not know this" (not "I don't know what I want")."""
    after = [t.lower_ for t in doc[m.end:m.end + 3]]
    return bool(after) and (after[0] in ("how", "if", "whether", "where", "why", "this", "that")
                            or after[0] == "what" and after[1:2] in (["that"], ["this"], ["it"]))


def _mistaken(doc: Doc, end: int) -> bool:
    """An answer ending at `end` that the resident says they gave by mistake: "I put Bromley by mistake, I'm in
    Croydon", "23 sorry i put 32 by mistake"."""
    return tuple(t.lower_ for t in doc[end:end + 2]) in _BY_MISTAKE


_STUCK = {"stuck", "sat", "sitting", "be", "being", "in", "at", "an", "a", "the", "behind", "all", "day"}


def _not_stuck_in(before: list) -> bool:
    """A kind of work named after "not stuck in": "working with patients not stuck in an office"."""
    words = [t.lower_ for t in before]
    k = max((i for i, w in enumerate(words) if w in ("not", "never", "n't")), default=None)
    return k is not None and k < len(words) - 1 and words[k + 1] in ("stuck", "sat", "sitting") and \
        all(w in _STUCK for w in words[k + 1:])


# Words between a "not" and a kind of work that still say they don't want it: "not really into labs", "don't want to
# work in a lab", "not a fan of labs", "dont really like hospitals", "not so much labs".
_LIKING = {"really", "that", "too", "very", "so", "much", "into", "interested", "in", "keen", "on", "fussed", "about",
           "a", "an", "the", "fan", "of", "big", "like", "want", "wanna", "to", "do", "doing", "work", "working",
           "with", "be", "fancy", "any", "at", "all"}
_NOT_WANTED = {"n't", "nt", "not", "never", "hate", "hates", "dislike", "dislikes"}    # _VERB_NEGATIONS, and dislikes
# After a kind of work: "labs aren't for me", "research but that's not for me", "healthcare isn't my thing".
_NOT_FOR_ME = re.compile(r"^\W*(?:but\s+)?(?:(?:that|it|they|those|these)\s*)?(?:'s|s|is|are|'re|r)\s*(?:n't|not|nt)\s+"
                         r"(?:really\s+)?(?:for\s+me|my\s+thing)\b", re.I)


def _disliked(doc: Doc, m: Match) -> bool:
    """A kind of work they say they don't want: a "not" (or "hate") and then only words of liking or working up to
    it, or "not for me" after it."""
    window = doc[max(0, m.start - 7):m.start]        # its clause, where "so" joins nothing ("not so much labs")
    before = [t.lower_ for t in window][max((k + 1 for k, t in enumerate(window)
                                             if t.is_punct or t.lower_ in _JOINING - {"so"}), default=0):]
    k = max((i for i, w in enumerate(before) if w in _NOT_WANTED), default=None)     # "don't" is "do" "n't"
    return k is not None and all(w in _LIKING for w in before[k + 1:]) \
        or bool(_NOT_FOR_ME.match(doc[m.end:m.end + 8].text))


def _excepted(doc: Doc, start: int) -> bool:
    """A kind of work straight after "anything but" or "except": "anything but hospital, maybe lab"."""
    words = tuple(t.lower_ for t in doc[max(0, start - 2):start])
    return words[-1:] == ("except",) or words in (("anything", "but"), ("everything", "but"), ("anything", "except"))


_JOINING = {"and", "but", "so", "or", "because", "cos"}
# A "no" further back is often a reply ("no i have GCSEs"); a sign for a circumstance holds its own negation.
_VERB_NEGATIONS = {"n't", "nt", "not", "never"}
_FAILED = {"failed", "flunked"}


# U grades in everything: nothing passed ("got U's in everything", "I got Us", "all Us"; U in capitals only)
_ALL_UNGRADED = re.compile(r"\b(?:(?:all|only|just|mostly)\s+U'?s?|(?:got\s+)?U'?s\s+in\s+(?:everything|all|every)|"
                           r"got\s+U'?s(?!\s+in\s+(?:maths|english|science))|ungraded)\b")


def _graded_in(doc: Doc, m: Match) -> bool:
    """ "everything" in "got U's in everything": the subjects graded, not the work they want."""
    return any(u.start() <= doc[m.start].idx < u.end() for u in _ALL_UNGRADED.finditer(doc.text))


# "mostly Us and one G": a low grade beside the U's
_A_LOW_GRADE = re.compile(r"\b(?:one|a|an|two|three|couple\s+of|few)\s+(?:[D-G]|[1-3])(?:'?s)?\b")
_A_PASS_GRADE = re.compile(r"\b(?:one|a|an|two|three|couple\s+of|few)\s+(?:[A-C]|[4-9])(?:'?s)?\b")


def _failed_all(doc: Doc, m: Match) -> bool:
    """A qualification failed outright: "failed all my gcses, mostly Us", "i failed the level 2 exam", "GCSEs but I
    got U's"; not one subject of it ("I failed maths GCSE but passed the rest") or some of it ("failed english gcse,
    got 6 others")."""
    if _ALL_UNGRADED.search(doc.text) and not set(_subject_grades(doc).values()) & _PASS_GRADES \
            and not _A_LOW_GRADE.search(doc.text):
        return True
    before = _said_before(doc, m.start, 4)
    if not any(w in _FAILED for w in before):
        return False
    after = {t.lower_ for t in doc[m.end:]}
    return not (set(before) & _SUBJECTS) and not after & {"passed", "pass", "got", "others", "rest"} \
        and not _A_LOW_GRADE.search(doc[m.end:].text)      # "failed gcse maths with a 2 and english with a 3": level 1


def _this_clause(tokens) -> list:
    """The tokens after the last stop or joining word ("and", "but" ...): the clause a word is said in."""
    tokens = list(tokens)
    return tokens[max((k + 1 for k, t in enumerate(tokens) if t.is_punct or t.lower_ in _JOINING), default=0):]


def _said_before(doc: Doc, start: int, span: int) -> list[str]:
    """The words, lower-cased, of the clause among the `span` tokens before `start`."""
    return [t.lower_ for t in _this_clause(doc[max(0, start - span):start])]


_RELATIVES = {"son", "daughter", "sister", "brother", "mum", "mother", "mom", "dad", "father", "wife", "husband",
              "partner", "child", "kid", "baby", "nan", "gran", "grandma", "grandad", "grandmother", "grandfather",
              "aunt", "uncle", "cousin", "friend", "neighbour", "sibling", "parent", "children", "kids", "parents"}


_THEIRS = {"my", "his", "her", "our", "their", "a"}
_MINE = {"my", "our"}


def _names_a_relative(words: list[str], owners: set[str]) -> bool:
    """An owner word straight before a relative: "my mum", "her husband"."""
    return any(a in owners and b in _RELATIVES for a, b in zip(words, words[1:]))
_KIN_WORDS = {"little", "younger", "older", "big", "baby", "elderly", "eldest", "youngest", "twin", "step"}
_CARING = "caring_responsibilities"        # said of a relative ("my kids, no childcare"), and still the resident's
_SAID_OF = {"is", "has", "'s", "s", "got", "are", "have", "had", "who", "was",     # "my brother who has autism"
            "does", "do", "did", "can", "ca",                                 # "my mum doesnt speak english"
            "claims", "gets", "receives",                                     # "my partner claims UC"
            "with", "a", "an",                                                # "a son with an EHCP"
            "he", "she", "they"}                                              # "my husband he is disabled"


def _someone_elses(doc: Doc, m: Match) -> bool:
    """A circumstance or qualification said of someone else: "I care for my disabled sister", "my autistic son",
    "my son has autism", "my brother who has autism", "my parents are disabled", "my brother has a degree"."""
    before = [t.lower_ for t in doc[max(0, m.start - 5):m.start] if t.lower_ not in _KIN_WORDS]   # "my little brother"
    after = doc[m.end].lower_ if m.end < len(doc) else ""
    said_of = next((k for k in range(len(before) - 1) if before[k] in _THEIRS and before[k + 1] in _RELATIVES), None)
    of_them = (before[-1:] and before[-1] in _THEIRS and after in _RELATIVES
               or said_of is not None and len(before) - said_of - 2 <= 2
               and all(w in _SAID_OF for w in before[said_of + 2:]))
    if m.label not in ("barrier", "qualification") or m.id == _CARING or m.label == "barrier" and _typed_for_them(doc) \
            or _TYPING_FOR.search(doc.text):            # "my wife has a BSc from Bangladesh, I'm typing for her"
        return False
    if "me" in m.text.lower().split():          # "my mum kicked me out": done to them
        return False
    if m.label == "qualification" and of_them and not _SAYS_I & {t.lower_ for t in doc}:
        return False        # "my son has no qualifications, he has SEN": family typing for him, as for his EHC plan
    return bool(of_them) or _their_own(doc, m) or _told_of_them(doc, m)


_SAYS_I = {"i", "i'm", "im", "'m", "i've", "ive", "'ve", "me", "myself", "mine", "i'd", "id"}


_TYPING_FOR = re.compile(r"\b(?:typing|writing|doing\s+this|filling\s+(?:this|it)\s+in|answering)\s+"
                         r"(?:for|on\s+behalf\s+of)\s+(?:her|him|them|my\s+\w+)\b", re.I)


_EHCP_WORDS = {"ehcp", "ehc"}          # not "send", the verb


def _typed_for_them(doc: Doc) -> bool:
    """Family typing for the relative whose EHC plan they name, with no word of caring or of their own: "my son has
    autism and an EHCP (hes 17)" is the son's answer (not "my son has an EHCP, nothing for me though", "I look
    after my daughter, she has an EHCP")."""
    spelt = [m.span() for m in _EHCP_SPELT.finditer(doc.text.lower())]     # its "care" is no word of caring
    words = [t.lower_ for t in doc if not any(a <= t.idx < b for a, b in spelt)] + ["ehcp"] * len(spelt)
    said = set(words)
    return bool(said & _EHCP_WORDS) and _names_a_relative(words, _MINE) \
        and not said & (_CARE_WORDS | _SIGN_NEGATIONS | {"nothing", "none", "after"})


_EHCP_SPELT = re.compile(r"\beducation,?\s+health,?\s+(?:and\s+|&\s+)?care\s+plan\b")


def _cared_for(doc: Doc, m: Match) -> bool:
    """A carer who cares for the resident, not one they are: "my mum's my carer", "her mum is her carer", "I have a
    carer" (not "I'm her carer")."""
    words = m.text.lower().split()
    before = [t.lower_ for t in doc[max(0, m.start - 3):m.start]]
    if m.id != _CARING or words[-1] not in ("carer", "carers") or not before:
        return False
    if len(words) > 1:                                          # "her carer": whose carer is said before it
        return words[0] in _THEIRS and before[-1] in ("is", "'s", "s") and len(before) > 1 \
            and before[-2] in _RELATIVES
    return before[-1] in ("my", "her", "his", "their") or before[-2:] in (["have", "a"], ["got", "a"], ["has", "a"])


def _told_of_them(doc: Doc, m: Match) -> bool:
    """In a message about caring for a relative, the relative's: by the relative inside a sign's span ("cos my dad
    is ill") or by "he", "she" or "they" opening the clause after the relative was named ("I look after my mum, she
    had a stroke"). Otherwise the relative may be the resident, typed for by family ("my son is 16, he has autism"),
    and a work coach's "she has autism" names no relative."""
    words = [t.lower_ for t in doc]
    if not (_CARE_WORDS & set(words) or any(a.startswith("look") and b == "after" for a, b in zip(words, words[1:]))):
        return False
    if _names_a_relative([t.lower_ for t in doc[m.start:m.end]], _MINE):
        return True
    clause = _this_clause(doc[max(0, m.start - 8):m.start])
    return bool(clause) and clause[0].lower_ in ("he", "she", "they") and _names_a_relative(
        [t.lower_ for t in doc[:clause[0].i]], _MINE)


def _their_own(doc: Doc, m: Match) -> bool:
    """A relative's own, by "her", "his" or "their" after the relative in one clause: "my wife has one for her degree
    but I don't have one" (a work coach's "her degree is from Nigeria" names no relative, and stays the resident's)."""
    before = _said_before(doc, m.start, 8)
    return bool(before) and before[-1] in ("her", "his", "their") and _names_a_relative(before, _THEIRS)


_WORKPLACES = {"shop", "business", "pharmacy", "restaurant", "cafe", "café", "takeaway", "salon", "stall", "garage",
               "office", "company", "farm", "store", "market", "warehouse", "work", "job", "firm", "bakery"}


def _helps_at_their_work(doc: Doc, m: Match) -> bool:
    """Help given in a relative's work is work, not caring: "In my country I help my uncle in his pharmacy" (not "I
    help my mum with her shopping")."""
    if m.id != _CARING or "help" not in m.text.lower():
        return False
    after = [t.lower_ for t in doc[m.end:m.end + 6]]
    return any(a in ("in", "at", "with") and b in _THEIRS | {"the", "their"} and c in _WORKPLACES
               for a, b, c in zip(after, after[1:], after[2:]))


_CARE_WORDS = {"care", "cares", "caring", "carer"}
# Words that may stand beside a circumstance's words for its question (`at_question`): "my english is a bit weak".
_ABOUT_THEM = {"and", "also", "both", "plus", "or", "my", "the", "a", "is", "are", "bit", "little", "abit", "bad",
               "hard", "difficult", "poor", "weak", "basic", "struggle", "struggling", "help", "with", "i", "need",
               "maybe", "probably", "too", "as", "well", "stuff", "one", "ones", "skills", "for", "me", "only",
               "just", "mainly", "mostly", "ca", "n't", "nt", "really", "use", "them"}    # "I can't really use them"
_GAVE_UP = {"dropped", "quit", "quitted"}
_NOT = {"n't", "nt", "never", "not"}          # spaCy splits "didn't" and "didnt" into "did" and "n't" / "nt"
_FINISH = {"finish", "finished", "complete", "completed"}
_GIVEN_UP_BEFORE = re.compile(r"\b(?:(?:before|without)\s+(?:finishing|completing)|(?:dropped|dropping)\s+out\s+of|"
                              r"quit|quitting|gave\s+up(?:\s+on)?)(?:\s+(?:my|the|a|an))?\s*$", re.I)


def _unfinished(doc: Doc, m: Match) -> bool:
    """A qualification followed by its giving up: "A levels but dropped out", "a levels and didn't finish" (not
    "gcses but didnt pass english", nor "A levels but dropped out of uni"), or given up before it: "left college
    before finishing my level 3", "dropped out of my level 3 course"."""
    if m.label == "qualification" and _GIVEN_UP_BEFORE.search(doc[max(0, m.start - 4):m.start].text):
        return True
    clause = [t.lower_ for t in doc[m.end:m.end + 5]]   # "a degree I never finished", "... that I didn't finish"
    if m.label == "qualification" and clause[:1] in (["i"], ["that"], ["which"]) \
            and any(a in _NOT and b in _FINISH for a, b in zip(clause, clause[1:])):
        return True
    after = clause[:4]
    if m.label != "qualification" or not after or after[0] not in ("and", "but", "then", ","):
        return False
    if "of" in after:                                               # "A levels but dropped out of uni": uni
        return False
    return any(w in _GAVE_UP for w in after[1:3]) or any(a in _NOT and b in _FINISH for a, b in zip(after, after[1:]))


_FIRST = {"entry", "1", "2"}                     # the qualifications a pupil works towards first: GCSEs and the like


def _at_school(doc: Doc, quals: list[Match], pupil: int | None) -> bool:
    """Still at school working towards a first qualification, which the schema counts as none: a pupil up to Year
    11, or GCSEs being studied ("doing his GCSEs in Harrow")."""
    return (pupil is not None and pupil <= SCHOOL_LEAVING_AGE) or any(m.id in _FIRST and _studying(doc, m)
                                                                       for m in quals)


def _studying(doc: Doc, m: Match) -> bool:
    """A qualification still being studied for is not held, and says nothing of what is ("studying for a degree",
    "in 2nd year of biomed degree", "A levels in progress")."""
    before = [t.lower_ for t in doc[max(0, m.start - 3):m.start]]
    after = [t.lower_ for t in doc[m.end:m.end + 2]]
    return m.label == "qualification" and (any(w in _STUDYING for w in before)
                                           # "i study now level 1"; not "I study nurse in Philippines 4 years"
                                           or {"study", "studies"} & set(before) and {"now", "currently"} & set(before)
                                           or any(a == "year" and b == "of" for a, b in zip(before, before[1:]))
                                           or after in (["in", "progress"], ["ongoing"])    # "A levels in progress"
                                           or bool(_WAITING & set(before)) and after[:1] in (["results"], ["result"])
                                           # "predicted ABB in my A levels"
                                           or m.start > 3 and doc[m.start - 4].lower_ == "predicted"
                                           # "year 11 student looking for options after my gcses"
                                           or "after" in before and (_school_year(doc) or 99) <= 18)


_BARE_GCSE = {"gcse", "gcses", "gcse's"}


def _bare_gcse(text: str) -> bool:
    """ "GCSEs", "4 gcses", "some GCSEs": GCSEs without a grade, which a grade said elsewhere tells."""
    words = text.lower().split()
    return words[-1] in _BARE_GCSE and all(w.isdigit() or w in _UNITS or w in ("some", "my", "a", "few")
                                           for w in words[:-1])
_GRADES = {"grade", "grades", "1s", "2s", "3s", "ds", "es", "fs", "gs", "d's", "e's", "f's", "g's"}
_LOW_GRADES = {"1", "2", "3", "d", "e", "f", "g"}
_NAMES_A_LEVEL = {"level", "lvl", "nvq", "entry"}               # "level 1" is a level, not a grade


_CSE = {"cse", "cses", "cse's"}
_A_GRADE = re.compile(r"grades?|[2-9]s?")


_GRADE_RUN = re.compile(r"(?:[A-G]|A\*|U){3,}")      # "DDEEF at gcse", in capitals: "bad" or "ace" is a word
_GRADES_SAID = {"cs": "c", "c's": "c", "bs": "b", "b's": "b", "ds": "d", "d's": "d", "es": "e", "e's": "e",
                "fs": "f", "f's": "f", "gs": "g", "g's": "g"}


def _grade_run(doc: Doc) -> set[str]:
    """The GCSE grades of a run of capitals beside GCSEs ("DDEEF at gcse"), in lower case; not predicted ones, nor
    A level grades ("A*AA in bio chem maths")."""
    if not {t.lower_ for t in doc} & _BARE_GCSE:
        return set()
    out: set[str] = set()
    for t in doc:
        if _GRADE_RUN.fullmatch(t.text) and not {w.lower_ for w in doc[max(0, t.i - 2):t.i]} & _STUDYING:
            out |= set(re.findall(r"a\*|[a-g]", t.text.lower()))     # a U is no grade held
    return out


def _named_grades(doc: Doc) -> set[str]:
    """GCSE grades named without a subject: `_grade_run`, or capitals in the plural ("Cs and Ds"). "As" is left
    out: it is also a word."""
    return _grade_run(doc) | {_GRADES_SAID[t.lower_] for t in doc if t.lower_ in _GRADES_SAID and t.text[0].isupper()}


_SAME_FIELD = re.compile(r"\b(?:stay|keep|continue|carry\s+on|remain|work)\s+(?:working\s+)?in\s+(?:that|the\s+same|"
                         r"this|my)\s+(?:field|area|line|sector|subject)\b", re.I)


def _grades_level(doc: Doc) -> str | None:
    """The level `_named_grades` tell: 2 with a grade C or better among them, else 1; None without any."""
    grades = _named_grades(doc)
    return None if not grades else "2" if grades & _PASS_GRADES else "1"


def _left_school_only(found: list[Match]) -> bool:
    """Only leaving school said ("left school at 16"), which the grades named beside it tell more of."""
    return bool(found) and all(m.id == "none" and m.text.lower().startswith("left") for m in found)


def _cse_grades(found: list[Match]) -> list[Match]:
    """Beside CSEs a grade is a CSE grade, and only CSE grade 1 matched an O level pass: "CSEs, mostly grade 3s and
    4s", "CSE grade 4" are level 1, not the GCSE grade 4 that is level 2."""
    if not any(_CSE & set(m.text.lower().split()) for m in found):
        return found
    return [m for m in found if not (m.id == "2" and all(_A_GRADE.fullmatch(w) for w in m.text.lower().split()))]


def _graded(doc: Doc, found: list[Match]) -> list[Match]:
    """GCSEs said with low grades only ("gcses but all grade 3 and below", "english grade 2 and maths grade 1",
    "gcse english F maths G") are level 1: the grade tells the level, which a bare "GCSEs" would otherwise put at
    2. A level named straight after a subject beside a GCSE is its grade: "gcse english level 4"."""
    found = _cse_grades(found)
    grades = _subject_grades(doc)
    if any(_bare_gcse(m.text) for m in found):
        found = [m for m in found if m.start not in grades]
    low = [m for m in found if m.id == "1" and _a_grade(m.text.lower().split())]
    twos = [m for m in found if m.id == "2"]
    if twos and all(_bare_gcse(m.text) for m in twos):
        rest = [m for m in found if m.id != "2"]
        run = _grade_run(doc)
        if grades and all(g in _LOW_GRADES for g in grades.values()) or _capped_low(doc) \
                or run and not run & _PASS_GRADES:     # "DDEEF at gcse"
            return rest + [Match("qualification", "1", twos[0].start, twos[0].end, twos[0].text)]
        if low:
            return rest
    return found


_CAPPED = re.compile(r"\b(?:(?:nothing|none|not\s+one)\s+(?:above|higher\s+than|over|better\s+than)\s+"
                     r"(?:an?\s+|grade\s+)?[1-3d-g]|"
                     r"all\s+(?:grades?\s+[1-3d-g]|[1-3d-g]'?s)(?:\s*(?:,|and|or|&)\s*[1-3d-g]'?s?)*(?!\s*(?:,|and|or|&)"
                     r"\s*(?:[4-9a-c]|a\*)\b)|"
                     r"(?:didn'?t|did\s+not|never)\s+(?:get|got)\s+(?:any|a)\s+(?:grade\s+)?[c4])'?s?\b", re.I)


def _capped_low(doc: Doc) -> bool:
    """GCSEs said to be no higher than a low grade: "nothing above a 3", "none higher than grade 2", "didn't get any
    Cs", "all grade 1 and 2", "mostly Us and one G", "failed maths with a 2 and english with a 3"."""
    return bool(_CAPPED.search(doc.text) or (_ALL_UNGRADED.search(doc.text) or _FAILED & {t.lower_ for t in doc})
                and _A_LOW_GRADE.search(doc.text) and not _A_PASS_GRADE.search(doc.text))


_SUBJECTS = {"english", "maths", "math", "science", "biology", "chemistry", "physics"}
_PASS_GRADES = {"a*", "a", "b", "c", "4", "5", "6", "7", "8", "9"}
_GRADE_AFTER = _LOW_GRADES | _PASS_GRADES | {"grade"}       # after a subject: "French C", "french grade 5"


def _a_subject(doc: Doc, m: Match) -> bool:
    """A language taken as a subject: after "GCSE", "level" or "in", or before a grade ("French C")."""
    before = doc[m.start - 1].lower_ if m.start else ""
    after = doc[m.end].lower_ if m.end < len(doc) else ""
    return m.text.lower() in _LANGUAGES and (before in ("gcse", "gcses", "igcse", "level", "in")
                                              or after in _GRADE_AFTER)


_SUBJECT_JOINS = {"in", "of", "and", "&", "applied", "level", "lvl", "1", "2", "3", "4", "5", "6", "7", "8"}


def _subject_of(doc: Doc, m: Match, quals: list[Match]) -> bool:
    """A kind of work named as a qualification's subject: "BSc in Biomedical Science", "NVQ level 2 in health and
    social care", "biology degree", "A level biology and chemistry". It says what they studied, not what work they
    want ("biology degree, want to get into research" wants research), so it answers no question of interests.
    Not after a word of wanting in its clause: "interested in data science apprenticeships"."""
    if m.id == "not_sure":          # "U in everything" is every subject; "gcses in may, no clue what job" is none
        return bool(quals) and m.start > 0 and doc[m.start - 1].lower_ == "in"
    if any(w in _WANTING for w in _said_before(doc, m.start, 8)):
        return False
    if any(t.lower_ in _STUDIED for t in doc[max(0, m.start - 2):m.start]):
        return True                                                             # "studied biology at uni"
    for q in quals:
        between = [t.lower_ for t in (doc[q.end:m.start] if q.end <= m.start else doc[m.end:q.start])]
        if q.end <= m.start and len(between) <= 4 and (all(w in _SUBJECT_JOINS | _SUBJECT_WORDS for w in between)
                                                       or "in" in (between[:1] + between[-1:])
                                                       and not _A_PUPILS & set(q.text.lower().split())):
            return True                                     # "degree in biology", "HNC in electrical engineering"
        if m.end <= q.start and len(between) <= 1 and all(w in ("in", "a", "an") for w in between):
            return True                                                         # "biology degree"
    return False


_STUDIED = {"studied", "studying", "study", "teach", "taught"}


_WANTING = {"want", "wants", "wanted", "wanna", "interested", "into", "like", "likes", "love", "loves", "looking", "keen",
            "prefer", "rather", "hoping", "hope", "dream", "fancy"}
_SUBJECT_WORDS = {"science", "sciences", "studies", "biomedical", "health", "social", "care", "management", "admin",
                  "business", "it", "computer", "computing", "engineering", "chemistry", "biology", "physics"}


def _work_wanted(doc: Doc, out: dict) -> bool:
    """Whether a message at another question says which work they want: a word of wanting ("I'm a carer and I want
    something in the NHS"), every answer at once ("21, A levels, Ealing, nothing applies, lab work"), or the kind of
    work alone ("lab stuff"). A kind of work named otherwise says what they did, studied or live beside ("I was a
    doctor in Syria", "BTEC in IT", "Northwick Park hospital is my local"), and the interests question still asks."""
    words = [t.lower_ for t in doc if t.is_alpha]
    others = {"qualification_level" if k == "qualification_abroad" else "borough" if k == "outside_london" else k
              for k in out} - {"interests"}
    return any(w in _WANTING for w in words) or len(others) >= 2 or (not others and len(words) <= 4)


_LANGUAGES = {"french", "spanish", "german", "italian", "chinese", "mandarin", "arabic", "urdu", "polish",
              "portuguese", "russian", "japanese", "turkish", "bengali", "punjabi", "greek", "dutch", "persian"}


def _subject_grades(doc: Doc) -> dict[int, str]:
    """The grade after each subject named ("english F", "maths grade 3", "english level 4", "maths gcse 5"), by its
    position."""
    toks = [t.lower_ for t in doc]
    out = {}
    for i, t in enumerate(toks[:-1]):
        if t in _SUBJECTS:
            k = i + 2 if toks[i + 1] in ("gcse", "gcses") and i + 2 < len(toks) else i + 1     # "maths gcse 5"
            j = k + 1 if toks[k] in ("grade", "level", "lvl", ":", "-") and k + 1 < len(toks) else k
            g = toks[j]
            if g == "a" and j + 1 < len(toks) and toks[j + 1].startswith("level"):     # "maths a level"
                continue
            if g in _LOW_GRADES or g in _PASS_GRADES:
                out[k] = g
    return out


def _a_levels_number(doc: Doc, start: int) -> bool:
    """ "functional skills lvl 2 in english": a number after a word naming a level is that level, not a grade."""
    return start > 0 and doc[start].text in _LOW_GRADES and doc[start - 1].lower_ in _NAMES_A_LEVEL


def _as_in_a_level(doc: Doc, start: int, end: int) -> bool:
    """ "it came back as level 5": "as" before a numbered level, not an AS level."""
    return doc[start].lower_ == "as" and end < len(doc) and doc[end].like_num


def _a_grade(words: list[str]) -> bool:
    """ "grade 3", "Fs and Gs", "a 3 in maths": a GCSE grade, where "level 1" or "NVQ 1" is a level."""
    return any(w in _GRADES or (w in _LOW_GRADES and (i == 0 or words[i - 1] not in _NAMES_A_LEVEL))
               for i, w in enumerate(words))


def _set_off(doc: Doc, start: int, end: int) -> bool:
    """A number from 10 to 99 standing alone between commas (or slashes, or in brackets, or as a sentence of its own)
    in a list of answers: "28, degree in chemistry, Peckham", "care leaver, 18, Southwark", "19 / A levels /
    Islington", "young carer (17)", "I'm Amira, 26.", "Live in Bow. 26."."""
    alone = ((start == 0 or doc[start - 1].text in _OPENING_MARKS | _SENTENCE_ENDS)
             and (end == len(doc) or doc[end].text in _CLOSING_MARKS | _SENTENCE_ENDS))
    return alone and end - start == 1 and _two_digits(doc[start])


_OPENING_MARKS, _CLOSING_MARKS = {",", "/", "|", ";", "("}, {",", "/", "|", ";", ")"}
_SENTENCE_ENDS = {".", "!", "?"}


def _two_digits(token) -> bool:
    return token.text.isdigit() and 10 <= int(token.text) <= 99


def _sixteen_up(token) -> bool:
    """A number from 16 to 99: an age an answer may run into ("care leaver 20 ...")."""
    return _two_digits(token) and int(token.text) >= 16


QUALIFICATION_ASKED = "qualification_level"
_WHERE_ONLY = {"back home", "in my country", "from my country", "from my home country", "from back home", "abroad",
               "overseas"}
_ENIC_NAMES = {"enic", "naric"}
_ENIC_WORDS = _ENIC_NAMES | {"statement", "comparable", "compares", "compared", "equivalent", "equal"}
# "school" alone is no study finished: "i go school little bit in afghanistan", "left school in Somalia at 12"
_SPEAKERS = {"i", "we"}
_STUDIED_THERE = {"studied", "study", "finished", "finish", "completed", "graduated", "trained", "qualified", "college",
                  "university", "uni"}


def _a_statements_level(doc: Doc, m: Match) -> bool:
    """A level said to be what a UK ENIC statement gave: "it said bachelor's degree standard", "they said level 6",
    "it says my diploma is comparable to RQF Level 3" (said in the clause that names the level, in ENIC's words:
    "my employer said it is like a UK degree" is no statement's)."""
    if m.text.lower().endswith("standard") or any(t.lower_ in ("said", "says")
                                                  for t in doc[max(0, m.start - 3):m.start]):
        return True
    clause = {t.lower_ for t in _this_clause(doc[:m.start])}
    return bool(clause & {"said", "says"}) and bool(clause & _ENIC_WORDS)


def _after_enic(doc: Doc, start: int) -> bool:
    """A level named after "ENIC", "NARIC", "comparable to"...: the UK level an overseas qualification compares to."""
    return any(t.lower_ in _ENIC_WORDS for t in doc[:start])


_HOME = {"live", "lives", "living", "livin", "stay", "staying", "renting", "rent", "home", "moved", "accommodation",
         "hostel", "tax"}                        # "on the border, but my council tax goes to Hackney"


def _lived_in(doc: Doc, places: list[Match]) -> set[str]:
    """The places named; of several, the one named just after "I live", "renting a room in", "moved to" ("at school
    in Lambeth but I live in Croydon"), or the one they are not about to move to."""
    named = {m.id for m in places}
    if len(named) < 2:
        return named
    # The words before a place, back to the place before it: "moved to Hounslow from Leicester" moved to Hounslow.
    before = {m.start: doc[max(0, m.start - 4, *(o.end for o in places if o.end <= m.start)):m.start] for m in places}
    # "moved from Leeds to Hackney", "over the border from Enfield", "right on the Sutton border": the place moved
    # from or beside is left
    left = {m.id for m in places if m.start and doc[m.start - 1].lower_ == "from"
            and any(t.lower_ in _LEFT_FROM for t in doc[max(0, m.start - 5):m.start])
            or m.end < len(doc) and doc[m.end].lower_ in ("border", "borders")}
    home = {m.id for m in places if any(t.lower_ in _HOME for t in before[m.start])
            and not _elsewhere(before[m.start]) and m.id not in left}       # "used to live in Lewisham"
    if not home and len(named - left) == 1:
        home = named - left
    if len(home) != 1:                                  # "islington but moving to hackney next month": not yet
        home = named - {m.id for m in places if _moving_to(doc, m.start)}
    if len(home) != 1:                                  # "Hackney, but i work in Canary Wharf", "Greenwich uni"
        home = named - {m.id for m in places if _elsewhere(_this_clause(before[m.start]))
                        or _a_place_of_study(doc, m.end)}
    return home if len(home) == 1 else named


_ELSEWHERE = {"work", "works", "working", "grew", "was", "used", "school", "college", "uni", "family", "born",
              "near", "nr", "corner", "opposite", "beside", "behind", "nearby", "outside", "n't", "nt", "not",
              "longer"}


_LEFT_FROM = {"moved", "moving", "move", "came", "come", "relocated", "border"}


def _elsewhere(words: Span) -> bool:
    """The words before a place name it as where the resident works, studies, grew up, used to live or no longer
    lives ("i don't live in Sutton anymore"), as what they live near, or as someone else's home: "i work in Canary
    Wharf", "was Southwark till last year",
    "Camberwell, round the corner from Kings College Hospital", "Cheshunt, just outside Enfield", "my mum lives in
    Croydon"."""
    return any(t.lower_ in _ELSEWHERE or t.lower_ in _RELATIVES and t.i + 1 < len(t.doc)
               and t.doc[t.i + 1].lower_ in _HOME for t in words)


def _a_place_of_study(doc: Doc, end: int) -> bool:
    """A place that names a university or college: "a degree from Greenwich uni"."""
    return end < len(doc) and doc[end].lower_ in _STUDY_PLACES


_STUDY_PLACES = {"uni", "university", "college", "univ"}
_SCHOOLS = {"college", "uni", "university"}     # a pupil's school is near home: "at school in Woolwich"
_HOME_SAID = {"live", "living", "lives", "moved", "based", "home", "stay", "staying"}
_NEAR = {"near", "nr", "by", "next", "opposite", "beside", "behind", "nearby", "round", "around", "close", "from"}


def _studied_there(doc: Doc, m: Match, quals: list[Match]) -> bool:
    """A place named as where the resident studies or studied, not where they live: "BSc Biomedical Science from
    Kingston uni", "did an access course at lambeth college", "FdSc from Greenwich", "masters in data science, in
    Manchester" (not "at college in enfield where i live", "at a sixth form in Bromley, i live there too")."""
    before = [t.lower_ for t in doc[max(0, m.start - 3):m.start]]
    after = [t.lower_ for t in _this_clause_after(doc, m.end)]
    return ((_a_place_of_study(doc, m.end) or bool(_SCHOOLS & set(before)) or _after_a_qualification(doc, m, quals))
            and not _HOME_SAID & set(after))


_FROM = {"from", "in", "at"}
_A_PUPILS = _SCHOOL_YEAR | {"sixth", "school"}          # a pupil's school is near home: "year 12 in Ilford"


def _after_a_qualification(doc: Doc, m: Match, quals: list[Match]) -> bool:
    """A place straight after a qualification and its subject, with "from", "in" or "at": where it was taken. After
    a comma "from" says where the resident is from ("nvq3 in childcare, from Croydon"), and a school year or an age
    between says nothing of study ("in year 12 in Ilford", "T level in science, 19, from Leyton")."""
    word = doc[m.start - 1].lower_ if m.start else ""
    if word not in _FROM:
        return False
    for q in quals:
        between = doc[q.end:m.start - 1]
        words = {t.lower_ for t in between if not t.is_punct}
        pupil = bool(_A_PUPILS & set(q.text.lower().split())) or (q.id in _FIRST and _studying(doc, q))
        if (q.id != "none" and not pupil and q.end < m.start and len(words) <= 4
                and not words & (_HOME_SAID | {"i", "now", "lived"})        # "MSc microbiology, now in Southall"
                and not any(t.like_num for t in between)
                and not (word == "from" and any(t.text == "," for t in between))):
            return True
    return False


_TOPIC_NEXT = {"about", "regarding", "my"}       # what is declined follows: "rather not say about ...", "share my ..."


def _this_clause_after(doc: Doc, end: int) -> list:
    """The tokens after `end` up to the next stop: "where i live" after "at college in enfield"."""
    out = []
    for t in doc[end:end + 8]:
        if t.text in ".;!?":
            break
        out.append(t)
    return out


_MOVING = {"moving", "move", "relocating"}


def _moving_to(doc: Doc, start: int) -> bool:
    """A place the resident is going to live in, not where they live: "moving to Hackney", "will move to Kent"."""
    before = [t.lower_ for t in doc[max(0, start - 3):start]]
    return len(before) >= 2 and before[-1] == "to" and before[-2] in _MOVING


_TAKEN_BACK = ("not", "no")


def _blanked(doc: Doc, spans: list[Match]) -> str:
    """The message with the words of `spans` blanked out."""
    chars = list(doc.text)
    for m in spans:
        span = doc[m.start:m.end]
        chars[span.start_char:span.end_char] = " " * (span.end_char - span.start_char)
    return "".join(chars)


def _within(m: Match, spans: list[Match]) -> bool:
    """`m` overlaps one of `spans`."""
    return any(m.start < o.end and o.start < m.end for o in spans)


def _district_said(doc: Doc) -> str | None:
    """The one postcode district a longer message names as the resident's: after "postcode" or "live in", or set
    off by commas among other answers; not one taken back ("SE15 not SE16")."""
    said = {t.text.upper() for t in doc if postcodes.is_postcode(t.text) and not _negated(doc, t.i)
            and (any(w.lower_ in ("postcode", "postcodes") for w in doc[max(0, t.i - 3):t.i])
                 or any(w.lower_ in _HOME_SAID for w in doc[max(0, t.i - 3):t.i])      # "30 - live in E17"
                 or (0 < t.i < len(doc) - 1 and doc[t.i - 1].text == "," and doc[t.i + 1].text == ","))}
    return said.pop() if len(said) == 1 else None


def _negated(doc: Doc, start: int) -> bool:
    """ "not" straight before a value takes it back: "Lewisham not Lambeth", "32 not 23", "islington. sorry not
    camden"; "sorry no 24" and "34, no 35" correct."""
    i = start - 2
    while i >= 0 and doc[i].is_punct:
        i -= 1
    number_no = doc[start - 1].lower_ == "no" and i >= 0 and doc[i].like_num     # "34, no 35!" corrects
    return (start > 0 and doc[start - 1].lower_ in _TAKEN_BACK and not number_no
            and not (start > 1 and doc[start - 2].lower_ in _CORRECTING and doc[start - 1].lower_ != "not"))


_ANSWERED = {"said", "put", "typed", "wrote", "entered", "picked", "chose", "clicked"}   # an earlier answer
_RETRACTING = _CORRECTING - {"actually"}      # "actually" alone adds as often as it corrects ("lab, actually nhs too")


def _corrected_after(doc: Doc, i: int) -> bool:
    """The first word after token i (past punctuation) corrects it: "no, sorry, it says level 6", "no wait"; not
    "no, but my old boss said it is like a UK degree" or "no sorry.", where the no is the answer."""
    after = next((t for t in doc[i + 1:] if not t.is_punct), None)
    if after is not None and after.lower_ == "sorry" and (after.i + 1 == len(doc) or doc[after.i + 1].text in ".!"):
        return False                    # "no sorry. But it was a 4 year degree": an apology, and the no stands
    return after is not None and after.lower_ in _CORRECTING


def _retracts(doc: Doc, i: int) -> bool:
    """Token i is where the resident corrects themselves: "sorry", "i mean", "wait", or "no" before one of those
    or a pause ("lab. no actually the nhs side", "hackney, no, haringey"), or "but" after an answer they gave ("I
    said Lewisham but I'm actually in Charlton")."""
    t = doc[i].lower_
    after = doc[i + 1] if i + 1 < len(doc) else None
    if t == "but" and any(w.lower_ in _ANSWERED for w in doc[max(0, i - 4):i]):
        return True                                     # "I said Lewisham but I'm actually in Charlton"
    return t in _RETRACTING or (t in ("no", "nah") and after is not None
                                and (after.lower_ in _CORRECTING or after.is_punct
                                     or (i > 0 and doc[i - 1].lower_ == "actually")))     # "HND - actually no"


def _since_correction(doc: Doc, found: list[Match]) -> list[Match]:
    """Of several values, those named after the resident last corrected themselves ("hackney, sorry i mean
    haringey"); all of them when no value comes before the correction. A "sorry" after the last value corrects
    nothing: "I put Barnet before, I meant Brent. sorry". A value they say to ignore is none."""
    ignored = _ignored(doc, found)
    if ignored and any(m not in ignored for m in found):      # "ignore what I said about computers, I want the NHS"
        found = [m for m in found if m not in ignored]
    marks = [t.i for t in doc if _retracts(doc, t.i) and any(m.start > t.i for m in found)
             and not any(m.start <= t.i < m.end for m in found)]      # "computer no, english little bit": a value
    if not marks:
        return found
    later = [m for m in found if m.start > marks[-1]]
    return later if later and len(later) < len(found) else found


def _ignored(doc: Doc, found: list[Match]) -> list[Match]:
    """The value named first after each "ignore what I said about"."""
    out = []
    for said in _IGNORE_WHAT_I_SAID.finditer(doc.text):
        after = doc.char_span(0, said.end(), alignment_mode="expand").end
        later = [m for m in found if m.start >= after]
        if later:
            out.append(min(later, key=lambda m: m.start))
    return out


_IGNORE_WHAT_I_SAID = re.compile(r"\b(?:ignore|forget|scrap|scratch|disregard)\s+(?:what\s+i\s+"
                                 r"(?:said|put|wrote|typed|told\s+you)|the\s+bit)\s+(?:about|re|on)\b", re.I)


def _in_the_past(doc: Doc, m: Match) -> bool:
    """ "used to be homeless", "previously on UC", "no longer claiming", "homeless - well not anymore", "i was a carer
    for my wife", "looking after my grandad until he passed" (not "don't want to be homeless anymore")."""
    before = [t.lower_ for t in doc[max(0, m.start - 4):m.start]]
    after = [t.lower_ for t in doc[m.end:m.end + 4]]
    return (any(a == "used" and b == "to" for a, b in zip(before, before[1:]))
            or before[-2:] in (["was", "a"], ["was", "an"], ["were", "a"])
            or any(w in ("previously", "formerly") for w in before)
            or any(a == "no" and b == "longer" for a, b in zip(before, before[1:]))
            or any(a == "not" and b in ("anymore", "any") for a, b in zip(after, after[1:]))
            or bool(_UNTIL_THEY_DIED.match(doc[m.end:].text)))


_UNTIL_THEY_DIED = re.compile(r"\W*(?:[\w']+\s+){0,5}?(?:until|till|til|before)\s+(?:he|she|they|my\s+\w+)\s+"
                              r"(?:passed|died)\b", re.I)      # "looking after my grandad for years until he passed"


_PREFER = {"rather", "prefer", "prefers", "preferably", "instead"}
_HEDGES = {"i", "guess", "think", "suppose", "reckon", "tbh", "then"}      # after _FILLERS ("really")


# The words of _NEAR that say "beside" alone: "next", "close" and "round" say it only in a pair ("next to", "round the
# corner from"), and "from" or "around" before a kind of work say something else ("from retail into healthcare")
_BESIDE = _NEAR - {"next", "close", "round", "around", "nearby", "from"}
_BESIDE_PAIRS = {("next", "to"), ("close", "to"), ("near", "to"), ("round", "from"), ("corner", "from")}


def _a_place_beside(doc: Doc, m: Match) -> bool:
    """ "by Northwick Park hospital", "near the hospital": where they live, told by a place beside it, not the work
    they want."""
    words = _said_before(doc, m.start, 4)
    return any(w in _BESIDE for w in words) or any(pair in _BESIDE_PAIRS for pair in zip(words, words[1:]))


def _personal_data(doc: Doc, start: int, end: int) -> bool:
    """ "I want my data removed", "what do you do with your data": data about someone, not data work (over the
    development corpora no message saying "my data" is labelled with an interest)."""
    return doc[start:end].text.lower() == "data" and start > 0 and doc[start - 1].lower_ in _WHOSE


_WHOSE = {"my", "your", "our", "his", "her", "their"}
_FORMER = {"retired", "former", "formerly", "ex"}
_WORKED = re.compile(r"\b(?:retired\s+from|used\s+to\s+work|worked|was\s+working)\b")


def _a_former_job(doc: Doc, m: Match) -> bool:
    """ "retired nurse", "ex-engineer", "former lab tech", "retired from the post office", "used to work in an
    office": work they did, not what they want next."""
    return any(t.lower_ in _FORMER for t in doc[max(0, m.start - 2):m.start]) \
        or bool(_WORKED.search(" ".join(_said_before(doc, m.start, 6))))


_STUDIED_IN = {"phd", "degree", "masters", "msc", "bsc", "ba", "doctorate", "studied", "level", "levels", "gcse",
               "gcses", "btec"}
_WHERE_STUDIED = {"school", "uni", "university", "college", "sixth"}


def _a_relatives(doc: Doc, m: Match) -> bool:
    """ "my dad wants me to be a doctor", "my sister works in research": work a relative does or wants for them, named
    in a clause about the relative (not one they take up: "my cousin works in manufacturing ... so maybe that too")."""
    words = _said_before(doc, m.start, 8)
    return any(a in _THEIRS - {"a"} and b in _RELATIVES for a, b in zip(words, words[1:])) \
        and not _THAT_TOO.search(doc[m.end:].text)


_THAT_TOO = re.compile(r"\b(?:that|it|this)\s+(?:too|as\s+well)\b", re.I)


def _a_subject_studied(doc: Doc, m: Match) -> bool:
    """ "a PhD in chemistry", "I liked biology at school": a subject they studied, not the work they want next."""
    before = [t.lower_ for t in doc[max(0, m.start - 3):m.start]]
    after = [t.lower_ for t in doc[m.end:m.end + 2]]
    return bool(_STUDIED_IN & set(before)) or after[:1] == ["at"] and bool(_WHERE_STUDIED & set(after[1:]))


def _preferred(doc: Doc, found: list[Match]) -> list[Match]:
    """Of kinds of work named on both sides of a preference, the preferred: "used to want nursing but now more into
    lab stuff", "my mum works in the NHS but I'd rather do computers"; "lab work rather than nursing", "research
    instead of lab work" prefer what comes first, "more into engineering than labs", "rather healthcare than labs" and
    "prefer hospital work over labs" what comes between. Only interests name a preference. A job they did ("retired
    nurse"), a subject they studied ("a PhD in chemistry") or a relative's work ("my dad wants me to be a doctor")
    gives way to work they name beside it."""
    if not any(m.label == "interest" for m in found):
        return found
    was = [m for m in found if m.label == "interest" and (_a_former_job(doc, m)      # "retired nurse, fancy research"
                                                          or _a_subject_studied(doc, m)  # "research, PhD in chemistry"
                                                          or _a_relatives(doc, m))]    # "my mum wants me to do nursing"
    if was and any(m.label == "interest" and m not in was for m in found):
        found = [m for m in found if m not in was]
    found = [m for m in found if not _customer_or_product(doc, m, found) and not _checks_production(m, found)]
    cues = [t.i for t in doc if t.lower_ in _PREFER
            or (t.lower_ == "more" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in ("into", "interested"))]
    if not cues:
        return found
    cue = cues[-1]
    first = cue + 1 < len(doc) and doc[cue + 1].lower_ in ("than", "of")          # "rather than", "instead of"
    # "prefer hospital work over labs", "rather healthcare than labs"
    closing = {"more": ("than",), "rather": ("than", "over")}.get(doc[cue].lower_, ("over",))
    than = next((t.i for t in doc[cue + 2:] if t.lower_ in closing), None)
    kept = [m for m in found if (m.end <= cue if first else m.start > cue and (than is None or m.end <= than))]
    return kept if kept and len(kept) < len(found) else found


def _checks_production(m: Match, found: list[Match]) -> bool:
    """Quality control named beside a factory or production line, and no lab: checking what is made there ("quality
    control on a production line", "QC in a medicines factory"), not lab work."""
    return m.id == "laboratory" and m.text.lower() in ("quality control", "qc") \
        and any(o.id == "manufacturing" for o in found) and not any(o.id == "laboratory" and o is not m for o in found)


def _customer_or_product(doc: Doc, m: Match, found: list[Match]) -> bool:
    """A kind of work named as who other work is for or what is sold, not as the work: "testing samples for
    hospitals", "selling medical equipment to hospitals" (after "for" or "to", or straight after "selling", beside
    other work named before it)."""
    i = m.start - 1
    while i >= 0 and doc[i].lower_ in ("the", "a", "an"):
        i -= 1
    if m.label != "interest" or i < 0:
        return False
    word = doc[i].lower_
    to = word == "to" and (m.text.lower().endswith("s") or m.text.lower() == "nhs")
    before = [o for o in found if o.label == "interest" and o.id not in (m.id, "not_sure")
              and not _CLAUSES.search(doc[o.end:i].text)]
    return any(o.end <= i for o in before) and (word == "for" or to) or \
        word in ("selling", "sell", "sells") and any(o.end == i + 1 for o in before)


def _future(doc: Doc, start: int, end: int) -> bool:
    """An age the resident will be, not is: "I'll be 25", "turning 19", "18 on Tuesday", "20 in March", "18 in 2
    weeks" (but
    "turned 40 in January" and "was 22 in march" are what they say)."""
    before = doc[start - 1].lower_ if start > 0 else ""
    after = doc[end].lower_ if end < len(doc) else ""
    when = [t.lower_.rstrip(".") for t in doc[end + 1:end + 3]]
    if when[:1] in (["a"], ["the"]):                                # "in a few weeks", "on the 5th"
        when = when[1:]
    going_on = before == "on" and start > 1 and doc[start - 2].lower_ == "going"         # "19 going on 20"
    i_be = before == "be" and start > 1 and doc[start - 2].lower_ == "i"                  # "I be 28": I am 28
    just_turned = before == "turn" and start > 1 and doc[start - 2].lower_ in ("just", "jus")    # "i just turn 20"
    counted = len(when) > 1 and (when[0].isdigit() or _number_word(when[0]) is not None) \
        and when[1] in _UNITS_OF_TIME                                 # "18 in 2 weeks!!"
    return before in _WILL_BE and not i_be and not just_turned or going_on or (
        after in _SOON and before not in ("turned", "was") and bool(when)
        and (when[0] in _WHEN or _a_date(when[0]) or counted))


_HERE = {"here", "uk", "england", "britain"}
_ORIGIN = {"born", "grew", "school", "raised"}
_ARRIVED = {"came", "come", "coming", "moved", "move", "moving", "arrived", "arrive", "got", "brought"}  # not "here"
# before "here": arriving, or work or home ("want to work in healthcare here", "living here"), not where they studied
_NOT_STUDY_HERE = _ARRIVED | {"work", "working", "job", "jobs", "live", "living", "lives", "settle", "settled"}


def _taken_here(doc: Doc, countries: list[Match]) -> bool:
    """Qualifications said to be from here, beside a country they were born, grew up or went to school in: "born in
    Poland but did all my school here", "went to school in Nigeria but came here at 14 and did my GCSEs here" (not
    "a degree from Ghana and GCSE maths here", nor "came here from Ghana with my degree")."""
    origin = any(w.lower_ in _ORIGIN for m in countries for w in doc[max(0, m.start - 3):m.start])
    return origin and any(t.lower_ in _HERE and not any(w.lower_ in _NOT_STUDY_HERE for w in doc[max(0, t.i - 4):t.i])
                          for t in doc)


def _first_word(doc: Doc) -> str:
    """The first word after any "nah", "erm" or "um": "nah nothing"."""
    words = [t.lower_ for t in doc if not t.is_punct]
    while words[1:] and words[0] in ("nah", "erm", "um", "umm", "uh", "uhh", "hmm", "well", "honestly", "actually",
                                     "sorry", "oh", "ok", "okay"):
        words = words[1:]
    return words[0] if words else ""


def _a_date(word: str) -> bool:
    """ "5th", "21st": a day of the month."""
    return word[:-2].isdigit() and len(word) <= 4 and word[-2:] in _ORDINAL


_SIXTH_FORM = {("lower", "sixth"): 12, ("upper", "sixth"): 13, ("first", "year", "of", "sixth"): 12,
               ("second", "year", "of", "sixth"): 13}


def _school_year(doc: Doc, just_left: bool = False) -> int | None:
    """The age of a pupil who gave their school year ("year 11", "yr 12", "y11", "year eleven", "lower sixth"),
    unless it is a year they left in ("dropped out in year 10"); with `just_left`, the age of one who has just
    finished it too ("just finished year 11": 16, and no longer at school)."""
    toks = [t.lower_ for t in doc]
    for words, year in _SIXTH_FORM.items():
        if any(tuple(toks[i:i + len(words)]) == words for i in range(len(toks))):
            return year + _YEAR_TO_AGE
    now = ("not", "just") if just_left else ("not",)            # "not left school yet", "just finished"
    for i, n in _years(toks):
        if 7 <= n <= 13 and not any((w in _LEFT_SCHOOL and (k == 0 or toks[k - 1] not in now)
                                     or w == "finish" and toks[k - 1:k] in (["nt"], ["n't"], ["never"]))
                                    for k, w in enumerate(toks[:i]) if k >= i - 5):      # "left at 14 in year 9"
            return int(n) + _YEAR_TO_AGE
    return None


def _years(toks: list[str]):
    """(position, N) for each school year named: "year 11", "yr 12", "year eleven", "y11"."""
    for i, t in enumerate(toks):
        if t in _SCHOOL_YEAR and i + 1 < len(toks):
            n = _word_value(toks[i + 1])
            if n is not None:
                yield i, n
        elif t[:1] == "y" and t.lstrip("yearr").isdigit():             # "y11", "yr11", "year11"
            yield i, int(t.lstrip("yearr"))


_EARLY = {"left", "dropped", "quit", "excluded", "expelled", "kicked"}


def _without_a_statement(doc: Doc) -> bool:
    """UK ENIC named and denied in one sentence: "I don't have the ENIC thing", "no naric" (not "can't practise here
    yet. UK ENIC said it's comparable to a bachelor's degree")."""
    for sent in " ".join(t.lower_ for t in doc).replace("!", ".").replace("?", ".").split("."):
        words = sent.split()
        if any(w in _ENIC_NAMES for w in words) and any(w in _SIGN_NEGATIONS for w in words):
            return True
    return False


def _left_early(doc: Doc) -> bool:
    """Left school before Year 11, when GCSEs are taken ("left in yr 10", "got kicked out in year 9")."""
    toks = [t.lower_ for t in doc]
    return any(7 <= n <= 10 and any(w in _EARLY for w in toks[max(0, i - 4):i]) for i, n in _years(toks))


def _word_value(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    word = _number_word(token)
    return None if word is None else _UNITS.get(word, _TENS.get(word))


def _number_word(token: str) -> str | None:
    """A number word, allowing a typo in a long one ("twnety", "fourty", "ninteen")."""
    if token in _UNITS or token in _TENS:
        return token
    if len(token) < 5 or not token.isalpha() or token in _LOOK_LIKE_NUMBERS:
        return None
    close = difflib.get_close_matches(token, [w for w in _NUMBER_WORDS if w[0] == token[0]], n=1, cutoff=0.8)
    return close[0] if close else None          # a typo rarely changes the first letter ("right" is not "eight")


# A date of birth (day/month/year, as the UK writes it) or a year of birth, said instead of an age.
_BORN = re.compile(r"\b(?:born(?:\s+in)?|dob|d\.o\.b\.?|date\s+of\s+birth(?:\s+is)?)\W{0,3}"
                   r"(?:(\d{1,2})[/.-](\d{1,2})[/.-])?((?:19|20)\d{2})\b", re.I)
_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d{2})\b")


def _age_from_birth(day: str | None, month: str | None, year: str) -> int:
    """The age today of someone born on that date; for a year alone, asks which of its two ages it is."""
    today, y = date.today(), int(year)
    try:
        born = date(y, int(month), int(day)) if day and month else None
    except ValueError:                                                  # "31/02/1999": the year still tells
        born = None
    if born is not None:
        return _check_age(today.year - y - ((today.month, today.day) < (born.month, born.day)))
    older = today.year - y
    _check_age(older)
    raise AmbiguousInput("age", f"If you were born in {y}, you're {older - 1} or {older} now. Which is it?",
                         (str(older - 1), str(older)))


def _check_age(n: float) -> int:
    if not MIN_AGE <= n <= MAX_AGE:
        raise InputError("age", f"{n:g} doesn't look like an age.")
    return int(n)


def _numbers(doc: Doc) -> list[tuple[int, int, float]]:
    """(start, end, value) for numbers written as digits ("19", "19yo") or words ("twenty two")."""
    out, i = [], 0
    while i < len(doc):
        t = doc[i].lower_
        glued = _GLUED_AGE.match(t)                                     # "im31"
        if glued:
            out.append((i, i + 1, float(glued.group(1))))
            i += 1
            continue
        digits = t.rstrip("abcdefghijklmnopqrstuvwxyz/")
        birthday = t[len(digits):] in _ORDINAL and i and doc[i - 1].lower_ == "my" and digits.isdigit() \
            and int(digits) >= 13                                       # "just had my 21st"
        if digits and (t[len(digits):] in ("", *_AGE_AFTER, "y") or birthday):
            try:
                out.append((i, i + 1, float(digits)))
                i += 1
                continue
            except ValueError:
                pass
        j, value = _words_number(doc, i)
        if j > i:
            out.append((i, j, value))
            i = j
        else:
            i += 1
    return out


def _words_number(doc: Doc, i: int) -> tuple[int, float]:
    """Reads "twenty two", "twenty-two", "a hundred and five" (and typos such as "thrity one") from token i;
    returns (end, value)."""
    total, j, seen = 0, i, False
    while j < len(doc):
        w = _number_word(doc[j].lower_) or doc[j].lower_
        nxt = (_number_word(doc[j + 1].lower_) or doc[j + 1].lower_) if j + 1 < len(doc) else ""
        joined = _run_together(doc[j].lower_) if not seen else None
        if joined is not None:                              # "fortyfour"
            total, j, seen = joined, j + 1, True
            break
        if w in _TENS:
            total += _TENS[w]
        elif w in _UNITS:
            total += _UNITS[w]
        elif w == "hundred" and seen:
            total *= 100
        elif w == "a" and not seen and nxt == "hundred":
            total = 1                                       # "a hundred and fifty"
        elif w in ("-", "and") and seen and (nxt in _UNITS or nxt in _TENS):
            pass
        elif w.isdigit() and len(w) == 1 and w != "0" and seen and _number_word(doc[j - 1].lower_) in _TENS:
            total += int(w)                                 # "twenny 3"
            j += 1
            break
        elif seen and _number_word(doc[j - 1].lower_) in _TENS and (unit := _unit_typo(w)):
            total += _UNITS[unit]                           # "thirty fiv": a short unit's typo after a tens word
            j += 1
            break
        else:
            break
        seen = True
        j += 1
    return (j, float(total)) if seen else (i, 0.0)


def _unit_typo(word: str) -> str | None:
    """A unit from one to nine typed with a letter wrong or missing ("fiv", "sevn"), read only after a tens word:
    alone, a short word is too often another ("for", "tree")."""
    if len(word) < 3 or not word.isalpha() or word in _NOT_A_UNIT:
        return None
    units = [w for w in _NUMBER_WORDS if 0 < _UNITS.get(w, 0) < 10 and w[0] == word[0]]
    close = difflib.get_close_matches(word, units, n=1, cutoff=0.75)
    return close[0] if close else None


_NOT_A_UNIT = {"for"}                       # "thirty for now"


def _run_together(word: str) -> int | None:
    """ "fortyfour", "twentyone": a tens word and a unit typed as one."""
    for tens, value in _TENS.items():
        unit = word[len(tens):]
        if word.startswith(tens) and _UNITS.get(unit, 0) in range(1, 10):
            return value + _UNITS[unit]
    return None


def _age_cue(doc: Doc, start: int, end: int) -> bool:
    """A number reads as an age next to "I'm", "aged", "my age is" or "years old" ("I'm actually 27" too).
    spaCy splits "im" into "i" "m", hence the pair."""
    i, before2, before = _words_before(doc, start)
    after = doc[end].lower_ if end < len(doc) else ""
    return (before in _AGE_BEFORE or (before2, before) in (("i", "am"), ("i", "m"), *_AGE_SAID)
            or (before2 in _COACHED and before in ("is", "'s", "s"))     # a work coach: "customer is 29", "she's 24"
            or (before2 in _TYPED_FOR and before == "is"               # family typing: "my son is 19" (not
                and not any(t.lower_ in ("me", "myself") for t in doc)   # "my daughter is 16 but this is for me",
                and not _own_age_said(doc))                              # "im 34 my daughter is 15")
            or (before in ("is", "'s", "its", "to")                   # "my age wrong, its 31", "change my age to 19"
                and any(t.lower_ == "age" for t in doc[max(0, i - 6):i]))
            or (start > 0 and doc[start - 1].lower_ == "now" and _two_digits(doc[start]))   # "care leaver, now 19"
            or (after in _AGE_AFTER and _teens_up(doc[start])) or _said_old(doc, start, end)
            or (after in _SEX and _teens_up(doc[start])                 # "hi 19 m from wood green", "24 f, hackney"
                and (start == 0 or doc[start - 1].is_punct or doc[start - 1].lower_ in _GREETINGS))
            or (after == "now" and _two_digits(doc[start]) and _now_alone(doc, start, end))     # ". 17 now."
            or doc[start].lower_.endswith("yrs") or bool(_GLUED_AGE.match(doc[start].lower_)))   # "im31"


def _now_alone(doc: Doc, start: int, end: int) -> bool:
    """ "17 now" as a sentence of its own (". 17 now."), or between commas ("left school at 15 with nothing, 34 now,
    live in dagenham")."""
    if start == 0 or doc[start - 1].text in _SENTENCE_ENDS:
        return True
    return doc[start - 1].text == "," and (end + 1 == len(doc) or doc[end + 1].text in _CLOSING_MARKS | _SENTENCE_ENDS)


def _said_old(doc: Doc, start: int, end: int) -> bool:
    """A number said with "years old" or "yo" of its own: "20yo", "20 y/o", "a 58-year-old", "20 years old"."""
    after = doc[end].lower_ if end < len(doc) else ""
    after2 = doc[end + 1].lower_ if end + 1 < len(doc) else ""
    return (after in _AGE_AFTER and (after in ("yo", "y/o") or after2 == "old")
            or "".join(t.lower_ for t in doc[end:end + 5]).startswith(_AGE_JOINED) or doc[start].lower_.endswith("yo"))


_GLUED_AGE = re.compile(r"i'?m(\d{2})$")
_AGE_SAID = (("age", "is"), ("age", "'s"), ("age", ":"))


def _words_before(doc: Doc, start: int) -> tuple[int, str, str]:
    """The position of the word before a number, past fillers ("I'm actually 27"), and the two words ending there
    ("" where there are none)."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in _FILLERS:
        i -= 1
    return i, (doc[i - 1].lower_ if i > 0 else ""), (doc[i].lower_ if i >= 0 else "")


_AGE_JOINED = ("-year-old", "-years-old", "-yr-old", "y/o", "-y/o")


_COACHED = {"customer", "client", "resident", "claimant", "learner", "he", "she"}   # whom a work coach types for
_TYPED_FOR = {"son", "daughter"}                                                  # whom family types for
_UNITS_OF_TIME = {"year", "years", "yr", "yrs", "month", "months", "week", "weeks", "day", "days"}
_SPENT = {"been", "did", "done", "spent", "worked", "doing"}     # "did 30 yrs in sales", "been a manager 15 years"
_A_WHILE_AFTER = {"ago", "now", "back", "experience", "exp", "experiance", "here", "stay", "visa", "course", "degree",
                  "contract", "gap", "break", "sentence"}         # "10 years experience", "a 5 year visa"


def _a_while(doc: Doc, start: int, end: int) -> bool:
    """A number that counts time, not age: "3 yrs ago", "for 2 years", "since 2021", "been a cleaner 30 year"."""
    before = doc[start - 1].lower_ if start > 0 else ""
    unit, ago = (doc[end].lower_ if end < len(doc) else ""), (doc[end + 1].lower_ if end + 1 < len(doc) else "")
    been = any(w in _SPENT for w in _said_before(doc, start, 6))   # "been a black cab driver 20 yrs"
    return before in _NOT_AN_AGE or (unit in _UNITS_OF_TIME and (ago in _A_WHILE_AFTER or been))


def _corrected(doc: Doc, numbers: list[tuple[int, int, float]]) -> float | None:
    """The last of several numbers when the resident corrects themselves before it: "im 42 sorry i mean 24",
    "45, no wait 46", "34, no 35!"."""
    (_, end, _), (start, _, value) = numbers[-2], numbers[-1]
    between = [t.lower_ for t in doc[end:start] if not t.is_punct]
    return value if any(w in _CORRECTING for w in between) or between in (["no"], ["nope"]) else None


_SELF_SAID = {"i'm", "im", "am", "aged", "'m", "m"}           # spaCy splits "im" into "i" "m"
_THEN = {"was", "were"}         # "when I was 17": an age then, not now
_CHILD = 13                     # below this, a number is the resident's age only after "I'm" or "aged"


def _leads(doc: Doc, start: int, end: int) -> bool:
    """Two digits opening the message, set off by a stop or comma: at the age question, the age it answers."""
    return start == 0 and _two_digits(doc[start]) and end < len(doc) and doc[end].text in ".,!?"


def _own_age_said(doc: Doc) -> bool:
    """ "I'm 34" or "aged 34" somewhere in the message: the resident's own age."""
    return any(t.lower_ in _SELF_SAID and t.i + 1 < len(doc) and doc[t.i + 1].like_num for t in doc)


def _a_child(doc: Doc, start: int, value: float) -> bool:
    """A number too young for a resident's age unless they say it is theirs: "i have a 2 year old", "give me 5
    more", "a 5 year stay" (not "im 12")."""
    _, before2, before = _words_before(doc, start)
    return value < _CHILD and not (before in _SELF_SAID or (before2, before) in _AGE_SAID)


_ANOTHER = {"she", "he", "they", "shes", "hes", "theyre"}


def _anothers_age(doc: Doc, start: int) -> bool:
    """An age said in the third person: "he's 22", "she is 23" (a work coach's or a parent's answer, or a friend's)."""
    _, before2, before = _words_before(doc, start)
    return before in _ANOTHER or before2 in _ANOTHER and before in ("s", "'s", "is", "re", "'re", "are")


def _a_school_year(doc: Doc, start: int) -> bool:
    """The number of a school year ("finished year 13"), not an age."""
    return start > 0 and doc[start - 1].lower_ in _SCHOOL_YEAR


def _teens_up(token) -> bool:
    """ "19 years" may be an age; "2 years" ("out of work 2 years") is not."""
    return token.text.isdigit() and int(token.text) >= 10


_JOINS = {"and", "from", "in", "living", "live", "with", "but", "&", "+", "-", ",", ".", ";", "n",
          "got", *_SEX, "lol", "haha",                          # "19 got gcses", "22 female Newham", "43 lol, ..."
          "looking", "want", "wanting", "interested",            # "21 looking at working in pharma manufacturing"
          "just", "left", "finished", "still"}                   # "18 just finished a levels", "17 still at school"


def _opens(doc: Doc, start: int, end: int, starts: frozenset[int] = frozenset()) -> bool:
    """A number from 10 to 99 that opens a message (after a greeting, if any) and is followed by more answers reads
    as the resident's age: "34 and I left school at 16", "36. I have two kids", "17 from brent", "hello, 19 and want
    lab work", "hey 20 croydon" (`starts`: where the answers found begin)."""
    first = 0
    while first < start and (doc[first].lower_ in _GREETINGS or doc[first].is_punct):
        first += 1
    return start == first and end < len(doc) and (doc[end].lower_ in _JOINS or end in starts) \
        and _two_digits(doc[start])


def _between_answers(doc: Doc, start: int, end: int, starts: frozenset[int]) -> bool:
    """A number from 16 to 99 with another answer straight after it: "care leaver 20 haringey"."""
    return end in starts and _sixteen_up(doc[start])


def _joined_on(doc: Doc, start: int, end: int) -> bool:
    """A number from 16 to 99 straight after an answer and joined to the next one: "care leaver 20 and need a job"
    (not "unemployed 3 yrs")."""
    return _sixteen_up(doc[start]) and end < len(doc) \
        and doc[end].lower_ in ("and", "n", "&", ",", "from", "in", "living", "with")


_GREETINGS = {"hi", "hello", "hey", "hiya", "heya", "yo", "hallo", "morning", "afternoon", "evening", "good"}


_TAKES_BACK = {"not", "instead", "anymore", "longer"}
_CLAUSES = re.compile(r"[?.!,;]|\b(?:but|because|cause|cos|coz|as)\b", re.I)
_OF_THEMSELVES = re.compile(r"\b(?:i'?m|i\s+am|i'?ve|i\s+have|i\s+got|i\s+live|i\s+want|i'?d\s+like|"
                            r"(?:she|he)(?:'s|\s+is|\s+has)|they'?re)\b", re.I)


@lru_cache(maxsize=4)
def _cached(data_dir: str) -> Normaliser:
    vocab = load_vocabulary(Path(data_dir))
    return Normaliser(vocab, patterns(vocab, load_programmes(Path(data_dir), vocab)))


def normaliser() -> Normaliser:
    """The normaliser for the configured data directory, built once per process."""
    return _cached(str(config.data_dir()))
