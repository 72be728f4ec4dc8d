"""Recommendation latency: the real catalogue and a generated national-scale one, on SQLite and PostgreSQL.

    python -m bench.kb [--programmes 10000] [--calls 400]

PostgreSQL is measured when PATHWAYS_BENCH_PG_URL is set (its catalogue tables are replaced).
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import tempfile
import time
from pathlib import Path

import yaml

from bench.stats import ms, percentile, table
from knowledge import advisor, config
from knowledge.profile import Profile
from knowledge.store import build
from knowledge.vocab import LEVEL_IDS, LONDON, NATIONAL, vocabulary


def profiles(count: int, seed: int = 7) -> list[Profile]:
    """Residents spread over every borough, age, level, circumstance and interest."""
    rnd = random.Random(seed)
    v = vocabulary()
    boroughs = [b.name for b in v.boroughs]
    barriers = [t.id for t in v.barriers]
    interests = [t.id for t in v.interests]
    return [Profile(age=rnd.randint(15, 64), qualification_level=rnd.choice(LEVEL_IDS),
                    borough=rnd.choice(boroughs), outside_london=False,
                    barriers=tuple(rnd.sample(barriers, rnd.randint(0, 2))),
                    interests=tuple(rnd.sample(interests, rnd.randint(1, 3))))
            for _ in range(count)]


def generated_data(target: Path, count: int, seed: int = 11) -> Path:
    """A copy of knowledge/data whose programmes.yml holds `count` entries spread across England and London.

    Each is a real entry under a new id, running in one borough (80%), a sub-region (12%), London (6%) or
    nationally (2%): roughly the shape of a national catalogue seen from one borough. An entry's `lives_in` rule
    or check moves with it (and is dropped for a national one: residence rules never name England).
    """
    rnd = random.Random(seed)
    shutil.copytree(config.data_dir(), target)
    base = yaml.safe_load((target / "programmes.yml").read_text())
    v = vocabulary()
    boroughs = [b.name for b in v.boroughs]
    subregions = sorted(v.subregions)
    out = []
    for i in range(count):
        entry = dict(rnd.choice(base))
        entry["id"] = f"{entry['id']}_{i}"
        entry["title"] = f"{entry['title']} #{i}"
        entry["aliases"] = []
        r = rnd.random()
        areas = ([rnd.choice(boroughs)] if r < 0.80 else [rnd.choice(subregions)] if r < 0.92
                 else [LONDON] if r < 0.98 else [NATIONAL])
        entry["where"] = areas
        if areas != [LONDON]:
            entry.pop("based_in", None)         # only a programme that runs across London names where it is based
        for kind in ("rules", "checks"):        # a residence condition follows the programme to its new place
            entry[kind] = [({**c, "lives_in": areas} if "lives_in" in c else c)
                           for c in entry.get(kind) or [] if not ("lives_in" in c and areas == [NATIONAL])]
        out.append(entry)
    (target / "programmes.yml").write_text(yaml.safe_dump(out, sort_keys=False))
    return target


def measure(url: str, people: list[Profile], calls: int) -> dict:
    for p in people[:20]:                       # warm: engine, caches, connection pool
        advisor.recommend(p, url)
    times, seen = [], []
    for i in range(calls):
        p = people[i % len(people)]
        started = time.perf_counter()
        result = advisor.recommend(p, url)
        times.append(time.perf_counter() - started)
        seen.append(len(result.recommendations))
    return {"p50": percentile(times, 50), "p95": percentile(times, 95), "max": max(times),
            "fit": sum(seen) / len(seen)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.kb")
    ap.add_argument("--programmes", type=int, default=10_000)
    ap.add_argument("--calls", type=int, default=400)
    args = ap.parse_args(argv)
    people = profiles(200)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        big = generated_data(tmp / "data", args.programmes)
        targets = [("real", None, f"sqlite:///{tmp / 'real.db'}"),
                   (f"generated {args.programmes}", big, f"sqlite:///{tmp / 'big.db'}")]
        pg = os.environ.get("PATHWAYS_BENCH_PG_URL")
        if pg:
            targets += [("real", None, pg), (f"generated {args.programmes}", big, pg)]
        for name, data, url in targets:
            started = time.perf_counter()
            report = build(url, data)
            built = time.perf_counter() - started
            m = measure(url, people, args.calls)
            rows.append([name, report.programmes, url.split(":")[0], f"{built:.1f}", f"{m['fit']:.0f}",
                         ms(m["p50"]), ms(m["p95"]), ms(m["max"])])
    print("Recommendation latency (advisor.recommend: database lookup + engine), "
          f"{args.calls} calls over 200 generated residents")
    print(table(["catalogue", "programmes", "database", "build s", "routes that fit (mean)", "p50 ms",
                 "p95 ms", "max ms"], rows))
    if not os.environ.get("PATHWAYS_BENCH_PG_URL"):
        print("(PostgreSQL not measured: set PATHWAYS_BENCH_PG_URL)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
