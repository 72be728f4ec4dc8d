"""Command line: python -m knowledge {build,validate,recommend,gazetteer}."""
from __future__ import annotations

import argparse
import json
import sys

# spaCy's thinc imports TensorFlow when it is installed (Rasa installs it), which costs seconds per command and
# is never used here. The bot's processes import it normally; only this command line does without.
sys.modules.setdefault("tensorflow", None)

from knowledge import advisor, config
from knowledge.errors import DataError, InputError, KnowledgeBaseUnavailable

EXIT_BAD_INPUT, EXIT_BAD_DATA, EXIT_UNAVAILABLE = 2, 1, 1


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:          # one line, no usage dump: other tools read stderr
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m knowledge", description="Pathways knowledge base")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    b = sub.add_parser("build", help="check knowledge/data and load it into the database, and build the gazetteer")
    b.add_argument("--db", help="database URL (default: PATHWAYS_DB_URL or SQLite under var/)")
    sub.add_parser("validate", help="check knowledge/data without writing anything")
    r = sub.add_parser("recommend", help="recommend routes for a resident")
    r.add_argument("--age")
    r.add_argument("--qualification")
    r.add_argument("--borough")
    r.add_argument("--barrier", action="append", default=[])
    r.add_argument("--interest", action="append", default=[])
    r.add_argument("--json", action="store_true", help="print one JSON object")
    r.add_argument("--limit", type=int, default=None, help="show at most this many recommendations")
    r.add_argument("--db", help="database URL")
    e = sub.add_parser("entities", help="show what the gazetteer finds in a message, as Rasa training data")
    e.add_argument("text")
    g = sub.add_parser("gazetteer", help="write the spaCy pipeline Rasa loads")
    g.add_argument("--out", help="directory (default: var/gazetteer)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except DataError as e:
        print(f"The knowledge base data has {len(e.problems)} problem(s):", file=sys.stderr)
        for problem in e.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_BAD_DATA
    except InputError as e:
        print(f"error: {e.field}: {e.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KnowledgeBaseUnavailable as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    except BrokenPipeError:          # output piped into `head`: not an error worth a traceback
        sys.stderr.close()
        return 0


def _build(args) -> int:
    from knowledge.gazetteer import build_gazetteer
    from knowledge.store import build

    report = build(args.db)
    statuses = ", ".join(f"{n} {s}" for s, n in sorted(report.by_status.items()))
    print(f"Loaded {report.programmes} programmes ({statuses}) into {report.url}")
    print(f"Postcode districts: {report.districts} ({'written' if report.districts_written else 'unchanged'}; "
          "ONS Postcode Directory, Nov 2025, OGL v3.0)")
    path, rebuilt = build_gazetteer()
    print(f"Gazetteer {'written to' if rebuilt else 'up to date at'} {path}")
    return 0


def _validate(args) -> int:
    from knowledge import postcodes
    from knowledge.catalogue import load_programmes
    from knowledge.vocab import load_vocabulary

    vocab = load_vocabulary()
    programmes = load_programmes(vocab=vocab)
    postcodes.checked_rows(vocab)                    # landmarks are where their postcodes say
    print(f"{config.data_dir()}: {len(programmes)} programmes, {len(vocab.boroughs)} boroughs, "
          f"{len(vocab.route_types)} route types, {len(vocab.barriers)} circumstances, "
          f"{len(vocab.interests)} interests: no problems")
    return 0


def _recommend(args) -> int:
    profile = advisor.profile_from_answers(
        age=args.age, qualification=args.qualification, borough=args.borough,
        barriers=args.barrier, interests=args.interest,
    )
    result = advisor.recommend(profile, url=args.db)
    if args.json:
        out = result.to_dict()
        if args.limit is not None:
            out["recommendations"] = out["recommendations"][: args.limit]
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print(advisor.summary(result, limit=10 if args.limit is None else args.limit))
    return 0


def _gazetteer(args) -> int:
    from knowledge.gazetteer import build_gazetteer

    path, rebuilt = build_gazetteer(args.out)
    print(f"Gazetteer {'written to' if rebuilt else 'up to date at'} {path}")
    return 0


def _entities(args) -> int:
    from knowledge.gazetteer import annotate, build_gazetteer

    path, _ = build_gazetteer()
    print(annotate(path, args.text))
    return 0


COMMANDS = {"entities": _entities, "build": _build, "validate": _validate, "recommend": _recommend, "gazetteer": _gazetteer}

if __name__ == "__main__":
    sys.exit(main())
