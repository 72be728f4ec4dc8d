"""The safety net overrides the classifier for messages suggesting distress."""
from __future__ import annotations

from rasa.shared.nlu.training_data.message import Message

from bot.rasa.components import SafetyNet


def classify(text: str, intent: str = "stop") -> str:
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.9},
                            "intent_ranking": [{"name": intent, "confidence": 0.9}]})
    SafetyNet().process([message])
    return message.get("intent")["name"]


def test_distress_overrides_whatever_the_classifier_said():
    assert classify("I want to end it all") == "distress"
    assert classify("honestly i feel like nobody would miss me", intent="chitchat") == "distress"
    assert classify("none of these will help, i havent eaten in 3 days", intent="inform") == "distress"
    # crisis in the present, in residents' words (corpus_fresh13)
    assert classify("please help me, i'm sleeping outside tonight and it's freezing", intent="inform") == "distress"
    assert classify("sorry i'm crying, everything is too much right now", intent="inform") == "distress"
    assert classify("I'm in A&E after a panic attack and I don't know what to do", intent="inform") == "distress"
    # a parent's child at risk, "not ok", breaking down (corpus_fresh15 and 16)
    assert classify("my son has locked himself in his room and says he wants to die, what do I do",
                    intent="out_of_scope") == "distress"
    assert classify("im not ok. rly not ok. need someone", intent="nlu_fallback") == "distress"
    assert classify("I can't do this, my head is all over the place and I think I'm going to break down",
                    intent="start_again") == "distress"
    # no food or sleep for days (corpus_fresh17)
    assert classify("I haven't eaten properly in days, there's no money left", intent="why_not") == "distress"
    assert classify("I'm really struggling, I haven't slept in days", intent="inform") == "distress"
    # thrown out with a baby, shaking at bad news (corpus_fresh24 and 25): the homelessness it states made it an answer
    assert classify("my landlord threw my stuff out, im on the street with my baby tonight",
                    intent="out_of_scope") == "distress"
    assert classify("i just got some really bad news and im shaking", intent="inform") == "distress"
    # risk the classifier alone caught, or that an answer rule read as "none" (corpus_fresh5 to 22)
    assert classify("none of this matters, i'm going to end it tonight", intent="inform") == "distress"
    assert classify("I've taken a load of pills", intent="inform") == "distress"
    assert classify("I'm standing on the bridge right now", intent="chitchat") == "distress"
    assert classify("nobody would notice if i disappeared", intent="out_of_scope") == "distress"
    assert classify("I don't feel safe right now, I need help", intent="human_handoff") == "distress"
    assert classify("I feel completely worthless", intent="inform") == "distress"
    assert classify("no money for the electric and my baby is cold", intent="inform") == "distress"
    # hunger, eviction today, not mattering, self-harm again, a client at risk (corpus_fresh18 to 26)
    assert classify("my kids have no food and I've got nothing left", intent="inform") == "distress"
    assert classify("i got evicted today, all my stuff is outside", intent="inform") == "distress"
    assert classify("no one cares if I'm here or not", intent="deny") == "distress"
    assert classify("I've been cutting again", intent="inform") == "distress"
    assert classify("my client has just told me shes thinking of ending her life, what do i do",
                    intent="human_handoff") == "distress"


def test_other_messages_and_button_payloads_are_left_alone():
    assert classify("I want to stop") == "stop"
    assert classify("/stop") == "stop"
    assert classify("i get panic attacks", intent="inform") == "inform"        # a condition, not a crisis
    assert classify("im crying with laughter lol", intent="chitchat") == "chitchat"
    # words beside a crisis phrase that are no crisis
    assert classify("my qualifications are worthless here", intent="inform") == "inform"
    assert classify("I'm hopeless at computers", intent="inform") == "inform"
    assert classify("we got evicted last year so we're in temp accommodation now", intent="inform") == "inform"
