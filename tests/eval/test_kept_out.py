"""The blind corpora stay out of training: no training example comes within 0.8 similarity of a corpus message. And
each training example is written once, so rewording one near a corpus leaves no copy behind."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from tests.eval.replay import corpora, load

ROOT = Path(__file__).resolve().parents[2]
SIMILAR = 80                     # rapidfuzz's normalised Indel similarity, in percent: 0.8
ANNOTATION = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def normalised(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s']", " ", text.lower()).split())


def training_examples() -> list[str]:
    out = []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        for block in yaml.safe_load(path.read_text()).get("nlu") or []:
            for line in (block.get("examples") or "").splitlines():
                if line.strip().startswith("- "):
                    out.append(ANNOTATION.sub(r"\1", line.strip()[2:]))
    return out


def test_no_training_example_comes_near_a_corpus_message():
    train = sorted({normalised(t) for t in training_examples()})
    corpus = {normalised(c["text"]): c["text"] for name in corpora() for c in load(name)}
    assert len(train) > 1000 and len(corpus) > 800
    near = []
    for text, original in corpus.items():
        for match, score, _ in process.extract(text, train, scorer=fuzz.ratio, score_cutoff=SIMILAR, limit=3):
            near.append(f"{original!r} ~ training {match!r} ({score:.0f})")
    assert not near, f"{len(near)} training examples within 0.8 of the corpus:\n" + "\n".join(near[:60])


def test_each_training_example_is_written_once():
    twice = [t for t, n in Counter(training_examples()).items() if n > 1]
    assert not twice, f"{len(twice)} training examples written more than once: {twice[:20]}"
