"""The blind corpora, replayed as residents typed them against the running assistant: slot accuracy per question,
intent macro-F1, and no understood answer asked for again (tests/eval/README.md)."""
from __future__ import annotations

import pytest

from tests.conftest import figure
from tests.eval import replay

MIN_SLOT_ACCURACY = 0.95
MIN_INTENT_F1 = 0.90


@pytest.mark.parametrize("name", ["corpus.yml", "corpus_fresh.yml"])
def test_residents_are_understood_in_their_own_words(servers, name):
    cases = replay.load(name)
    assert len(cases) >= (400 if name == "corpus.yml" else 200)
    score = replay.score(replay.replay(replay.Bot(servers.rasa, "e2e-test-token"), cases))
    for line in score.lines(name):
        figure(line)
    problems = [f"{slot} accuracy {score.accuracy(slot):.3f}" for slot in score.slot_accuracy
                if score.accuracy(slot) < MIN_SLOT_ACCURACY]
    if score.intent_f1 < MIN_INTENT_F1:
        problems.append(f"intent macro-F1 {score.intent_f1:.3f}")
    problems += [f"asked again: {replay.describe(o)}" for o in score.asked_again]
    problems += [f"asked twice in one turn: {replay.describe(o)}" for o in score.twice]
    assert not problems, "\n".join(problems + ["", "misread:"] + [replay.describe(o) for o in score.wrong[:80]])
