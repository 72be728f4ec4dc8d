"""Counting for the councils' insight report (pathways/insight): what the conversation's events say, handed to the
background writer. One record per conversation, when its first recommendations are given; a request for a person
after them adds to that record's asked-for-a-person count."""
from __future__ import annotations

from rasa_sdk import Tracker

from knowledge.engine import Result
from knowledge.profile import Profile
from pathways.insight import writer

RECOMMEND, HANDOFF = "action_recommend", "action_handoff"


def _done(tracker: Tracker, action: str) -> bool:
    """Whether `action` already ran in this conversation (the running action is not among the events yet)."""
    return any(e.get("event") == "action" and e.get("name") == action for e in tracker.events)


def _declined(tracker: Tracker) -> tuple[str, ...]:
    return tuple(tracker.get_slot("declined") or ())


def recommendations_given(tracker: Tracker, profile: Profile, result: Result) -> None:
    if not _done(tracker, RECOMMEND):
        writer.submit(writer.Job(profile, _declined(tracker), asked_person=_done(tracker, HANDOFF), result=result))


def person_asked(tracker: Tracker) -> None:
    if _done(tracker, RECOMMEND) and not _done(tracker, HANDOFF):
        writer.submit(writer.Job(Profile.from_slots(tracker.slots), _declined(tracker), asked_person=True,
                                 conversations=0))
