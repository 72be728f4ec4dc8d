"""How intents are scored (pathways/scores.py): macro-F1 and the spread a set's size allows."""
from pathways.scores import f1_interval, macro_f1


def test_macro_f1_averages_each_intent_equally():
    pairs = [("inform", "inform")] * 8 + [("stop", "stop"), ("stop", "inform")]
    f1, per = macro_f1(pairs)
    assert per["stop"] == 2 / 3 and per["inform"] == 16 / 17
    assert f1 == (2 / 3 + 16 / 17) / 2


def test_the_resampled_range_holds_the_figure_and_narrows_with_more_messages():
    few = [("inform", "inform")] * 18 + [("stop", "stop"), ("stop", "inform"), ("greet", "greet"), ("greet", "thanks")]
    low, high = f1_interval(few)
    assert low < macro_f1(few)[0] < high
    many_low, many_high = f1_interval(few * 10)
    assert high - low > many_high - many_low > 0
    assert f1_interval(few) == (low, high)                  # seeded: the same figures every run


def test_a_question_printed_twice_is_counted_but_not_a_link_or_a_quoted_example():
    from tests.eval.replay import _repeats_a_question
    asked = {"text": "Which London borough do you live in?"}
    assert _repeats_a_question([{"text": "I didn't recognise that. Which borough is it?"}, asked])
    assert not _repeats_a_question([{"text": "Source: https://fva.org/news.asp?id=15852"}, asked])
    assert not _repeats_a_question([{"text": 'You can ask "why do you need that?"'}, asked])


def test_a_blind_corpus_is_printed_without_its_weakest_intents():
    from tests.eval.replay import Score
    s = Score({"age": (9, 10)}, 0.9, {"stop": 0.5, "inform": 1.0}, (0.8, 0.95), [], [], [])
    assert "weakest stop 0.50" in s.lines("corpus_fresh8.yml")[1]
    assert "weakest" not in " ".join(s.lines("corpus_fresh9.yml", blind=True))


def test_the_held_out_check_scores_every_message_from_rasa_s_report_and_errors():
    from bot.rasa.evaluate import _pairs
    report = {"stop": {"support": 3, "f1-score": 0.8}, "greet": {"support": 2, "f1-score": 0.8},
              "macro avg": {"support": 5}, "accuracy": 0.8}
    errors = [{"intent": "stop", "intent_prediction": {"name": "greet"}}]
    pairs = _pairs(report, errors)
    assert sorted(pairs) == sorted([("stop", "greet"), ("stop", "stop"), ("stop", "stop"), ("greet", "greet"),
                                    ("greet", "greet")])
    assert macro_f1(pairs)[0] == (0.8 + 0.8) / 2
