"""A message that is nothing but profile vocabulary ("brent", "lab work", "5 GCSEs", "reserch") or a number
("FORTY") is an answer; so is one that states a profile value, when the classifier guessed a reply that is not a
question or a request ("I'm in Harrow" came back as `deny`, "yes 37" as `affirm`, "Abitur from Germany" as
`start_again`).

The classifier has never seen most borough names on their own and once read "brent" as `distress` (0.39). The
gazetteer knows every vocabulary phrase (it is built from knowledge/data), so when its profile entities cover
every word of a message, the intent is `inform`, whatever the classifier guessed. The NLU component that applies
this is bot.rasa.components.BareAnswer.
"""
from __future__ import annotations

import re

from bot import pii
from knowledge import postcodes
from knowledge.errors import InputError
from knowledge.normalise import is_question, normaliser
from knowledge.profile import ANSWERS

INFORM = "inform"
DECLINE = "decline"
# What a message that states a profile value may still be ("im a care leaver" came back as `ask_route`, "lab stuff"
# as `show_profile`): a question, "delete my data", "talk to a person", "rather not say" or another language.
# Anything else stating a value is an answer. Not the classifier's `distress`: it read "i live in hackny" as
# distress (0.96) and stopped the questions; for a message that states a value, the safety phrases decide
# (bot.rasa.components.SafetyNet runs last and makes any message with one of them distress, whatever came before).
KEEP = {"forget_me", "human_handoff", DECLINE, "other_language"}

PROFILE_ENTITIES = {"borough", "qualification", "barrier", "interest"}
LETTER = re.compile(r"[^\W\d_]")


def only_vocabulary(text: str, entities: list[dict]) -> bool:
    """True when the profile entities leave no letters in `text` uncovered (digits and punctuation may remain)."""
    spans = [(e["start"], e["end"]) for e in entities if e.get("entity") in PROFILE_ENTITIES]
    if not spans:
        return False
    rest = text
    for start, end in sorted(spans, reverse=True):
        rest = rest[:start] + " " + rest[end:]
    return not LETTER.search(rest)


def _none_of_them(text: str) -> bool:
    """ "None of them", "no, none": an answer that nothing applies (a bare "no" stays a no)."""
    return normaliser().answer(text) == "none" and text.strip(" .!").lower() not in ("no", "nope", "nah", "no thanks")


FALLBACK = "nlu_fallback"
CONTACT = "request_contact"
ASK_ROUTE = "ask_route"
# "How about ESOL classes", "any bootcamps?", "tell me about access courses": a route asked about, not a profile answer
# (read as one, "ESOL" once replaced the resident's circumstances with limited English).
ABOUT = re.compile(r"^\W*(?:and\s+|so\s+)?(?:(?:what|wat|wot|how)\s+abou?t|(?:can\s+you\s+)?tell\s+me\s+abou?t|"
                   r"(?:are\s+there\s+|do\s+you\s+have\s+|got\s+)?any)\b", re.I)


WHY_NEEDED = "why_needed"
# "why do u need to know if i have a criminal record", "why does it matter if i'm disabled": asks why, however much of
# an answer it holds (read as one, the circumstance it asks about was recorded), in any sentence ("is there an age
# limit? why are you asking").
WHY_ASKED = re.compile(r"(?:^|[?.!]\s*)\W*(?:but\s+|and\s+|so\s+)?(?:why|y|how\s+come)\s+"
                       r"(?:ask\s+(?:if|whether|about|for|my)|does\s+my\s+[\w\s]{1,25}?\s+matter|"
                       r"(?:do|does|would|d|did)\s+(?:you|u|ya)\s+"
                       r"(?:need|want|wanna|ask|have\s+to\s+know|care)|(?:are\s+you|r\s+u|you're|youre|ur)\s+asking|"
                       r"(?:does|would|should|do)\s+(?:it|that|this)\s+matter|(?:you|u)\s+(?:need|want|wanna|asking)|"
                       r"(?:(?:the|my|ur|your)\s+)?(?:borough|area|age|postcode|qualifications?|circumstances|"
                       r"situation|interests?)(?=\W*$)|"
                       r"(?:all\s+)?(?:these|the|this|so\s+many)\s+questions)\b|"   # "how come you want my age"
                       r"(?:^|[?.!]\s*)\W*(?:so\s+|but\s+)?(?:what|wat)(?:'s|s|\s+is)\s+(?:this|that|it|the\s+"
                       r"(?:borough|area|age|postcode|qualifications?|circumstances|interests?)(?:\s+question)?)\s+"
                       r"(?:all\s+)?for\b|"
                       r"\b(?:what|wat)\s+(?:were|are|was)\s+(?:all\s+)?(?:those|these|the|your)\s+questions\s+for\b|"
                       r"\b(?:what|wat)(?:'s|s|\s+is)\s+the\s+point\s+(?:of|in)\s+(?:asking|knowing|"
                       r"(?:this|that|these|the)\s+questions?)\b|"
                       r"\bwhat(?:'s|s|\s+has|\s+does)\s+(?:this|that|it|my\s+\w+|where\s+i\s+live|"
                       r"how\s+old\s+i\s+am)\s+(?:got\s+)?(?:have\s+)?to\s+do\s+with\b|"
                       r"\bwhat\s+difference\s+does\s+(?:this|that|it)\s+make\b",
                       re.I)      # "why does it matter if...", "what's this for?", "what's the point of asking my
                                  # area", "why u asking how old i am", "Why borough?", "whats the borough for",
                                  # "what's this got to do with finding a job", "what difference does that make?",
                                  # "what does my borough have to do with jobs"


# "show my answers", "can you show the details you've taken for my customer", "what did I put for my qualification?":
# the answers read back (the classifier read these as find_routes after one training, the last as why_needed; over the
# development corpora 159 of the 164 messages this matches are so labelled, and the other 5, deletions, KEEP holds).
SHOW_PROFILE = "show_profile"
MY_ANSWERS = re.compile(r"\b(?:show|see|view|check|read|display)\s+(?:me\s+|back\s+)?(?:my|the|our|all\s+my|his|her|"
                        r"their)\s+(?:answers|profile|details|info|information)\b(?!\s+(?:about|on|for)\b)|"
                        r"\bwhat\s+(?:does|did|do)\s+(?:it|you|u)\s+(?:say|have|think)\s+my\s+(?:age|borough|level|"
                        r"qualifications?|circumstances|interests?)\s+(?:is|are)\b|"
                        r"\bwhat\s+(?:have|'ve)\s+(?:you|u)\s+(?:stored|saved|kept|recorded)\b|"
                        r"\bw(?:h)?at\s+did\s+(?:you|u)\s+(?:(?:record|put|save|write)\s+(?:down\s+)?(?:for|as)\s+my|"
                        r"put\s+(?:down\s+)?for\s+me)\b|"
                        r"\bwhat\s+did\s+i\s+(?:put|say|type|write|enter|tell\s+(?:you|u))\b|"
                        r"\bwhat\s+(?:circumstances|interests?|borough|qualifications?|level)\s+did\s+i\s+"
                        r"(?:pick|choose|select|put|say|give)\b|"
                        r"\bwhat\b[^?.!]{0,40}?\b(?:have|got)\s+(?:(?:you|u)\s+)?(?:got\s+)?(?:me\s+)?down\s+"
                        r"(?:for\s+(?:me|my)|as)\b|"
                        r"\bwhat\s+(?:do\s+)?(?:you|u)\s+(?:think\s+(?:you|u)\s+)?know\s+about\s+me\b|"
                        r"\b(?:what|which)\s+(?:age|borough|area|level|qualifications?|circumstances|interests?)\s+"
                        r"(?:did|have)\s+(?:you|u)\s+(?:put|record|recorded|save|saved|got)\b|"
                        r"\bsummary\s+of\s+(?:my|the|our|all\s+my)\s+(?:answers|profile|details)\b|"
                        r"^\W*my\s+(?:profile|answers)\W*$|"
                        r"\beverything\s+(?:you(?:'ve|\s+have)?\s+got|you\s+have)\s+(?:about|on)\s+"
                        r"(?:me|my|him|her|them)\b",
                        re.I)
# "why?", "why tho" while a question is open asks why it is asked (the classifier read one as why_not; over the older
# corpora all 4 such messages are so labelled).
JUST_WHY = re.compile(r"^\W*(?:but\s+|and\s+|ok\s+|okay\s+)?(?:why|y|whyy+|how\s+come)\W*(?:tho|though)?\W*$", re.I)
SHOW_MORE, ASK_MORE, FIND_ROUTES = "show_more", "ask_more", "find_routes"
# "keep going", "can I see the rest", "I don't like these, what else is there": the next five (the classifier read
# "keep going" as distress, "moar" as a greeting and "what else have you got" as nothing it knew; "show me 5 more" as an
# answer, "give me another 5" as stop).
MORE = re.compile(r"^\W*(?:(?:ok|okay|yes|yeah|yep)\W+)?(?:keep\s+going|mo+re+)\W*(?:please|pls|plz)?\W*$|"
                  r"^\W*keep\s+going\W+(?:what|wat|wot)\s+else\W*$|"
                  r"^\W*(?:are|r)\s+(?:there|ther)\s+(?:any\s+)?more\W*$|"
                  r"\b(?:moar|(?:show\s+(?:me\s+)?|see\s+)(?:some\s+|\d+\s+|five\s+|a\s+few\s+)?more"
                  r"(?!\s+(?:about|on|info|details?|of)\b)|(?:see|show)\s+(?:me\s+)?the\s+rest|"
                  r"(?:the\s+|^\W*)next\s+(?:five|5|ones|page|lot)|"
                  r"more\s+(?:options|results|routes|choices|suggestions)|(?:a\s+)?longer\s+list|"
                  r"(?:give|gimme)\s+(?:me\s+)?(?:some\s+|\d+\s+|five\s+)more\b(?!\s+(?:about|on|info|details?|of)\b)|"
                  r"(?:give|gimme|show)\s+(?:me\s+|us\s+)?another\s+(?:five|5|few|lot|page|set)|"
                  r"(?:number\s*)?(?:6|six|sixth)\s+(?:onwards|and\s+(?:up|on|beyond))|"
                  r"what\s+else\s+(?:is\s+there|have\s+you\s+got|you\s+got|ya\s+got|can\s+you\s+show)|"
                  r"more\s+than\s+(?:this|that|these|those)|full\s+list|see\s+all\s+of\s+them|"
                  r"anything\s+else\s+out\s+there)\b", re.I)


# An answer that asks whether it counts, or whether it is a problem, is still the answer: the form records it and the
# resident can correct it ("none, is that a problem?" came back as show_more, "does a BA in fine art count? that's
# all I've got" and "forgot to mention I've got a criminal record, does that change things?" as why_needed, "Is 16
# old enough for this??" and "conviction from 2015, will that stop me?" as stop, "got nicked for possession a few years
# back, will that come up?" and "oh I forgot, I'm a care leaver. does that help?" as why_needed, "luton, is that too
# far?" as show_more; over the older corpora every message this matches that states an answer is labelled one).
COUNTS = re.compile(r"\b(?:does|would|will|do|should)\s+[^?.!,]{1,40}?\s+count\b|"
                    r"\b(?:does|would|will|could)\s+(?:that|this|it)\s+change\s+"
                    r"(?:anything|things|much|the\s+(?:results|list|options))\b|"
                    r"\b(?:does|would|will|could)\s+(?:that|this|it)\s+(?:help|make\s+a\s+difference)\b|"
                    r"\b(?:is|would|will)\s+(?:that|this|it)\s+(?:be\s+)?(?:a\s+problem|an\s+issue|ok|okay|alright|bad|"
                    r"too\s+old|too\s+young|too\s+far|(?:old\s+)?enough|(?:in\s+)?london)\b|"
                    r"\b(?:is|am\s+i)\s+\d{2}\s+(?:too\s+old|too\s+young|old\s+enough)\b|"
                    r"\b(?:does|would|will|could|can)\s+(?:that|this|it)\s+(?:stop|hold|rule)\s+me\b|"
                    r"\b(?:does|would|will|could)\s+(?:that|this|it)\s+(?:come\s+up|show\s+up)\b", re.I)
# "could you tell me more about the first suggestion", "is that one paid": one of the routes shown, by its place on the
# list, with no question open (over the older corpora, 157 of 161 such messages ask more about it; the rest ask for a
# call, which comes first).
ONE_OF_THEM = re.compile(r"\b(?:first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|last\s+one|top\s+one|number\s*\d|"
                         r"no\.?\s*\d|#\d|option\s*\d|that\s+one|this\s+one|the\s+one\s+you|these\s+ones|"
                         r"those\s+ones)\b", re.I)
# With no question open, more about a route shown: "more details on the nursing associate thing", "tell me abt the
# lab technician one", "explain the third option in simple words" (the classifier read these as answers, for the kind of
# work they name, or as nothing it knew).
YOU_SHOWED = r"\b(?:you|u)\s+(?:showed|suggested|mentioned|listed|gave|put\s+(?:first|top|last|second|third))\b"
YOU_SHOWED_ONE = re.compile(YOU_SHOWED, re.I)
MORE_ON = re.compile(r"^\W*(?:(?:can|could)\s+(?:you|u)\s+|pls\s+|please\s+)?(?:tell\s+me\s+|say\s+)?"
                     r"(?:more|details?|info)\s+(?:details?\s+|info\w*\s+)?(?:on|about|abt|of)\b|"
                     r"^\W*(?:(?:can|could)\s+(?:you|u)\s+(?:please\s+|pls\s+)?)?"
                     r"(?:explain|tell\s+me\s+(?:about|abt))\s+(?:the|that|this)\b|"
                     r"^\W*what'?s\s+the\s+catch\s+with\b|" + YOU_SHOWED, re.I)
# A route asked about as one on the list: "that SWAP you mentioned", "that access to HE one", "the one about careers
# advice", "the skills bootcamp you put first" (the classifier and ABOUT read these as questions about the route in
# general).
SHOWN = re.compile(YOU_SHOWED + r"|\b(?:that|the)\s+[\w\s-]{1,30}?\s+one\b|\bthe\s+one\s+(?:about|on|for)\b", re.I)
# over the development corpora every message naming one on the list with these words asks more about it
TELL_MORE = re.compile(r"\b(?:tell\s+me\s+more|more\s+(?:on|about|details?|info)|explain)\b", re.I)
TAKEN_FOR_OTHERS = {ASK_ROUTE, FIND_ROUTES, SHOW_MORE, WHY_NEEDED, "out_of_scope", FALLBACK, "chitchat",
                    "show_profile"}
# "give me the recommendations", "recommend me something", "skip the questions and just show me what's out there",
# "can we skip to the results", "list the programmes" (the classifier read these as out_of_scope, stop, decline or an
# answer).
RECOMMEND = re.compile(r"\b(?:recommendations|recommend\s+me|what\s+(?:do|would|can|could)\s+(?:you|u)\s+recommend"
                       r"(?!\s+(?:a|an)\b)|recommend\s+something|skip\s+(?:all\s+)?(?:the|these|your)\s+questions|"
                       r"skip\s+(?:all\s+)?(?:this|that)\s+and\s+(?:just\s+)?(?:show|give|tell)|"
                       r"skip\s+(?:straight\s+)?to\s+the\s+(?:results|list|end|routes|options|recommendations)|"
                       r"(?:show\s+me|give\s+me|list)\s+(?:all\s+)?the\s+"
                       r"(?:programmes|routes|results|list|options|jobs)|"
                       r"without\s+(?:all\s+)?(?:the|these|your)\s+questions|"
                       r"show\s+me\s+(?:programmes|routes|results))\b", re.I)


# "what have you got", "show me everything", "what's out there", "what are my options": routes asked for in general,
# except at the interests question, where "not sure, show me everything" answers it, and "what have you got on me
# so far", which asks for the profile (the classifier read these as show_profile, chitchat or nlu_fallback; over
# the older corpora 34 messages match, all find_routes but one "what can I even do" that says it has none).
OUT_THERE = re.compile(r"\b(?:what\s+(?:have|'ve|ve)\s+(?:you|u|ya)\s+got(?:\s+for\s+me)?\W*$|"
                       r"show\s+me\s+what\s+(?:you|u)(?:'ve|\s+have)?\s+got\W*$|"
                       r"show\s+me\s+(?:everything|the\s+list|stuff|some\s+options|options|my\s+options)|"
                       r"what(?:'s|s|\s+is)\s+(?:available|out\s+there)|what\s+can\s+i\s+(?:actually|even)\s+do|"
                       r"what\s+(?:courses|jobs|options)\s+(?:are\s+there|there\s+are|are\s+going)|"
                       r"what\s+should\s+i\s+(?:be\s+doing|do)\s+next|"
                       r"list\s+(?:whatever|all|the)\s+(?:courses|options|jobs)|"
                       r"find\s+me\s+something|what\s+are\s+my\s+(?:options|choices))", re.I)
ABOUT_ME = re.compile(r"\b(?:did\s+you\s+get|about\s+me|on\s+me|so\s+far|down\s+for\s+me)\b", re.I)


STOP, PAUSE = "stop", "pause"          # the intent, and the knowledge/data/answers.yml words of a pause
WHY_NOT = "why_not"
# "why not the AstraZeneca apprenticeship", "why no nhs jobs", "how come T levels aren't there", "why didnt the
# astrazeneca one come up": why a named route is left out, or, with the list shown, why nothing for a kind of work
# ("why nothing for engineering"; the classifier read these as ask_more, find_routes or why_needed).
_WHY = r"\b(?:whys?|y|how\s+come)\b[^?.!]*?\b"                   # "whys the Paddington thing not on there"
_GONE = r"le(?:ft|ave)\s+(?:\w+\s+)?(?:out|off)|missing|skip(?:ped)?"      # "why did u leave it out"
WHY_LEFT_OUT = re.compile(_WHY + r"(?:not|no|isn'?t|aren'?t|didn'?t|haven'?t|hasn'?t|doesn'?t|don'?t|wasn'?t|won'?t|"
                          r"can'?t|nothing|" + _GONE + r")\b", re.I)
# Words that can only mean a route is missing, with the list shown: "why have you left out university" names nothing
# the vocabulary knows, nor "why is there nothing for degree level" (over the development corpora all 40 messages
# after the list with a why and a "nothing" are labelled why_not).
LEFT_OUT = re.compile(_WHY + r"(?:nothing|" + _GONE + r")\b", re.I)


def _names_a_route(text: str) -> bool:
    n = normaliser()
    return (n.route_type(text) or n.programme(text)) is not None


def _names_work_or_place(text: str) -> bool:
    """A kind of work or a place: "why is there nothing for labs", "how come theres nothing near croydon"."""
    said = normaliser().extract(WHY_LEFT_OUT.sub(" ", text))    # not "no healthcare": the work they asked about
    return bool(said.get("interests") or said.get("borough"))


# "whats access to work", "what's SWAP, my work coach mentioned it": what a named route is (not a question about one
# on the list: "whats the deadline for the ucb apprenticeship" names it later).
WHAT_IS = re.compile(r"^\W*(?:what|wat|wot)(?:'s|s|\s+is|\s+are)\s+(?:an?\s+|the\s+)?", re.I)


# "what does SWAP stand for", "Access to HE - what is that?": what a named route is, asked after its name (read as
# why_needed and affirm; over the development corpora 7 of the 8 that name a route are labelled ask_route, the other
# asks about one on the list)
WHAT_IT_MEANS = re.compile(r"\bwhat\s+(?:does|do)\s+.{1,40}?\s+(?:stand\s+for|mean)\b|"
                           r"\bwhat(?:\s+is|\s*'s|s)\s+(?:that|it|this)\b\W*(?:exactly|then)?\W*$", re.I)
STILL_ON = re.compile(r"\bis\s+[\w\s]{1,20}?\s+still\s+(?:running|going|on|open|available)\b", re.I)
# "how do degree apprenticeships work", "what does the national careers service do": how a named route works (read
# as find_routes and why_needed; over the development corpora 28 of the 31 that name a route are labelled ask_route,
# the other 3 ask about one on the list)
HOW_IT_WORKS = re.compile(r"\bhow\s+(?:do|does)\s+.{1,40}?\s+work\b|"
                          r"\bwhat\s+(?:does|do)\s+(?:the\s+)?.{1,40}?\s+(?:do|offer)\W*$", re.I)


def _asks_about_a_route(text: str) -> bool:
    n = normaliser()
    if WHY_LEFT_OUT.search(text):       # "what about the pfizer apprenticeship? why isnt it there"
        return False
    # "is multiply still running" ("what happened to SWAP" may ask why it's gone)
    if STILL_ON.search(text) or WHAT_IT_MEANS.search(text) or HOW_IT_WORKS.search(text):
        return _names_a_route(text)
    what = WHAT_IS.match(text)
    if what:
        doc = n.doc(text[what.end():])
        return any(m.start == 0 for label in ("route_type", "programme") for m in n.matches(doc, label))
    return bool(ABOUT.search(text)) and _names_a_route(text)


# What a resident declines to talk about: "I don't want to tell you about my health" states no healthcare interest.
DECLINED_TOPIC = re.compile(r"\b(?:about|into)\s+(?:my|me|the|that|this)\s+[\w']+", re.I)


# "can I skip the paperwork question", "can i skip this one": asking leave to decline declines
SKIP_ONE = re.compile(r"^\W*(?:can|could|may)\s+(?:i|we)\s+(?:please\s+|just\s+)?skip\s+"
                      r"(?:this|that|(?:this|that|the)\s+[\w\s]{0,20}?question)\b(?!\s+and)", re.I)


def _declines(text: str) -> bool:
    """ "Rather not say" in a message that states no value and asks nothing ("none of ur business m8")."""
    n = normaliser()
    return (n.mentions_answer(text) == DECLINE and not is_question(text) or bool(SKIP_ONE.search(text))) \
        and not n.states_an_answer(DECLINED_TOPIC.sub(" ", text))


# Intents a message keeps only when it holds the words of one (knowledge/data/answers.yml): the classifier read
# "computers and data" as `forget_me`, "factory ok for me" as `human_handoff` and "engineering and manufacturing"
# as `decline`.
FORGET, ERASE = "forget_me", "erase"    # the intent, and the answers.yml words that ask for deletion whatever else
HANDOFF = "human_handoff"
# A person asked for in a word or two, alone or as the last clause ("agent", "real person pls", "you're not helping,
# human please"): the classifier had no words around it.
A_PERSON = re.compile(r"(?:^|[,.;!]\s*)\W*(?:an?\s+)?(?:agent|operator|human|adviser|advisor|"
                      r"real\s+(?:person|human))\W*(?:please|pls|plz)?\W*$", re.I)
# "is there someone i can ring", "is there an adviser I can speak to?", "let me speak to your manager", "this bot isn't
# helping, I need a person": a person they would ring or talk to (the classifier read one as nothing it knew, the
# manager as chitchat, the person as an answer, "put me through to someone" as an answer; over the older corpora every
# message this matches is labelled so).
A_PERSON_TO_TALK_TO = re.compile(r"\b(?:is\s+there\s+(?:someone|somebody|anyone|anybody|a\s+person|an?\s+advis[eo]r|"
                                 r"a\s+human|a\s+real\s+person)|"
                                 r"are\s+there\s+(?:any\s+)?(?:people|advis[eo]rs|humans|staff)"
                                 r"(?:\s+working\s+(?:here|there))?)"
                                 r"\s+(?:i|we)\s+(?:can|could)\s+"
                                 r"(?:ring|call|phone|speak\s+to|talk\s+to)\b|"
                                 r"\b(?:speak|talk)\s+to\s+(?:your|a|the)\s+(?:manager|supervisor|boss)\b|"
                                 r"\bi\s+(?:need|want)\s+(?:an?\s+|to\s+(?:talk|speak)\s+to\s+an?\s+)(?:real\s+)?"
                                 r"(?:person|human|advis[eo]r)\b|"
                                 r"\bput\s+me\s+through\s+to\s+(?:someone|somebody|"
                                 r"an?\s+(?:person|human|advis[eo]r|agent))\b|"
                                 r"\b(?:talk|speak|explain\s+(?:this|it|that|things|all\s+this|my\s+situation))\s+"
                                 r"to\s+a\s+(?:real\s+)?(?:human|person)\b|"
                                 r"\bare\s+there\s+any\s+real\s+(?:people|humans)\b|"
                                 r"\bany\s+(?:real\s+(?:people|humans)|humans?)\s+(?:here|there|working)\b", re.I)
WORDS_OF = {FORGET: ("forget", ERASE), HANDOFF: ("handoff",), CONTACT: ("contact",), DECLINE: ("decline",)}
# "delete my profile", "I'd like to make a GDPR deletion request" came back as start_again, which keeps the data,
# "dont save anything about me" and "delete everything you have on me" as show_profile, "don't store any of this" as
# stop, "right to be forgotten" as affirm: over the development corpora all 375 messages with these words are labelled
# forget_me, but for 3 that start again in so many words ("clear everything and start fresh"). A question why it is
# asked, or for a person or a call, keeps its reading.
ERASED_NOT_ASKED = ("forget_me", "distress", "why_needed", "human_handoff", "request_contact")
# "wipe the answers and let me redo it", "clear it all and redo": over the development corpora all 34 messages this
# matches start again ("can you redo it with healthcare and lab" changes an answer)
REDO = re.compile(r"\b(?:let\s+me|let'?s|can\s+(?:we|i)|want\s+to|and)\s+redo\b", re.I)
START_OVER = re.compile(r"\b(?:start|begin)\w*\s+(?:again|over|fresh|afresh)\b|"
                        r"\b(?:do\s+it\s+(?:all\s+)?|ask\s+me\s+)again\b|" + REDO.pattern, re.I)


# "can u change it to data and digital instead", "can you change my age to 19": an answer changed, however it is
# asked (the classifier read these as nlu_fallback, why_needed or request_contact, and the change was lost).
CHANGE_TO = re.compile(r"\b(?:change|update|switch|put|make)\s+(?:it|that|this|my\s+\w+|me)\s+"
                       r"(?:to|as|down\s+as|into)\b", re.I)
START_AGAIN = "start_again"
# Starting again throws the answers away, so it needs words that say so ("start over", "from the top", "clean slate"):
# the classifier read "blah blah", "can you understand slang" and "hi again" as start_again (over the older corpora and
# the training data, every message labelled start_again has one of these).
# "where do I even start", "how do i begin": over the older corpora every message saying so asks for routes or
# answers the open question (none asks to start again).
WHERE_TO_START = re.compile(r"\b(?:where|how)\s+(?:(?:do|should|can|would|to)\s+)?(?:i\s+)?(?:even\s+)?"
                            r"(?:start|begin)\b(?!\s+(?:again|over|afresh|fresh)\b)", re.I)
# "begin again", "i want to begin again for my daughter", "i messed up my answers, can we restart": starting over in so
# many words (the classifier read these as find_routes, show_profile or why_needed; over the development corpora all
# 351 messages this matches are labelled start_again).
BEGIN_AGAIN = re.compile(r"^\W*(?:from\s+the\s+top|do\s+over|new\s+search|restart|reset)\W*(?:please|pls)?\W*$|"
                         r"\bchange\s+all\s+(?:of\s+)?my\s+answers\b|\bgo\s+back\s+to\s+the\s+(?:start|beginning)\b|"
                         r"\bdo\s+it\s+(?:all\s+)?again\s+with\b|\bnew\s+conversation\b|"
                         r"\brestart\s+(?:the|this|my|our)\s+(?:conversation|chat|questions)\b|"
                         r"\bgo\s+back\s+and\s+change\s+(?:everything|it\s+all|all\s+of\s+it)\b|"
                         r"\b(?:try|go\s+through\s+it)\s+(?:all\s+)?again\s+"
                         r"(?:with\s+(?:different|other|new)|from\s+scratch)\b|"
                         r"\b(?:can|could)\s+(?:we|i|u|you)\s+(?:please\s+)?(?:restart|begin\s+again|"
                         r"start\s+(?:again|over|afresh|fresh))\b|"
                         r"\banswer\s+(?:all\s+)?(?:the|my)\s+questions\s+again\b|"
                         r"\b(?:let'?s|let\s+me)\s+(?:start|begin|do\s+it|go)\s+(?:again|over|fresh|afresh)\b|"
                         r"^\W*(?:(?:i\s+)?(?:want|wanna|would\s+like|'d\s+like)\s+to\s+|can\s+(?:we|i)\s+|let'?s\s+|"
                         r"let\s+me\s+)?(?:begin|start)\s+(?:again|over)\b|" + REDO.pattern, re.I)
RESTART = re.compile(r"\b(?:start\w*|begin\w*|restart\w*|reset\w*|redo|over|again|scratch|fresh|clear|new|wipe|"
                     r"scrub|slate|once\s+more|question\s+one|delete|back\s+to)\b|from\s+the\s+top", re.I)
# "what's Restart", "is restart still running": the Restart Scheme asked about, not the chat (the classifier read one
# as start_again, and the answers were cleared)
WHAT_IS_RESTART = re.compile(r"\b(?:what'?s|whats|what\s+is|about|is)\s+(?:the\s+)?restart\b"
                             r"(?!\s+(?:again|over|it|this|the|my|everything|all|from)\b)", re.I)
# "can you redo it for data and digital instead": the list again with one answer changed, not every answer cleared
INSTEAD = re.compile(r"\binstead\b|\bredo\s+(?:it|this|that|them|the\s+list)\s+(?:for|with)\b", re.I)


def _one_word_over(text: str) -> bool:
    """One word said over and over ("blah blah"), other than a no or a yes ("no no", "yes yes")."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    return len(words) > 1 and len(set(words)) == 1 and words[0] not in (
        "no", "nope", "nah", "not", "never", "pass", "yes", "yeah", "yep", "yea", "ya", "ok", "okay", "sure", "aye")


# "Customer is 53 - I'm the work coach, typing on her behalf": the coach says who is typing, and asks for no person
# (the classifier read it as human_handoff and the age was lost; over the older corpora every message this matches
# is an answer, a greeting or a request of the coach's own).
COACH_TYPING = re.compile(r"\b(?:i'?m|i\s+am|as)\s+(?:the|a|her|his|their|your)?\s*(?:work\s+)?coach\b|"
                          r"\bwork\s+coach\s+here\b|\bon\s+(?:her|his|their)\s+behalf\b|"
                          r"^\W*(?:work\s+)?coach\s*[:-]", re.I)      # "WORK COACH: cust 58yo ESA, ..."


# "no qualifications to speak of": no one to speak to (the classifier read it as human_handoff and the age was lost);
# nor is "speak soon", a goodbye, or "sales, I'm a people person", an answer.
SPEAK_OF = re.compile(r"\bto\s+speak\s+of\b|\bspeak\s+soon\b|\bpeople\s+person\b", re.I)
# "sorry i forget say, english is not my language first": no word of forgetting (it was read as "delete my data");
# "I forgot to say I'm on universal credit, does that change it?", "should have said, I have a conviction. do these
# still apply?" tell it (read as why_needed and ask_route, and the answer was lost): over the development corpora all
# 58 messages saying so that state an answer are labelled inform.
FORGOT_TO_SAY = re.compile(r"\b(?:i\s+(?:forgot|forget)\s+(?:to\s+)?(?:say|mention|tell|add|put)|"
                           r"(?:i\s+)?should(?:\s+have|'ve|ve)\s+(?:said|mentioned|told\s+you|put|added))\b", re.I)


def _founded(text: str, intent: str | None) -> bool:
    """False when `intent` needs words of its own (WORDS_OF) and the message has none of them, leaving out a work
    coach saying who is typing, "to speak of" and "I forgot to say"."""
    if intent == HANDOFF:
        text = SPEAK_OF.sub(" ", COACH_TYPING.sub(" ", text))
    if intent == FORGET:
        text = FORGOT_TO_SAY.sub(" ", text)
    if intent == DECLINE:               # not "12th pass from India": "pass" is part of the answer
        return normaliser().declines_apart(text)
    return intent not in WORDS_OF or any(normaliser().says(text, words) for words in WORDS_OF[intent])


def _held(text: str, intent: str | None) -> bool:
    """The guess is one KEEP holds, with words of its own: "I don't know, I need to see" read as `decline` is not."""
    return intent in KEEP and _founded(text, intent)


# A "no" while a question is open is the resident's reply to it ("no" to "do you have a UK ENIC statement?", "nope,
# all good" to the circumstances): the form reads it as the answer, and `deny` is for a "no" to nothing asked. A yes
# alone stays `affirm` ("ok carry on" is no answer to the question), except to "do you have a UK ENIC statement?",
# which it answers (the form then asks which level it gives).
NO, YES = "deny", "affirm"
# ...but a no to what the bot took them to mean is a no, not the answer: "no, that's not what I meant", "no thats not
# it", "no, i didnt say that" (over the development corpora all 29 such messages are labelled `deny`).
NOT_WHAT_I_SAID = re.compile(r"\b(?:not\s+what\s+i\s+(?:meant|said|mean|typed|put)|(?:didn'?t|didnt|did\s+not|never)\s+"
                             r"(?:say|said|put|type|mean)\s+(?:that|this)|that'?s\s+not\s+it|"
                             r"that'?s\s+(?:wrong|not\s+right))\b", re.I)
ENIC = "enic"                   # the qualification question, asking about a UK ENIC statement
GOODBYE, THANKS, OUT_OF_SCOPE = "goodbye", "thanks", "out_of_scope"
# With the list shown and no question open: "got anything else", "anything else for me", "is that it?" ask for the
# next five (the classifier read them as nothing it knew); "not really" is a no, "ya", "mhm", "of course", "absolutely"
# a yes (read as a greeting); "cya", "goodnight", "speak soon x" a goodbye (read as a greeting); "nice one, cheers",
# "tysm" thanks (read as a goodbye).
# Over the older corpora every message these match is labelled so.
AFTER_THE_LIST = {
    SHOW_MORE: re.compile(r"\b(?:got|have\s+you\s+got|you\s+got)\s+anything\s+else\b|"
                          r"^\W*(?:anything\s+else(?:\s+for\s+me|\s+(?:apart\s+from|besides)\s+(?:those|these|them))?|"
                          r"is\s+that\s+(?:it|all(?:\s+of\s+them)?)|"
                          r"(?:is\s+)?that\s+all\s+(?:you(?:'ve|\s+have)?\s+got|there\s+is)|"
                          r"(?:so\s+|and\s+|ok\s+)?what\s+else(?:\s+(?:u|you)(?:'ve)?\s+got)?)\W*$", re.I),
    NO: re.compile(r"^\W*(?:not\s+really|nope|nah|n|(?:i\s+)?don'?t\s+think\s+so|(?:nah\s+|no\s+)?i'?ll\s+pass|"
                   r"nah\s+you'?re\s+(?:alright|all\s+right|ok|okay|good|fine))\W*$", re.I),
    YES: re.compile(r"^\W*(?:ya|yah|yh|y|yup|mhm+|of\s+course|absolutely|(?:ok\s+|okay\s+)?let'?s\s+go)\W*$", re.I),
    GOODBYE: re.compile(r"^\W*(?:cya|see\s+ya|see\s+you|good\s*night|night(?:\s+night)?|nite|laters|ta\s*ra|bye+|"
                         r"speak\s+soon|peace\s+out|farewell|take\s+care)\W*(?:x+)?\W*$", re.I),
    THANKS: re.compile(r"^\W*(?:nice\s+one\W*(?:(?:cheers|thanks|thx|ta|mate)\W*)*|tysm|tyvm|ty|thx|thanx|thnx|"
                       r"cheers\s+(?:bruv|bro|mate|m8|pal|fam))\W*$",
                       re.I),
}

# A message that ends in a goodbye is one, at a question too: over the development corpora all 110 are ("actually
# nevermind, bye" came back as an answer). One that opens with thanks: see `_answer_intent`.
SIGNS_OFF = re.compile(r"\b(?:good\s*bye|bye+|cya|laters|ttyl|see\s+(?:ya|you|u)\s+(?:later|soon))\W*(?:x+)?\W*$|"
                       r"^\W*see\s+(?:ya|you|u)\W*$|"     # "cya" came back as a greeting
                       r"^\W*(?:good\s*bye|bye+)\W+(?:actually|then|now|for\s+now)\b",    # "bye actually, wrong site"
                       re.I)
THANKS_FIRST = re.compile(r"^\W*(?:(?:wow|oh|ah|ok|okay|aw+|great|brilliant|amazing|perfect|lovely|nice|cool)\W+)?"
                          r"(?:thanks|thank\s+you|thankyou|cheers|ta(?!\s*ra))\b", re.I)   # "wow thanks didnt know..."


def _none_apply(text: str, intent: str | None, asked: str | None) -> bool:
    """ "None thx", "i dont have any problems" to the circumstances or interests question: the form reads it as none
    of them, so it is an answer, not thanks or a request to see the profile. Not when the classifier heard distress:
    "none of this matters, i'm going to end it tonight" was recorded as an answer with no help given (over the older
    corpora, all 10 such messages it reads as distress are distress)."""
    return asked in ("barriers", "interests") and intent not in (*KEEP, "distress") and not is_question(text) \
        and normaliser().mentions_answer(text) == "none"


# "good question, i honestly dont know", "idk tbh", "what would you suggest? I honestly don't know" at the interests
# question: not knowing what work they want answers it (the classifier read these as stop, affirm, nothing it knew or,
# after one training, distress; over the older corpora every message at that question that says so and reads as "not
# sure" is labelled an answer, but one in distress, which the safety phrases catch: SafetyNet runs after this).
def _unsure_of_the_work(text: str, intent: str | None, asked: str | None) -> bool:
    n = normaliser()
    return asked == "interests" and not _held(text, intent) and n.unsure_of_the_work(text) \
        and n.extract(text, asked).get("interests") == ["not_sure"]


def _detail_declined(text: str, intent: str | None, asked: str | None) -> bool:
    """ "I'd prefer not to go into detail but I do have a health condition": the detail is declined, the answer to the
    open question given (read as declining, the condition was lost)."""
    but = re.search(r"\bbut\b", text, re.I)
    n = normaliser()
    return intent == DECLINE and asked is not None and but is not None \
        and n.mentions_answer(text[:but.start()]) == DECLINE and asked in n.extract(text[but.end():], asked)


ABOUT_THE_STATEMENT = {INFORM, FALLBACK, YES, NO, WHY_NEEDED, ASK_ROUTE}   # guesses a question about it may come as


def _asks_about_the_statement(text: str) -> bool:
    """A question at the UK ENIC question that names no level ("what is ENIC?", "can I do the courses without it?"):
    read as an answer, it recorded the level as unknown and moved on without explaining."""
    n = normaliser()
    return is_question(text) and not n.said(n.doc(text), "qualification")


def _about_a_statement(text: str, intent: str | None) -> bool:
    """A reply to "do you have a UK ENIC statement?" that the form reads as one ("no i cant afford it", "i dont
    know if i have", "RQF 5"), unless it asks why or is one of the requests KEEP holds."""
    if _held(text, intent) or "why" in text.lower():  # a question about the statement is `why_needed` already
        return False
    try:
        normaliser().qualification(text, abroad=True)
    except InputError:
        return False
    return True


NO_WORDS = {"no", "nope", "nah", "never"}
# What the classifier may make of a no with more to say at the UK ENIC question, except a stop, distress or another
# request ("whats that? no i dont think so" came back as why_needed, deny or affirm; over the older corpora every
# message the rule matches is labelled inform, or deny by the one writer whose schema predates it).
NOT_A_REPLY = {*KEEP, "distress", STOP}
ASKS_WHY = re.compile(r"\b(?:why|how|where|can\s+i|do\s+i|should\s+i)\b", re.I)
UNSURE_OR_NO = re.compile(r"\b(?:no|nope|nah|maybe|kinda|not\s+sure|no\s+idea|(?:don'?t|didn'?t)\s+(?:think|know)|"
                          r"can'?t\s+afford)\b", re.I)


def _no_statement(text: str) -> bool:
    """A no to "do you have a UK ENIC statement?" that tells more ("no and I dont know where to even start with
    that", "hmm I don't think so? never got any letter like that"), which `is_question` takes for a question, or
    that asks what it is or how to get one ("no, how do I get one?": the form records the no and tells how; over
    the older corpora every such message is labelled an answer); not one that asks why. A "not sure" beside "what's
    that?" answers too ("maybe? I dont really know what that is")."""
    n = normaliser()
    words = [t.lower_ for t in n.doc(text) if t.is_alpha]
    said = words[:1] and words[0] in NO_WORDS or n.says(text, "no_statement")
    return bool(said and "why" not in words
                or (said or UNSURE_OR_NO.search(text)) and not ASKS_WHY.search(text))


def _an_answer_asked_back(text: str, asked: str | None) -> bool:
    """At an open question, a few words holding an answer, unsure of itself: "erm 29?", "dental nurse maybe?",
    "hackney?" (a question only by its question mark: not "is 25 too old?")."""
    n = normaliser()
    if asked is None or "?" not in text or len([t for t in n.doc(text) if t.is_alpha or t.like_num]) > 4 or \
            is_question(text.replace("?", " ")) or _names_a_route(text):      # "apprenticeships?" asks about them
        return False
    return n.gives_an_age(text) if asked == "age" else n.states_an_answer(text, typos=False)


def _opens_with_a_postcode(text: str, asked: str | None) -> bool:
    """At the borough question, a message opening with a postcode ("HA9, near the stadium"): where they live (the
    classifier read that one as ask_route)."""
    words = text.split()
    return asked == "borough" and bool(words) and postcodes.is_postcode(words[0].strip(",.;:!-")) \
        and not is_question(text)


# With no question open, a question about something else that only happens to name a place, an age or a benefit
# ("do you know any good barbers in croydon", "how much is an oyster card for a 16 year old", "how do I apply for
# universal credit?") is out of scope: read as an answer, it changed the resident's profile. Not one that says
# something of themselves ("what if I'm 25?"), about work or the list ("which of them let you keep your benefits").
OPENS_A_QUESTION = re.compile(r"^\W*(?:how|what|where|when|who|which|whats|what's|do\s+you|does|can\s+you|"
                              r"could\s+you|is\s+there|are\s+there|any)\b", re.I)
OF_THEMSELVES = re.compile(r"\b(?:i'?m|i\s+am|my|i\s+live|i'?ve|i\s+have|i\s+was|i\s+got|i\s+get|me|mine|change|"
                           r"update|actually|sorry|meant|now)\b", re.I)
OF_WORK = re.compile(r"\b(?:jobs?|work|courses?|training|apprentic\w*|careers?|gcses?|qualifi\w*|options?|ones?|"
                     r"first|second|third|last|them|these|those|science|lab|nhs|nursing)\b", re.I)


def _about_something_else(text: str, asked: str | None) -> bool:
    n = normaliser()
    if asked is not None or not is_question(text) or not OPENS_A_QUESTION.search(text) \
            or OF_THEMSELVES.search(text) or OF_WORK.search(text) or _names_a_route(text):
        return False
    said = n.extract(text)
    return not said.get("interests") and not said.get("qualification_level")


def _asks_for_routes(text: str, asked: str | None) -> bool:
    """Routes asked for in general (RECOMMEND, OUT_THERE), naming none, not why one is missing, stating no answer."""
    general = RECOMMEND.search(text) or (asked != "interests" and OUT_THERE.search(text) and not ABOUT_ME.search(text))
    return bool(general) and not _names_a_route(text) and not WHY_LEFT_OUT.search(text) \
        and not normaliser().states_an_answer(text, typos=False) \
        and not _founded(text, CONTACT)          # "email these recommendations to me" asks for them by email


def answer_intent(text: str, intent: str | None, entities: list[dict], asked: str | None = None,
                  listed: bool = True) -> str | None:
    """`_answer_intent`; and when the guess stands, more about a route before any list has been shown (`listed`)
    asks about the route ("does AstraZeneca take apprentices" came back as ask_more); with the list shown, MORE_ON
    (or one on it named with TELL_MORE) asks more about one on it."""
    said = _answer_intent(text, intent, entities, asked)
    if said is None and intent == ASK_MORE and not listed and not text.startswith("/"):
        return ASK_ROUTE
    # "ring me after 3 when the kids are home from school", "can someone write to me, I don't have internet at home"
    # (read as an answer that changed the profile, and as nothing it knew): with the list shown, over the development
    # corpora 44 of the 45 messages with words of contact ask for it (the other asks for a person to call them)
    if listed and asked is None and (said or intent) in (INFORM, FALLBACK) and _founded(text, CONTACT):
        return CONTACT
    # "more details on the nursing associate thing pls"; "the nhs one sounds good, tell me more" (read as an answer)
    # "can you tell me about the second one" (read as a contact request, with no word of one)
    if listed and asked is None and (said or intent) in (INFORM, FALLBACK, FIND_ROUTES, CONTACT) \
            and not _founded(text, CONTACT) and (MORE_ON.search(text) or SHOWN.search(text) and TELL_MORE.search(text)):
        return ASK_MORE
    if listed and asked is None and (said or intent) == ASK_ROUTE and SHOWN.search(text):
        return ASK_MORE                 # "tell me about that SWAP you mentioned"
    # "How do I apply for the bootcamp you showed?" (read as why_not): over the development corpora all 48 messages
    # after the list saying which one was shown, and not why one was left out, ask more about it
    if listed and asked is None and (said or intent) == WHY_NOT and YOU_SHOWED_ONE.search(text) \
            and not WHY_LEFT_OUT.search(text):
        return ASK_MORE
    return said


def _answer_intent(text: str, intent: str | None, entities: list[dict], asked: str | None = None) -> str | None:
    """`ask_route` when it asks about a named route ("how about ESOL classes"); `why_needed` when it asks why a
    question is asked ("why do u need to know if i have a record"); `inform` when the message is an
    answer whatever the classifier guessed (`intent`), or a no while the question `asked` is open; `decline`
    when all of it is "rather not say" in some words; `nlu_fallback` when the classifier guessed "delete my data"
    for a message that does not ask for it; else None (the guess stands)."""
    if text.startswith("/"):
        return None
    if A_PERSON.search(text) or A_PERSON_TO_TALK_TO.search(text) and intent != "distress":
        return None if intent == HANDOFF else HANDOFF
    if intent not in ERASED_NOT_ASKED and not START_OVER.search(text) and normaliser().says(text, ERASE):
        return FORGET
    if intent not in (*KEEP, "distress", GOODBYE) and SIGNS_OFF.search(text) \
            and not normaliser().states_an_answer(text):
        return GOODBYE                          # "wrong chat sorry, bye", "Thats us done for today, goodbye"
    if asked is None and not (intent in KEEP and _founded(text, intent)):
        # the whole message is one of these short replies, even when the classifier heard distress ("peace out ✌️"
        # did, twice); the safety phrases still have the last word (SafetyNet runs after this)
        said = next((i for i, words in AFTER_THE_LIST.items() if words.search(text)), None)
        if said:
            return None if intent == said else said
    # "Thanks! I didn't know about any of these", "Thanks, I'll look into those" (read as show_more), "thanks for being
    # patient with me" (read as an answer): over the development corpora 239 of the 241 messages that open with thanks
    # are thanks, and the other two a goodbye and distress
    if intent not in (*KEEP, "distress", GOODBYE, THANKS) and THANKS_FIRST.search(text) and not is_question(text) \
            and not normaliser().extract(text, asked):
        return THANKS
    if intent == WHY_NOT and asked and not WHY_LEFT_OUT.search(text) and not WHY_ASKED.search(text) and (
            normaliser().states_an_answer(text) or normaliser().mentions_answer(text) == "none"):
        return INFORM                   # "Nineteen, why?": an answer, and no list yet for a route to be missing from
    if intent not in (*KEEP, "distress") and FORGOT_TO_SAY.search(text) \
            and normaliser().states_an_answer(text, typos=False):
        return None if intent == INFORM else INFORM
    if _asks_about_a_route(text):
        return None if intent == ASK_ROUTE else ASK_ROUTE
    if WHY_ASKED.search(text) or asked and JUST_WHY.search(text):
        return None if intent == WHY_NEEDED else WHY_NEEDED
    if intent not in (*KEEP, "distress") and MY_ANSWERS.search(text):
        return None if intent == SHOW_PROFILE else SHOW_PROFILE
    if intent not in KEEP and MORE.search(text) and not _names_a_route(text):
        return None if intent == SHOW_MORE else SHOW_MORE
    if intent != "distress" and not _held(text, intent) and _asks_for_routes(text, asked) \
            or intent == DECLINE and RECOMMEND.search(text) and not normaliser().states_an_answer(text):
        # "skip the questions and show me stuff" skips to the routes, and a find_routes guess of it stands (its "skip"
        # is no "rather not say")
        return None if intent == FIND_ROUTES else FIND_ROUTES
    if intent != "distress" and normaliser().says(text, PAUSE):
        # "hang on i need to find my certificates, can we pause"; the form still keeps what it states, and a pause
        # that states one ("hold on I need to pick up my kids, continue later") stays a pause
        return None if intent == STOP else STOP
    if WHY_LEFT_OUT.search(text) and (_names_a_route(text) or asked is None and (_names_work_or_place(text)
                                                                               or LEFT_OUT.search(text))):
        # "why not the AstraZeneca apprenticeship", "why is there nothing for labs"; a why_not guess stands ("y no
        # degree apprenticeship" is no answer, though every word of it is vocabulary)
        return None if intent == WHY_NOT else WHY_NOT
    # "i want to change all my answers" came back as forget_me: starting again deletes nothing unless asked in words
    # that mean deleting (ERASE), and not even then when it asks to redo them ("wipe the answers and let me redo it")
    if (intent not in (*KEEP, "distress") or intent == FORGET and (not normaliser().says(text, ERASE)
                                                                    or REDO.search(text))) \
            and BEGIN_AGAIN.search(text) \
            and not normaliser().states_an_answer(text, typos=False):      # "start again, I'm 25" still answers
        return None if intent == START_AGAIN else START_AGAIN   # the guess stands ("can we begin again" at the UK
                                                                # ENIC question is no question about the statement)
    # an email address or a phone number with no question open asks to be contacted: over the development corpora all 9
    if intent != "distress" and (_founded(text, CONTACT) or asked is None and pii.gives_a_contact(text)) \
            and not (asked == ENIC and normaliser().says(text, "no_statement")):  # "waiting for ENIC to get back to me"
        if intent == CONTACT:                   # "get someone to contact me i cant do this online"
            return None
        if intent == HANDOFF or not normaliser().states_an_answer(text):    # "please contact me by phone, I find
            return CONTACT          # typing hard" came back as human_handoff, "ring me tomorrow after 3 please" as an
                                    # answer; "I'm 19, text me on ..." answers all the same
    elif intent == CONTACT and _founded(text, HANDOFF) and not normaliser().just_an_answer(text):
        return HANDOFF      # "is there someone i can ring": they would ring a person (not "Caring for someone")
    if asked == ENIC and (intent not in NOT_A_REPLY or intent in KEEP and not _held(text, intent)) \
            and _no_statement(text) and _about_a_statement(text, intent):
        return None if intent == INFORM else INFORM
    if intent not in (*KEEP, "distress") and (_an_answer_asked_back(text, asked)
                                              or _opens_with_a_postcode(text, asked)):
        return None if intent == INFORM else INFORM
    # "what is ENIC?"; a question the classifier placed elsewhere keeps its reading ("are you chatgpt", "what have you
    # got as my qualification?"): over the development corpora none of the 17 it took is labelled why_needed
    if asked == ENIC and intent in ABOUT_THE_STATEMENT and _asks_about_the_statement(text):
        return None if intent in (WHY_NEEDED, ASK_ROUTE) else WHY_NEEDED
    if intent != DECLINE and normaliser().answer(text) == DECLINE:   # "not telling you" came back as `deny`
        return DECLINE
    if intent not in (DECLINE, *KEEP) and _declines(text):      # "bit embarrassing tbh rather not say"
        return DECLINE
    if asked is None and (intent in TAKEN_FOR_OTHERS or intent == INFORM and is_question(text)
                          and not normaliser().states_an_answer(text, typos=False)) \
            and ONE_OF_THEM.search(text) and not _names_a_route(text):
        return ASK_MORE                 # "is number 4 free", "is the first one actually in london?"
    if asked and intent in (NO, INFORM, FALLBACK) and NOT_WHAT_I_SAID.search(text) \
            and not normaliser().extract(text, asked):               # "no not richmond, I didn't say that"
        return None if intent == NO else NO
    if intent == INFORM:
        return OUT_OF_SCOPE if _about_something_else(text, asked) else None
    # "Hi there, my daughter is 16 and interested in healthcare, what can she do?" came back as out_of_scope: a message
    # stating two answers is about them (over the development corpora none of the 2,271 that do is labelled
    # out_of_scope)
    if intent == OUT_OF_SCOPE and len(set(ANSWERS) & normaliser().extract(text, asked).keys()) > 1:
        return INFORM
    if asked and intent == NO:                                      # "no, rather not say" still declines
        return DECLINE if normaliser().mentions_answer(text) == DECLINE else INFORM
    if asked == ENIC and (intent == YES or _about_a_statement(text, intent)):     # "yeah i have one", "RQF 5"
        return INFORM
    if only_vocabulary(text, entities) or normaliser().just_an_answer(text) or _none_apply(text, intent, asked) \
            or _unsure_of_the_work(text, intent, asked):
        return INFORM
    if intent not in (*KEEP, "distress") and CHANGE_TO.search(text) \
            and normaliser().states_an_answer(text[CHANGE_TO.search(text).end():], typos=False):
        return None if intent == INFORM else INFORM       # "can u change it to data and digital instead"
    if intent == START_AGAIN and WHERE_TO_START.search(text) and asked is None:
        # "where do I start" is no "start again", and "first one, how I start?" asks about one on the list
        return ASK_MORE if ONE_OF_THEM.search(text) else FIND_ROUTES
    if intent == START_AGAIN and WHAT_IS_RESTART.search(text):
        return ASK_ROUTE
    if intent == START_AGAIN and INSTEAD.search(text) and normaliser().states_an_answer(text, typos=False):
        return INFORM
    if intent == FORGET and not _founded(text, intent) or intent == START_AGAIN and (
            not RESTART.search(text) or WHERE_TO_START.search(text)):
        if _declines(text):
            return DECLINE                  # "I don't want to tell you my age" came back as forget_me
        return INFORM if normaliser().states_an_answer(text) else FALLBACK      # "can you change my interest to
                                                                                # engineering", "blah blah"
    # "blah blah" came back as decline after one training and as affirm after another: one word said over and over
    # says nothing
    if intent in (DECLINE, YES) and _one_word_over(text) and not (intent == DECLINE and _founded(text, DECLINE)):
        return FALLBACK
    counts = COUNTS.search(text)
    if intent not in KEEP and counts and (normaliser().states_an_answer(text, typos=False)
                                          or asked == "age" and normaliser().gives_an_age(text)
                                          or asked and _none_of_them(text[:counts.start()].strip(" ,.;:-!?"))):
        return INFORM
    if _detail_declined(text, intent, asked):
        return INFORM
    # "U need my age? ok 30": an age at the age question is its answer, unless the classifier heard a question about
    # it ("is 25 too much?"), which the form takes the age from all the same; it read this one as find_routes, and
    # "47 is it worth it at my age" as distress (no development message in distress at this question gives an age,
    # and SafetyNet, after this, still makes one with a safety phrase distress).
    if asked == "age" and intent not in (*KEEP, ASK_ROUTE, WHY_NEEDED, ASK_MORE, WHY_NOT) \
            and normaliser().gives_an_age(text) \
            and not _names_a_route(text):                       # "are T levels only for 16-19 year olds"
        return None if intent == INFORM else INFORM
    if is_question(text) or (intent in KEEP and _founded(text, intent)):
        return None
    # A typo's close match never outweighs the classifier's distress: "self harming" is not Havering.
    if _none_of_them(text) or normaliser().states_an_answer(text, typos=intent != "distress") \
            or (asked == "age" and normaliser().gives_an_age(text)):      # "old enough lol, 36" came back as chitchat
        return INFORM
    return None
