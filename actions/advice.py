"""Recommendations and the follow-up questions about them."""
from __future__ import annotations

import re
from functools import partial

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import PROFILE_SLOTS, Unavailable, ask_knowledge, latest_entities, latest_text
from actions.form import each_parsed, tell_note
from actions.insight import recommendations_given
from actions.questions import payload
from pathways.settings import NATIONAL_CAREERS
from knowledge import advisor
from knowledge.engine import CHECK, PAGE, Exclusion, Recommendation, as_check
from knowledge.errors import FromAbroad, InputError, KnowledgeBaseUnavailable
from knowledge.normalise import normaliser
from knowledge.profile import Profile, profile_lines
from knowledge.vocab import vocabulary

SHOWN = PAGE
# Said once with the recommendations to someone waiting for an asylum decision. Sources: reference section 1a
# (ESOL: "Asylum seekers qualify after 6+ months pending"); the permission-to-work rule in barriers.yml.
RIGHT_TO_WORK = ("While you wait for your asylum decision you usually can't take a job, so I've left out "
                 "apprenticeships, Skills Bootcamps and SWAPs. What you can do now: free English (ESOL) classes "
                 "once your claim has waited six months, adult learning, and volunteering. After 12 months waiting "
                 "you can ask the Home Office for permission to work.")
ITEM_KEYS = ("id", "title", "provider", "route_type", "verdict", "why", "next_step", "url", "source")
ORDINALS = {"first": 0, "1st": 0, "top": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3,
            "fifth": 4, "5th": 4, "last": -1}


def describe_profile(tracker: Tracker) -> str:
    lines = profile_lines(Profile.from_slots(tracker.slots), declined=tracker.get_slot("declined") or [])
    return "; ".join(f"{label}: {value}" for label, value in lines)


def _show(dispatcher: CollectingDispatcher, result, page: int) -> list:
    """One page of five recommendations: a line each, the cards, and what to do next."""
    profile = result.profile
    shown = result.recommendations[page * SHOWN:(page + 1) * SHOWN]
    items = [r.to_dict() for r in shown]
    first = page * SHOWN + 1
    heading = (f"Here are the routes that fit you best ({len(items)} of {len(result.recommendations)}):" if page == 0
               else f"Here are routes {first} to {first + len(items) - 1} of {len(result.recommendations)}:")
    lines = [heading]
    for i, r in enumerate(shown, first):
        p = r.programme
        mark = " (check first)" if r.verdict == CHECK else ""
        lines.append(f"{i}. {p.title} [{vocabulary().route_type(p.route_type).name}]{mark}. {r.why[0]}")
    dispatcher.utter_message(text="\n".join(lines))
    dispatcher.utter_message(json_message={
        "type": "recommendations", "profile": profile.to_dict(), "page": page,
        "items": [{k: item[k] for k in ITEM_KEYS} for item in items],
    })
    buttons = [{"title": f"Tell me more about {items[0]['title']}",
                "payload": payload("ask_more", programme=items[0]["id"])}]
    if len(result.recommendations) > (page + 1) * SHOWN:
        buttons.append({"title": "Show me more", "payload": payload("show_more")})
    buttons += [{"title": "Why not another route?", "payload": payload("why_not")},
                {"title": "Start again", "payload": payload("start_again")},
                {"title": "Talk to a person", "payload": payload("human_handoff")}]
    dispatcher.utter_message(text="What would you like to do next?", buttons=buttons)
    return [SlotSet("profile_complete", True), SlotSet("recommended", [i["id"] for i in items]),
            SlotSet("page", float(page))]


def _no_right_to_work(profile: Profile) -> bool:
    return any(not vocabulary().barrier(b).right_to_work for b in profile.barriers)


ENIC_LATER = ("Qualifications from other countries are compared with UK levels by UK ENIC (it used to be called UK "
              "NARIC). If you have a UK ENIC statement of comparability, tell me the level it gives, for example "
              "\"my statement says bachelor's degree standard\". Until then I'll treat the level as unknown and "
              "never guess it.")


class ActionRecommend(Action):
    def name(self) -> str:
        return "action_recommend"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        if _correction_changed_nothing(tracker):        # it asked which one they meant: the list would bury that
            return [SlotSet("profile_complete", True)]
        return await _recommend(dispatcher, tracker, Profile.from_slots(tracker.slots))


def _correction_changed_nothing(tracker: Tracker) -> bool:
    """This turn's correction after the recommendations changed no answer (it wasn't understood, or it asked "which
    borough do you live in?"), so the routes are the ones already shown."""
    if tracker.latest_action_name != ActionUpdateProfile.NAME:
        return False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return True
        if event.get("event") == "slot" and event.get("name") in PROFILE_SLOTS:
            return False
    return True


async def _recommend(dispatcher: CollectingDispatcher, tracker: Tracker, profile: Profile) -> list:
    """The first five routes for `profile`, which may hold answers changed in this turn."""
    try:
        result = await ask_knowledge(dispatcher, advisor.recommend, profile)
    except Unavailable:
        return [SlotSet("profile_complete", True)]
    recommendations_given(tracker, profile, result)
    if not result.recommendations:
        dispatcher.utter_message(text="I couldn't find a route that fits all your answers. Someone can talk it "
                                      f"through with you: {NATIONAL_CAREERS}.")
        return [SlotSet("profile_complete", True), SlotSet("recommended", []), SlotSet("page", 0.0)]
    if _no_right_to_work(profile):
        dispatcher.utter_message(text=RIGHT_TO_WORK)
    return _show(dispatcher, result, 0)


class ActionShowMore(Action):
    """"Show me more": the next five, then the five after that."""

    def name(self) -> str:
        return "action_show_more"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        profile = Profile.from_slots(tracker.slots)
        try:
            result = await ask_knowledge(dispatcher, advisor.recommend, profile)
        except Unavailable:
            return []
        page = int(tracker.get_slot("page") or 0) + 1
        if page * SHOWN >= len(result.recommendations):
            dispatcher.utter_message(text=f"That's all of them: I've shown you every route that fits "
                                          f"({len(result.recommendations)}). You can ask about any of them, or change "
                                          f"an answer to see others.")
            return []
        return _show(dispatcher, result, page)


class ActionUpdateProfile(Action):
    """A correction after the recommendations: "sorry, I'm actually 27", "I moved to Camden"."""
    NAME = "action_update_profile"

    def name(self) -> str:
        return self.NAME

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        entities = latest_entities(tracker)
        text = latest_text(tracker)
        found = {**(normaliser().extract(text) if text else {}),
                 **{k: v for k, v in entities.items() if k in PROFILE_SLOTS}}
        events = _update(dispatcher, tracker, found, text)
        if not events and not dispatcher.messages:         # not after "which borough do you live in?"
            dispatcher.utter_message(text="I didn't catch what to change. You can say, for example, \"I'm 27\" or "
                                          "\"I moved to Camden\".")
        return events


def _said_in_a_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> list:
    """The slot events for what a question about the routes says of the resident in its own clauses ("why no T
    level? is it cause I'm 20", "im 45 can i still do an apprenticeship"); none while the form runs, which reads
    answers itself."""
    text = latest_text(tracker)
    if (tracker.active_loop or {}).get("name") or not text:
        return []
    return _update(dispatcher, tracker, normaliser().of_themselves(text), text)


def _profile_with(tracker: Tracker, events: list) -> Profile:
    """The resident's profile with this turn's slot events applied."""
    return Profile.from_slots({**tracker.slots, **{e["name"]: e["value"] for e in events}})


def _update(dispatcher: CollectingDispatcher, tracker: Tracker, found: dict, text: str) -> list:
    """The slot events for the answers a message changes (`found`, as `extract` reads them; `text` is parsed again
    for a place or a qualification), telling the resident; [] when none could be used. A circumstance is added to
    those they gave, unless the message takes one back."""
    found = dict(found)
    events, changed = [], []
    if found.pop("qualification_abroad", None):            # "my degree is from India": no UK level is guessed
        found.pop("qualification_level", None)
        events += [SlotSet("qualification_level", None), SlotSet("qualification_abroad", True)]
        changed.append("qualification_level")
        dispatcher.utter_message(text=ENIC_LATER)
    had = tracker.get_slot("barriers") or []
    if found.get("barriers") and had and not (text and normaliser().takes_back(text)):
        found["barriers"] = list(dict.fromkeys([*had, *found["barriers"]]))    # "forgot to mention I've a record"
    for slot, values in each_parsed(found, text):
        if isinstance(values, FromAbroad):
            continue
        if isinstance(values, InputError):
            dispatcher.utter_message(text=values.message)
            continue
        events += [SlotSet(k, v) for k, v in tell_note(dispatcher, values).items()]
        if slot == "qualification_level":
            events.append(SlotSet("qualification_abroad", None))
        changed.append(slot)
    if not changed:
        return []
    declined = [s for s in (tracker.get_slot("declined") or []) if s not in changed]
    dispatcher.utter_message(text="Thanks, I've updated your answers.")
    return events + [SlotSet("declined", declined)]


class ActionShowProfile(Action):
    def name(self) -> str:
        return "action_show_profile"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        dispatcher.utter_message(text="This is what you've told me. " + describe_profile(tracker) +
                                      ". You can change any of it, for example \"I moved to Camden\".")
        return []


def _programme_asked(tracker: Tracker) -> str | None:
    """The programme a follow-up is about: a button payload, a name in the text, or "the first one"."""
    named = latest_entities(tracker).get("programme")
    if isinstance(named, str) and named:
        return normaliser().programme(named) or named          # a name the gazetteer found, or an id
    text = latest_text(tracker)
    found = normaliser().programme(text) if text else None
    if found:
        return found
    recommended = tracker.get_slot("recommended") or []
    for word in text.lower().split():
        if word in ORDINALS and recommended:
            index = ORDINALS[word]
            return recommended[index] if -len(recommended) <= index < len(recommended) else None
    return _named_on_the_list(text, recommended)


TITLE_WORD = re.compile(r"[a-z]{3,}")
NOT_A_NAME = {"the", "one", "thing", "more", "about", "abt", "details", "detail", "info", "tell", "please", "pls",
              "explain", "that", "this", "you", "showed", "suggested", "mentioned", "and", "for", "with", "what"}


def _named_on_the_list(text: str, recommended: list[str]) -> str | None:
    """The one route shown whose title shares the most words with `text` ("tell me abt the lab technician one"),
    where no programme's own name was found; None when none or several share as many."""
    words = set(TITLE_WORD.findall(text.lower())) - NOT_A_NAME
    if not words or not recommended:
        return None
    shared = {pid: len(words & set(TITLE_WORD.findall(title.lower()))) for pid, title in _titles(recommended).items()}
    best = max(shared.values(), default=0)
    named = [pid for pid, n in shared.items() if n == best]
    return named[0] if best and len(named) == 1 else None


def _route_asked(tracker: Tracker) -> str | None:
    entities = latest_entities(tracker)
    text = entities.get("route_type") if isinstance(entities.get("route_type"), str) else latest_text(tracker)
    if text in {t.id for t in vocabulary().route_types}:
        return text
    return normaliser().route_type(text) if text else None


def _programme_message(outcome: Recommendation | Exclusion) -> str:
    p = outcome.programme
    lines = [f"{p.title}, run by {p.provider}.", p.summary]
    if p.time_commitment:
        lines.append(f"What it asks of you: {p.time_commitment}")
    if isinstance(outcome, Recommendation):
        lines += ["Why it fits: " + " ".join(outcome.why)]
        lines += [as_check(c) for c in outcome.checks]
    else:
        lines.append(f"It doesn't fit your answers: {outcome.reason}")
    lines.append(f"Next step: {p.next_step}")
    if p.url:
        lines.append(p.url)
    lines.append(f"Source: {p.source} (checked {p.checked}).")
    return "\n".join(lines)


class ActionTellMore(Action):
    def name(self) -> str:
        return "action_tell_more"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        pid = _programme_asked(tracker)
        if pid is None:
            route = _route_asked(tracker)
            return _explain_route(dispatcher, route) if route else _which_one(dispatcher, tracker)
        try:
            outcome = await ask_knowledge(dispatcher, advisor.explain, pid, Profile.from_slots(tracker.slots))
        except Unavailable:
            return []
        if outcome is None:
            return _which_one(dispatcher, tracker)
        dispatcher.utter_message(text=_programme_message(outcome))
        return []


def _which_one(dispatcher: CollectingDispatcher, tracker: Tracker) -> list:
    recommended = tracker.get_slot("recommended") or []
    if not recommended:           # no list yet: mid-form the question follows, so this asks nothing itself
        dispatcher.utter_message(text="Once you've answered a few questions I'll show you some routes, and you can "
                                      "ask me about any of them.")
        return []
    titles = _titles(recommended)
    buttons = [{"title": titles.get(pid, pid), "payload": payload("ask_more", programme=pid)} for pid in recommended]
    dispatcher.utter_message(text="I can tell you more about any of these: what it is, who it's for, what it asks of "
                                  "you, whether it's paid and how to apply. Which one?", buttons=buttons)
    return []


def _titles(ids: list[str]) -> dict[str, str]:
    try:
        return advisor.titles(ids)
    except KnowledgeBaseUnavailable:
        return {}


class ActionExplainRoute(Action):
    """"What is a T Level?", "what's a SWAP?". With the list shown, what the question says of the resident ("im 45
    can i still do an apprenticeship") changes their answers first, as for "why not", and the list is shown again."""

    def name(self) -> str:
        return "action_explain_route"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        route = _route_asked(tracker)
        if route is None:
            pid = _programme_asked(tracker)
            if pid:
                return await ActionTellMore().run(dispatcher, tracker, domain)
            names = ", ".join(t.name for t in vocabulary().route_types)
            # Not a question: mid-form, the form's own question follows, and one turn asks one thing.
            dispatcher.utter_message(text=f"I can explain any of these: {names}. Just name the one you mean.")
            return []
        listed = bool(tracker.get_slot("profile_complete"))
        events = _said_in_a_question(dispatcher, tracker) if listed else []
        _explain_route(dispatcher, route)
        if not listed:
            return []
        profile = _profile_with(tracker, events)
        try:                                          # "what about apprenticeships?" after the list: which fit them
            dispatcher.utter_message(text=await _route_for_you(dispatcher, profile, route))
        except Unavailable:
            return events
        return events + (await _recommend(dispatcher, tracker, profile) if events else [])


def _explain_route(dispatcher: CollectingDispatcher, route: str) -> list:
    t = vocabulary().route_type(route)
    dispatcher.utter_message(text=f"{t.name}: {t.explain}")
    return []


async def _route_for_you(dispatcher: CollectingDispatcher, profile: Profile, route: str) -> str:
    """Which routes of one type fit the resident and why others don't. Raises Unavailable."""
    result = await ask_knowledge(dispatcher, partial(advisor.recommend, route_type=route), profile)
    name = vocabulary().route_type(route).name
    fits = [r.programme.title for r in result.recommendations[:3]]      # only these are explained
    lines = [f"Some do fit you: {', '.join(fits)}."] if fits else []
    lines += [f"{e.programme.title}: {e.reason}" for e in result.excluded[:4]]
    if not lines:
        lines.append(f"I don't know of a {name} open where you live at the moment.")
    return f"{name}: " + "\n".join(lines)


class ActionWhyNot(Action):
    """"Why not a bootcamp?": the engine's reason, for the resident's own answers. With the list shown, what the
    question says of the resident ("why no T level? is it cause I'm 20") changes their answers first, and the
    list is shown again for them."""

    def name(self) -> str:
        return "action_why_not"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        events = _said_in_a_question(dispatcher, tracker)
        profile = _profile_with(tracker, events)
        try:
            await _why_not(dispatcher, tracker, profile)
        except Unavailable:
            return events
        return events + (await _recommend(dispatcher, tracker, profile) if events else [])


async def _why_not(dispatcher: CollectingDispatcher, tracker: Tracker, profile: Profile) -> None:
    """Raises Unavailable."""
    route = _route_asked(tracker)          # "why not a bootcamp?" is about the route, not one bootcamp
    pid = None if route else _programme_asked(tracker)
    if pid:
        outcome = await ask_knowledge(dispatcher, advisor.explain, pid, profile)
        if outcome is not None:
            dispatcher.utter_message(text=_why_not_programme(outcome))
            return
    if route is None:
        dispatcher.utter_message(text="Tell me which route you mean, for example \"why not a bootcamp?\" "
                                      "or \"why not an apprenticeship?\"")
        return
    dispatcher.utter_message(text=await _route_for_you(dispatcher, profile, route))


def _why_not_programme(outcome: Recommendation | Exclusion) -> str:
    if isinstance(outcome, Exclusion):
        return f"{outcome.programme.title}: {outcome.reason}"
    return f"{outcome.programme.title} does fit you: " + " ".join(outcome.why)
