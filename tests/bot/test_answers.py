"""A message that is nothing but profile vocabulary is read as an answer, with the gazetteer's own entities."""
from __future__ import annotations

import pytest
import spacy
from rasa.shared.nlu.training_data.message import Message

from bot.rasa.components import BareAnswer
from bot.rasa.components import SafetyNet
from knowledge import config
from knowledge.vocab import vocabulary


@pytest.fixture(scope="module")
def gazetteer():
    return spacy.load(config.gazetteer_dir())


def classify(nlp, text: str, intent: str = "distress", tracker=None) -> str:
    """What the pipeline's last two components make of `text`, when the classifier said `intent`."""
    entities = [{"start": e.start_char, "end": e.end_char, "entity": e.label_, "value": e.text}
                for e in nlp(text).ents]
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.39},
                            "intent_ranking": [{"name": intent, "confidence": 0.39}], "entities": entities})
    SafetyNet().process(BareAnswer().process([message], tracker))
    return message.get("intent")["name"]


def asking(slot: str | None, form: str | None = "profile_form", **slots):
    """A conversation whose form (if any) waits on `slot`, with `slots` set, as Rasa hands it to the NLU pipeline."""
    from rasa.shared.core.events import ActiveLoop, SlotSet
    from rasa.shared.core.slots import AnySlot
    from rasa.shared.core.trackers import DialogueStateTracker

    events = [ActiveLoop(form), SlotSet("requested_slot", slot), *(SlotSet(k, v) for k, v in slots.items())]
    return DialogueStateTracker.from_events("t", events,
                                            slots=[AnySlot(name, mappings=[]) for name in ("requested_slot", *slots)])


def test_a_yes_answers_the_uk_enic_question_but_not_the_others(gazetteer):
    assert classify(gazetteer, "yeah i have one", intent="affirm",
                    tracker=asking("qualification_level", qualification_abroad=True)) == "inform"
    assert classify(gazetteer, "yes", intent="affirm", tracker=asking("qualification_level")) == "affirm"
    assert classify(gazetteer, "ok carry on", intent="affirm", tracker=asking("barriers")) == "affirm"


@pytest.mark.parametrize("text, guess", [("no I cant afford it", "distress"), ("RQF 5", "nlu_fallback"),
                                         ("dunno what that is", "why_needed"), ("i dont know if i have", "show_profile"),
                                         ("whats that? no i dont think so", "why_needed"),
                                         ("maybe? I dont really know what that is", "why_needed"),
                                         ("not sure what that is", "why_needed"),
                                         ("whats that? no i dont think so", "deny"),
                                         ("whats that? no i dont think so", "affirm")])
def test_a_reply_about_a_uk_enic_statement_is_an_answer(gazetteer, text, guess):
    enic = asking("qualification_level", qualification_abroad=True)
    assert classify(gazetteer, text, intent=guess, tracker=enic) == "inform"
    assert classify(gazetteer, "why do you need that", intent="why_needed", tracker=enic) == "why_needed"
    assert classify(gazetteer, "dunno what that is", intent="why_needed", tracker=asking("borough")) == "why_needed"


@pytest.mark.parametrize("text, guess", [("what is ENIC?", "inform"), ("can I do the courses without it?", "inform"),
                                         ("whats that", "inform")])
def test_a_question_about_a_uk_enic_statement_asks_why(gazetteer, text, guess):
    # Read as an answer, it recorded the level as unknown and moved on without explaining.
    enic = asking("qualification_level", qualification_abroad=True)
    assert classify(gazetteer, text, intent=guess, tracker=enic) == "why_needed"


@pytest.mark.parametrize("text, guess", [("are you chatgpt", "chitchat"), ("whats my info", "show_profile"),
                                         ("how long does a skilled worker visa take", "out_of_scope"),
                                         ("what is enic? i dont have it", "inform"),
                                         ("I have it but I cannot remember what level it said", "inform")])
def test_another_question_or_a_no_at_the_uk_enic_question_keeps_its_reading(gazetteer, text, guess):
    enic = asking("qualification_level", qualification_abroad=True)
    assert classify(gazetteer, text, intent=guess, tracker=enic) == guess


@pytest.mark.parametrize("text, guess", [("ring me tomorrow after 3 please", "inform"),
                                         ("can you text me the links", "ask_more"),
                                         ("whatsapp me the details", "show_profile"),
                                         ("send me the info by text", "ask_more"),
                                         ("can you email all this to me so I can show my work coach", "find_routes"),
                                         ("email these recommendations to me", "find_routes"),
                                         ("could the team email my work coach", "human_handoff"),
                                         ("I'd like someone to follow up with me next week", "human_handoff"),
                                         ("email these recommendations to me", "request_contact")])
def test_the_words_of_a_contact_request_make_one(gazetteer, text, guess):
    assert classify(gazetteer, text, intent=guess) == "request_contact"
    assert classify(gazetteer, "I'm 19, text me on 07700 900123", intent="inform",
                    tracker=asking(None, form=None)) == "inform"      # before the list, the age stays


@pytest.mark.parametrize("text, read", [("is there someone i can ring", "human_handoff"),   # they would ring a person
                                        ("can I get a call back", "request_contact"),
                                        ("can your team drop me an email", "request_contact")])   # no words either way
def test_a_contact_request_without_its_words_but_asking_for_a_person_is_a_handoff(gazetteer, text, read):
    assert classify(gazetteer, text, intent="request_contact") == read


@pytest.mark.parametrize("text, guess", [("hang on i need to find my certificates, can we pause", "inform"),
                                         ("I'll stop here and come back when I find my certificate", "inform"),
                                         ("no more questions please, I'm done", "inform"),
                                         ("i need to go, can we carry on later", "goodbye"),
                                         ("I need to find my documents, stop for now", "find_routes"),
                                         ("I don't want to continue", "nlu_fallback"),
                                         ("can I save this and carry on tomorrow", "goodbye"),
                                         ("brb", "greet"), ("I have to go, I'll come back", "why_not"),
                                         ("ok I'm stopping now", "inform"), ("can we take a break", "ask_route"),
                                         ("I want to leave this conversation", "forget_me")])
def test_the_words_of_a_pause_make_a_stop(gazetteer, text, guess):
    assert classify(gazetteer, text, intent=guess, tracker=asking("qualification_level")) == "stop"
    assert classify(gazetteer, "yes I want to continue", intent="affirm") == "affirm"


def test_a_break_from_work_is_no_pause(gazetteer):
    assert classify(gazetteer, "i need to take a break from work because of my health", intent="inform",
                    tracker=asking("barriers")) != "stop"


def test_a_pause_that_states_an_answer_stays_a_pause(gazetteer):
    # the form still keeps the answer it states; the classifier's stop is not turned into an answer
    assert classify(gazetteer, "hold on I need to pick up my kids, continue later", intent="stop",
                    tracker=asking("borough")) == "stop"


@pytest.mark.parametrize("text, guess", [("agent", "nlu_fallback"), ("operator", "find_routes"),
                                         ("real person pls", "inform"), ("a human please", "chitchat"),
                                         ("real human?", "chitchat"), ("let me speak to your manager lol", "chitchat"),
                                         ("this bot isn't helping, I need a person", "inform")])
def test_a_person_asked_for_in_a_word_or_two_is_a_handoff(gazetteer, text, guess):
    assert classify(gazetteer, text, intent=guess, tracker=asking("interests")) == "human_handoff"


@pytest.mark.parametrize("text, guess", [("why not the AstraZeneca apprenticeship", "ask_more"),
                                         ("how come T levels aren't there", "ask_route"),
                                         ("why is there no bootcamp near me", "find_routes")])
def test_why_a_named_route_is_left_out(gazetteer, text, guess):
    assert classify(gazetteer, text, intent=guess) == "why_not"
    assert classify(gazetteer, "why do you need to know if im not on benefits", intent="inform") == "why_needed"
    assert classify(gazetteer, "y no degree apprenticeship", intent="why_not") == "why_not"    # no answer


def test_why_a_question_is_asked_is_never_an_answer(gazetteer):
    assert classify(gazetteer, "why do u need to know if i have a criminal record", intent="inform",
                    tracker=asking("barriers")) == "why_needed"
    assert classify(gazetteer, "why does it matter if i have a criminal record", intent="inform",
                    tracker=asking("barriers")) == "why_needed"
    assert classify(gazetteer, "why do you have apprenticeships", intent="ask_route") == "ask_route"
    # a why_not guess of a why that names a circumstance is no answer to the question either
    assert classify(gazetteer, "why ask about criminal records", intent="why_not",
                    tracker=asking("barriers")) == "why_needed"
    assert classify(gazetteer, "why do you care how old i am", intent="why_not", tracker=asking("age")) == "why_needed"


@pytest.mark.parametrize("text, guess", [("none thx", "thanks"), ("i dont have any problems", "show_profile")])
def test_none_of_them_in_other_words_answers_the_circumstances_question(gazetteer, text, guess):
    assert classify(gazetteer, "none of it matters any more", intent="distress", tracker=asking("barriers")) == "distress"
    assert classify(gazetteer, text, intent=guess, tracker=asking("barriers")) == "inform"
    assert classify(gazetteer, text, intent=guess) == guess                  # no question open: the guess stands


def test_a_school_year_alone_is_an_answer(gazetteer):
    assert classify(gazetteer, "Y11", intent="affirm", tracker=asking("age")) == "inform"


def test_every_borough_alone_is_an_answer(gazetteer):
    boroughs = [b.name for b in vocabulary().boroughs]
    assert len(boroughs) >= 33
    misread = [b for b in boroughs if classify(gazetteer, b) != "inform" or classify(gazetteer, b.lower()) != "inform"]
    assert not misread


def test_vocabulary_with_digits_and_punctuation_is_an_answer(gazetteer):
    assert classify(gazetteer, "brent!", intent="out_of_scope") == "inform"
    assert classify(gazetteer, "5 GCSEs", intent="chitchat") == "inform"
    assert classify(gazetteer, "lab work, healthcare", intent="find_routes") == "inform"


def test_other_words_leave_the_classifier_in_charge(gazetteer):
    assert classify(gazetteer, "what's esol", intent="ask_route") == "ask_route"
    assert classify(gazetteer, "is the tube running in brent", intent="out_of_scope") == "out_of_scope"
    assert classify(gazetteer, "stop", intent="stop") == "stop"
    assert classify(gazetteer, "/stop", intent="stop") == "stop"


def test_route_types_alone_are_not_profile_answers(gazetteer):
    assert classify(gazetteer, "bootcamps", intent="ask_route") == "ask_route"


def test_distress_still_has_the_last_word(gazetteer):
    assert classify(gazetteer, "I want to end it all", intent="inform") == "distress"


@pytest.mark.parametrize("text, said", [("I'm in Harrow", "deny"), ("yes 37", "affirm"), ("im a care leaver", "ask_route"),
                                        ("lab stuff", "show_profile"), ("Abitur from Germany", "start_again"),
                                        ("none apply to me", "ask_more"), ("FORTY", "chitchat"), ("reserch", "start_again"),
                                        ("lol sorry im 30", "chitchat"), ("im 300", "nlu_fallback"),
                                        ("i look after my mum who has MS", "distress"),   # "who" joins, asks nothing
                                        ("homless atm", "out_of_scope"),                  # a typo still states it
                                        ("cant use computa", "distress"),                 # a sign is no typo
                                        ("im in y11", "distress"),                        # a school year is an age
                                        ("PTSD from what happened back home", "show_profile"),   # "what" asks nothing
                                        ("factory ok for me", "human_handoff"),           # asks for nobody
                                        ("hack knee", "stop")])                           # Hackney as speech types it
def test_a_message_stating_a_value_is_an_answer_whatever_the_classifier_guessed(gazetteer, text, said):
    assert classify(gazetteer, text, intent=said) == "inform"


@pytest.mark.parametrize("text, said", [("delete my data", "forget_me"), ("i dont know what i like", "distress"),
                                        ("talk to a person about lab work", "human_handoff"),
                                        ("get someone to contact me i cant do this online", "request_contact"),
                                        ("why do you need to know if im disabled", "why_needed"),
                                        ("i live in hackney, which one is nearest", "ask_more"),
                                        ("i keep harming people", "distress"),   # not "harming" ~ Havering
                                        ("right cya then", "goodbye"), ("no", "deny")])
def test_distress_requests_questions_and_plain_replies_keep_their_intent(gazetteer, text, said):
    assert classify(gazetteer, text, intent=said) == said


@pytest.mark.parametrize("text, read", [
    ("computers and data", "inform"),                   # an answer, not "delete my data"
    ("can you change my interest to engineering instead", "inform"),
    ("hmm whatever", "nlu_fallback"),                   # not understood: asked again, nothing deleted
    ("delete my data", "forget_me"),
    ("please wipe my details", "forget_me"),
    ("i want everything i said removed", "forget_me"),
])
def test_delete_my_data_needs_the_words_of_it(gazetteer, text, read):
    assert classify(gazetteer, text, intent="forget_me") == read


@pytest.mark.parametrize("text, said", [("delete my profile", "start_again"),
                                        ("I'd like to make a GDPR deletion request", "start_again"),
                                        ("dont save anything about me", "show_profile")])
def test_words_that_ask_only_for_deletion_are_a_request_to_delete(gazetteer, text, said):
    # Read as "start again", the conversation and its answers were kept.
    assert classify(gazetteer, text, intent=said) == "forget_me"


@pytest.mark.parametrize("text", ["can we start again from the beginning", "start over and forget what i said"])
def test_starting_again_without_words_of_deletion_stays_starting_again(gazetteer, text):
    assert classify(gazetteer, text, intent="start_again") == "start_again"


def test_every_training_example_of_forget_me_has_the_words(gazetteer):
    import yaml

    examples = [line.strip()[2:] for block in yaml.safe_load((config.ROOT / "data/nlu/control.yml").read_text())["nlu"]
                if block.get("intent") == "forget_me" for line in block["examples"].splitlines()
                if line.strip().startswith("- ")]
    assert len(examples) > 20
    assert [e for e in examples if classify(gazetteer, e, intent="forget_me") != "forget_me"] == []


def test_rather_not_say_needs_the_words_of_it_when_an_answer_is_given(gazetteer):
    assert classify(gazetteer, "engineering and manufacturing, i think", intent="decline") == "inform"
    assert classify(gazetteer, "i'd rather not say where i live", intent="decline") == "decline"


@pytest.mark.parametrize("text, read", [
    ("i live in hackny", "inform"),                     # the classifier's distress (0.96) had stopped the questions
    ("coding, i want to be a developer", "inform"),
    ("im 45 and i feel hopeless", "distress"),          # a safety phrase: distress, whatever else it says
    ("i live in hackney and theres no point anymore", "distress"),
    ("i want to end it all", "distress"),
])
def test_for_a_message_stating_an_answer_the_safety_phrases_decide_distress(gazetteer, text, read):
    assert classify(gazetteer, text, intent="distress") == read


def test_seeing_no_point_in_anything_is_distress_whatever_the_classifier_read(gazetteer):
    # The classifier read it as an answer (0.87) on the held-out set.
    assert classify(gazetteer, "i don't see the point in anything anymore", intent="inform") == "distress"


@pytest.mark.parametrize("text, said", [("not telling you", "deny"), ("skip", "stop"), ("no comment", "deny"),
                                        ("I don't want to give my age", "stop"), ("not giving out my address", "inform"),
                                        ("I'd sooner not go into that", "inform"), ("don't wanna answer", "inform")])
def test_all_of_it_rather_not_say_is_a_decline_whatever_the_classifier_guessed(gazetteer, text, said):
    assert classify(gazetteer, text, intent=said) == "decline"


@pytest.mark.parametrize("text, said, read", [
    ("bit embarrassing tbh rather not say", "inform", "decline"),
    ("i dont want to answer that one", "why_needed", "decline"),
    ("im 30 but rather not say where i live", "inform", "inform"),       # a value stated: an answer
    ("why do you need it? rather not say", "why_needed", "why_needed"),  # a question: the classifier's guess
    ("none of your business", "inform", "decline"),     # all of it a decline, though "business" is a kind of work
    ("i dont know how to use email", "request_contact", "inform"),      # "know how to" tells, it does not ask
])
def test_rather_not_say_inside_a_sentence_declines_when_nothing_else_is_said(gazetteer, text, said, read):
    assert classify(gazetteer, text, intent=said) == read


@pytest.mark.parametrize("text, said", [("how about ESOL classes", "inform"), ("any bootcamps?", "why_not"),
                                        ("tell me about access courses", "inform"),
                                        ("and what about T levels?", "inform"), ("wot about the crick", "chitchat"),
                                        ("whats access to work", "nlu_fallback"),
                                        ("what's SWAP, my work coach mentioned it", "find_routes")])
def test_a_route_asked_about_is_a_question_not_an_answer(gazetteer, text, said):
    # Read as an answer after the recommendations, "ESOL" replaced the resident's circumstances.
    assert classify(gazetteer, text, intent=said) == "ask_route"


@pytest.mark.parametrize("text", ["how about lab jobs", "any of these in hackney", "anything for me"])
def test_what_about_a_kind_of_work_is_not_a_route(gazetteer, text):
    assert classify(gazetteer, text, intent="inform") == "inform"


def test_a_question_about_a_route_on_the_list_is_not_what_the_route_is(gazetteer):
    assert classify(gazetteer, "whats the deadline for the ucb apprenticeship", intent="ask_more") == "ask_more"


@pytest.mark.parametrize("text, slot", [("no", "qualification_level"),          # the UK ENIC question
                                        ("nope, all good", "barriers"), ("no i dont have one", "qualification_level")])
def test_a_no_to_the_open_question_is_the_answer(gazetteer, text, slot):
    assert classify(gazetteer, text, intent="deny", tracker=asking(slot)) == "inform"


def test_a_yes_alone_stays_a_yes_while_a_question_is_open(gazetteer):
    assert classify(gazetteer, "ok carry on", intent="affirm", tracker=asking("barriers")) == "affirm"


@pytest.mark.parametrize("tracker", [None, asking(None, form=None), asking(None)])
def test_a_no_with_no_question_open_keeps_its_intent(gazetteer, tracker):
    assert classify(gazetteer, "no", intent="deny", tracker=tracker) == "deny"
    assert classify(gazetteer, "yes please", intent="affirm", tracker=tracker) == "affirm"


def test_distress_and_declining_win_over_the_open_question(gazetteer):
    assert classify(gazetteer, "no i want to end it all", intent="deny", tracker=asking("barriers")) == "distress"
    assert classify(gazetteer, "no, rather not say", intent="deny", tracker=asking("age")) == "decline"


@pytest.mark.parametrize("text, said", [("old enough lol, 36", "chitchat"), ("18 next week!! so 17 for now", "out_of_scope"),
                                        ("53 been a cleaner most of my life want something better", "distress")])
def test_an_age_among_other_words_answers_the_age_question(gazetteer, text, said):
    assert classify(gazetteer, text, intent=said, tracker=asking("age")) == "inform"
    assert classify(gazetteer, text, intent=said, tracker=asking("borough")) == said    # no age cue: not elsewhere


@pytest.mark.parametrize("text, said", [("been out of work for 20 years, what now", "find_routes"),
                                        ("there are 2 of us here", "chitchat")])
def test_a_length_of_time_or_a_small_number_is_no_age(gazetteer, text, said):
    assert classify(gazetteer, text, intent=said, tracker=asking("age")) == said


def test_a_question_about_the_point_in_living_is_distress_whatever_it_states(gazetteer):
    assert classify(gazetteer, "I'm 63, is there any point in living?", intent="inform") == "distress"


@pytest.mark.parametrize("text", ["no and I dont know where to even start with that",
                                  "hmm I don't think so? never got any letter like that",
                                  "no, when I came I just started working in care homes and nobody asked for it"])
def test_a_no_to_the_statement_that_tells_more_is_the_answer(gazetteer, text):
    assert classify(gazetteer, text, intent="why_needed", tracker=asking("enic")) == "inform"


def test_a_no_to_the_statement_that_asks_how_to_get_one_is_the_answer_but_why_still_asks(gazetteer):
    # the form records the no and tells how to get a statement (tests/actions/test_form.py)
    assert classify(gazetteer, "no, how do I get one?", intent="why_needed", tracker=asking("enic")) == "inform"
    assert classify(gazetteer, "no, why do you need it?", intent="why_needed", tracker=asking("enic")) == "why_needed"


@pytest.mark.parametrize("text, asked", [("erm 29?", "age"), ("like 40?", "age"), ("dental nurse maybe?", "interests"),
                                         ("hackney?", "borough")])
def test_an_answer_asked_back_answers_the_question(gazetteer, text, asked):
    assert classify(gazetteer, text, intent="stop", tracker=asking(asked)) == "inform"


@pytest.mark.parametrize("text, asked", [("is Brent too far for this?", "borough"), ("is 25 too much?", "age")])
def test_a_question_about_an_answer_stays_a_question(gazetteer, text, asked):
    assert classify(gazetteer, text, intent="ask_route", tracker=asking(asked)) == "ask_route"


@pytest.mark.parametrize("text, said", [("keep going", "distress"), ("moar", "greet"),
                                        ("I don't like these, what else is there", "nlu_fallback"),
                                        ("can I see the rest", "stop"), ("keep going, what else", "distress"),
                                        ("are there more?", "nlu_fallback")])
def test_asking_for_the_next_five_in_residents_words(gazetteer, text, said):
    assert classify(gazetteer, text, intent=said) == "show_more"


def test_keep_going_with_something_else_is_not_the_next_five(gazetteer):
    assert classify(gazetteer, "i want to keep going with my course", intent="inform") != "show_more"
    assert classify(gazetteer, "i cant keep going like this, what else can i do", intent="distress") \
        == "distress"


@pytest.mark.parametrize("text, said", [("give me the recommendations", "out_of_scope"),
                                        ("recommend me something", "out_of_scope"),
                                        ("can you skip the questions and just show me what's out there", "stop")])
def test_asking_for_recommendations_finds_routes(gazetteer, text, said):
    assert classify(gazetteer, text, intent=said) == "find_routes"


@pytest.mark.parametrize("text", ["can you recommend a good dentist near me", "which one would you recommend for me"])
def test_a_recommendation_of_something_else_is_not_a_request_for_routes(gazetteer, text):
    assert classify(gazetteer, text, intent="out_of_scope") == "out_of_scope"


@pytest.mark.parametrize("text", ["what's this for?", "why all these questions?", "how come you want my age",
                                  "what's the point of asking my area"])
def test_what_a_question_is_for_is_why_it_is_asked(gazetteer, text):
    assert classify(gazetteer, text, intent="stop", tracker=asking("age")) == "why_needed"


def test_an_age_in_another_language_stays_another_language(gazetteer):
    assert classify(gazetteer, "tengo 27 años", intent="other_language", tracker=asking("age")) == "other_language"


def test_an_answer_asking_whether_it_counts_is_the_answer(gazetteer):
    assert classify(gazetteer, "Type 1 diabetic, does that count?", intent="why_needed",
                    tracker=asking("barriers")) == "inform"
    assert classify(gazetteer, "does that count?", intent="why_needed", tracker=asking("barriers")) == "why_needed"


@pytest.mark.parametrize("text, asked, said", [("none, is that a problem?", "qualification_level", "show_more"),
                                               ("does a BA in fine art count? that's all I've got",
                                                "qualification_level", "why_needed"),
                                               ("Is 16 old enough for this??", "age", "stop"),
                                               ("is 25 too old for this?", "age", "ask_route"),
                                               ("does universal credit count as benefits? if so that one",
                                                "barriers", "why_needed"),
                                               ("conviction from 2015, will that stop me?", "barriers", "stop"),
                                               ("luton, is that too far?", "borough", "show_more")])
def test_an_answer_asking_whether_it_is_a_problem_is_the_answer(gazetteer, text, asked, said):
    assert classify(gazetteer, text, intent=said, tracker=asking(asked)) == "inform"


@pytest.mark.parametrize("text, said, read", [("HA9, near the stadium", "ask_route", "inform"),
                                              ("E17 i think", "chitchat", "inform"),
                                              ("is E17 in London?", "ask_route", "ask_route")])
def test_a_postcode_opening_a_message_at_the_borough_question_answers_it(gazetteer, text, said, read):
    assert classify(gazetteer, text, intent=said, tracker=asking("borough")) == read


def test_is_that_a_problem_alone_asks(gazetteer):
    assert classify(gazetteer, "is that a problem?", intent="why_needed", tracker=asking("age")) == "why_needed"


def test_a_coach_saying_who_is_typing_asks_for_no_person(gazetteer):
    assert classify(gazetteer, "Customer is 53 - I'm the work coach, typing on her behalf", intent="human_handoff",
                    tracker=asking("age")) == "inform"
    assert classify(gazetteer, "can I speak to a real adviser, I'm her work coach", intent="human_handoff",
                    tracker=asking("age")) == "human_handoff"


@pytest.mark.parametrize("shown, want", [(False, "ask_route"), (True, "ask_more")])
def test_more_about_a_route_before_any_list_asks_about_the_route(gazetteer, shown, want):
    assert classify(gazetteer, "does AstraZeneca take apprentices", intent="ask_more",
                    tracker=asking(None, form=None, profile_complete=shown)) == want
    assert classify(gazetteer, "none of them", intent="ask_more", tracker=asking("barriers")) == "inform"


@pytest.mark.parametrize("text, said", [("could you tell me more about the first suggestion please?", "ask_route"),
                                        ("is the second one paid", "find_routes"),
                                        ("show me more about the first one", "show_more")])
def test_a_route_by_its_place_on_the_list_asks_more_about_it(gazetteer, text, said):
    assert classify(gazetteer, text, intent=said) == "ask_more"


def test_a_place_on_the_list_while_a_question_is_open_is_no_request_for_more(gazetteer):
    assert classify(gazetteer, "skip this one", intent="decline", tracker=asking("barriers")) == "decline"
    assert classify(gazetteer, "can someone call me about the first one", intent="ask_route") == "request_contact"


@pytest.mark.parametrize("text, guess, read", [("got anything else", "nlu_fallback", "show_more"),
                                               ("is that it?", "nlu_fallback", "show_more"),
                                               ("not really", "inform", "deny"), ("cya", "greet", "goodbye"),
                                               ("Goodnight", "greet", "goodbye"),
                                               ("nice one, cheers", "goodbye", "thanks"), ("tysm!!", "greet", "thanks"),
                                               ("ya", "goodbye", "affirm"), ("of course", "find_routes", "affirm"),
                                               ("is that all of them?", "ask_more", "show_more"),
                                               ("show me 5 more", "inform", "show_more"),
                                               ("show the rest", "stop", "show_more"), ("moreee", "greet", "show_more"),
                                               ("peace out", "affirm", "goodbye"), ("bye", "human_handoff", "goodbye"),
                                               ("speak soon", "human_handoff", "goodbye"),
                                               ("peace out ✌️", "distress", "goodbye"),
                                               ("farewell", "greet", "goodbye")])
def test_short_replies_with_the_list_shown(gazetteer, text, guess, read):
    assert classify(gazetteer, text, intent=guess, tracker=asking(None, form=None)) == read
    # at the UK ENIC question "not really" answers it
    assert classify(gazetteer, "not really", intent="inform",
                    tracker=asking("qualification_level", qualification_abroad=True)) == "inform"


def test_declining_in_words_that_hold_a_value_is_declining(gazetteer):
    assert classify(gazetteer, "none of your business lol", intent="inform", tracker=asking("borough")) == "decline"


@pytest.mark.parametrize("text, guess", [("i need a job asap what have you got", "show_profile"),
                                         ("show me the list", "nlu_fallback"),
                                         ("can you just list whatever courses are going", "chitchat"),
                                         ("I just want to see what's out there", "nlu_fallback")])
def test_routes_asked_for_in_general(gazetteer, text, guess):
    assert classify(gazetteer, text, intent=guess) == "find_routes"
    assert classify(gazetteer, "what have you got down for me", intent="show_profile") == "show_profile"
    assert classify(gazetteer, "not sure, show me everything", intent="find_routes",
                    tracker=asking("interests")) == "inform"


@pytest.mark.parametrize("text", ["do you know any good barbers in croydon",
                                  "how much is an oyster card for a 16 year old", "how do I apply for universal credit?"])
def test_a_question_about_something_else_with_the_list_shown_changes_nothing(gazetteer, text):
    # read as an answer, it had set the borough to Croydon, the age to 16 or the resident on benefits
    assert classify(gazetteer, text, intent="inform", tracker=asking(None, form=None)) == "out_of_scope"
    assert classify(gazetteer, "what if I'm 25?", intent="inform", tracker=asking(None, form=None)) == "inform"
    assert classify(gazetteer, "which of them let you keep your benefits", intent="inform",
                    tracker=asking(None, form=None)) == "inform"


@pytest.mark.parametrize("text, said", [("is there someone i can ring", "nlu_fallback"),
                                        ("is there an adviser I can speak to?", "request_contact")])
def test_a_person_they_would_ring_is_a_hand_off(gazetteer, text, said):
    assert classify(gazetteer, text, intent=said) == "human_handoff"
    assert classify(gazetteer, "can someone ring me back", intent="request_contact") == "request_contact"


def test_a_correction_after_the_list_asking_whether_it_changes_things_is_the_answer(gazetteer):
    assert classify(gazetteer, "forgot to mention I've got a criminal record, does that change things?",
                    intent="why_needed", tracker=asking(None, form=None, profile_complete=True)) == "inform"
    assert classify(gazetteer, "does it change anything if i say?", intent="why_needed",
                    tracker=asking("interests")) == "why_needed"


@pytest.mark.parametrize("text, guess", [("good question, i honestly dont know", "stop"), ("idk tbh", "affirm"),
                                         ("what would you suggest? I honestly don't know", "nlu_fallback"),
                                         ("im not sure tbh", "distress"),
                                         ("she hasnt decided yet", "out_of_scope")])       # corpus_fresh34
def test_not_knowing_what_work_answers_the_interests_question(gazetteer, text, guess):
    assert classify(gazetteer, text, intent=guess, tracker=asking("interests")) == "inform"
    assert classify(gazetteer, "just show me everything", intent="find_routes",
                    tracker=asking("interests")) == "find_routes"
    assert classify(gazetteer, "I haven't eaten in two days and I don't know what to do", intent="distress",
                    tracker=asking("interests")) == "distress"          # the safety phrases, whatever came before


@pytest.mark.parametrize("text, guess, slot", [("i dont feel comfortable sharing that", "distress", "barriers"),
                                               ("i'll leave that blank", "inform", "qualification_level"),
                                               ("i'd rather keep my age to myself", "distress", "age"),
                                               ("i'd rather not go into my personal stuff", "nlu_fallback", "barriers")])
def test_more_ways_of_declining(gazetteer, text, guess, slot):
    assert classify(gazetteer, text, intent=guess, tracker=asking(slot)) == "decline"


def test_a_detail_declined_with_the_answer_given_is_the_answer(gazetteer):
    said = "i'd prefer not to go into detail but i do have a health condition"
    assert classify(gazetteer, said, intent="decline", tracker=asking("barriers")) == "inform"
    # the age declined, a place given: still declining the age
    assert classify(gazetteer, "i'd rather not say but i live in hackney", intent="decline",
                    tracker=asking("age")) == "decline"


@pytest.mark.parametrize("text, guess", [("skip the questions and show me stuff", "decline"),
                                         ("can we skip to the results", "decline"), ("list the programmes", "inform"),
                                         ("give me the list already", "show_profile"),
                                         ("skip the questions and show me routes", "find_routes")])
def test_skipping_to_the_routes(gazetteer, text, guess):
    assert classify(gazetteer, text, intent=guess, tracker=asking("interests")) == "find_routes"
    assert classify(gazetteer, "skip this one", intent="decline", tracker=asking("barriers")) == "decline"


@pytest.mark.parametrize("text", ["is number 4 free", "is the first one actually in london?"])
def test_a_question_about_a_place_on_the_list_read_as_an_answer_asks_more(gazetteer, text):
    assert classify(gazetteer, text, intent="inform", tracker=asking(None, form=None)) == "ask_more"
    assert classify(gazetteer, "is the first one ok if i'm 45?", intent="inform",
                    tracker=asking(None, form=None)) == "inform"


@pytest.mark.parametrize("text", ["blah blah", "can you understand slang"])
def test_starting_again_needs_words_that_say_so(gazetteer, text):
    assert classify(gazetteer, text, intent="start_again", tracker=asking("age")) == "nlu_fallback"
    for said in ("start again please", "from the top", "clean slate please"):
        assert classify(gazetteer, said, intent="start_again", tracker=asking("age")) == "start_again"


@pytest.mark.parametrize("text, guess", [("can u change it to data and digital instead", "nlu_fallback"),
                                         ("can you change my interest to engineering instead", "request_contact")])
def test_an_answer_changed_however_it_is_asked(gazetteer, text, guess):
    assert classify(gazetteer, text, intent=guess, tracker=asking(None, form=None, profile_complete=True)) == "inform"
    assert classify(gazetteer, "can you change it to something else", intent="why_needed",
                    tracker=asking(None, form=None)) == "why_needed"


def test_where_to_start_is_no_start_again_and_declining_is_no_deletion(gazetteer):
    assert classify(gazetteer, "where do I start", intent="start_again", tracker=asking(None, form=None)) \
        == "find_routes"
    assert classify(gazetteer, "where do i even start, im 45", intent="start_again", tracker=asking("age")) == "inform"
    assert classify(gazetteer, "I don't want to tell you my age", intent="forget_me", tracker=asking("age")) \
        == "decline"


@pytest.mark.parametrize("text, read", [("Thats us done for today, goodbye", "goodbye"),
                                        ("Thanks! I didn't know about any of these", "thanks"),
                                        ("thanks but can you change my age to 30", "inform")])
def test_an_unplaced_message_after_the_list_that_signs_off_or_thanks(gazetteer, text, read):
    assert classify(gazetteer, text, intent="nlu_fallback", tracker=asking(None, form=None)) == read


def test_nothing_to_speak_of_asks_for_no_person(gazetteer):
    assert classify(gazetteer, "Forty seven, no qualifications to speak of", intent="human_handoff",
                    tracker=asking("age")) == "inform"


def test_an_age_at_the_age_question_is_its_answer_whatever_question_comes_with_it(gazetteer):
    assert classify(gazetteer, "U need my age? ok 30", intent="find_routes", tracker=asking("age")) == "inform"


@pytest.mark.parametrize("text", ["show my answers", "Can you show the details you've taken for my customer"])
def test_asking_to_see_the_answers_reads_them_back(gazetteer, text):
    assert classify(gazetteer, text, intent="find_routes") == "show_profile"


def test_a_bare_why_while_a_question_is_open_asks_why_it_is_asked(gazetteer):
    assert classify(gazetteer, "why?", intent="why_not", tracker=asking("qualification_level")) == "why_needed"


@pytest.mark.parametrize("text, said, asked, want", [
    ("please contact me by phone, I find typing hard", "human_handoff", None, "request_contact"),
    ("can someone from my local council get in contact with me", "human_handoff", "borough", "request_contact"),
    ("IT", "stop", "interests", "inform"),                       # a word that counts in capitals is an answer
    ("absolutely", "greet", None, "affirm")])
def test_more_messages_the_classifier_misread_after_a_training(gazetteer, text, said, asked, want):
    assert classify(gazetteer, text, intent=said, tracker=asking(asked) if asked else None) == want


def test_one_word_said_over_declines_nothing(gazetteer):
    assert classify(gazetteer, "blah blah", intent="decline", tracker=asking("age")) == "nlu_fallback"
    assert classify(gazetteer, "no no", intent="decline", tracker=asking("age")) == "decline"
    assert classify(gazetteer, "blah blah", intent="affirm", tracker=asking("age")) == "nlu_fallback"
    assert classify(gazetteer, "yes yes", intent="affirm", tracker=asking("age")) == "affirm"


@pytest.mark.parametrize("text, said", [("more details on the nursing associate thing pls", "inform"),
                                        ("tell me abt the lab technician one", "inform"),
                                        ("explain the third option in simple words please", "nlu_fallback"),
                                        ("more details on that lab technician apprenticeship you showed pls", "inform")])
def test_more_on_a_route_shown_asks_more(gazetteer, text, said):
    assert classify(gazetteer, text, intent=said, tracker=asking(None, form=None, profile_complete=True)) == "ask_more"


@pytest.mark.parametrize("text", ["scrap the lab thing, I'd rather do engineering", "please contact me about the nursing one"])
def test_a_correction_or_a_contact_request_about_a_route_shown_is_not_more_on_it(gazetteer, text):
    assert classify(gazetteer, text, intent="inform", tracker=asking(None, form=None, profile_complete=True)) != "ask_more"


@pytest.mark.parametrize("text, said, asked", [("wrong chat sorry, bye", "inform", None),
                                               ("actually nevermind, bye", "inform", "barriers"),
                                               ("thanks, that's all, goodbye", "nlu_fallback", None)])
def test_a_message_that_ends_in_a_goodbye_is_one(gazetteer, text, said, asked):
    tracker = asking(asked) if asked else asking(None, form=None, profile_complete=True)
    assert classify(gazetteer, text, intent=said, tracker=tracker) == "goodbye"


def test_an_answer_that_ends_in_a_goodbye_is_still_the_answer(gazetteer):
    assert classify(gazetteer, "I'm in Hackney, bye", intent="inform", tracker=asking("borough")) == "inform"


@pytest.mark.parametrize("text, said, want", [("I want more choices", "distress", "show_more"),
                                              ("can you give me 5 more", "ask_more", "show_more"),
                                              ("what's number 6 onwards", "ask_more", "show_more"),
                                              ("I don't think so", "stop", "deny"), ("night", "out_of_scope", "goodbye"),
                                              ("cheers bruv", "greet", "thanks"), ("txt me the info", "show_profile",
                                                                                   "request_contact"),
                                              ("don't store any of this", "stop", "forget_me"),
                                              ("anything else for me", "find_routes", "show_more"),
                                              ("why nothing for engineering", "why_needed", "why_not"),
                                              ("why is there nothing for labs", "why_needed", "why_not"),
                                              ("why is there nothing for degree level", "why_needed", "why_not"),
                                              ("where's the Multiply maths course, why did u leave it out",
                                               "ask_more", "why_not"),
                                              ("why didnt the astrazeneca one come up", "ask_more", "why_not"),
                                              ("why did u leave out the synnovis training centre", "ask_more",
                                               "why_not"),
                                              ("could someone write to me by post, i dont use email",
                                               "human_handoff", "request_contact"),
                                              ("could someone ring my mum instead, shes the one sorting this out",
                                               "human_handoff", "request_contact"),
                                              ("hang on, someones at the door", "nlu_fallback", "stop"),
                                              ("enough for today", "nlu_fallback", "stop"),
                                              ("put me through to someone", "inform", "human_handoff"),
                                              ("this bot is useless let me talk to a human", "chitchat",
                                               "human_handoff"),
                                              ("begin again please", "find_routes", "start_again"),
                                              ("i want to begin again for my daughter", "find_routes", "start_again"),
                                              ("forget everything i told you", "show_profile", "forget_me"),
                                              ("tell me about that SWAP you mentioned", "ask_route", "ask_more"),
                                              ("can i get more on that access to HE one", "ask_route", "ask_more"),
                                              ("that all you got?", "goodbye", "show_more"), ("yup", "greet", "affirm"),
                                              ("what does it say my age is", "why_needed", "show_profile"),
                                              ("are there people I can talk to face to face", "find_routes",
                                               "human_handoff"),
                                              ("can someone email my son the list", "human_handoff",
                                               "request_contact"),
                                              ("please end the conversation", "nlu_fallback", "stop"),
                                              ("right to be forgotten", "inform", "forget_me"),
                                              ("forget me", "stop", "forget_me"),
                                              ("Hi there, my daughter is 16 and interested in healthcare, what can "
                                               "she do?", "out_of_scope", "inform"),
                                              ("how do i get my info deleted", "out_of_scope", "forget_me"),
                                              ("how do degree apprenticeships work", "find_routes", "ask_route"),
                                              ("what does the national careers service do", "why_needed",
                                               "ask_route"),
                                              ("which borough did you put me in", "inform", "show_profile"),
                                              ("list what u know about me", "find_routes", "show_profile"),
                                              ("I don't want you to store anything about me", "nlu_fallback",
                                               "forget_me"),
                                              ("what have you stored", "why_needed", "show_profile"),
                                              ("my profile", "nlu_fallback", "show_profile"),
                                              ("so what do u think my level is", "ask_route", "show_profile"),
                                              ("can you show me everything you've got about my client",
                                               "find_routes", "show_profile"),
                                              ("from the top", "ask_more", "start_again"),
                                              ("do over", "stop", "start_again"),
                                              ("anything else out there?", "nlu_fallback", "show_more"),
                                              ("there must be more than this surely", "why_needed", "show_more"),
                                              ("is there a full list somewhere? id like to see all of them",
                                               "nlu_fallback", "show_more"),
                                              ("is the apprenticeship one paid?", "ask_route", "ask_more"),
                                              ("what about the pfizer apprenticeship? why isnt it there",
                                               "ask_route", "why_not"),
                                              ("how come theres nothing near croydon", "out_of_scope", "why_not"),
                                              ("is multiply still running, the free maths thing", "nlu_fallback",
                                               "ask_route"),
                                              ("what happened to SWAP, my mate did one", "why_not", "why_not")])
def test_replies_after_the_list_in_more_words(gazetteer, text, said, want):
    assert classify(gazetteer, text, intent=said, tracker=asking(None, form=None, profile_complete=True)) == want


def test_the_point_of_a_question_asks_why(gazetteer):
    assert classify(gazetteer, "what's the point of this question", intent="stop",
                    tracker=asking("qualification_level")) == "why_needed"


@pytest.mark.parametrize("text, said", [("Why borough?", "why_not"), ("why u asking how old i am", "why_not"),
                                        ("is this for tracking me? why the borough", "why_not")])
def test_why_the_question_is_asked_in_few_words(gazetteer, text, said):
    assert classify(gazetteer, text, intent=said, tracker=asking("borough")) == "why_needed"


def test_why_of_an_age_limit_is_no_question_about_the_age_question(gazetteer):
    assert classify(gazetteer, "why the age limit on bootcamps", intent="why_not",
                    tracker=asking(None, form=None, profile_complete=True)) != "why_needed"


def test_an_answer_that_asks_whether_it_will_come_up_is_the_answer(gazetteer):
    assert classify(gazetteer, "got nicked for possession a few years back, will that come up?", intent="why_needed",
                    tracker=asking("barriers")) == "inform"



def test_starting_over_that_answers_still_answers(gazetteer):
    assert classify(gazetteer, "start again from the beginning, I'm 25", intent="inform",
                    tracker=asking("age")) == "inform"


@pytest.mark.parametrize("text, said, asked, want", [
    ("12th pass from India", "decline", "qualification_level", "inform"),     # "pass" is part of the qualification
    ("12th pass from India", "deny", "qualification_level", "inform"),
    ("still waiting for ENIC to get back to me", "request_contact", "enic", "inform"),
    ("something with IT", "decline", "interests", "inform"),
    ("I don't know, I need to see", "decline", "interests", "inform"),
    ("Lost the paper, can't remember what it said", "human_handoff", "enic", "inform"),
    ("no I didn't know I needed one", "decline", "enic", "inform"),
    ("dont want to talk about my papers", "decline", "enic", "decline"),      # declining in its own words
    ("i'd rather skip the health stuff", "decline", "barriers", "decline"),
    ("whats the borough for", "show_profile", "borough", "why_needed"),
    ("why ask if i have a criminal record", "nlu_fallback", "barriers", "why_needed"),
    ("why does my immigration status matter", "out_of_scope", "barriers", "why_needed"),
    ("I want an adviser not a bot", "inform", "age", "human_handoff"),
    ("Nineteen, why?", "why_not", "age", "inform"),                 # an answer; no list yet to miss a route from
    ("no, none. why?", "why_not", "barriers", "inform"),
    ("I don't want to tell you about my health", "inform", "barriers", "decline"),   # the topic declined, no interest
    ("not comfortable with that question", "inform", "enic", "decline"),
    ("would rather not give my area", "nlu_fallback", "borough", "decline"),        # "would rather" asks nothing
    # corpus_fresh28
    ("what's this got to do with finding a job", "find_routes", "barriers", "why_needed"),
    ("what difference does that make? my degree is real", "inform", "enic", "why_needed"),
    ("whats that? never got one", "why_needed", "enic", "inform"),                # no statement, asked what it is
    ("I answered wrong earlier, can we go back to the start", "show_profile", "barriers", "start_again"),
    ("what did you record for my degree", "inform", "enic", "show_profile"),
    ("are there any real people working here", "find_routes", "borough", "human_handoff"),
    ("on second thoughts please clear everything ive typed", "nlu_fallback", "age", "forget_me"),
    ("Caring for someone", "request_contact", "barriers", "inform"),       # "someone" asks for no person here
    ("WORK COACH: cust 58yo ESA, mental health, Thornton Heath, lvl 2 NVQ care", "human_handoff", "age", "inform"),
    # corpus_fresh29
    ("47 is it worth it at my age", "distress", "age", "inform"),             # an age, and no safety phrase
    ("im 19 and i want to end it all", "inform", "age", "distress"),          # a safety phrase has the last word
    ("what did I put for my qualification?", "why_needed", "qualification_level", "show_profile"),
    ("its complicated, can i explain this to a person instead", "ask_route", "barriers", "human_handoff"),
    ("i messed up my answers, can we restart", "show_profile", "barriers", "start_again"),
    ("new conversation please", "nlu_fallback", "barriers", "start_again"),
    ("can we begin again, i answered wrong from the start", "start_again", "enic", "start_again"),   # it stands
    ("my age is my business", "why_needed", "age", "decline"),            # "business" inside the words of declining
    ("i dont give out my age sorry", "inform", "age", "decline"),
    ("[email address], 45", "inform", "age", "inform"),                      # at a question, no request by itself
    # corpus_fresh30
    ("no, that's not what I meant", "inform", "age", "deny"),
    ("no not richmond, I didn't say that", "deny", "borough", "deny"),
    ("no that's wrong, i live in hackney", "deny", "borough", "inform"),   # the answer it gives
    ("is that the same as the apostille? I only have the apostille", "why_needed", "enic", "inform"),
    # corpus_fresh36
    ("cya", "greet", "age", "goodbye"),
    ("skip all this and give me some options", "decline", "qualification_level", "find_routes"),
    ("skip this one", "decline", "age", "decline"),
    ("thanks for being patient with me", "inform", "barriers", "thanks"),   # "patient" names no work wanted here
    ("thanks, im 25", "inform", "age", "inform"),
    ("what does my borough have to do with jobs", "find_routes", "borough", "why_needed"),
    ("reset pls", "stop", "age", "start_again"),
])
def test_replies_at_a_question_in_more_words(gazetteer, text, said, asked, want):
    assert classify(gazetteer, text, intent=said, tracker=asking(asked)) == want


def test_routes_asked_for_are_no_request_for_a_person(gazetteer):
    assert classify(gazetteer, "whats available", intent="human_handoff", tracker=asking(None, form=None)) \
        == "find_routes"


@pytest.mark.parametrize("text, said, want", [
    ("why no healthcare options?", "find_routes", "why_not"),      # "no healthcare" names the work asked about
    ("why did you skip the Restart scheme", "why_needed", "why_not"),
    ("are there any people working here i can talk to", "find_routes", "human_handoff"),
    ("you're not helping, human please", "deny", "human_handoff"),
    ("summary of my answers pls", "ask_more", "show_profile"),
    ("say more about the pharmacy one", "inform", "ask_more"),
    ("remove my profile", "nlu_fallback", "forget_me"),
    ("i want to change all my answers", "forget_me", "start_again"),      # no word of deleting
    ("start again and delete my data", "forget_me", "forget_me"),
    # corpus_fresh39
    ("Restart the conversation", "nlu_fallback", "start_again"),
    ("wipe the answers and let me redo it", "forget_me", "start_again"),      # redoing them is starting again
    ("bin my data", "nlu_fallback", "forget_me"),
    ("can i go back and change everything", "show_profile", "start_again"),
    ("n", "nlu_fallback", "deny"),
    ("nah you're alright", "chitchat", "deny"),
    ("ok let's go", "nlu_fallback", "affirm"),
    # corpus_fresh28
    ("what else", "why_needed", "show_more"),
    ("take care", "nlu_fallback", "goodbye"),
    ("I want to do it again with different answers", "show_more", "start_again"),
    ("why have you left out university", "inform", "why_not"),      # no word the vocabulary knows, but left out
    ("Why doesn't the Healthcare SWAP show up for me", "ask_more", "why_not"),
    ("what age did you put", "out_of_scope", "show_profile"),
    # corpus_fresh29
    ("what does SWAP stand for", "why_needed", "ask_route"),
    ("Community Works for Health - what is that exactly?", "affirm", "ask_route"),
    ("whys the Paddington Life Sciences thing not on there", "inform", "why_not"),
    ("what do you think you know about me lol", "why_needed", "show_profile"),
    ("can you send this to me at [email address]", "inform", "request_contact"),     # as the channel hands it on
    ("ring me on 07700 900123", "inform", "request_contact"),
    ("wow thanks didnt know any of this existed", "nlu_fallback", "thanks"),
    # corpus_fresh31
    ("oh I forgot, I'm a care leaver. does that help?", "why_needed", "inform"),
    ("ok ta ra", "nlu_fallback", "nlu_fallback"),                          # a goodbye, not thanks
    # corpus_fresh36
    ("give me another 5", "stop", "show_more"),
    ("restart", "out_of_scope", "start_again"),
    ("I want my data removed", "inform", "forget_me"),                     # "my data" is no data work
    ("can I try again with different answers", "show_more", "start_again"),
    ("what do you have down for my qualifications", "why_needed", "show_profile"),
    ("Thanks, I'll look into those", "show_more", "thanks"),
    ("thanks, what about nursing?", "ask_route", "ask_route"),
    ("Free Courses for Jobs, what's that?", "find_routes", "ask_route"),
    ("the nhs one sounds good, tell me more", "inform", "ask_more"),
    # corpus_fresh37
    ("what's Restart", "start_again", "ask_route"),                         # the scheme, not the chat
    ("can you redo it for data and digital instead", "start_again", "inform"),   # one answer changed
    ("can we restart", "start_again", "start_again"),
    ("tell me about the skills bootcamp you put first", "ask_route", "ask_more"),
    ("the one about careers advice, is it face to face?", "ask_route", "ask_more"),
    ("Should mention I'm autistic", "deny", "inform"),
    ("I want to answer the questions again", "stop", "start_again"),
    ("wat did u put for me", "find_routes", "show_profile"),
    ("are there any humans here", "chitchat", "human_handoff"),
    ("can you tell me about the second one", "request_contact", "ask_more"),   # one training read it so
    ("can someone call me about the first one", "request_contact", "request_contact"),
    # corpus_fresh38
    ("first one, how I start?", "start_again", "ask_more"),                 # it had cleared every answer
    ("how do i start again", "start_again", "start_again"),
    ("I forgot to say I'm on universal credit, does that change it?", "why_needed", "inform"),
    ("should have said, I have a conviction. do these still apply?", "ask_route", "inform"),
    ("wipe the answers and ask me again", "start_again", "start_again"),    # not "delete my data"
    ("del my info pls", "show_profile", "forget_me"),
    ("I don't want you keeping my details", "stop", "forget_me"),
    ("ring me after 3 when the kids are home from school", "inform", "request_contact"),    # no new circumstance
    ("can someone write to me, I don't have internet at home", "nlu_fallback", "request_contact"),
    ("How do I apply for the bootcamp you showed?", "why_not", "ask_more"),
    ("why isn't the bootcamp you showed first", "why_not", "why_not"),
    ("What were all those questions for?", "stop", "why_needed"),
])
def test_requests_after_the_list_in_other_words(gazetteer, text, said, want):
    assert classify(gazetteer, text, intent=said, tracker=asking(None, form=None, profile_complete=True)) == want


def test_none_of_them_after_taking_back_what_was_said_answers_the_question(gazetteer):
    # "what i said" asks nothing (corpus_fresh34: read as a question about a route, the answer was lost)
    assert classify(gazetteer, "ignore what i said, none of them apply really", intent="ask_route",
                    tracker=asking("barriers")) == "inform"


def test_a_people_person_asks_for_no_one(gazetteer):
    # corpus_fresh38: read as human_handoff, and the interest was lost
    assert classify(gazetteer, "sales, I'm a people person", intent="human_handoff",
                    tracker=asking("interests")) == "inform"


@pytest.mark.parametrize("text, guess, asked", [("I don't really want to say how old I am", "distress", "age"),
                                                ("I don't want to give out where I live", "find_routes", "borough"),
                                                ("not something I want to put on here", "inform", "barriers")])
def test_declining_in_other_words(gazetteer, text, guess, asked):
    # corpus_fresh37: read as distress, a request for routes and an answer
    assert classify(gazetteer, text, intent=guess, tracker=asking(asked)) == "decline"


def test_starting_over_or_not_carrying_on_at_a_question(gazetteer):
    # corpus_fresh37: read as stop and as "delete my data" (which deletes at once)
    assert classify(gazetteer, "let me start over, I'm doing this for my client now not me", intent="stop",
                    tracker=asking("age")) == "start_again"
    assert classify(gazetteer, "I don't want to carry on with this chat", intent="forget_me",
                    tracker=asking("qualification_level")) == "stop"


def test_forgetting_to_say_something_is_no_request_to_delete(gazetteer):
    # corpus_fresh23: read as "delete my data", which deletes at once
    assert classify(gazetteer, "sorry i forget say, english is not my language first", intent="forget_me",
                    tracker=asking(None, form=None, profile_complete=True)) == "inform"
    assert classify(gazetteer, "i forgot to say, please delete my data", intent="forget_me",
                    tracker=asking(None, form=None, profile_complete=True)) == "forget_me"


@pytest.mark.parametrize("text, guess, want", [("delete everything you have on me", "show_profile", "forget_me"),
                                               ("right to be forgotten", "affirm", "forget_me"),
                                               ("I used this last week, please delete what I put in", "find_routes",
                                                "forget_me"),
                                               ("clear everything and start fresh", "start_again", "start_again")])
def test_the_words_of_deleting_ask_for_it_whatever_the_guess(gazetteer, text, guess, want):
    # older corpora: read as a request for the answers, a yes and a request for routes, and nothing was deleted
    assert classify(gazetteer, text, intent=guess, tracker=asking(None, form=None, profile_complete=True)) == want


@pytest.mark.parametrize("text, said, want", [("anything else apart from those", "inform", "show_more"),
                                              ("what else u got", "find_routes", "show_more"),
                                              ("what circumstances did i pick", "why_needed", "show_profile")])
def test_corpus_fresh41s_questions_after_the_list(gazetteer, text, said, want):
    assert classify(gazetteer, text, intent=said, tracker=asking(None, form=None, profile_complete=True)) == want


def test_the_jobs_without_the_questions_asks_for_routes(gazetteer):
    assert classify(gazetteer, "cant u just show me the jobs without all the questions", intent="why_not",
                    tracker=asking("age")) == "find_routes"


@pytest.mark.parametrize("text, said, want", [("next 5 pls", "ask_more", "show_more"),
                                              ("show me a longer list", "nlu_fallback", "show_more"),
                                              ("whats the catch with the swap thing", "nlu_fallback", "ask_more"),
                                              ("whats the catch with the free courses for jobs thing", "find_routes",
                                               "ask_more")])
def test_corpus_fresh40s_questions_after_the_list(gazetteer, text, said, want):
    assert classify(gazetteer, text, intent=said, tracker=asking(None, form=None, profile_complete=True)) == want


def test_a_goodbye_first_is_one(gazetteer):
    assert classify(gazetteer, "bye actually, wrong website", intent="inform", tracker=None) == "goodbye"


def test_asking_to_skip_a_question_declines_it(gazetteer):
    assert classify(gazetteer, "can I skip the paperwork question", intent="stop",
                    tracker=asking("qualification_level", qualification_abroad=True)) == "decline"
    assert classify(gazetteer, "can i skip the questions and see the results", intent="find_routes",
                    tracker=asking("age")) == "find_routes"
