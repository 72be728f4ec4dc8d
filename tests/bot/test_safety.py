"""The safety net overrides the classifier for messages suggesting distress."""
from __future__ import annotations

import pytest

from rasa.shared.nlu.training_data.message import Message

from bot.rasa.components import SafetyNet


def classify(text: str, intent: str = "stop") -> str:
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.9},
                            "intent_ranking": [{"name": intent, "confidence": 0.9}]})
    SafetyNet().process([message])
    return message.get("intent")["name"]


@pytest.mark.parametrize("text, said", [
    ("I want to end it all", "stop"),
    ("honestly i feel like nobody would miss me", "chitchat"),
    ("none of these will help, i havent eaten in 3 days", "inform"),
    # crisis in the present, in residents' words (corpus_fresh13)
    ("please help me, i'm sleeping outside tonight and it's freezing", "inform"),
    ("sorry i'm crying, everything is too much right now", "inform"),
    ("I'm in A&E after a panic attack and I don't know what to do", "inform"),
    # a parent's child at risk, "not ok", breaking down (corpus_fresh15 and 16)
    ("my son has locked himself in his room and says he wants to die, what do I do", "out_of_scope"),
    ("im not ok. rly not ok. need someone", "nlu_fallback"),
    ("I can't do this, my head is all over the place and I think I'm going to break down", "start_again"),
    # no food or sleep for days (corpus_fresh17)
    ("I haven't eaten properly in days, there's no money left", "why_not"),
    ("I'm really struggling, I haven't slept in days", "inform"),
    # thrown out with a baby, shaking at bad news (corpus_fresh24 and 25): the homelessness it states made it an answer
    ("my landlord threw my stuff out, im on the street with my baby tonight", "out_of_scope"),
    ("i just got some really bad news and im shaking", "inform"),
    # risk the classifier alone caught, or that an answer rule read as "none" (corpus_fresh5 to 22)
    ("none of this matters, i'm going to end it tonight", "inform"),
    ("I've taken a load of pills", "inform"),
    ("I'm standing on the bridge right now", "chitchat"),
    ("nobody would notice if i disappeared", "out_of_scope"),
    ("I don't feel safe right now, I need help", "human_handoff"),
    ("I feel completely worthless", "inform"),
    ("no money for the electric and my baby is cold", "inform"),
    # hunger, eviction today, not mattering, self-harm again, a client at risk (corpus_fresh18 to 26)
    ("my kids have no food and I've got nothing left", "inform"),
    ("i got evicted today, all my stuff is outside", "inform"),
    ("no one cares if I'm here or not", "deny"),
    ("I've been cutting again", "inform"),
    ("my client has just told me shes thinking of ending her life, what do i do", "human_handoff"),
    # not caring whether they live, "a bad way", a life over (corpus_fresh8 and 27)
    ("nobody cares if I live or die", "inform"),
    ("help me please i'm in a really bad way", "human_handoff"),
    ("my life is over", "chitchat"),
    ("never got anything right in my life, whats even the point", "find_routes"),
    # an eviction tomorrow, no food and no money (corpus_fresh28)
    ("I'm being evicted tomorrow and I don't know what to do", "inform"),
    ("my landlord is evicting us tomorrow with my kids, please help", "inform"),       # corpus_fresh39
    ("i feel really unsafe at home right now", "inform"),
    ("I'm so depressed I can't see the point in any of this", "why_needed"),
    ("I've got nothing. No qualifications no job no nothing. I hate my life", "inform"),    # corpus_fresh40
    ("honestly i dont see the point in being here anymore", "chitchat"),                     # corpus_fresh40
    ("i've got no food and no money left", "deny"),
    # children about to be taken, shaking, asylum refused, the street next week (corpus_fresh28 to 32)
    ("they are going to take my children and i can't stop shaking", "inform"),
    ("my asylum was refused today and i dont know what to do", "inform"),
    ("i'm going to be on the street on monday and i've got nowhere", "inform"),
    # sad and afraid, asking for help (corpus_fresh34)
    ("please help me I am very very sad and afraid", "nlu_fallback"),
    # put out of a home tonight or this week, not coping, threats, debt, no money for gas or food (corpus_fresh41)
    ("my dad kicked me out and im 17, on a night bus rn", "inform"),
    ("i dont care about qualifications right now im about to be homeless", "inform"),
    ("we got kicked out by my stepdad last night, me and my sister are at a friends", "inform"),
    ("my landlord says we have to be out by friday and i have 3 kids, i dont know what to do", "inform"),
    ("sleeping rough at the moment, its freezing and im not coping", "inform"),
    ("a gang keeps messaging me saying theyll get me if i dont work for them", "out_of_scope"),
    ("im so stressed i cant sleep, debt collectors calling every day", "inform"),
    ("none of this matters if i cant pay the rent next week, im going to lose the flat", "inform"),
    ("I've been feeling really low for months and I don't know who to talk to", "human_handoff"),
    ("help please my child is unwell and we have no gas money and no food", "nlu_fallback"),
])
def test_distress_overrides_whatever_the_classifier_said(text, said):
    assert classify(text, intent=said) == "distress"


def test_other_messages_and_button_payloads_are_left_alone():
    assert classify("I want to stop") == "stop"
    assert classify("/stop") == "stop"
    assert classify("i get panic attacks", intent="inform") == "inform"        # a condition, not a crisis
    assert classify("im crying with laughter lol", intent="chitchat") == "chitchat"
    # words beside a crisis phrase that are no crisis
    assert classify("my qualifications are worthless here", intent="inform") == "inform"
    assert classify("get someone to contact me i cant do this online", intent="request_contact") == "request_contact"
    assert classify("cancer research, my dad died of it", intent="inform") == "inform"
    assert classify("I'm hopeless at computers", intent="inform") == "inform"
    assert classify("I'm afraid I don't have any GCSEs", intent="inform") == "inform"     # British politeness
    assert classify("we got evicted last year so we're in temp accommodation now", intent="inform") == "inform"
