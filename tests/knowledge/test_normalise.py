"""Each normaliser with phrasings residents really type."""
from __future__ import annotations

import pytest

from knowledge.catalogue import load_programmes
from knowledge.errors import AmbiguousInput, FromAbroad, InputError
from knowledge.normalise import Place, is_question, normaliser


@pytest.fixture(scope="module")
def n():
    return normaliser()


@pytest.mark.parametrize("text, age", [
    ("19", 19), ("I'm 19", 19), ("im 19", 19), ("nineteen", 19), ("twenty two", 22), ("twenty-two", 22),
    ("i am 45 years old", 45), ("19yo", 19), ("I'm 24 and have 5 gcses", 24), ("aged 16", 16), (" 0 ", 0),
    ("120", 120), (17, 17), (30.0, 30),
])
def test_age(n, text, age):
    assert n.age(text) == age


@pytest.mark.parametrize("text", ["I'm 300", "121", "-1", "abc", "", "not telling you", "5 or 6 or 7"])
def test_age_errors_name_the_field(n, text):
    with pytest.raises(InputError) as e:
        n.age(text)
    assert e.value.field == "age" and e.value.message


def test_age_out_of_range_says_what_was_wrong(n):
    with pytest.raises(InputError, match="300 doesn't look like an age"):
        n.age("I'm 300")


@pytest.mark.parametrize("text, borough", [
    ("Hackney", "Hackney"), ("hackny", "Hackney"), ("HACKNEY", "Hackney"), ("Tower hamlets", "Tower Hamlets"),
    ("tower   hamlets", "Tower Hamlets"), ("tower hamlts", "Tower Hamlets"), ("I live in dalston", "Hackney"),
    ("Kingston", "Kingston upon Thames"), ("Barking & Dagenham", "Barking and Dagenham"),
    ("i moved to camden", "Camden"), ("the city", "City of London"), ("stratford", "Newham"),
])
def test_borough(n, text, borough):
    assert n.borough(text) == Place(borough, False)


@pytest.mark.parametrize("text", ["Manchester", "i live in kent", "outside london", "Birmingham"])
def test_outside_london_is_recognised_not_forced_onto_a_borough(n, text):
    assert n.borough(text) == Place(None, True)


def test_borough_errors(n):
    with pytest.raises(AmbiguousInput, match="Which part of London"):
        n.borough("london")
    with pytest.raises(InputError) as e:
        n.borough("blah blah")
    assert e.value.field == "borough"
    with pytest.raises(AmbiguousInput):
        n.borough("hackney or camden")


@pytest.mark.parametrize("text, level", [
    ("5 GCSEs", "2"), ("gcses", "2"), ("A levels", "3"), ("a-levels", "3"), ("BTEC level 3", "3"), ("HND", "5"),
    ("degree", "6"), ("a degree in biology", "6"), ("masters", "7"), ("PhD", "8"), ("still at school", "none"),
    ("none", "none"), ("no qualifications", "none"), ("gcses and a levels", "3"), ("level 3", "3"), ("2", "2"),
    ("entry", "entry"), ("got my gcses", "2"), ("2:1 in psychology", "6"), ("a 2:2 from Kent", "6"), ("nvq2", "2"),
    ("only ESOL E1", "entry"), ("never got any qualifications", "none"),
])
def test_qualification(n, text, level):
    assert n.qualification(text) == level


def test_ambiguous_qualification_asks_instead_of_guessing(n):
    with pytest.raises(AmbiguousInput) as e:
        n.qualification("btec")
    assert e.value.field == "qualification" and e.value.message.endswith("?")
    assert not isinstance(e.value, FromAbroad)


@pytest.mark.parametrize("text", ["a degree from abroad", "qualifications from my country", "I have a degree from Nigeria",
                                  "matura (Poland)", "finished secondary school in Eritrea",
                                  "bsc from dhaka university", "Engineering degree from Kabul", "Indian BSc plus an MSc"])
def test_a_qualification_from_abroad_asks_for_a_uk_enic_statement_never_a_guess(n, text):
    with pytest.raises(FromAbroad) as e:
        n.qualification(text)
    assert "UK ENIC statement of comparability" in e.value.message


@pytest.mark.parametrize("text", ["bsc from dhaka university", "Indian BSc plus an MSc", "a degree from Nigeria"])
def test_a_qualification_beside_a_place_or_people_abroad_is_from_abroad_in_any_message(n, text):
    assert n.extract(text).get("qualification_abroad") is True


@pytest.mark.parametrize("text, level", [("degree from kingston university", "6"),     # Kingston, Jamaica's capital,
                                         ("i have a degree and live near victoria", "6"),   # and the Seychelles'
                                         ("masters from plymouth uni", "7")])
def test_a_capital_abroad_that_is_also_a_uk_place_is_the_uk_place(n, text, level):
    assert n.qualification(text) == level


@pytest.mark.parametrize("text, level", [("no", "unknown"), ("I don't have one", "unknown"),
                                         ("never heard of it", "unknown"), ("it says bachelor's degree standard", "6"),
                                         ("they told me A level standard", "3")])
def test_the_answer_about_a_uk_enic_statement(n, text, level):
    assert n.qualification(text, abroad=True) == level


def test_a_yes_without_the_level_asks_which_level(n):
    with pytest.raises(AmbiguousInput) as e:
        n.qualification("yes i have", abroad=True)
    assert "Which UK level" in e.value.message


@pytest.mark.parametrize("text, age", [("year 11", 16), ("im in yr 10", 15), ("Y11", 16), ("year eleven", 16),
                                       ("I'll be 25 next month", 24), ("19, 20 in March", 19), ("FORTY", 40),
                                       ("fortyfour", 44), ("im twentyone", 21),
                                       ("Im twnety two", 22), ("sorry i meant 32 not 23", 32), ("thrity one", 31),
                                       ("57 been working since i was 16 never needed one of these things before", 57),
                                       ("im 34 my daughter is 15", 34)])       # an age then; a child's
def test_ages_as_residents_give_them(n, text, age):
    assert n.age(text) == age


@pytest.mark.parametrize("text", ["left school at 15 with nothing", "left before my gcses", "dropped out in yr 10",
                                  "never sat any exams", "dropped out before my gcses", "nuffin, got expelled",
                                  "i never go school"])
def test_leaving_school_early_is_no_qualifications(n, text):
    assert n.qualification(text) == "none"


@pytest.mark.parametrize("text", ["sorry, I live in Lewisham not Lambeth",
                                  "sorry i meant lewisham not greenwich",     # "not greenwich" ~ North Greenwich
                                  "not greenwich, lewisham"])
def test_a_place_taken_back_is_not_the_answer(n, text):
    assert n.borough(text).borough == "Lewisham"


def test_unknown_qualification(n):
    with pytest.raises(InputError):
        n.qualification("purple")


@pytest.mark.parametrize("text, ids", [
    ("I'm on universal credit", ["claiming_benefits"]),
    ("i look after my mum and i'm disabled", ["caring_responsibilities", "disability_or_health"]),
    ("single parent on UC", ["caring_responsibilities", "claiming_benefits"]),
    ("I have an EHCP", ["send_ehcp"]), ("english isn't my first language", ["english_language"]),
    ("none", []), ("none of these", []), ("rather not say", []), ("I'd rather not say", []),
    ("claiming_benefits,care_leaver", ["claiming_benefits", "care_leaver"]),
])
def test_barriers(n, text, ids):
    assert n.barriers(text) == ids


@pytest.mark.parametrize("text, ids", [
    ("lab work", ["laboratory"]), ("not sure", ["not_sure"]), ("lab, healthcare", ["laboratory", "healthcare"]),
    ("I like computers and helping patients", ["data_and_digital", "healthcare"]), ("laboratory", ["laboratory"]),
])
def test_interests(n, text, ids):
    assert n.interests(text) == ids


def test_unmatched_barriers_and_interests_are_errors_not_silent(n):
    with pytest.raises(InputError) as e:
        n.barriers("asdfgh")
    assert e.value.field == "circumstances"
    with pytest.raises(InputError):
        n.interests("qwerty")


def test_answers(n):
    assert n.answer("I'd rather not say") == "decline"
    assert n.answer("none of these") == "none"
    assert n.answer("none of these apply to me but") is None


def test_route_types_and_programmes(n):
    assert n.route_type("what is a T Level?") == "t_level"
    assert n.route_type("what's a SWAP?") == "swap"
    assert n.route_type("why not a bootcamp?") == "skills_bootcamp"


def test_every_programme_is_found_by_its_title_and_each_of_its_names(n):
    for p in load_programmes():
        for name in (p.title, *p.aliases):
            assert n.programme(f"tell me more about {name}") == p.id, name


def test_extract_fills_several_answers_from_one_message(n):
    assert n.extract("I'm 24, from Tower Hamlets, I've got A levels and want lab work") == {
        "age": 24, "borough": "Tower Hamlets", "outside_london": False, "qualification_level": "3",
        "interests": ["laboratory"]}
    assert n.extract("I'm 19, live in Hackney, got my GCSEs") == {
        "age": 19, "borough": "Hackney", "outside_london": False, "qualification_level": "2"}


def test_extract_corrections(n):
    assert n.extract("sorry, I'm actually 27") == {"age": 27}
    assert n.extract("sorry im actually 17") == {"age": 17}
    assert n.extract("I moved to Camden") == {"borough": "Camden", "outside_london": False}


def test_extract_takes_no_guesses(n):
    assert n.extract("I have 5 gcses") == {"qualification_level": "2"}      # 5 is not an age
    assert n.extract("hello there") == {}


def test_definite_level_beats_an_ambiguous_word_except_overseas(n):
    assert n.qualification("a levels at college") == "3"
    with pytest.raises(AmbiguousInput, match="ENIC"):
        n.qualification("a degree from abroad")


@pytest.mark.parametrize("text", ["parking", "i was dealing", "selling"])
def test_typo_matching_does_not_invent_boroughs(n, text):
    with pytest.raises(InputError):
        n.borough(text)


def test_denied_circumstances_are_not_recorded(n):
    assert n.barriers("no criminal record but I'm on universal credit") == ["claiming_benefits"]
    assert n.barriers("I'm not disabled") == []


@pytest.mark.parametrize("text, ok", [
    ("I want to end it all", True), ("i feel suicidal", True), ("nobody would miss me", True),
    ("im thinking of hurting myself", True), ("I want to stop", False), ("end the questions", False),
    ("i'm in a really dark place right now", True), ("i'm really struggling and don't know what to do", True),
    ("not sure what to do next", False), ("the man where I stay is abusing me and took my passport", True),
    ("my customer says she's planning to take her own life", True),
    # corpus_fresh37
    ("what's the point, no one will ever hire me", True), ("whats the point, nothing works for me", True),
    ("what's the point of this question", False), ("whats the point of asking my area", False),
    ("the bailiffs are at the door right now", True), ("they're going to send me back and I'm terrified", True),
    ("I'm sleeping in my car, I can't do this much longer", True), ("I'm 50 and no one will hire me", False),
    # corpus_fresh38
    ("I'm crying reading this, I'm so tired of failing", True), ("I'm sleeping rough and it's freezing", True),
    ("no one cares, I've been rejected 200 times and I can't take it", True),
    ("cancer research, my dad died of it", False),
])
def test_distress(n, text, ok):
    assert n.distress(text) is ok


def test_extract_is_not_fooled_by_longer_phrases_of_another_kind(n):
    assert n.extract("i have gcse maths and english") == {"qualification_level": "2"}
    assert n.extract("i want to end it all") == {}


@pytest.mark.parametrize("text", ["none apply to me", "none of them tbh", "nah none", "no i dont have any of those"])
def test_none_said_in_a_sentence(n, text):
    assert n.barriers(text) == []


def test_one_meaning_per_phrase_and_mixed_answers(n):
    assert n.extract("i have mental health issues") == {"barriers": ["disability_or_health"]}
    assert n.interests("anything with computers") == ["data_and_digital"]
    assert n.qualification("im 18 in year 13 doing a levels") == "2"
    with pytest.raises(InputError, match="150"):
        n.age("a hundred and fifty")


@pytest.mark.parametrize("text", ["I applied for it but I'm still waiting", "lost it years ago", "not sure tbh",
                                  "never heard of it", "its in process"])
def test_no_enic_statement_yet_is_an_unknown_level_never_a_guess(text):
    assert normaliser().qualification(text, abroad=True) == "unknown"


@pytest.mark.parametrize("text, level", [("its lvl 7", "7"), ("walked out of school at 14", "none"),
                                         ("no have any paper", "none")])
def test_levels_typed_short_and_leaving_school_with_nothing(text, level):
    assert normaliser().qualification(text) == level


def test_no_statement_words_are_not_an_answer_to_other_questions():
    assert normaliser().interests("not sure") == ["not_sure"] and normaliser().answer("not sure") is None


@pytest.mark.parametrize("text, level", [
    ("gcses but all grade 3 and below", "1"), ("GCSE english grade 2 and maths grade 1", "1"),
    ("gcses grade 4 and a level 1 nvq", "2"),                    # a grade 4 GCSE is level 2 whatever else
    ("an NVQ 2 in groundworks", "2"),                            # not "an NVQ" of some level
    ("left at 15, no O levels or anything", "none"), ("no gcses", "none"),
    ("no gcses but I've got a levels", "3"),
])
def test_grades_and_denials_tell_the_level(n, text, level):
    assert n.qualification(text) == level
    assert n.extract(text)["qualification_level"] == level


@pytest.mark.parametrize("text, level", [
    ("A*-C in maths and english", "2"), ("i got a 2 in english and a 3 in maths", "1"),
    ("gcses but mostly Ds and Es", "1"), ("gcses and a level 1 award", "2"),     # "level 1" is a level, not a grade
    ("did a level 2 in carpentry at college", "2"),                               # "a level 2", not an A level
    ("my statement says doctoral degree", "8"),
    ("started a levels but dropped out, gcses are my highest", "2"),              # A levels begun aren't held
])
def test_grades_levels_and_courses_begun(n, text, level):
    assert n.qualification(text) == level


@pytest.mark.parametrize("text", ["year 11, exams next summer", "left school before my exams", "left in yr 9",
                                  "got kicked out in year 10", "never finished secondary school"])
def test_pupils_and_early_leavers_have_no_qualifications_yet(n, text):
    assert n.qualification(text) == "none"


@pytest.mark.parametrize("text, age", [("i'm 52, sorry, i mean 25", 25), ("33 no wait 34", 34),
                                       ("im 13 wait no 31, typo", 31)])
def test_a_corrected_age_is_the_last(n, text, age):
    assert n.age(text) == age
    assert n.extract(text).get("age", age) == age


def test_where_they_live_among_other_places(n):
    text = "i go to college in Lambeth but i live in Croydon"
    assert n.borough(text).borough == "Croydon" and n.extract(text)["borough"] == "Croydon"
    with pytest.raises(AmbiguousInput):
        n.borough("Lambeth or Croydon")


@pytest.mark.parametrize("text, ids", [
    ("not very good with computers", ["digital_skills"]), ("my english is still weak", ["english_language"]),
    ("did 3 years inside", ["criminal_record"]), ("im a carrer for my mum", ["caring_responsibilities"]),
])
def test_circumstances_in_more_words(n, text, ids):
    assert n.barriers(text) == ids


def test_typo_search_keeps_to_one_phrase_and_each_word_s_first_letter(n):
    assert n.qualification("22, got a levels, live in croydon") == "3"      # not "levels live", "level five"
    assert n.qualification("I've got 6 O-levels") == "2"                     # a hyphen is no stop


def test_not_a_clue_is_not_sure(n):
    assert n.interests("haven't got a clue") == ["not_sure"]


@pytest.mark.parametrize("text, age", [("34 and i left school at 16 with nothing", 34),
                                       ("36. I have two kids and I've been out of work since 2019", 36)])
def test_a_number_opening_the_answer_is_the_age(n, text, age):
    assert n.age(text) == age
    assert n.extract(text)["age"] == age


def test_a_number_opening_a_list_of_answers_is_an_age_but_a_duration_is_not(n):
    assert n.extract("17 from brent want to be a lab tech")["age"] == 17
    assert "age" not in n.extract("out of work 2 years, live in tooting")
    assert n.extract("19 years")["age"] == 19 and n.extract("i'm 34, unemployed 2 years")["age"] == 34
    assert "age" not in n.extract("5 gcses and a levels")


@pytest.mark.parametrize("text, ids", [
    ("I've been in and out of hostels", ["homelessness"]), ("still waiting for the home office", ["asylum_seeker"]),
    ("I live with foster parents", ["care_leaver"]), ("on ESA because of MS", ["claiming_benefits",
                                                                             "disability_or_health"]),
    ("I haven't worked in about 6 years", ["long_term_unemployed"]), ("i'm on jobseekers", ["claiming_benefits"]),
    ("i got a record", ["criminal_record"]), ("i look after my granma", ["caring_responsibilities"]),
    ("i am sick, bad heart", ["disability_or_health"]),
])
def test_circumstances_in_residents_words(n, text, ids):
    assert n.barriers(text) == ids


def test_what_is_taken_back_or_still_being_studied_is_not_recorded(n):
    assert n.extract("change my interest to engineering not manufacturing")["interests"] == ["engineering"]
    assert n.extract("I don't mind lab work")["interests"] == ["laboratory"]
    assert n.extract("sorry i clicked research by mistake, i want engineering")["interests"] == ["engineering"]
    said = n.extract("in year 12 doing the health T level, got english and maths gcse at grade 4")
    assert said["age"] == 17 and said["qualification_level"] == "2"
    said = n.extract("got excluded in year 9, came out with nothing")      # a year left, not the year they're in
    assert "age" not in said and said["qualification_level"] == "none"
    assert n.qualification("left school early, only got a D in english") == "1"


@pytest.mark.parametrize("text, age", [("19 nearly 20", 19), ("I'm nearly 20", 19), ("almost 18", 17)])
def test_nearly_an_age_is_the_year_before(n, text, age):
    assert n.age(text) == age and "age" not in n.extract(text)     # the age question reads it, not a guess


def test_a_word_that_counts_only_in_capitals(n):
    assert n.interests("IT") == ["data_and_digital"]
    assert n.extract("something in IT") == {"interests": ["data_and_digital"]}
    assert "interests" not in n.extract("I like it") and "interests" not in n.extract("CAN I DO IT")


@pytest.mark.parametrize("text", ["studying for a degree", "currently doing an access course"])
def test_a_qualification_still_being_studied_is_neither_held_nor_none(n, text):
    """What they hold is not said, so the question asks again rather than record a degree, or nothing."""
    with pytest.raises(InputError, match="already finished"):
        n.qualification(text)
    assert "qualification_level" not in n.extract(text)


@pytest.mark.parametrize("text, age", [("22 sorry no 24 i always forget", 24), ("im 13 wait no 31, typo", 31),
                                       ("32 not 23", 32), ("19 left school 3 yrs ago been doing nothing", 19),
                                       ("34, unemployed for 2 years", 34)])
def test_an_age_among_corrections_and_spans_of_time(n, text, age):
    assert n.age(text) == age


def test_a_corrected_place_or_kind_of_work_is_the_last_named(n):
    assert n.borough("hackney, sorry i mean haringey").borough == "Haringey"
    assert n.extract("im 24 from hackney sorry i mean haringey")["borough"] == "Haringey"
    assert n.interests("lab. no actually more the nhs side") == ["healthcare"]
    assert n.extract("lab. no actually more the nhs side")["interests"] == ["healthcare"]
    assert n.interests("lab, actually healthcare too") == ["laboratory", "healthcare"]     # "actually" adds here
    assert n.interests("healthcare but no lab work") == ["healthcare"]


@pytest.mark.parametrize("text, ids", [("i care for my disabled sister", ["caring_responsibilities"]),
                                       ("my son is autistic and i look after him", ["caring_responsibilities"]),
                                       ("im disabled and my son has autism", ["disability_or_health"])])
def test_a_circumstance_of_a_relative_is_not_the_residents(n, text, ids):
    assert n.barriers(text) == ids


def test_landmarks_are_read_as_their_borough(n):
    assert n.borough("near the royal london hospital").borough == "Tower Hamlets"
    assert n.borough("opposite st thomas' hospital").borough == "Lambeth"
    assert n.borough("charing cross hospital").borough == "Hammersmith and Fulham"   # not Charing Cross station
    assert n.borough("just off oxford street").borough == "Westminster"              # not Oxford


@pytest.mark.parametrize("text, level", [("btec ext dip DMM", "3"), ("NVQ lvl3 in pharmacy services", "3"),
                                         ("dip he nursing, didnt finish the full degree", "5"),
                                         ("access to nursing", "3"), ("zero quals", "none"),
                                         ("i dont have any certificate", "none"), ("didnt get any grades", "none")])
def test_qualifications_in_residents_words(n, text, level):
    assert n.qualification(text) == level


def test_a_french_bac_is_from_abroad_and_the_ib_is_level_3(n):
    with pytest.raises(AmbiguousInput, match="UK ENIC"):
        n.qualification("french bac")
    assert n.qualification("international baccalaureate") == "3"


def test_a_typo_of_not_sure_is_not_sure_and_not_before_a_place_still_takes_it_back(n):
    assert n.interests("not shure") == ["not_sure"]
    assert n.borough("not greenwich, lewisham").borough == "Lewisham"


def test_a_number_opening_a_longer_answer_states_it(n):
    assert n.states_an_answer("63, retired early but want to get back into something")
    assert n.barriers("i have not work experience") == ["no_work_experience"]


@pytest.mark.parametrize("text, age", [("turned 40 in january", 40), ("twenny 3", 23), ("ive just had my 21st", 21),
                                       ("left school when i was pregnant at 16, 32 now", 32),
                                       ("I'll be 25 in may", 24)])
def test_ages_with_past_birthdays_typos_and_earlier_ages(n, text, age):
    assert n.age(text) == age


@pytest.mark.parametrize("text, level", [("gcse english F maths G", "1"), ("just gcse english level 4", "2"),
                                         ("gcses and maths a level", "3"), ("i never did exams", "none"),
                                         ("first year of a levels and dropped out, gcses are 5s", "2"),
                                         ("a levels but didnt finish, gcses", "2"),
                                         ("A levels and a few modules of a degree I never finished", "3"),
                                         ("a degree that i didn't finish, a levels before it", "3"),
                                         ("gcses but didnt pass english", "2"),          # held, one not passed
                                         ("I finish ESOL entry 3 at college", "entry")])    # "finish" is not Finnish
def test_grades_after_subjects_exams_never_taken_and_courses_given_up(n, text, level):
    assert n.qualification(text) == level


def test_everyday_english_is_no_typo_of_a_place_or_a_country(n):
    with pytest.raises(AmbiguousInput, match="UK ENIC"):
        n.qualification("degree from nigria")
    assert n.qualification("algebra gcse") == "2"                                # not Algeria
    assert not n.states_an_answer("thats all i wanted bye")                      # not Wanstead
    assert n.borough("wandswort").borough == "Wandsworth"


@pytest.mark.parametrize("text, level", [("RQF 5", "5"), ("i have applied 2 week ago", "unknown")])
def test_more_answers_about_a_uk_enic_statement(n, text, level):
    assert n.qualification(text, abroad=True) == level


@pytest.mark.parametrize("text, ids", [("i care for my brother who has autism", ["caring_responsibilities"]),
                                       ("both my parents are disabled and i look after them",
                                        ["caring_responsibilities"]),
                                       ("my kids need childcare", ["caring_responsibilities"])])   # still theirs
def test_more_circumstances_of_relatives(n, text, ids):
    assert n.barriers(text) == ids


def test_a_place_they_are_moving_to_is_not_where_they_live(n):
    assert n.borough("islington but moving to hackney next month").borough == "Islington"


@pytest.mark.parametrize("text, level", [("refugee from eritrea, no gcses", "none"),
                                         ("came from somalia at 15, left without gcses", "none")])
def test_a_country_named_beside_no_qualifications_is_none(n, text, level):
    assert n.extract(text)["qualification_level"] == level
    assert "qualification_abroad" not in n.extract(text)


# --- signs: a circumstance stated by words close together, in more ways than phrases list (barriers.yml) --------
@pytest.mark.parametrize("text, ids", [
    ("my english is not very well", ["english_language"]),
    ("i speak small english, learning", ["english_language"]),
    ("english is my 2nd language", ["english_language"]),
    ("cant use computa", ["digital_skills"]),
    ("not very confident online", ["digital_skills"]),
    ("55 and not worked for 6 years since my redundancy", ["long_term_unemployed"]),
    ("i dont have a fixed address at the moment", ["homelessness"]),
    ("got kicked out, staying at mates", ["homelessness"]),
    ("my mental is not good since long time", ["disability_or_health"]),
    ("i have crohns disease", ["disability_or_health"]),
    ("i can't do computers and my english is weak", ["digital_skills", "english_language"]),
])
def test_a_sign_states_a_circumstance_in_the_residents_words(n, text, ids):
    assert n.barriers(text) == ids
    assert n.extract(text)["barriers"] == ids                  # in a message answering another question too


@pytest.mark.parametrize("text", ["my english is not bad", "no problems with computers", "lab work, not computers",
                                  "not sure, maybe computers", "worked 5 years in a lab", "gcse english grade 3",
                                  "research into diseases", "my mum doesnt speak english"])
def test_a_sign_needs_its_words_together_and_not_taken_back(n, text):
    assert "barriers" not in n.extract(text)


def test_a_no_before_a_comma_belongs_to_what_came_before(n):
    # "computer no": no computer skills (corpus_fresh10's and corpus_fresh21's writers); the no takes back no English
    assert n.barriers("computer no, english little bit") == ["digital_skills", "english_language"]
    assert n.barriers("refugee. english little. computer no.") == ["refugee", "english_language", "digital_skills"]


@pytest.mark.parametrize("text", ["bachelor from university of lagos", "master degree in chemistry from kyiv university",
                                  "O levels in karachi, cambridge board", "diploma from kyiv"])
def test_a_qualification_from_a_city_abroad_is_from_abroad(n, text):
    with pytest.raises(FromAbroad):
        n.qualification(text)


@pytest.mark.parametrize("text, level", [("gcses, looking for a perm job", "2"),        # Perm is in Russia
                                         ("my daughter charlotte has gcses", "2"),       # and Charlotte in the US
                                         ("degree from cambridge", "6")])                # a UK town too
def test_a_city_abroad_counts_only_named_as_where(n, text, level):
    assert n.qualification(text) == level


@pytest.mark.parametrize("text, age", [("30 in hackney", 30), ("47 on universal credit at the moment", 47),
                                       ("30 on a course", 30), ("20 in march", 19), ("18 on the 5th", 17),
                                       ("im 18 in a few weeks", 17), ("19 next month", 18),
                                       ("gonna be 18 in 2 weeks", 17), ("19 going on 20", 19)])
def test_an_age_to_come_needs_a_time_after_it(n, text, age):
    assert n.age(text) == age


def test_a_typo_changes_letters_not_words(n):
    assert not n.states_an_answer("quit asking me things")          # "me" is no typo of "make"
    assert n.interests("reserch") == ["research"] and n.borough("tower hamlts").borough == "Tower Hamlets"


def test_a_sound_alike_or_a_short_form_is_still_a_typo(n):
    assert n.barriers("bin inside, got out last yr") == ["criminal_record"]
    assert n.qualification("gcses but all D's and E's") == "1"


@pytest.mark.parametrize("text, answer_id, says", [
    ("please delete my data", "forget", True),
    ("computers and data", "forget", False),
    ("can i talk to someone real", "handoff", True),
    ("factory ok for me", "handoff", False),
    ("get someone to contact me i cant do this online", "contact", True),
    ("i applied, still waiting", "no_statement", True),
    ("it says level 6", "no_statement", False),
])
def test_says_finds_an_answers_words_anywhere(n, text, answer_id, says):
    assert n.says(text, answer_id) is says


@pytest.mark.parametrize("text, ids", [
    ("my wife has cancer and I'm looking after her", ["caring_responsibilities"]),
    ("my dad had a stroke and i help him wash and dress", ["caring_responsibilities"]),
    ("I have a son with an EHCP who I look after", ["caring_responsibilities"]),
    ("I used to be in a hostel but I've got my own place now so none of those", []),
    ("my little sister has an EHCP, doesn't affect me, so none", []),
    ("I have dyslexia, none of the others", ["disability_or_health"]),
    ("haven't worked in 5 years because of my health", ["long_term_unemployed", "disability_or_health"]),
    ("havent done any work experience yet", ["no_work_experience"]),
    ("I don't know how to use email", ["digital_skills"]),
    ("staying in a B&B the council put me in", ["homelessness"]),
    ("type 1 diabetic", ["disability_or_health"]),
])
def test_circumstances_in_residents_words_read_alone(n, text, ids):
    assert n.barriers(text) == ids


@pytest.mark.parametrize("text, level", [
    ("i left school early, didnt get any gcses", "none"), ("got U in everything so basically nothing", "none"),
    ("I have GCSEs, nothing else", "2"), ("no i have gcses", "2"), ("masters no sorry just the bachelors", "6"),
    ("HND - actually no it was an HNC", "4"), ("I have 4 gcses all grade 2", "1"),
    ("CSE grade 1 in english and maths", "2"), ("maths 4 english 3", "2"), ("english 2 maths 3", "1"),
])
def test_qualifications_taken_back_corrected_or_graded(n, text, level):
    assert n.qualification(text) == level


def test_a_qualification_named_in_its_own_language_is_from_abroad(n):
    with pytest.raises(FromAbroad):
        n.qualification("laurea in biotecnologie, Università di Bologna")


@pytest.mark.parametrize("text", ["none at all", "none really", "my mum has dementia but my sister looks after her, so none"])
def test_none_to_another_question_says_nothing_of_qualifications(n, text):
    # At the circumstances question these once replaced the resident's A levels with "no qualifications".
    assert "qualification_level" not in n.extract(text)
    assert n.qualification("none at all") == "none"


@pytest.mark.parametrize("text, want", [
    ("im a care leaver 20yo living in a hostel in camden", {"age": 20, "barriers": ["care_leaver", "homelessness"]}),
    ("care leaver 20 years old", {"age": 20}), ("unemployed 15 yrs", {"age": None}),
    ("I'm home-schooled and haven't done any exams yet", {"qualification_level": "none"}),
    ("left my job for my mental health, been off for about 2 years now",
     {"barriers": ["disability_or_health", "long_term_unemployed"]}),
    ("been on and off Universal Credit for years", {"barriers": ["claiming_benefits"]}),
    ("age:33 borough:lambeth", {"age": 33, "borough": "Lambeth"}),            # words the tokenizer kept as one
    ("H.N.D. in computing 2009", {"qualification_level": "5"}), ("34 y.o., refugee from Sudan", {"age": 34}),
])
def test_said_in_passing(n, text, want):
    got = n.extract(text)
    assert {k: got.get(k) for k in want} == want


@pytest.mark.parametrize("text, asked, interests", [
    ("I'm only in year 8 so I don't really know yet", "interests", ["not_sure"]),
    ("I dont really know how to use email", "barriers", None),          # unsure of email, not of the work
    ("Type 1 diabetic, not sure if that counts", "barriers", None),
    ("I don't know what I want to do", None, ["not_sure"]),
])
def test_unsure_of_the_work_not_of_something_else(n, text, asked, interests):
    assert n.extract(text, asked).get("interests") == interests


@pytest.mark.parametrize("text, age", [("hello, 19 and want to work in a lab", 19), ("hey 20 croydon got gcses", 20),
                                       ("good morning, 45 from hackney", 45), ("hi i have 2 kids and live in brent", None)])
def test_an_age_may_open_a_message_after_a_greeting(n, text, age):
    assert n.extract(text).get("age") == age


@pytest.mark.parametrize("text, level", [
    ("idk", "unknown"), ("I paid for it but they havent sent it yet", "unknown"),
    ("my certificates were lost when we fled", "unknown"), ("no statement, but my degree was taught in English", "unknown"),
    ("no but my employer in Poland said it is like a UK degree", "unknown"), ("yes level 5 ... no sorry level 4", "4"),
    ("no, it says level 6", "6"),
])
def test_a_reply_about_a_uk_enic_statement(n, text, level):
    assert n.qualification(text, abroad=True) == level


@pytest.mark.parametrize("text, want", [
    ("im a care leaver 20 and need a job asap", {"age": 20}), ("looked after child, now 19", {"age": 19}),
    ("temporary accommodation in Barking, my family is in Hackney", {"borough": "Barking and Dagenham"}),
    ("currently in 2nd year of biomed degree, have A levels", {"qualification_level": "3"}),
    ("got a third in history lol", {"qualification_level": "6"}),
    ("unemployed 3 yrs and live in hackney", {"age": None}),
])
def test_answers_within_a_longer_message(n, text, want):
    got = n.extract(text)
    assert {k: got.get(k) for k in want} == want


@pytest.mark.parametrize("text, borough", [("Hackney, but i work in Canary Wharf", "Hackney"),
                                           ("Islington but i grew up in Croydon", "Islington"),
                                           ("Lambeth now, was Southwark till last year", "Lambeth")])
def test_a_place_named_as_where_they_work_or_used_to_live_is_not_home(n, text, borough):
    assert n.borough(text).borough == borough


def test_a_borough_they_live_just_outside_is_not_home(n):
    assert n.extract("Cheshunt, just outside Enfield", "borough") == {"borough": None, "outside_london": True}


@pytest.mark.parametrize("text, borough", [
    ("Camberwell, round the corner from Kings College Hospital", "Southwark"),    # lives in one, near the other
    ("hack knee", "Hackney"), ("Lewis Ham", "Lewisham"), ("tower ham lets", "Tower Hamlets"),   # as speech types them
    ("Wands worth common", "Wandsworth"), ("near Chrisp Street market", "Tower Hamlets"),
])
def test_places_near_a_landmark_and_names_typed_in_pieces(n, text, borough):
    assert n.borough(text).borough == borough


@pytest.mark.parametrize("text", ["i want a person not a bot", "what difference does my borough make?"])
def test_words_that_only_join_into_a_name_are_no_place(n, text):
    with pytest.raises(InputError):
        n.borough(text)


@pytest.mark.parametrize("text, age", [("i was 22 in march", 22), ("age 58, been a cleaner 30 year", 58),
                                       ("20 in March", 19), ("i just turn 20", 20), ("i turn 20 next week", 19)])
def test_a_past_birthday_and_years_in_a_job_are_not_a_future_age(n, text, age):
    assert n.age(text) == age


@pytest.mark.parametrize("text, ids", [
    ("hmm... unsure. i like science at school but dunno what jobs there are", ["not_sure"]),
    ("no clue, what do people even do in life sciences", ["not_sure"]),
    ("science", ["laboratory"]), ("not sure, maybe lab work", ["laboratory"]),
])
def test_a_broad_word_beside_not_sure_leaves_the_resident_not_sure(n, text, ids):
    assert n.interests(text) == ids and n.extract(text).get("interests") == ids


@pytest.mark.parametrize("text", ["I had an EHCP at school", "i always loved science at school"])
def test_school_remembered_is_no_qualification(n, text):
    assert "qualification_level" not in n.extract(text)


@pytest.mark.parametrize("text, ids", [
    ("in a refuge after domestic abuse", ["homelessness"]), ("refugee from Syria", ["refugee"]),
    ("I'm living in a Home Office hotel waiting for my interview", ["asylum_seeker"]),
    ("only volunteering at church, never been paid for work", ["no_work_experience"]),
    ("computers scare me honestly, I can do facebook and that's it", ["digital_skills"]),
    ("I am on you see and I have depression", ["claiming_benefits", "disability_or_health"]),
])
def test_more_circumstances_in_residents_words(n, text, ids):
    assert n.barriers(text) == ids


@pytest.mark.parametrize("text, level", [
    ("engineering diploma from Iran, I don't have the ENIC thing", "unknown"),    # asked once is enough
    ("i go school little bit in afghanistan, no certificate nothing", "none"),     # a country says where, not what
])
def test_from_abroad_without_a_statement_or_without_certificates(n, text, level):
    assert n.qualification(text) == level


@pytest.mark.parametrize("text, age", [
    ("evening. 61 and not ready to retire! Chingford. Did 30 yrs in sales", 61),      # years in a job are time
    ("morning, 47, live in Hanwell, been an office manager 15 years", 47),
    ("I'm 30 and I didn't finish school, I left at 14 in Year 9", 30),               # a school year they left in
    ("just finished year 11", 16),                                                  # the year just finished
])
def test_an_age_beside_years_in_a_job_or_a_year_left_at_school(n, text, age):
    assert n.extract(text)["age"] == age and n.age(text) == age


@pytest.mark.parametrize("text, age", [("34, no 35! forgot my own birthday haha", 35),
                                       ("18! just finished year 13", 18), ("32 not 23", 32)])
def test_an_age_corrected_with_a_bare_no_or_beside_the_year_just_finished(n, text, age):
    assert n.age(text) == age


def test_two_ages_joined_by_or_are_not_guessed(n):
    with pytest.raises(InputError):
        n.age("19 or 20")


@pytest.mark.parametrize("text, level", [
    ("my brother has a degree but i have no qualifications", "none"),              # someone else's
    ("i was born in Poland but did all my school here, A levels in Enfield", "3"),    # a country, and "here"
    ("I went to school in Nigeria but came here at 14 and did my GCSEs here, passed 6", "2"),
    ("grew up in Somalia, did my GCSEs in the UK", "2"),
])
def test_someone_else_s_qualification_and_qualifications_taken_here(n, text, level):
    assert n.qualification(text) == level and n.extract(text)["qualification_level"] == level


@pytest.mark.parametrize("text", ["I came here from Ghana with my degree",
                                  "moved to the uk from india, i have a bachelors"])
def test_arriving_here_with_a_qualification_is_still_from_abroad(n, text):
    with pytest.raises(FromAbroad):
        n.qualification(text)
    assert n.extract(text).get("qualification_abroad") is True


@pytest.mark.parametrize("text, ids", [
    ("my asylum claim got accepted last month so I'm a refugee now", ["refugee"]),    # refugee replaces asylum
    ("got leave to remain after claiming asylum", ["refugee"]),
    ("still waiting, my asylum case not granted yet", ["asylum_seeker"]),
    ("I'm a young carer for my little brother who's autistic", ["caring_responsibilities"]),
    ("I look after my husband he is disabled", ["caring_responsibilities"]),
    ("i'm from Sudan, still waiting for decision from home office, and my english is basic",
     ["asylum_seeker", "english_language"]),                                     # the Home Office is no office work
    ("we had to leave our flat, staying in a hotel the council pays for", ["homelessness"]),
    ("been looking for work for over a year, on JSA", ["long_term_unemployed", "claiming_benefits"]),
])
def test_circumstances_decided_said_of_a_relative_or_in_residents_words(n, text, ids):
    assert n.barriers(text) == ids and n.extract(text).get("barriers") == ids


def test_a_school_year_is_no_sign_of_years_out_of_work(n):
    assert "barriers" not in n.extract("hello im a year 12 student looking for work experience in a lab")


@pytest.mark.parametrize("text, ids", [
    ("I used to want to be a nurse but now more into lab stuff", ["laboratory"]),
    ("my mum works in the NHS but I'd rather do something with computers", ["data_and_digital"]),
    ("lab work rather than nursing", ["laboratory"]), ("research instead of lab work", ["research"]),
    ("lab and healthcare", ["laboratory", "healthcare"]), ("actually I'd rather healthcare than labs", ["healthcare"]),
])
def test_of_kinds_of_work_either_side_of_a_preference_the_preferred(n, text, ids):
    assert n.interests(text) == ids and n.extract(text)["interests"] == ids


@pytest.mark.parametrize("text, borough", [
    ("used to live in Lewisham but moved to Bromley in the summer", "Bromley"),
    ("just moved to Hounslow from Leicester, 20", "Hounslow"),
    ("Hi I am from Romford, 24, I have a degree from Greenwich uni", "Havering"),      # a university, not home
    ("i live on the Pembury estate", "Hackney"),
])
def test_home_among_places_left_and_universities(n, text, borough):
    assert n.extract(text)["borough"] == borough


@pytest.mark.parametrize("text, level", [("nah nothing", "none"),
                                         ("Client finished Year 11 but left without sitting any exams", "none"),
                                         ("not left school yet, year 13, predicted AAB", "none")])
def test_nothing_after_a_nah_and_exams_never_sat(n, text, level):
    assert n.qualification(text) == level


@pytest.mark.parametrize("text, level", [
    ("GCSEs - mostly 8s and 9s. A levels in progress (im in year 13)", "2"),     # not held yet
    ("I did A levels but dropped out of uni in first year, didnt get any certificate from it", "3"),   # uni dropped
    ("a levels but dropped out", "none"), ("not a levels, i dropped out, just gcses", "2"),
])
def test_a_course_in_progress_or_given_up_and_what_was_given_up(n, text, level):
    assert n.qualification(text) == level


@pytest.mark.parametrize("text", ["i was on UC last year but got a job in tesco now. none i guess", "none i guess"])
def test_none_with_a_hedge_after_it_is_none(n, text):
    assert n.barriers(text) == [] and "barriers" not in n.extract(text)


@pytest.mark.parametrize("text, ids", [
    ("I used to be homeless but I've got my own flat now, so no", []),       # past, and it ends when past
    ("used to be homeless, got a flat now, but still on universal credit", ["claiming_benefits"]),
    ("homeless - well not anymore, got a flat last week", []),
    ("I don't want to be homeless anymore", ["homelessness"]),
    ("i used to be in care and have a record", ["care_leaver", "criminal_record"]),   # these still count when past
])
def test_a_circumstance_said_to_be_past_holds_only_if_it_lasts(n, text, ids):
    assert n.barriers(text) == ids


def test_a_language_taken_as_a_subject_is_no_qualification_from_abroad(n):
    assert n.qualification("gcse french grade 5") == "2" and "qualification_abroad" not in n.extract("a D in french")
    with pytest.raises(InputError) as asked:        # grades before the subject are asked about again, not UK ENIC
        n.qualification("A in spanish and B in maths")
    assert not isinstance(asked.value, FromAbroad)


@pytest.mark.parametrize("text", ["I have a French degree", "french bac"])
def test_a_people_named_beside_a_qualification_is_still_from_abroad(n, text):
    assert n.extract(text).get("qualification_abroad") is True


@pytest.mark.parametrize("text, age", [
    ("22 female Newham A levels interested in NHS", 22), ("19 got gcses live kentish town never had a job", 19),
    ("Good morning. I am a 58-year-old former engineer from Croydon with an HNC.", 58),
    ("work coach here - 20 y/o, Enfield, functional skills L1", 20),
    ("i got kicked out of school in year 11 so no gcses. 17 now. woolwich", 17)])
def test_an_age_in_a_message_of_several_answers(n, text, age):
    assert n.extract(text)["age"] == age


@pytest.mark.parametrize("text", ["i have 2 kids, 10 now and 12", "been a cleaner for 20 years"])
def test_a_number_that_is_no_age_of_theirs(n, text):
    assert "age" not in n.extract(text)


@pytest.mark.parametrize("text, wanted", [
    ("I got Cs in English and Maths (old grading)", {"qualification_level": "2"}),
    ("I'm a refugee from Ukraine and English is my third language", {"barriers": ["refugee", "english_language"]}),
    ("Customer is on UC, unemployed 2 years", {"barriers": ["claiming_benefits", "long_term_unemployed"]}),
    ("anything but hospital, blood makes me faint. maybe lab or office",
     {"interests": ["laboratory", "business_and_sales"]}),
    ("building and fixing medical equipment", {"interests": ["engineering"]})])
def test_answers_in_residents_words_from_corpus_fresh15(n, text, wanted):
    got = n.extract(text)
    assert {k: got.get(k) for k in wanted} == wanted


@pytest.mark.parametrize("text, level", [("my husband has his degree from ghana and i have gcses", "2"),
                                         ("my parents have degrees from Bangladesh but I only have A levels", "3")])
def test_where_a_relatives_qualification_is_from_is_theirs(n, text, level):
    assert n.extract(text) == {"qualification_level": level}


def test_a_relatives_statement_is_not_the_residents(n):
    assert n.qualification("my wife has one for her degree but I don't have one", abroad=True) == "unknown"
    assert n.extract("her degree is from nigeria").get("qualification_abroad") is True    # a work coach's "her"


@pytest.mark.parametrize("text, ids", [
    ("i've got an ehcp and never done any work experience", ["send_ehcp", "no_work_experience"]),   # not denied
    ("i'm 16 and never had even a saturday job", ["no_work_experience"]),
    ("autism + ehcp + no job ever", ["disability_or_health", "send_ehcp", "no_work_experience"]),
    ("im not grate with computors", ["digital_skills"]),
    ("depresion and anxity, also my english not perfect", ["disability_or_health", "english_language"]),
    ("Got nothing from school, I was in and out of care", ["care_leaver"]),
    ("i have done work experience before", [])])
def test_circumstances_in_residents_words_from_the_older_corpora(n, text, ids):
    assert n.extract(text).get("barriers", []) == ids


@pytest.mark.parametrize("text", ["couple of CSEs, all grade 3s", "I've got some CSEs, grade 3s and 4s", "grade 5"])
def test_a_grade_is_never_read_as_a_graduate(n, text):
    # "grad" as a degree (17th session) made "grade" a typo of it, and CSEs a degree at the qualification question.
    assert n.qualification(text) in ("1", "2")


@pytest.mark.parametrize("text, wanted", [
    ("got D's and E's in my GCSEs back in 2005", {"qualification_level": "1"}),
    ("islington. sorry not camden, we moved last year", {"borough": "Islington"}),
    ("I care my husband, he is sick, I cannot work long hours", {"barriers": ["caring_responsibilities"]}),
    ("I look after my mum, she had a stroke", {"barriers": ["caring_responsibilities"]}),
    ("i help look after my little brothers cos my dad is ill", {"barriers": ["caring_responsibilities"]}),
    ("I can only use my phone for whatsapp, I don't know how to do emails", {"barriers": ["digital_skills"]}),
    ("i want to work where they make the vaccines and pills", {"interests": ["manufacturing"]}),
    ("I changed my mind, I'm more into engineering than labs", {"interests": ["engineering"]}),
    ("27, maths degree, want to get into data in life sciences",
     {"age": 27, "qualification_level": "6", "interests": ["data_and_digital"]})])
def test_answers_in_residents_words_from_corpus_fresh16(n, text, wanted):
    got = n.extract(text)
    assert {k: got.get(k) for k in wanted} == wanted


@pytest.mark.parametrize("text, ids", [("she has autism and claims UC", ["disability_or_health", "claiming_benefits"]),
                                       ("I live with my mum, she is disabled, and I have depression",
                                        ["disability_or_health"]),
                                       ("I know how to use computers fine", [])])
def test_a_work_coachs_she_and_the_residents_own_stay_theirs(n, text, ids):
    # "she" names a relative only after one was named; the depression here is the resident's, the disability mum's
    assert n.extract(text).get("barriers", []) == ids


@pytest.mark.parametrize("text, ids", [("science", ["laboratory"]), ("marketing for a science company",
                                                                     ["business_and_sales"])])
def test_science_is_a_kind_of_work_only_alone(n, text, ids):
    assert n.interests(text) == ids


@pytest.mark.parametrize("text, age", [("im31", 31), ("43 lol, still got a good twenty years of graft in me", 43)])
def test_an_age_glued_to_im_or_before_a_laugh(n, text, age):
    assert n.age(text) == age


@pytest.mark.parametrize("text, ids", [("english and computers", ["english_language", "digital_skills"]),
                                       ("computer stuff and english", ["digital_skills", "english_language"]),
                                       ("computers hard for me, english also", ["digital_skills", "english_language"]),
                                       ("the computer one and the benefits one",
                                        ["digital_skills", "claiming_benefits"]),
                                       ("the computer one, I can't really use them", ["digital_skills"])])
def test_a_circumstance_named_by_its_button_words_at_its_question(n, text, ids):
    assert n.barriers(text) == ids
    assert n.extract(text, asked="barriers").get("barriers") == ids


def test_computers_elsewhere_are_an_interest(n):
    assert n.extract("english and computers") == {"interests": ["data_and_digital"]}


@pytest.mark.parametrize("text", ["no problems with computers or english", "english is fine, computers too",
                                  "i have gcse english"])
def test_button_words_beside_other_words_name_no_circumstance(n, text):
    assert not {"english_language", "digital_skills"} & set(n.extract(text, asked="barriers").get("barriers") or [])


@pytest.mark.parametrize("text, level", [("CSEs, mostly grade 3s and 4s", "1"), ("CSE grade 4", "1"),
                                         ("a couple of CSEs, grade 3 and grade 4", "1"), ("CSE grade 1", "2"),
                                         ("cses and gcses grade 5", "2")])
def test_a_grade_beside_cses_is_a_cse_grade(n, text, level):
    # only CSE grade 1 matched an O level pass; CSE grade 4 is no GCSE grade 4
    assert n.extract(text) == {"qualification_level": level}


def test_a_misspelt_laboratory_in_a_long_message(n):
    assert n.extract("i like to work in labrotary or hospital") == {"interests": ["laboratory", "healthcare"]}


@pytest.mark.parametrize("text, interests", [("BSc in Biomedical Science", None),
                                             ("NVQ level 2 in health and social care", None),
                                             ("A level biology and chemistry, failed maths", None),
                                             ("biology degree, want to get into research", ["research"]),
                                             ("im a refugee with a pharmacy degree from syria looking for lab work",
                                              ["laboratory"]),
                                             ("interested in data science apprenticeships", ["data_and_digital"]),
                                             ("hi i was a lab technician in nigeria with my HND", None)])
def test_what_they_studied_is_no_kind_of_work_they_want(n, text, interests):
    # the subject of a qualification had set the interests and skipped their question (355 messages at the
    # qualification question in the older corpora, none of them labelled with that interest); a job they did says
    # no more than a subject does of the work they want next
    assert n.extract(text, "qualification_level").get("interests") == interests


@pytest.mark.parametrize("asked, text, interests", [
    ("barriers", "asylum, waiting answer home office", None),
    ("borough", "Northwick Park hospital is my local", None),
    ("qualification_level", "I qualified as a doctor in Syria", None),
    ("age", "what has my age got to do with anything", None),
    ("barriers", "I'm a carer and I want something in the NHS", ["healthcare"]),
    ("age", "21, A levels, Ealing, nothing applies, lab work", ["laboratory"]),
    ("barriers", "lab stuff", ["laboratory"]),
    (None, "I qualified as a doctor in Syria", ["healthcare"]),
    ("interests", "something using my chemistry degree", ["laboratory"])])
def test_at_another_question_only_work_they_say_they_want_is_an_interest(n, asked, text, interests):
    # a kind of work named at another question filled the interests and skipped their question: 452 messages in the
    # development corpora, none labelled with it ("home office" read as office work); the opening message is read
    # whole
    assert n.extract(text, asked).get("interests") == interests


def test_at_the_interests_question_a_subject_still_names_the_work(n):
    assert n.extract("something using my chemistry degree", "interests") == {"qualification_level": "6",
                                                                            "interests": ["laboratory"]}


@pytest.mark.parametrize("text", ["BSc Biomedical Science from Kingston uni", "did an access course at lambeth college",
                                  "I'm from Nigeria but I did my MSc here at Kingston uni"])
def test_where_they_studied_is_not_where_they_live(n, text):
    # it had answered the borough question before it was asked (40 unlabelled readings over the older corpora)
    assert "borough" not in n.extract(text, "qualification_level")


@pytest.mark.parametrize("text, borough", [("17, im doing a levels in bio and chem at college in enfield where i live",
                                            "Enfield"), ("im 16 in year 11 at school in Woolwich", "Greenwich")])
def test_a_college_where_they_live_and_a_pupils_school_still_say_where(n, text, borough):
    assert n.extract(text, "age")["borough"] == borough


def test_a_childcare_qualification_is_no_child_to_care_for(n):
    assert n.extract("nvq 3 in childcare", "qualification_level") == {"qualification_level": "3"}
    assert n.extract("no childcare for my 2 kids", "barriers")["barriers"] == ["caring_responsibilities"]


@pytest.mark.parametrize("text", ["FdSc from Greenwich", "BSc Biomedical Science 2:1 from Greenwich",
                                  "masters in data science, in Manchester", "BA hons English lit from Leeds"])
def test_a_place_straight_after_a_qualification_is_where_it_was_taken(n, text):
    assert "borough" not in n.extract(text, "qualification_level")


@pytest.mark.parametrize("text, borough", [("hi, nvq3 in childcare, from Croydon, want to get into the NHS", "Croydon"),
                                           ("just got my T level in science, 19, from Leyton", "Waltham Forest"),
                                           ("im in year 12 in Ilford", "Redbridge"),
                                           ("in year 13, at sixth form in Ilford", "Redbridge")])
def test_from_after_a_comma_an_age_or_a_pupils_school_still_say_where(n, text, borough):
    assert n.extract(text, "start")["borough"] == borough


@pytest.mark.parametrize("text", ["i have a 2 year old and no childcare", "give me 5 more",
                                  "they give me 5 year stay as protection",
                                  "no i dont have any paper qualifications but 10 years experience as a cook"])
def test_a_childs_age_a_count_or_a_while_is_no_age(n, text):
    assert "age" not in n.extract(text, "barriers")


@pytest.mark.parametrize("text, age", [("im 12", 12), ("my age is 12", 12), ("hi im 12 and in year 7", 12),
                                       ("wait i typed my age wrong, its 31", 31)])
def test_a_young_age_said_as_theirs_and_an_age_corrected(n, text, age):
    assert n.extract(text, "qualification_level")["age"] == age


@pytest.mark.parametrize("text", ["I stopped going to school in year 11 and never sat the exams", "didnt finish year 11",
                                  "I bunked most of year 11 and didn't sit anything",
                                  "left before the end of year 11, nothing to show for it"])
def test_a_school_year_they_left_in_is_no_age(n, text):
    assert "age" not in n.extract(text, "qualification_level")


@pytest.mark.parametrize("text, level", [("my client has entry level 2 functional skills in english, nothing else",
                                          "entry"),
                                         ("a couple of GCSEs but honestly they were Fs and a G", "1"),
                                         ("I am not having any qualification", "none")])
def test_entry_level_functional_skills_low_letter_grades_and_none_in_other_words(n, text, level):
    assert n.extract(text, "qualification_level")["qualification_level"] == level


def test_a_level_typed_short_inside_a_qualification_is_not_skipped_as_a_typo(n):
    # the typo search once read "functional skills ... maths" across the "L2" and asked which level
    assert n.qualification("functional skills L2 maths") == "2"
    assert n.qualification("functional skills l1 english") == "1"


@pytest.mark.parametrize("text, ids", [("on ESA cos of my back", ["claiming_benefits", "disability_or_health"]),
                                       ("I fled Sudan and was granted protection here last year", ["refugee"]),
                                       ("first language is Bengali", ["english_language"]),
                                       ("my first language is English", []),
                                       ("kicked out by my parents, staying wherever I can", ["homelessness"]),
                                       ("i was looked after by the local authority growing up", ["care_leaver"]),
                                       ("on uc n in temp accom", ["claiming_benefits", "homelessness"]),
                                       ("customer recently released, currently NFA staying at approved premises",
                                        ["criminal_record", "homelessness"]),
                                       ("from Eritrea, my claim is with the home office",  ["asylum_seeker"]),
                                       ("I haven't been able to hold down work since", ["long_term_unemployed"])])
def test_circumstances_at_their_question(n, text, ids):
    assert n.extract(text, "barriers").get("barriers", []) == ids


@pytest.mark.parametrize("text, ids", [("I want to help people get better", ["healthcare"]),
                                       ("I want to test samples", ["laboratory"]),
                                       ("investigating diseases, like a proper scientist", ["research"]),
                                       ("havent thought about it", ["not_sure"]),
                                       ("he genuinely doesn't know yet", ["not_sure"])])
def test_interests_in_residents_words(n, text, ids):
    assert n.extract(text, "interests")["interests"] == ids


@pytest.mark.parametrize("text, borough", [("lab. also my postcode is SE15 not SE16 if that matters", "Southwark"),
                                           ("I'm a work coach. Customer: 27, E17, no quals, UC, wants to work in a lab",
                                            "Waltham Forest")])
def test_a_postcode_district_said_as_theirs_in_a_longer_message(n, text, borough):
    assert n.extract(text, "interests")["borough"] == borough


def test_a_district_that_spans_boroughs_in_a_longer_message_says_nothing(n):
    assert "borough" not in n.extract("27, E8, no quals", "start")


@pytest.mark.parametrize("text, borough", [
    ("Right on the border of Hackney and Islington but my council tax goes to Hackney", "Hackney"),
    ("enfield, or is it haringey? my road is right on the border... council tax goes to enfield so enfield", "Enfield")])
def test_on_a_border_the_council_tax_says_where(n, text, borough):
    assert n.extract(text, "borough")["borough"] == borough


def test_functional_skills_at_entry_level_in_either_order(n):
    assert n.extract("Functional skills entry level 3 in maths, that's it")["qualification_level"] == "entry"


@pytest.mark.parametrize("text, level", [("I applied and yes they said bachelor's degree standard", "6"),
                                         ("lost the letter but it said bachelor's degree standard", "6"),
                                         ("no statement, but my degree was taught in English", "unknown")])
def test_a_level_the_statement_gave_counts_whatever_else_is_said(n, text, level):
    assert n.qualification(text, abroad=True) == level


@pytest.mark.parametrize("text", ["none of your business lol", "mind your business lol",
                                  "not comfortable sharing my area online"])
def test_words_of_declining_state_no_value(n, text):
    # "business" had answered the interests question, and "sharing my area online" named a circumstance
    assert not n.states_an_answer(text)
    assert n.extract(text, "borough") == {}


def test_pass_in_a_qualification_is_no_declining(n):
    assert n.extract("12th pass from india", "qualification_level") == {"qualification_abroad": True}


@pytest.mark.parametrize("text, asked, age", [("58. Is that too old for any of this?", "age", 58),
                                              ("64, retired early but bored out of my mind", "age", 64),
                                              ("55, is that a problem", "barriers", None)])
def test_two_digits_opening_a_reply_to_the_age_question_are_the_age(n, text, asked, age):
    # read as a question (find_routes), "58. Is that too old...?" had lost its age
    assert n.extract(text, asked).get("age") == age


@pytest.mark.parametrize("text", ["HNC in electrical engineering", "I have degree from Nigeria in microbiology",
                                  "studied biology at uni back home in Brazil", "pgce, i used to teach science",
                                  "diploma in laboratory technology from Kenya"])
def test_a_subject_studied_in_more_words_is_no_kind_of_work_they_want(n, text):
    # 85 more readings over the older corpora that no writer labelled
    assert "interests" not in n.extract(text, "qualification_level")


def test_a_pupil_who_likes_computers_still_likes_them(n):
    assert n.extract("u got anything 4 a 17yo in year 12 in enfield who likes computers",
                     "start")["interests"] == ["data_and_digital"]


@pytest.mark.parametrize("text, asked", [("I have PTSD from what happened back home", "barriers"),
                                         ("i was a chemist back home so lab please", "interests"),
                                         ("laboratory, i work before in lab in my country", None)])
def test_back_home_with_no_qualification_named_is_no_qualification_from_abroad(n, text, asked):
    # it had marked the qualification as from abroad (13 readings over the older corpora no writer labelled)
    assert "qualification_abroad" not in n.extract(text, asked)


@pytest.mark.parametrize("text, asked", [("im 30 with a degree from back home", None),
                                         ("in my country", "qualification_level")])
def test_back_home_beside_a_qualification_or_at_its_question_is_from_abroad(n, text, asked):
    assert n.extract(text, asked)["qualification_abroad"] is True


def test_a_profession_back_home_still_names_the_work(n):
    # "back home" is no qualification whose subject "nurse" or "hospitals" would be
    assert n.extract("i was a nurse back home, anything in hospitals?") == {"interests": ["healthcare"]}


@pytest.mark.parametrize("text, level", [("Advanced GNVQ in business, 1998", "3"),
                                         ("GNVQ intermediate in science back in the 90s", "2"),
                                         ("foundation gnvq", "1")])
def test_gnvqs_by_their_level(n, text, level):
    assert n.extract(text, "qualification_level")["qualification_level"] == level


@pytest.mark.parametrize("text", ["I'm 15, year 10", "Year 9 so like 14", "doing my gcses",
                                  "Hi I'm helping my nephew, he's 16, doing his GCSEs in Harrow"])
def test_a_pupil_working_towards_first_qualifications_holds_none(n, text):
    """The schema's convention: still at school working towards their first qualifications is none."""
    assert n.extract(text)["qualification_level"] == "none"


@pytest.mark.parametrize("text, level", [("year 12 doing a levels", "2"), ("year 11, got a level 2 btec already", "2"),
                                         ("gcses (all 4s and 5s) and now doin a level 3 btec", "2")])
def test_a_pupil_past_first_qualifications_or_holding_one(n, text, level):
    assert n.extract(text).get("qualification_level") == level


def test_a_pupils_gcses_are_taken_where_they_live(n):
    assert n.extract("doing his GCSEs in Harrow")["borough"] == "Harrow"
    assert "borough" not in n.extract("masters in data science, in Manchester")


def test_a_sorry_after_the_last_place_corrects_nothing(n):
    assert n.extract("wait I put Barnet before, I meant Brent. sorry")["borough"] == "Brent"


def test_a_place_now_after_a_qualification_is_home(n):
    assert n.extract("MSc microbiology, now in Southall, 34")["borough"] == "Ealing"


@pytest.mark.parametrize("text, age", [("18 in 2 weeks!!", 17), ("im 25 in 3 days", 24)])
def test_an_age_a_counted_time_away(n, text, age):
    assert n.age(text) == age
    assert "age" not in n.extract(text)


def test_a_former_job_gives_way_to_the_work_they_want(n):
    assert n.extract("62, retired nurse, Bromley, fancy something in research")["interests"] == ["research"]
    assert n.extract("im a retired nurse")["interests"] == ["healthcare"]
    assert n.extract("I'm 60, recently retired from the post office and want to try lab work")["interests"] \
        == ["laboratory"]
    assert n.extract("i used to work in an office, now want lab work", "interests")["interests"] == ["laboratory"]


@pytest.mark.parametrize("text, borough", [("by Northwick Park hospital", None),
                                           ("whitechapel near the royal london hospital", "Tower Hamlets"),
                                           ("Homerton, by the hospital", "Hackney")])
def test_a_hospital_they_live_near_is_no_work_they_want(n, text, borough):
    said = n.extract(text, "borough")
    assert said.get("borough") == borough and "interests" not in said
    assert n.extract("near the hospital, i want to work in one", "interests")["interests"] == ["healthcare"]


@pytest.mark.parametrize("text, slots", [
    ("why no T level for me? is it cause I'm 20", {"age": 20}),
    ("why only employment support, I've got a PhD", {"qualification_level": "8"}),
    ("why isn't SWAP there? I'm on UC", {"barriers": ["claiming_benefits"]}),
    ("why no access to HE course, I want to be a nurse", {"interests": ["healthcare"]}),
    ("why no apprenticeships?", {}), ("is it cos of my age that there's no apprenticeships?", {}),
    ("why isn't the Work and Health Programme on there, my friend did it", {})])
def test_what_a_question_about_the_routes_says_of_the_resident(n, text, slots):
    assert n.of_themselves(text) == slots


@pytest.mark.parametrize("text, barrier", [("not confidant with computres", "digital_skills"),
                                           ("haven't been able to work since 2019", "long_term_unemployed"),
                                           ("landlord is kicking us out", "homelessness")])
def test_circumstances_misspelt_or_in_dates(n, text, barrier):
    assert barrier in n.extract(text, "barriers")["barriers"]


def test_looking_for_something_after_is_no_caring(n):
    assert "barriers" not in n.extract("year 11 pupil looking for options after gcses")
    assert n.extract("i'm looking after my mum", "barriers")["barriers"] == ["caring_responsibilities"]


@pytest.mark.parametrize("text, back", [("forgot to mention I've got a criminal record", False),
                                        ("I'm on UC as well", False), ("sorry, I meant I'm a carer, not disabled", True),
                                        ("no longer on universal credit", True)])
def test_a_change_that_takes_back_what_was_said(n, text, back):
    assert n.takes_back(text) is back


@pytest.mark.parametrize("text, borough", [("before the age thing, I said Lewisham but I'm actually in Charlton",
                                            "Greenwich"), ("before I answer, I put Harrow but it's Brent", "Brent")])
def test_an_answer_given_before_and_taken_back_with_but(n, text, borough):
    assert n.extract(text)["borough"] == borough
    assert n.borough(text).borough == borough


def test_a_district_said_as_theirs_among_two_is_the_place(n):
    assert n.borough("lab. also my postcode is SE15 not SE16 if that matters").borough == "Southwark"


def test_a_grad_holds_a_degree_but_a_grade_is_none(n):
    assert n.extract("23, uni grad, Lewisham")["qualification_level"] == "6"
    assert n.qualification("GCSE english grade 2 and maths grade 1") == "1"


@pytest.mark.parametrize("text, borough", [("i put bromley by mistake, i'm in croydon", "Croydon"),
                                           ("i used to live in brent but now in harrow", "Harrow"),
                                           ("my mum lives in croydon but i live in lewisham", "Lewisham"),
                                           ("i live with my mum in croydon, work in hackney", "Croydon")])
def test_the_place_they_live_among_others_named(n, text, borough):
    assert n.borough(text).borough == borough
    assert n.extract(text)["borough"] == borough


@pytest.mark.parametrize("text, slots", [("30 - live in E17", {"borough": "Waltham Forest"}),
                                         ("19 / A levels / Islington", {"age": 19, "qualification_level": "3"}),
                                         ("young carer (17) in plaistow", {"age": 17, "borough": "Newham"})])
def test_answers_set_off_by_slashes_brackets_or_live_in(n, text, slots):
    found = n.extract(text)
    assert {k: found.get(k) for k in slots} == slots


@pytest.mark.parametrize("text, interests", [("testing samples for hospitals", ["laboratory"]),
                                             ("selling medical equipment to hospitals", ["business_and_sales"]),
                                             ("i want to work in a lab, or for the nhs", ["laboratory", "healthcare"]),
                                             ("why isnt there anything for pharmacy", ["healthcare"])])
def test_who_the_work_is_for_or_what_is_sold_is_not_the_work(n, text, interests):
    assert n.extract(text, "interests")["interests"] == interests


@pytest.mark.parametrize("text, barriers", [("i only speak a bit of english, mainly tigrinya", ["english_language"]),
                                            ("computers confuse me and im on universal credit",
                                             ["digital_skills", "claiming_benefits"]),
                                            ("my computer skill is very low", ["digital_skills"])])
def test_more_circumstances_at_their_question(n, text, barriers):
    assert sorted(n.extract(text, "barriers")["barriers"]) == sorted(barriers)


@pytest.mark.parametrize("text, barriers", [("ehcp til i was 19, and my mum's my carer, i'm on esa",
                                             ["send_ehcp", "claiming_benefits"]),
                                            ("she has an EHCP and her mum is her carer", ["send_ehcp"]),
                                            ("i'm her carer", ["caring_responsibilities"]),
                                            ("maybe the out of work one? its been over a year",
                                             ["long_term_unemployed"])])
def test_a_carer_of_theirs_is_no_caring(n, text, barriers):
    assert sorted(n.extract(text, "barriers")["barriers"]) == sorted(barriers)


@pytest.mark.parametrize("text, level", [("gcses but low grades, nothing above a 3", "1"),
                                         ("left school at 16 with a few gcses, nothing above a 3 tho", "1"),
                                         ("gcses, nothing above a 5", "2"),
                                         ("gcses all grade 1 and 2 sadly", "1"), ("gcses all 5s and 6s", "2")])
def test_gcses_no_higher_than_a_low_grade_are_level_1(n, text, level):
    assert n.extract(text, "qualification_level")["qualification_level"] == level


def test_work_they_would_not_be_stuck_in_and_an_age_changed_to(n):
    assert n.extract("working with patients not stuck in an office", "interests")["interests"] == ["healthcare"]
    assert n.extract("can you change my age to 19")["age"] == 19


@pytest.mark.parametrize("text, barriers", [("MS, diagnosed 2020", ["disability_or_health"]),
                                            ("depression. been off work a long time because of it",
                                             ["disability_or_health", "long_term_unemployed"]),
                                            ("i took a year off work to travel", None),
                                            ("he has an EHCP and hasn't had any work experience yet",
                                             ["send_ehcp", "no_work_experience"]),
                                            ("Client: UC claimant, LTU, limited IT",
                                             ["claiming_benefits", "long_term_unemployed", "digital_skills"]),
                                            ("no qualifications on UC", ["claiming_benefits"]),
                                            ("no longer on UC", None), ("no previous convictions", None)])
def test_circumstances_a_work_coach_or_a_resident_states_in_brief(n, text, barriers):
    said = n.extract(text, "barriers")
    assert said.get("barriers") == barriers and "interests" not in said      # "limited IT" is no interest in IT


@pytest.mark.parametrize("text, level", [("maths gcse 5, english 3", "2"), ("maths gcse 3, english gcse 2", "1"),
                                         ("They told me my degree is same as UK Master", "7")])
def test_a_grade_after_the_word_gcse_and_a_uk_master(n, text, level):
    assert n.extract(text, "qualification_level")["qualification_level"] == level


@pytest.mark.parametrize("text", ["Never went to school properly, in Afghanistan girls couldn't go after age 12",
                                  "I left school in Somalia when I was 12, no certificates"])
def test_a_country_where_they_had_no_schooling_is_no_qualification_from_abroad(n, text):
    assert n.qualification(text) == "none"
    with pytest.raises(FromAbroad):
        n.qualification("university in Bangladesh but no paper here")


@pytest.mark.parametrize("text, said", [
    ("a police caution for shoplifting when I was 16", {"barriers": ["criminal_record"]}),    # then, not their age
    ("diagnosed with ME/CFS last year", {"barriers": ["disability_or_health"]}),
    ("signing on for jsa 3 years now", {"barriers": ["claiming_benefits", "long_term_unemployed"]}),
    ("14 months without a job", {"barriers": ["long_term_unemployed"]}),
    ("5 months without a job", {}),                              # under a year is not long-term unemployment
    ("lost my job in 2019, nothing since", {"barriers": ["long_term_unemployed"]}),
    ("i help my dad at his shop on weekends", {}),               # work in a relative's shop is no caring
    ("i help my dad with his meds", {"barriers": ["caring_responsibilities"]}),
    ("been kipping on night buses", {"barriers": ["homelessness"]})])
def test_circumstances_said_in_passing(n, text, said):
    assert n.extract(text, "barriers") == said


def test_what_is_said_beside_a_level_or_an_interest(n):
    assert "laboratory" in n.extract("data as well, not just labs", "interests")["interests"]
    assert "ai" not in str(n.extract("i aint got no clue", "interests"))              # "aint" holds no AI
    assert n.qualification("nothing lol") == "none" and n.qualification("i ain't got none") == "none"
    assert n.qualification("the letter says my diploma is comparable to RQF level 4", abroad=True) == "4"
    assert n.qualification("no but my old boss said it is like a UK degree", abroad=True) == "unknown"


@pytest.mark.parametrize("text, asked, borough", [("lab work like what they do at the crick", "interests", None),
                                                  ("I live near the Crick", "interests", "Camden"),
                                                  ("the crick", "borough", "Camden")])
def test_a_landmark_away_from_the_borough_question_is_where_they_live_only_if_they_say_so(n, text, asked, borough):
    assert n.extract(text, asked).get("borough") == borough


@pytest.mark.parametrize("text, level", [("failed all my gcses, mostly Us", "none"),
                                         ("I failed maths GCSE but passed the rest", "2"),
                                         ("failed english gcse, got 6 others", "2"),
                                         ("failed my A levels but I have GCSEs", "2")])
def test_a_qualification_failed_outright_is_not_held(n, text, level):
    assert n.qualification(text) == level


@pytest.mark.parametrize("text", ["did time for robbery when I was younger", "should have said, I have a conviction"])
def test_a_sentence_opening_like_a_question_that_tells(text):
    from knowledge.normalise import is_question
    assert not is_question(text)


@pytest.mark.parametrize("text, barriers", [("I do the cooking and washing for my grandad", ["caring_responsibilities"]),
                                            ("my mum does the shopping", None)])
def test_caring_in_the_chores_done_for_a_relative(n, text, barriers):
    assert n.extract(text, "barriers").get("barriers") == barriers


@pytest.mark.parametrize("text, level", [("no, but my old boss said it is like a UK degree", "unknown"),
                                         ("No. my degree papers are still in Kabul", "unknown"),
                                         ("no, sorry, it says level 6", "6")])
def test_a_no_to_the_uk_enic_question_is_the_answer_unless_it_is_corrected(n, text, level):
    assert n.qualification(text, abroad=True) == level


@pytest.mark.parametrize("text, barriers", [("I don't have an email address and I can't really use a smartphone",
                                             ["digital_skills"]),
                                            ("no fixed address at the moment", ["homelessness"]),
                                            ("i don't have an address, sofa surfing", ["homelessness"])])
def test_an_email_address_is_no_home(n, text, barriers):
    assert n.extract(text, "barriers").get("barriers") == barriers


@pytest.mark.parametrize("text, level", [("im 17 left school last yr with nothing", "none"),
                                         ("i have gcse but low grade like 2 and 3", "1")])
def test_leaving_school_lately_with_nothing_and_low_grades_in_other_words(n, text, level):
    assert n.extract(text, "age")["qualification_level"] == level


def test_not_applicable_and_web_design(n):
    assert n.barriers("Not applicable") == []
    assert n.interests("web design") == ["data_and_digital"]


@pytest.mark.parametrize("text, barriers", [
    ("I'm raising my grandkids", ["caring_responsibilities"]),
    ("computer i cannot use", ["digital_skills"]),                  # spaCy splits "cannot" into "can" and "not"
    ("I'm dyslexic and computers stress me out", ["disability_or_health", "digital_skills"]),
    ("been on jobseekers for over a year", ["claiming_benefits", "long_term_unemployed"]),
    ("out of the workplace 12 years", ["long_term_unemployed"]),
    ("my english is beginning", ["english_language"]),
    ("neva had a job b4", ["no_work_experience"]),
    ("got nicked for possession a few years back", ["criminal_record"]),
    ("just the english", ["english_language"]),
    ("I can use computers fine", None),
])
def test_circumstances_in_more_of_residents_words(n, text, barriers):
    assert n.extract(text, "barriers").get("barriers") == barriers


def test_a_circumstance_they_did_not_mention_before_is_told(n):
    assert n.extract("I didn't mention I have MS, will that stop me?").get("barriers") == ["disability_or_health"]
    assert n.extract("I don't have MS").get("barriers") is None


@pytest.mark.parametrize("text, interests", [
    ("not really sure", ["not_sure"]), ("still figuring it out", ["not_sure"]),
    ("I want to be a scientist who finds cures", ["research"]), ("I want research new medicine", ["research"]),
    ("managing projects, organising stuff", ["business_and_sales"]),
    ("I'd prefer hospital work over labs", ["healthcare"]), ("I prefer labs over everything", ["laboratory"]),
])
def test_kinds_of_work_in_more_of_residents_words(n, text, interests):
    assert n.extract(text, "interests").get("interests") == interests


def test_a_level_they_study_now_is_not_held(n):
    assert n.extract("esol entry 3, i study now level 1", "qualification_level")["qualification_level"] == "entry"
    # without "now", "study" is how many say they studied: still a qualification from abroad
    assert [m.id for m in n.find("I study nurse in Philippines 4 years", "qualification")] == ["?overseas"]


def test_stamford_bridge_is_in_hammersmith_and_fulham(n):
    assert n.extract("next to Stamford Bridge lol", "borough")["borough"] == "Hammersmith and Fulham"


def test_documents_sent_with_nothing_back_is_no_statement_yet(n):
    assert n.qualification("sent the documents off in march, nothing back yet", abroad=True) == "unknown"


@pytest.mark.parametrize("text, interests", [("research, i have a PhD in chemistry", ["research"]),
                                             ("maybe research? I liked biology at school", ["research"]),
                                             ("chemistry", ["laboratory"]),           # alone, it is the work
                                             ("i wanna be the scientist who finds a cure for cancer", ["research"])])
def test_a_subject_they_studied_gives_way_to_the_work_they_name(n, text, interests):
    assert n.extract(text, "interests").get("interests") == interests
    assert n.extract(text, "interests").get("barriers") is None       # the cancer is the one they would cure


@pytest.mark.parametrize("text, barriers", [
    ("care leaver and currently got nowhere permanent to live", ["care_leaver", "homelessness"]),
    ("out of work since 2021 with my back, on UC", ["long_term_unemployed", "disability_or_health",
                                                    "claiming_benefits"]),
    ("not worked for 18 months", ["long_term_unemployed"]), ("no xp", ["no_work_experience"]),
    ("never worked, been looking for 2 years", ["no_work_experience", "long_term_unemployed"]),
    ("refuge status, english second langauge", ["refugee", "english_language"]),
    ("mental health problems, and a record from years ago", ["disability_or_health", "criminal_record"]),
])
def test_circumstances_in_the_twenty_sixth_sessions_words(n, text, barriers):
    assert n.extract(text, "barriers").get("barriers") == barriers


@pytest.mark.parametrize("text, barriers, age", [
    ("my son has autism and an EHCP (hes 17)", ["disability_or_health", "send_ehcp"], 17),
    ("my son has an EHCP (I'm his mum, filling this in with him)", ["send_ehcp"], None),
    ("my son has an EHCP, nothing for me though", None, None),             # his, and said not to be theirs
    ("I look after my daughter, she has an EHCP", ["caring_responsibilities"], None),
])
def test_family_typing_for_the_relative_whose_ehc_plan_they_name(n, text, barriers, age):
    said = n.extract(text, "barriers")
    assert (said.get("barriers"), said.get("age")) == (barriers, age)


@pytest.mark.parametrize("text, age", [("my son is 19 he has autism and an EHCP, we live in harrow", 19),
                                       ("my daughter is 16 but this is for me, I'm 42", 42),
                                       ("im 45, been a black cab driver 20 yrs, live in bexley", 45),
                                       ("21 looking at working in pharma manufacturing", 21)])
def test_whose_age_a_number_is(n, text, age):
    assert n.extract(text).get("age") == age


def test_a_qualification_from_abroad_without_a_statement_in_any_message(n):
    said = n.extract("I'm 38, qualified nurse from Kenya but not registered here yet, no ENIC. Living in Enfield")
    assert (said["qualification_abroad"], said["qualification_level"], said["borough"]) == (True, "unknown", "Enfield")
    assert n.qualification("no sorry. But it was a 4 year degree", abroad=True) == "unknown"   # an apology
    assert n.qualification("no, sorry, it says level 6", abroad=True) == "6"                   # a correction
    assert n.qualification("na", abroad=True) == "unknown"


def test_sitting_exams_and_a_home_after_a_qualification(n):
    assert n.extract("year 11, sitting gcses in may", "qualification_level")["qualification_level"] == "none"
    assert n.extract("left school with O levels, lived in Beckenham all my life")["borough"] == "Bromley"


def test_health_data_is_data_work(n):
    assert n.extract("would like to move into health data", "interests")["interests"] == ["data_and_digital"]


def test_a_no_is_not_carried_into_a_phrase_that_opens_a_clause_or_holds_its_own(n):
    assert n.extract("39 no quals and a record")["barriers"] == ["criminal_record"]
    assert n.extract("19 no quals no job exp from barking")["barriers"] == ["no_work_experience"]
    assert n.extract("no, i don't have a record", "barriers").get("barriers") is None     # still taken back


@pytest.mark.parametrize("text, asked, want", [
    ("im 17 n on the spectrum", "age", {"age": 17, "barriers": ["disability_or_health"]}),
    ("I have none, I was home schooled and never sat exams", "qualification_level", {"qualification_level": "none"}),
    ("still at school, I do my GCSEs next summer", "qualification_level", {"qualification_level": "none"}),
    ("working in a chemist like Boots", "interests", {"interests": ["healthcare"]}),
    ("taking blood from people", "interests", {"interests": ["healthcare"]}),
    ("I enjoy looking after old people", "interests", {"interests": ["healthcare"]}),   # work, not caring at home
    # a sign holding another value's words: one kind of work, not medicine as healthcare too
    ("something in a factory that makes tablets and medicine", "interests", {"interests": ["manufacturing"]}),
    ("22. hackney. none of the barrier things. lab or research", None,
     {"age": 22, "borough": "Hackney", "outside_london": False, "barriers": [], "interests": ["laboratory", "research"]}),
])
def test_answers_in_residents_words_from_corpus_fresh27(n, text, asked, want):
    said = n.extract(text, asked)
    assert {k: said.get(k) for k in want} == want


def test_i_be_is_i_am_but_ill_be_is_to_come(n):
    assert (n.age("I be 28"), n.age("I'll be 28 next month")) == (28, 27)


def test_no_circumstances_said_by_name_among_other_answers(n):
    assert n.extract("27, hackney, no barriers, into data")["barriers"] == []
    assert n.extract("no barriers but i have a record")["barriers"] == ["criminal_record"]     # one named wins


def test_a_school_year_just_finished_gives_the_age_and_no_school_year_is_an_age(n):
    assert "qualification_level" not in n.extract("I'm 16 I've just finished year 11", "age")   # results to come
    assert n.extract("im in year 11", "age") == {"age": 16, "qualification_level": "none"}
    for text in ("finished year 11", "dropped out in year 10"):      # when is not said: the age question asks again
        with pytest.raises(InputError):
            n.age(text)


@pytest.mark.parametrize("text, asked, want", [
    ("my parents kicked me out and I'm staying with different friends", "barriers", {"barriers": ["homelessness"]}),
    ("Deaf, BSL is my first language", "barriers", {"barriers": ["disability_or_health", "english_language"]}),
    ("been on the dole 5 years no one wants me", "barriers", {"barriers": ["claiming_benefits",
                                                                           "long_term_unemployed"]}),
    ("BEd and QTS", "qualification_level", {"qualification_level": "6"}),
    ("elephant n castle", "borough", {"borough": "Southwark", "outside_london": False}),
    ("looking after people, like a care assistant", "interests", {"barriers": ["caring_responsibilities"],
                                                                  "interests": ["healthcare"]}),
])
def test_answers_in_residents_words_corpus_fresh28(n, text, asked, want):
    assert n.extract(text, asked) == want


def test_a_benefit_a_relative_claims_is_theirs(n):
    assert "barriers" not in n.extract("my partner claims UC, I don't, nothing else applies", "barriers")
    assert n.extract("my partner and i claim uc", "barriers")["barriers"] == ["claiming_benefits"]


@pytest.mark.parametrize("text, asked, want", [
    ("48 year old from eltham been out of work a long time", None,        # a place inside a circumstance's sign
     {"age": 48, "borough": "Greenwich", "outside_london": False, "barriers": ["long_term_unemployed"]}),
    ("i don't live in sutton anymore i moved to croydon", None, {"borough": "Croydon", "outside_london": False}),
    ("i dont live in sutton, i live in croydon", None, {"borough": "Croydon", "outside_london": False}),
    ("helthcare or labratory", "interests", {"interests": ["healthcare", "laboratory"]}),
    ("the people on crime shows testing DNA, that looks cool", "interests", {"interests": ["laboratory"]}),
    ("i like taking things apart and putting them back together", "interests", {"interests": ["engineering"]}),
    ("asylum seeker, english not first language and no job in uk before", "barriers",
     {"barriers": ["asylum_seeker", "english_language", "no_work_experience"]}),
    ("hounslow, i have a hearing impairment if that matters", "borough",
     {"borough": "Hounslow", "outside_london": False, "barriers": ["disability_or_health"]}),
])
def test_answers_in_residents_words_corpus_fresh29(n, text, asked, want):
    assert n.extract(text, asked) == want


def test_a_typo_at_the_open_question_counts_but_a_word_in_everyday_use_is_none(n):
    assert n.extract("homless and disabld", "barriers")["barriers"] == ["homelessness", "disability_or_health"]
    assert n.extract("pharma production line", "interests")["interests"] == ["manufacturing"]    # not pharmacy
    assert n.extract("asylum seeker, in hotel", "barriers")["barriers"] == ["asylum_seeker"]     # not a hostel
    assert "interests" not in n.extract("helthcare", "barriers")           # another question's typo waits


@pytest.mark.parametrize("text, age", [("thirty fiv", 35), ("twenty sevn", 27), ("forty nin", 49),
                                       ("thirty for now", 30)])
def test_a_short_unit_typed_wrong_after_a_tens_word(n, text, age):
    assert n.age(text) == age


@pytest.mark.parametrize("text, asked, want", [
    ("i was locked up till last year", "barriers", ["criminal_record"]),
    ("just released from HMP Pentonville", "barriers", ["criminal_record"]),
    ("living in a shelter", "barriers", ["homelessness"]),
    ("i struggle to read and write in english", "barriers", ["english_language"]),
    ("only ever done volunteering", "barriers", ["no_work_experience"]),
    ("recovering from addiction", "barriers", ["disability_or_health"]),
])
def test_prison_shelters_reading_volunteering_and_addiction_in_residents_words(n, text, asked, want):
    assert n.extract(text, asked)["barriers"] == want


@pytest.mark.parametrize("text, want", [
    ("i want to help sick people", ["healthcare"]), ("dentistry", ["healthcare"]), ("ambulance work", ["healthcare"]),
    ("testing water samples", ["laboratory"]), ("analysing blood", ["laboratory"]),
    ("making websites", ["data_and_digital"]), ("working with tools", ["engineering"]), ("plumbing", ["engineering"]),
    ("packing medicines", ["manufacturing"]), ("researching cancer", ["research"]),
])
def test_sick_people_samples_websites_tools_and_packing_in_residents_words(n, text, want):
    assert n.extract(text, "interests")["interests"] == want


def test_a_job_or_a_relative_in_a_care_home_is_no_interest(n):
    assert "interests" not in n.extract("I just started working in a care home", "qualification_level")
    assert "interests" not in n.extract("my nan is in a care home", "barriers")


def test_what_a_route_is_not_holds_no_qualification(n):
    for text in ("can you show me a few more that aren't apprenticeships", "why isnt the T level on my list"):
        assert "qualification_level" not in n.extract(text)
    assert n.extract("not got any gcses", "qualification_level")["qualification_level"] == "none"


def test_a_date_of_birth_gives_the_age_and_a_year_alone_asks_which_of_two():
    from datetime import date
    today = date.today()
    n = normaliser()
    assert n.age("dob 12/03/1998") == today.year - 1998 - ((today.month, today.day) < (3, 12))
    assert n.age("Client aged 18 (DOB 2008)") == 18                   # an age said beside it is the answer
    with pytest.raises(AmbiguousInput) as asked:
        n.age("i was born in 2001")
    assert asked.value.choices == (str(today.year - 2002), str(today.year - 2001))


@pytest.mark.parametrize("text, want", [
    ("not really into labs, maybe engineering", ["engineering"]),
    ("i like computers, not so much labs", ["data_and_digital"]),
    ("i don't want to work in a lab, research though", ["research"]), ("labs aren't for me, healthcare", ["healthcare"]),
    ("lab work. my sister works in research but that's not for me", ["laboratory"]),
    ("i dont mind labs", ["laboratory"]), ("not just labs, data too", ["laboratory", "data_and_digital"]),
])
def test_work_they_say_they_dont_want_is_no_interest(n, text, want):
    assert n.extract(text, "interests")["interests"] == want


@pytest.mark.parametrize("text, want", [
    ("my mum wants me to do nursing but i want to do engineering", ["engineering"]),
    ("my dad wants me to be a doctor but i actually like computers", ["data_and_digital"]),
    ("my son wants to do lab work", ["laboratory"]),                     # typed for him: the only work named
    ("my cousin works in manufacturing and says it pays, so maybe that too. lab work",
     ["manufacturing", "laboratory"]),
])
def test_a_relatives_work_gives_way_to_the_work_they_name(n, text, want):
    assert sorted(n.extract(text, "interests")["interests"]) == sorted(want)


@pytest.mark.parametrize("text, asked", [
    ("i got kicked out in year 9 and never went back. im 17 now", None), ("Im 16 left school w nothing", "age"),
    ("got U's in everything", "qualification_level"), ("got Us in all my gcses", "qualification_level"),
    ("I said GCSEs but I never actually passed any, I got U's", None),
])
def test_leaving_school_early_or_with_u_grades_is_no_qualification(n, text, asked):
    got = n.extract(text, asked)
    assert got["qualification_level"] == "none" and "interests" not in got


def test_one_u_grade_beside_a_pass_is_still_the_pass(n):
    assert n.qualification("gcses, a U in maths and a 5 in english") == "2"
    assert n.qualification("got U's in everything") == "none"


@pytest.mark.parametrize("text", ["I studied pharmacy in Syria, got my refugee status in 2023, living in Ilford now",
                                  "31, i studied chemistry in Colombia", "I trained as a nurse in Nigeria"])
def test_study_finished_abroad_is_a_qualification_from_abroad(n, text):
    assert n.extract(text).get("qualification_abroad") is True


@pytest.mark.parametrize("text", ["We don't have GCSEs in my country, I finished high school in Brazil",
                                  "I studied pharmacy 5 years in Syria but I have no papers now"])
def test_study_abroad_asks_for_a_statement_whatever_is_denied_beside_it(n, text):
    with pytest.raises(FromAbroad):
        n.qualification(text)


@pytest.mark.parametrize("text, level", [("I left school in Somalia when I was 12, no certificates", "none"),
                                         ("i go school little bit in afghanistan, no certificate nothing", "none"),
                                         ("went to school in Nigeria but came here at 14 and did my GCSEs here", "2")])
def test_school_abroad_left_or_followed_by_school_here_is_what_they_hold(n, text, level):
    assert n.qualification(text) == level


@pytest.mark.parametrize("text", ["negative", "My brother did it for his engineering degree, I never did for mine",
                                  "I have the certificate of my degree and the transcript, that's all",
                                  "I only have the apostille", "my husband sorted the papers, I'd have to check with him"])
def test_no_statement_in_other_words_leaves_the_level_unknown(n, text):
    assert n.qualification(text, abroad=True) == "unknown"
    assert n.qualification("it says bachelors degree, I only have the apostille too", abroad=True) == "6"


@pytest.mark.parametrize("text, age", [("Live in Bow. 26.", 26), ("Im a single mum in Dagenham and I'm on UC. 41.", 41),
                                       ("Hey there! I'm Amira, 26. Live in Kensington.", 26)])
def test_an_age_as_a_sentence_of_its_own_beside_other_answers(n, text, age):
    assert n.extract(text)["age"] == age


def test_a_statement_is_denied_only_in_its_own_sentence(n):
    said = n.extract("I did my nursing degree in Egypt but can't practise here yet. UK ENIC said it's comparable "
                     "to a bachelor's degree.")
    assert said.get("qualification_level") != "unknown"
    assert n.extract("nurse from Kenya, no ENIC")["qualification_level"] == "unknown"


@pytest.mark.parametrize("text, place", [("moved from Leeds to Hackney last year", "Hackney"),
                                         ("Im 24 yeah, just moved from Manchester to Leyton", "Waltham Forest"),
                                         ("moved to Hounslow from Leicester", "Hounslow")])
def test_the_place_moved_from_is_left(n, text, place):
    assert n.borough(text).borough == place and n.extract(text)["borough"] == place


def test_a_place_over_the_border_from_a_borough_is_outside_london(n):
    assert n.extract("Cheshunt, just over the border from Enfield")["outside_london"] is True
    assert n.extract("what's the quickest way to get to Stratford from Liverpool Street") == {}    # a journey


def test_predicted_grades_are_not_held_yet(n):
    assert n.qualification("i'm in year 11, predicted 5s and 6s") == "none"


def test_the_borough_on_the_border_of_another_is_home(n):
    assert n.borough("I'm in Croydon, right on the Sutton border though").borough == "Croydon"


def test_a_topic_declined_is_not_stated(n):
    assert n.extract("rather not say about the health stuff but I'm on JSA", "barriers")["barriers"] == \
        ["claiming_benefits"]


def test_an_age_stated_beside_a_school_year_left_long_ago_is_the_age(n):
    got = n.extract("I'm 21, but I had to repeat year 11 because I was ill", "age")
    assert got["age"] == 21 and "qualification_level" not in got
    assert n.extract("im 15 in year 11", "age")["age"] == 16            # a pupil's year still gives the age
    assert n.extract("I'm 19, in Year 13 because I repeated a year", "age")["age"] == 19     # older than the year


@pytest.mark.parametrize("text, age", [("care leaver 20 haringey", 20), ("ex offender 25 croydon", 25),
                                       ("yo, 19 n got nothin, no gcses", 19)])
def test_an_age_between_two_answers_is_the_age(n, text, age):
    assert n.extract(text).get("age") == age
    assert "age" not in n.extract("unemployed 18 months hackney")


@pytest.mark.parametrize("text", ["I dont have any", "i have none", "never done any exams"])
def test_having_none_in_plain_words_is_no_qualification(n, text):
    assert n.qualification(text) == "none"


def test_mostly_u_grades_with_one_low_grade_is_level_1(n):
    assert n.qualification("my gcses were mostly Us and one G") == "1"
    assert n.qualification("got U's in everything") == "none"


def test_unsure_of_a_statement_leaves_the_level_unknown(n):
    assert n.qualification("unsure tbh", abroad=True) == "unknown"


def test_kings_cross_station_is_camden_but_kings_cross_alone_is_asked(n):
    assert n.extract("I'm in a hostel near Kings Cross station", "borough")["borough"] == "Camden"
    assert "borough" not in n.extract("kings cross", "borough")


@pytest.mark.parametrize("text", ["I don't want to share my health stuff", "I'd rather not go into my health stuff"])
def test_a_topic_declined_after_my_is_not_stated(n, text):
    assert n.extract(text, "barriers") == {}
    assert n.extract("don't want to share my postcode, I live in Hackney", "borough")["borough"] == "Hackney"


@pytest.mark.parametrize("text", ["left college before finishing my level 3, I have a level 2 BTEC",
                                  "dropped out of my level 3 course, I have level 2",
                                  "got my gcses then gave up on a levels"])
def test_a_qualification_given_up_before_it_was_finished_is_not_held(n, text):
    assert n.extract(text, "qualification_level")["qualification_level"] == "2"


def test_circumstances_denied_one_by_one_are_none_of_them(n):
    got = n.extract("im 24, no kids, not disabled, no record, nothing like that. im in sutton")
    assert got["barriers"] == [] and got["age"] == 24
    assert n.extract("45, no record, single mum")["barriers"] == ["caring_responsibilities"]
    assert "barriers" not in n.extract("30, not disabled")                      # one denied says nothing of the rest


def test_their_own_age_beside_a_friends_is_the_age(n):
    assert n.extract("me and my mate both want to do lab stuff, im 20 shes 21")["age"] == 20
    assert n.extract("she is 23", "age")["age"] == 23                  # a work coach's or a parent's answer


def test_cant_choose_is_not_sure(n):
    assert n.extract("all of it sounds good, can't choose", "interests")["interests"] == ["not_sure"]
    both = n.extract("i cant decide between lab and healthcare", "interests")["interests"]
    assert both == ["laboratory", "healthcare"]


def test_a_sign_takes_the_word_in_its_own_clause(n):
    # "long" is as near to "off" as "years", but across the comma
    assert n.extract("long covid, been off work over 2 years", "barriers")["barriers"] == [
        "disability_or_health", "long_term_unemployed"]


@pytest.mark.parametrize("text", ["Computers are a nightmare for me.", "not gd wiv computers"])
def test_computers_in_trouble_are_a_circumstance_not_an_interest(n, text):
    got = n.extract(text, "barriers")
    assert got["barriers"] == ["digital_skills"] and "interests" not in got


def test_a_job_given_up_years_ago_is_long_term_unemployment(n):
    text = "I've had long covid since 2021 and had to give up my job, I've been on universal credit since"
    assert "long_term_unemployed" in n.extract(text, "barriers")["barriers"]
    assert n.extract("nvr had a job", "barriers")["barriers"] == ["no_work_experience"]


def test_a_carer_in_the_past_is_not_caring_now(n):
    assert "barriers" not in n.extract("i was a carer for my wife for 10 yrs, she passed in march", "barriers")
    assert n.extract("I'm a carer for my mum", "barriers")["barriers"] == ["caring_responsibilities"]


def test_no_gcse_at_c_is_level_1(n):
    assert n.extract("GCSEs at D and E, didn't get any Cs", "qualification_level")["qualification_level"] == "1"


def test_school_finished_abroad_said_after_other_answers_is_from_abroad(n):
    for text in ("i am 36 i live east ham english is not my first language i finish school in bangladesh",
                 "26, finished secondary school in Syria, refugee status granted, want to work in healthcare here"):
        assert n.extract(text)["qualification_abroad"] is True, text
    assert n.extract("I didn't finish school in Syria")["qualification_level"] == "none"


def test_an_age_now_between_commas_is_the_age(n):
    assert n.extract("left school at 15 with nothing, 34 now, live in dagenham")["age"] == 34
    assert "age" not in n.extract("I have 2 kids, 10 now")


def test_no_job_since_a_year_long_gone_is_long_term_unemployment(n):
    assert n.extract("no job since 2021, on universal credit", "barriers")["barriers"] == [
        "long_term_unemployed", "claiming_benefits"]
    assert n.extract("unemployed a long time now", "barriers")["barriers"] == ["long_term_unemployed"]
    assert "barriers" not in n.extract("i've worked since 2019", "barriers")              # in work since then
    assert "barriers" not in n.extract("not unemployed for long, 3 months", "barriers")


def test_nothing_applies_among_other_answers_is_none_of_the_circumstances(n):
    got = n.extract("21, A levels, Ealing, nothing applies, into computers/data", "age")
    assert (got["age"], got["borough"], got["barriers"]) == (21, "Ealing", [])
    assert n.extract("croydon and none of the other stuff applies to me", "borough")["barriers"] == []
    # one named beside "none of the others": that one
    assert n.extract("hackney, i'm a carer, none of the others apply", "borough")["barriers"] == [
        "caring_responsibilities"]


@pytest.mark.parametrize("text", ["actually none, i never sat them",
                                  "didnt get any, moved schools loads when i was in care"])
def test_none_said_first_at_the_qualification_question_is_none(n, text):
    assert n.qualification(text) == "none"
    assert n.qualification("didnt get any As but got my gcses") == "2"


def test_more_qualifications_circumstances_and_work_in_residents_words(n):
    assert n.qualification("AS and A2 levels") == "3"
    assert n.extract("bad eyesight so struggle with computers", "barriers")["barriers"] == [
        "disability_or_health", "digital_skills"]
    assert n.extract("I like to help the sick people", "interests")["interests"] == ["healthcare"]
    assert n.extract("she hasnt decided yet", "interests")["interests"] == ["not_sure"]


def test_not_knowing_the_work_is_told_apart_from_any_work_doing(n):
    assert n.unsure_of_the_work("idk tbh") and n.unsure_of_the_work("she hasnt decided yet")
    assert not n.unsure_of_the_work("just show me everything")
    assert not n.unsure_of_the_work("everything is too much right now")


def test_ignoring_what_was_said_is_no_question():
    assert not is_question("ignore what i said, none of them apply really")
    assert is_question("what about t levels")


def test_an_age_typed_by_mistake_is_not_the_age(n):
    assert n.age("23 sorry i put 32 by mistake") == 23
    assert n.age("i put 45 by accident, im 54") == 54
    assert n.age("32 by mistake") == 32               # nothing else to take


def test_an_address_they_keep_to_themselves_is_no_home_lost(n):
    assert "barriers" not in n.extract("Customer prefers not to share their address", "borough")
    assert n.mentions_answer("Customer prefers not to share their address") == "decline"
    assert n.extract("i have no address right now", "barriers")["barriers"] == ["homelessness"]


@pytest.mark.parametrize("asked, text, want", [
    (None, "hi 19 m from wood green no job no qualifications", {"age": 19}),
    (None, "24 f, hackney", {"age": 24}),
    ("age", "my kids are 5 m and 7 f", {}),
    ("qualification_level", "Year 11, waiting for my gcse results", {"qualification_level": "none"}),
    ("qualification_level", "im waiting for my degree certificate", {"qualification_level": "6"}),
    ("qualification_level", "failed gcse maths with a 2 and english with a 3", {"qualification_level": "1"}),
    ("qualification_level", "failed all my gcses", {"qualification_level": "none"}),
    ("qualification_level", "failed maths with a 3 but got a 5 in english", {"qualification_level": "2"}),
    ("qualification_level", "my wife has a BSc from Bangladesh, I'm typing for her", {"qualification_abroad": True}),
    ("barriers", "my English is ok but it's my second language", {"barriers": ["english_language"]}),
    ("interests", "website and app design", {"interests": ["data_and_digital"]}),
    ("age", "nineteen, live in Elephant", {"borough": "Southwark"}),
    (None, "ignore what I said about computers, I want to work in the NHS", {"interests": ["healthcare"]}),
    (None, "forget what i said about hackney, i live in camden", {"borough": "Camden"}),
    (None, "I want my data removed", {"interests": None}),
    ("interests", "doing a data course", {"interests": ["data_and_digital"]}),
    (None, "18 just finished a levels", {"age": 18, "qualification_level": "3"}),
    ("barriers", "my son has an education health care plan", {"barriers": ["send_ehcp"]}),
    ("barriers", "I look after my daughter, she has an EHCP", {"barriers": ["caring_responsibilities"]}),
    ("barriers", "i was looking after my grandad for years until he passed, and i'm on universal credit now",
     {"barriers": ["claiming_benefits"]}),
    ("interests", "designing robots", {"interests": ["engineering"]})])
def test_corpus_fresh36s_misreadings(n, asked, text, want):
    # an age given as "19 m"; results still awaited; failed with grades 1-3 is level 1; a relative typed for; English
    # as a second language; the Elephant; a value they ask us to ignore
    got = n.extract(text, asked)
    assert {k: got.get(k) for k in want} == want and (want or not got.get("age"))


@pytest.mark.parametrize("asked, text, want", [
    ("borough", "near Kings Cross st pancras", {"borough": "Camden"}),
    ("barriers", "home office not decide yet my case", {"barriers": ["asylum_seeker"]}),
    ("after", "actually I'd rather healthcare than labs", {"interests": ["healthcare"]})])
def test_corpus_fresh37s_misreadings(n, asked, text, want):
    got = n.extract(text, None if asked == "after" else asked)
    assert {k: got.get(k) for k in want} == want


def test_none_in_dialect_is_none(n):
    assert n.answer("i aint got any") == "none"


@pytest.mark.parametrize("text, level", [("I'm still in year 11, mocks were mostly 5s", "none"),
                                         ("year 13, predicted ABB in my A levels, got 9 GCSEs at 6 and above", "2")])
def test_mock_results_and_predicted_grades_are_not_held(n, text, level):
    assert n.extract(text, "qualification_level")["qualification_level"] == level


def test_a_relative_s_qualification_is_the_answer_when_family_type_for_them(n):
    # the circumstance in the same message was already read as the son's (corpus_fresh39)
    said = n.extract("my son has no qualifications, he has SEN and struggled at school", "qualification_level")
    assert said["qualification_level"] == "none" and said["barriers"] == ["send_ehcp"]
    assert "qualification_level" not in n.extract("my brother has a degree but I have nothing", "qualification_level")


@pytest.mark.parametrize("asked, text, want", [
    ("qualification_level", "just functional skills lvl 2 in english, nothing else", {"qualification_level": "2"}),
    ("qualification_level", "Level 1 functional skills maths, still trying for level 2", {"qualification_level": "1"}),
    ("qualification_level", "btec nat dip in sport", {"qualification_level": "3"}),
    ("qualification_level", "nothing from school. did some courses inside but no certificates",
     {"qualification_level": "none", "barriers": ["criminal_record"]}),
    ("barriers", "only volunteering, never a paid job", {"barriers": ["no_work_experience"]}),
    ("interests", "I not know. English is hard for me", {"interests": ["not_sure"], "barriers": ["english_language"]})])
def test_corpus_fresh40s_misreadings(n, asked, text, want):
    got = n.extract(text, asked)
    assert {k: got.get(k) for k in want} == want


@pytest.mark.parametrize("asked, text, want", [
    ("start", "year 11 student looking for options after my gcses", {"age": 16, "qualification_level": "none"}),
    ("qualification_level", "DDEEF at gcse", {"qualification_level": "1"}),
    ("qualification_level", "left school at 16 with Cs and Ds", {"qualification_level": "2"}),
    ("enic", "yeh it came back as level 5", {"qualification_level": "5"}),
    ("barriers", "no settled place, moving between family members", {"barriers": ["homelessness"]}),
    ("barriers", "Out of work a long time and I'm on ESA for my heart",
     {"barriers": ["long_term_unemployed", "claiming_benefits", "disability_or_health"]}),
    ("interests", "helping doctors find new treatments", {"interests": ["research"]})])
def test_corpus_fresh41s_misreadings(n, asked, text, want):
    got = n.extract(text, None if asked == "start" else asked)
    assert {k: got.get(k) for k in want} == want


@pytest.mark.parametrize("text, level", [("A*AA in bio chem maths", None), ("not left school yet, year 13, predicted AAB",
                                                                            None),
                                         ("GCSEs - B in english C in maths and a couple of Ds", "2"),
                                         ("got my AS levels", "3")])
def test_grades_in_capitals_tell_only_gcses_held(n, text, level):
    assert n.extract(text, "qualification_level").get("qualification_level") == level


@pytest.mark.parametrize("text, level", [("My certificates are still in Kabul, I have nothing here to send", "unknown"),
                                         ("applied 3 weeks ago, they said 15 working days", "unknown"),
                                         ("not yet, my work coach said he would help me apply", "unknown"),
                                         ("Yeah mine came back as level 4", "4"),
                                         ("Law degree from India and an LLM from Queen Mary", "7")])
def test_answers_at_the_uk_enic_question(n, text, level):
    assert n.qualification(text, abroad=True) == level


@pytest.mark.parametrize("asked, text, want", [
    ("age", "Im 17 and in care", {"age": 17, "barriers": ["care_leaver"]}),
    (None, "Got a BTEC National in engineering and want to stay in that field",
     {"qualification_level": "3", "interests": ["engineering"]})])
def test_older_corpora_s_misreadings(n, asked, text, want):
    got = n.extract(text, asked)
    assert {k: got.get(k) for k in want} == want


def test_not_knowing_the_question_is_no_interest(n):
    assert "interests" not in n.extract("I not know this", "enic")       # corpus_fresh30: no statement


@pytest.mark.parametrize("text", ["I not want to answer this one please", "i dont really want to talk about that"])
def test_declining_in_plain_words(n, text):
    assert n.mentions_answer(text) == "decline"


@pytest.mark.parametrize("text, want", [("quality control on a production line", ["manufacturing"]),
                                        ("Quality control in a medicines factory", ["manufacturing"]),
                                        ("quality control in a lab or in manufacturing", ["laboratory", "manufacturing"]),
                                        ("quality control", ["laboratory"])])
def test_quality_control_in_a_factory_is_manufacturing(n, text, want):
    assert n.extract(text, "interests")["interests"] == want


@pytest.mark.parametrize("text, level", [("I got my first degree in Ghana and then an MSc here in London", "7"),
                                         ("I'm from Nigeria but I did my MSc here at Kingston uni", "7")])
def test_a_higher_qualification_earned_here_beside_one_from_abroad_is_the_answer(n, text, level):
    assert n.qualification(text) == level and n.extract(text, "qualification_level")["qualification_level"] == level


@pytest.mark.parametrize("text", ["degree from nigeria and gcse maths here", "university in Bangladesh but no paper here"])
def test_a_lower_one_here_or_none_leaves_the_one_from_abroad_to_ask_about(n, text):
    assert n.extract(text, "qualification_level") == {"qualification_abroad": True}
