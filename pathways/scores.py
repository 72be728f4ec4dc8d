"""Intent macro-F1 and the spread a set's size allows: the corpus replays (tests/eval/replay.py) and the held-out NLU
check (bot/rasa/evaluate.py) score alike."""
from __future__ import annotations

import random
from collections import Counter


def macro_f1(pairs: list[tuple[str, str | None]]) -> tuple[float, dict[str, float]]:
    """Macro-averaged F1 over the intents the corpus uses, and each one's F1."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for gold, got in pairs:
        if gold == got:
            tp[gold] += 1
        else:
            fn[gold] += 1
            fp[got] += 1
    per = {}
    for label in sorted({g for g, _ in pairs}):
        denom = 2 * tp[label] + fp[label] + fn[label]
        per[label] = 2 * tp[label] / denom if denom else 0.0
    return sum(per.values()) / len(per), per


def f1_interval(pairs: list[tuple[str, str | None]], rounds: int = 1000, seed: int = 0) -> tuple[float, float]:
    """The middle 95% of macro-F1 over `rounds` resamplings of the messages (a bootstrap): how far the figure could
    move with another corpus of the same size from the same writer, before any training differs. A few examples of
    a rare intent decide macro-F1, so one corpus's figure alone says little."""
    rng = random.Random(seed)
    scores = sorted(macro_f1(rng.choices(pairs, k=len(pairs)))[0] for _ in range(rounds))
    return scores[int(0.025 * rounds)], scores[int(0.975 * rounds) - 1]
