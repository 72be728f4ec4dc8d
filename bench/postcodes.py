"""Postcode lookups: build time, the size of the data in the database, and lookup latency on SQLite and PostgreSQL.

    python -m bench.postcodes [--calls 2000]

PostgreSQL is measured when PATHWAYS_BENCH_PG_URL is set (its knowledge base tables are replaced).
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.modules.setdefault("tensorflow", None)          # as in knowledge/__main__.py: never used here

from sqlalchemy import func, select

from bench.stats import ms, percentile, table
from knowledge import postcodes
from knowledge.models import PostcodeDistrict
from knowledge.store import Catalogue, build
from knowledge.vocab import vocabulary


def sample(url: str, count: int, seed: int = 3) -> list[str]:
    """Full postcodes (real ones drawn from London districts, some absent ones) and outward codes."""
    rnd = random.Random(seed)
    rows = Catalogue(url).rows(select(PostcodeDistrict.outward, PostcodeDistrict.boroughs))
    london = [o for o, b in rows if b]
    everywhere = [o for o, _ in rows]
    codes = []
    for _ in range(count):
        outward = rnd.choice(london if rnd.random() < 0.8 else everywhere)
        inward = f"{rnd.randint(0, 9)}{rnd.choice('ABDEFGHJLNPQRSTUWXYZ')}{rnd.choice('ABDEFGHJLNPQRSTUWXYZ')}"
        codes.append(outward if rnd.random() < 0.2 else f"{outward} {inward}")
    return codes


def measure(url: str, codes: list[str]) -> list[float]:
    times = []
    for code in codes:
        t = time.perf_counter()
        try:
            postcodes.lookup(code, url)
        except postcodes.NoSuchPostcode:
            pass
        times.append(time.perf_counter() - t)
    return times


def size(url: str) -> tuple[int, int]:
    """(districts, bytes of their stored boroughs and units)."""
    rows = Catalogue(url).rows(select(func.count(), func.sum(func.length(PostcodeDistrict.units))
                                      + func.sum(func.length(PostcodeDistrict.boroughs))))
    return rows[0][0], rows[0][1]


def spanning(url: str) -> tuple[int, int, int]:
    """(London districts, those in two or more boroughs, those partly outside London)."""
    rows = Catalogue(url).rows(select(PostcodeDistrict.boroughs, PostcodeDistrict.outside)
                               .where(PostcodeDistrict.boroughs != ""))
    return len(rows), sum("|" in b for b, _ in rows), sum(bool(x) for _, x in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.postcodes")
    ap.add_argument("--calls", type=int, default=2000)
    args = ap.parse_args(argv)
    vocab = vocabulary()
    ons = {b.ons: b.name for b in vocab.boroughs}
    src = postcodes.source()
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        postcodes.build_rows(src, ons)                       # no cache: the directory read from its files
        read = time.perf_counter() - t
        url = f"sqlite:///{Path(tmp) / 'kb.db'}"
        t = time.perf_counter()
        build(url)                                           # the cache under var/, as `make kb` after the first
        built = time.perf_counter() - t
        urls = [("SQLite", url)]
        if os.environ.get("PATHWAYS_BENCH_PG_URL"):
            urls.append(("PostgreSQL", os.environ["PATHWAYS_BENCH_PG_URL"]))
            build(urls[-1][1])
        print(f"Reading the ONS directory ({src.version}) into districts: {read:.1f} s; a knowledge base build "
              f"with them cached: {built:.1f} s")
        districts, stored = size(url)
        london, spans, edge = spanning(url)
        print(f"Stored: {districts} districts, {stored / 1e6:.2f} MB of boroughs and units; SQLite file "
              f"{(Path(tmp) / 'kb.db').stat().st_size / 1e6:.2f} MB with the catalogue")
        print(f"London districts: {london}; in two or more boroughs: {spans}; partly outside London: {edge}")
        codes = sample(url, args.calls)
        rows = []
        for name, u in urls:
            measure(u, codes[:50])                           # warm the connection pool
            times = measure(u, codes)
            rows.append([name, len(times), ms(percentile(times, 50)), ms(percentile(times, 95)),
                         ms(percentile(times, 99))])
        print(table(["database", "lookups", "p50 ms", "p95 ms", "p99 ms"], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
