"""Replays the blind corpus against a running Pathways over REST and scores what it understood.

Each message gets its own conversation, brought to the point the corpus names (`asked`) with button payloads,
then the message is sent as a resident would type it. The conversation Rasa stored (its HTTP API's tracker) is
what is scored: the slots it holds, the intent it read, and the question it asks next.
"""
from __future__ import annotations

import json
import re
import urllib.request
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pathways.scores import f1_interval, macro_f1

HERE = Path(__file__).parent
QUESTIONS = ("age", "qualification_level", "borough", "barriers", "interests")
# Answers given with buttons before the message under test, one per question, in the form's order.
PREFILL = {"age": 30, "qualification_level": "2", "borough": "Camden", "barriers": "none",
           "interests": ["not_sure"]}


def corpora(newest: int | None = None) -> list[str]:
    """The corpora under tests/eval (corpus*.yml), oldest first (corpus, corpus_fresh, corpus_fresh2...); only the
    `newest` ones if given."""
    names = sorted((p.name for p in HERE.glob("corpus*.yml")),
                   key=lambda n: int(re.sub(r"\D", "", n) or (1 if "fresh" in n else 0)))
    return names[-newest:] if newest else names


def load(name: str) -> list[dict]:
    return yaml.safe_load((HERE / name).read_text())


def _payload(intent: str, **entities) -> str:
    return f"/{intent}{json.dumps(entities)}" if entities else f"/{intent}"


class Bot:
    def __init__(self, rasa_url: str, token: str):
        self.url, self.token = rasa_url, token

    def say(self, sender: str, text: str) -> list[dict]:
        body = json.dumps({"sender": sender, "message": text}).encode()
        req = urllib.request.Request(f"{self.url}/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read() or b"[]")

    def parse(self, text: str) -> dict:
        req = urllib.request.Request(f"{self.url}/model/parse?token={self.token}", data=json.dumps({"text": text})
                                     .encode(), headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read())

    def tracker(self, sender: str) -> dict:
        with urllib.request.urlopen(f"{self.url}/conversations/{sender}/tracker?token={self.token}",
                                    timeout=60) as r:
            return json.loads(r.read())


def setup_turns(asked: str) -> list[str]:
    """Button presses that bring a new conversation to the point where `asked` is the open question."""
    if asked == "start":
        return []
    turns = ["/greet"]
    if asked == "enic":
        return turns + [_payload("inform", age=PREFILL["age"]), _payload("inform", qualification_level="abroad")]
    stop = QUESTIONS.index(asked) if asked in QUESTIONS else len(QUESTIONS)     # "after": every question
    return turns + [_payload("inform", **{q: PREFILL[q]}) for q in QUESTIONS[:stop]]


@dataclass
class Outcome:
    case: dict
    intent: str | None
    slots: dict
    replies: list[dict]
    asked_next: str | None
    right: dict = field(default_factory=dict)        # slot -> bool, for every slot the case states

    @property
    def text(self) -> str:
        return "\n".join(r.get("text") or "" for r in self.replies)


def _matches(slot: str, want, slots: dict) -> bool:
    if want == "declined":
        return slot in (slots.get("declined") or [])
    if slot == "age":
        return slots.get("age") is not None and int(slots["age"]) == int(want)
    if slot == "borough":
        return slots.get("outside_london") is True if want == "outside_london" else slots.get("borough") == want
    if slot == "qualification_level":
        if want == "abroad":
            return bool(slots.get("qualification_abroad")) and slots.get("qualification_level") is None
        return slots.get("qualification_level") == str(want)
    got = slots.get(slot)                   # None: not answered, which is not "none of these" ([])
    return got is not None and set(got) == set(want or [])


def run_case(bot: Bot, case: dict) -> Outcome:
    me = f"eval-{uuid.uuid4().hex[:10]}"
    for turn in setup_turns(case["asked"]):
        bot.say(me, turn)
    replies = bot.say(me, case["text"])
    t = bot.tracker(me)
    slots = t.get("slots") or {}
    latest = t.get("latest_message") or {}
    if not (latest.get("intent") or {}).get("name"):    # "delete my data" deleted the conversation: ask the model
        latest = bot.parse(case["text"])
    out = Outcome(case, (latest.get("intent") or {}).get("name"), slots, replies, slots.get("requested_slot"))
    for slot, want in (case.get("slots") or {}).items():
        out.right[slot] = _matches(slot, want, slots)
    return out


def replay(bots: list[Bot], cases: list[dict], workers: int = 4) -> list[Outcome]:
    """Cases dealt in turn to each bot (one Rasa process uses one core), `workers` at a time on each."""
    with ThreadPoolExecutor(workers * len(bots)) as pool:
        return list(pool.map(lambda ic: run_case(bots[ic[0] % len(bots)], ic[1]), enumerate(cases)))


@dataclass
class Score:
    slot_accuracy: dict[str, tuple[int, int]]      # slot -> (right, stated)
    intent_f1: float
    per_intent: dict[str, float]
    f1_range: tuple[float, float]                  # f1_interval
    asked_again: list[Outcome]                     # an understood answer whose question came back
    twice: list[Outcome]                           # one turn that printed the same question twice
    wrong: list[Outcome]

    def accuracy(self, slot: str) -> float:
        right, total = self.slot_accuracy[slot]
        return right / total if total else 1.0

    def lines(self, name: str, blind: bool = False) -> list[str]:
        """The figures to print; for a `blind` corpus not its weakest intents, which would say what to work on."""
        slots = ", ".join(f"{s} {self.accuracy(s):.3f} ({r}/{n})" for s, (r, n) in self.slot_accuracy.items())
        weak = sorted(self.per_intent.items(), key=lambda kv: kv[1])[:5]
        return [f"{name}: slot accuracy {slots}",
                f"{name}: intent macro-F1 {self.intent_f1:.3f} (95% of resamplings "
                f"{self.f1_range[0]:.3f}-{self.f1_range[1]:.3f})" +
                ("" if blind else "; weakest " + ", ".join(f"{k} {v:.2f}" for k, v in weak)),
                f"{name}: understood answers asked again {len(self.asked_again)}; "
                f"questions printed twice in one turn {len(self.twice)}"]


def score(outcomes: list[Outcome]) -> Score:
    acc: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    asked_again, twice, wrong = [], [], []
    for o in outcomes:
        for slot, ok in o.right.items():
            acc[slot][0] += ok
            acc[slot][1] += 1
        # An overseas qualification is followed by the question about a UK ENIC statement: not the same question.
        understood = [s for s, ok in o.right.items() if ok and o.case["slots"][s] not in ("declined", "abroad")]
        if o.asked_next in understood:
            asked_again.append(o)
        if _repeats_a_question(o.replies):
            twice.append(o)
        if not all(o.right.values()) or o.intent != o.case["intent"]:
            wrong.append(o)
    pairs = [(o.case["intent"], o.intent) for o in outcomes]
    f1, per = macro_f1(pairs)
    order = [s for s in QUESTIONS if s in acc]
    return Score({s: tuple(acc[s]) for s in order}, f1, per, f1_interval(pairs), asked_again, twice, wrong)


QUOTED = re.compile(r'"[^"]*"|“[^”]*”|https?://\S+')


def _repeats_a_question(replies: list[dict]) -> bool:
    """True when one turn asks twice: two of its messages put a question ("I didn't recognise that. Which
    borough...?" and then "Which London borough do you live in?"). A question quoted as an example ("you can
    ask \"why do you need that?\"") is not one, nor the ? of a link (https://fva.org/news.asp?id=15852)."""
    return sum("?" in QUOTED.sub("", r.get("text") or "") for r in replies) > 1


def describe(o: Outcome) -> str:
    c = o.case
    got = {s: o.slots.get(s) for s in c.get("slots") or {}}
    return (f"[{c['asked']}] {c['text']!r}: intent {o.intent} (want {c['intent']}); slots {got} "
            f"(want {c.get('slots')}); next question {o.asked_next}")
