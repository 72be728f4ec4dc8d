"""Phrase patterns generated from the vocabularies, and the spaCy pipeline Rasa loads from a path.

No pretrained spaCy model can be downloaded on our machines, so the pipeline is a blank English one whose
`entity_ruler` knows every phrase in knowledge/data. The normalisers use the same patterns.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from knowledge import config
from knowledge.catalogue import Programme, load_programmes
from knowledge.vocab import Vocabulary, countries, load_vocabulary

# Entity labels, which are also the entity names the bot sees. When a phrase belongs to two labels
# ("t level" is a qualification and a route type), the entity ruler keeps the first in this order.
LABELS = ("borough", "qualification", "barrier", "interest", "route_type", "programme", "answer", "safety")
NOT_ENTITIES = ("answer", "safety")     # matched by the normalisers, never shown to Rasa as entities
AMBIGUOUS = "?"          # qualification ids starting with this are ambiguous: the id after it names the question
OUTSIDE_LONDON = "outside_london"


@dataclass(frozen=True)
class Pattern:
    label: str
    id: str
    phrase: str


def patterns(vocab: Vocabulary, programmes: list[Programme]) -> list[Pattern]:
    """Every phrase a resident might type, with the label and canonical id it stands for."""
    out: list[Pattern] = []
    for b in vocab.boroughs:
        out += [Pattern("borough", b.name, p) for p in (*b.phrases, *b.places)]
    out += [Pattern("borough", OUTSIDE_LONDON, p) for p in vocab.outside_london]
    for t in vocab.levels:
        out += [Pattern("qualification", t.id, p) for p in t.phrases]
    for t in vocab.ambiguous_levels:
        out += [Pattern("qualification", AMBIGUOUS + t.id, p) for p in t.phrases]
        if t.enic:                  # "a degree from Nigeria": any country but the UK means a qualification from abroad
            out += [Pattern("qualification", AMBIGUOUS + t.id, p) for p in countries(vocab)
                    if p not in t.phrases]
    for label, terms in (("barrier", vocab.barriers), ("interest", vocab.interests),
                         ("route_type", vocab.route_types), ("answer", vocab.answers), ("safety", vocab.safety)):
        for t in terms:
            out += [Pattern(label, t.id, p) for p in t.phrases]
    for prog in programmes:
        names = {prog.title.lower(), *prog.aliases}
        out += [Pattern("programme", prog.id, n) for n in sorted(names)]
    return out


def ruler_patterns(pats: list[Pattern]) -> list[dict]:
    """Entity-ruler patterns: one label per phrase, in LABELS order, so Rasa sees a stable entity."""
    owner: dict[str, str] = {}
    for p in sorted(pats, key=lambda p: LABELS.index(p.label)):
        owner.setdefault(p.phrase, p.label)
    return [{"label": p.label, "pattern": p.phrase, "id": p.id}
            for p in pats if owner[p.phrase] == p.label and p.label not in NOT_ENTITIES]


def ruler_patterns_of(data_dir: Path) -> list[dict]:
    """The entity-ruler patterns the data in `data_dir` makes."""
    vocab = load_vocabulary(data_dir)
    return ruler_patterns(patterns(vocab, load_programmes(data_dir, vocab)))


def make_pipeline(made: list[dict]) -> Language:
    """The pipeline for entity-ruler patterns `made` (`ruler_patterns`)."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "validate": True})
    ruler.add_patterns(made)
    nlp.meta["name"] = "pathways_gazetteer"
    nlp.meta["version"] = "1.0.0"
    nlp.meta["description"] = "Blank English pipeline with an entity ruler generated from knowledge/data."
    return nlp


CODE = Path(__file__).resolve().parent
PACKAGES = ("pycountry", "countryinfo", "spacy")   # the names abroad, and what tokenises and saves the pipeline


def pattern_key(data_dir: Path) -> str:
    """What the pipeline is made of: its patterns as generated from the data, this module (which builds it) and
    the packages. A programme's rules or summary make no pattern, so editing them neither rebuilds the pipeline nor
    retrains the model."""
    return _key(ruler_patterns_of(data_dir))


def _key(made: list[dict]) -> str:
    import hashlib
    from importlib.metadata import version

    h = hashlib.sha256(json.dumps(made, sort_keys=True).encode())
    h.update((CODE / "gazetteer.py").read_bytes())
    for package in PACKAGES:
        h.update(f"{package} {version(package)}\0".encode())
    return h.hexdigest()


def build_gazetteer(out: Path | None = None, data_dir: Path | None = None) -> tuple[Path, bool]:
    """Writes the pipeline for Rasa's SpacyNLP; skipped when its key has not changed. Returns (path, rebuilt)."""
    out = Path(out or config.gazetteer_dir())
    made = ruler_patterns_of(Path(data_dir or config.data_dir()))      # read once: for the key and the pipeline
    digest = _key(made)
    stamp = out / "pathways-fingerprint.json"
    if stamp.exists() and json.loads(stamp.read_text()).get("fingerprint") == digest:
        return out, False
    make_pipeline(made).to_disk(out)
    stamp.write_text(json.dumps({"fingerprint": digest}))
    return out, True


@lru_cache(maxsize=1)
def shared_tokenizer() -> Language:
    """A blank English pipeline for tokenising: cheap, and the same tokenizer Rasa's SpacyTokenizer uses."""
    return spacy.blank("en")


def annotate(path: Path, text: str) -> str:
    """The message with the gazetteer's entities marked the way Rasa's training data writes them."""
    doc = spacy.load(path)(text)
    out, last = [], 0
    for ent in doc.ents:
        out += [text[last:ent.start_char], f"[{ent.text}]({ent.label_})"]
        last = ent.end_char
    return "".join(out + [text[last:]])
