"""make bench: Pathways beside a stock `rasa init` bot, NLU, knowledge base, start-up, training and memory.

    python -m bench [--residents 20] [--seconds 60] [--skip-kb] [--prod]

Figures vary with what else the machine is doing; run it on a quiet machine. Results also go to
results/bench.md.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import platform
import sys
import tempfile
import time
import urllib.request
from contextlib import redirect_stdout
from pathlib import Path

from bench import insight, kb, postcodes
from bench.load import GUIDED, HEADERS, STOCK, TYPED, load
from bench.servers import peak_memory_mb, ready
from bench.stats import ms, percentile, table
from bench.stock import stock_command, stock_project
from bot.model import ROOT, ensure_model, training_record
from bot.process import Process, free_port

NLU_SAMPLES = ["hello", "I'm 19", "I live in Hackney", "I've got 5 GCSEs and an A level in biology",
               "I'm 24, from Tower Hamlets, got A levels and want lab work", "why do you need that?",
               "I'm on universal credit and I care for my mum", "tell me more about the NHS cadets",
               "why not LIFT?", "stop", "start again", "what's the weather like", "delete my data",
               "can I talk to a person", "thanks, bye"]


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) // 1024 // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores ({cpu}), {mem} GiB, Python {platform.python_version()}, {platform.system()}"


def parse_latency(base: str, token: str, rounds: int = 10) -> tuple[float, float]:
    times = []
    for _ in range(rounds):
        for text in NLU_SAMPLES:
            req = urllib.request.Request(f"{base}/model/parse?token={token}", data=json.dumps({"text": text}).encode(),
                                         headers={"Content-Type": "application/json"})
            started = time.perf_counter()
            with urllib.request.urlopen(req, timeout=30) as r:
                r.read()
            times.append(time.perf_counter() - started)
    return percentile(times, 50), percentile(times, 95)


def pathways(residents: int, seconds: float, logs: Path) -> dict:
    ports = {name: free_port() for name in ("rasa", "actions", "web")}
    token = "bench-token"
    env = {**os.environ, "RASA_TOKEN": token, "PATHWAYS_TRACKER_DB": str(logs / "tracker.db"),
           "PATHWAYS_RASA_URL": f"http://127.0.0.1:{ports['rasa']}",
           **{f"PATHWAYS_{k.upper()}_PORT": str(v) for k, v in ports.items()}}
    base = env["PATHWAYS_RASA_URL"]
    bot = Process("Pathways", [sys.executable, "-m", "bot", "run"], cwd=ROOT, output=logs / "pathways.log",
                  group=True).start(env)
    try:
        took = max(ready(bot, f"http://127.0.0.1:{ports['web']}/health"), ready(bot, f"{base}/"))
        nlu = parse_latency(base, token)
        typed = load(base, TYPED, residents, seconds)
        guided = load(base, GUIDED, residents, seconds)
        return {"ready": took, "nlu": nlu, "typed": typed, "guided": guided, "memory": peak_memory_mb(bot)}
    finally:
        bot.stop(30)


def production(residents: int, seconds: float, logs: Path) -> dict:
    """The production profile (two Rasa processes behind nginx, PostgreSQL, Redis) in fresh databases, dropped after."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server = os.environ.get("PATHWAYS_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    run_id = f"{os.getpid()}"
    dbs = [f"pathways_bench_tracker_{run_id}", f"pathways_bench_kb_{run_id}"]
    ports = {name: free_port() for name in ("rasa", "rasa2", "actions", "web", "http")}
    env = {**os.environ, "RASA_TOKEN": "bench-token", "PATHWAYS_PG_URL": server, "PATHWAYS_TRACKER_PG_DB": dbs[0],
           "PATHWAYS_DB_URL": make_url(server).set(database=dbs[1]).render_as_string(False),
           "PATHWAYS_REDIS_PREFIX": f"bench{run_id}",
           "PATHWAYS_NGINX_DIR": str(logs / "nginx"), "PATHWAYS_HEALTH_DIR": str(logs / "health"),
           **{f"PATHWAYS_{k.upper()}_PORT": str(v) for k, v in ports.items()}}
    base = f"http://127.0.0.1:{ports['http']}"
    bot = Process("the production profile", [sys.executable, "-m", "bot", "run", "--prod"], cwd=ROOT,
                  output=logs / "prod.log", group=True).start(env)
    try:
        # nginx and the web front answer long before the two Rasa processes have loaded the model
        took = max(ready(bot, f"{base}/health", seconds=900),
                   *(ready(bot, f"http://127.0.0.1:{ports[name]}/", seconds=900) for name in ("rasa", "rasa2")))
        typed = load(base, TYPED, residents, seconds)
        guided = load(base, GUIDED, residents, seconds)
        return {"ready": took, "typed": typed, "guided": guided, "memory": peak_memory_mb(bot)}
    finally:
        bot.stop(30)
        admin = create_engine(server, isolation_level="AUTOCOMMIT", future=True)
        with admin.connect() as c:
            for db in dbs:
                c.execute(text(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'))
        admin.dispose()


def stock(residents: int, seconds: float, logs: Path) -> dict:
    project = stock_project()
    port = free_port()
    bot = Process("stock rasa init", stock_command(project, port), cwd=project, output=logs / "stock.log",
                  group=True).start()
    try:
        took = ready(bot, f"http://127.0.0.1:{port}/")
        run = load(f"http://127.0.0.1:{port}", STOCK, residents, seconds)
        return {"ready": took, "run": run, "memory": peak_memory_mb(bot)}
    finally:
        bot.stop(30)


def report(args, ours: dict, theirs: dict, prod: dict | None, kb_table: str) -> str:
    t, g, s = ours["typed"], ours["guided"], theirs["run"]
    rate = lambda r: len(r.latencies) / r.seconds
    prod_rows = [prod["typed"].row("Pathways production profile, typed", args.residents),
                 prod["guided"].row("Pathways production profile, buttons only", args.residents)] if prod else []
    out = [f"Machine: {machine()}", f"Command: python -m bench --residents {args.residents} --seconds {args.seconds:.0f}"
           + (" --prod" if prod else ""),
           f"Date: {time.strftime('%Y-%m-%d %H:%M')}", "",
           f"Conversations under load ({args.residents} residents at once, {args.seconds:.0f} s each, REST channel)",
           table(HEADERS, [t.row("Pathways, typed", args.residents), g.row("Pathways, buttons only", args.residents),
                           *prod_rows, s.row("stock rasa init", args.residents)]), "",
           f"Throughput ratio, Pathways typed / stock: {rate(t) / rate(s):.2f}x; "
           f"buttons only / stock: {rate(g) / rate(s):.2f}x"
           + (f"; production profile typed / stock: {rate(prod['typed']) / rate(s):.2f}x, buttons only / stock: "
              f"{rate(prod['guided']) / rate(s):.2f}x" if prod else ""), "",
           "NLU parse latency (HTTP API /model/parse, one at a time, "
           f"{len(NLU_SAMPLES)} utterances x 10): p50 {ms(ours['nlu'][0])} ms, p95 {ms(ours['nlu'][1])} ms", "",
           "Start-up (process start to ready)",
           table(["bot", "seconds"], [["Pathways (action server, Rasa, web front)", f"{ours['ready']:.1f}"],
                                      *([["Pathways production profile (two Rasa, nginx)", f"{prod['ready']:.1f}"]]
                                        if prod else []),
                                      ["stock rasa init", f"{theirs['ready']:.1f}"]]), "",
           "Peak memory (VmHWM, MB)",
           table(["bot", "process", "MB"], [["Pathways", k, f"{v:.0f}"] for k, v in sorted(ours["memory"].items())]
                 + ([["production", k, f"{v:.0f}"] for k, v in sorted(prod["memory"].items())] if prod else [])
                 + [["stock", k, f"{v:.0f}"] for k, v in sorted(theirs["memory"].items())]), ""]
    rec = training_record()
    out.append("Training (python -m bot train, last full training of the current model): "
               + (f"{rec['seconds']:.0f} s on {rec['machine']}" if rec else "not recorded (model came from elsewhere)"))
    if kb_table:
        out += ["", kb_table]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench")
    ap.add_argument("--residents", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--skip-kb", action="store_true")
    ap.add_argument("--skip-insight", action="store_true")
    ap.add_argument("--prod", action="store_true", help="also the production profile (needs PostgreSQL, Redis, nginx; "
                                                        "PATHWAYS_BENCH_PG_URL, PATHWAYS_REDIS_URL)")
    args = ap.parse_args(argv)
    ensure_model()
    with tempfile.TemporaryDirectory() as tmp:
        logs = Path(tmp)
        print("Measuring stock rasa init...", flush=True)
        theirs = stock(args.residents, args.seconds, logs)
        print("Measuring Pathways...", flush=True)
        ours = pathways(args.residents, args.seconds, logs)
        prod = None
        if args.prod:
            print("Measuring the production profile...", flush=True)
            prod = production(args.residents, args.seconds, logs)
    kb_table = ""
    if not args.skip_kb:
        print("Measuring the knowledge base...", flush=True)
        buf = io.StringIO()
        with redirect_stdout(buf):
            kb.main([])
            print()
            postcodes.main([])
        kb_table = buf.getvalue().strip()
    if not args.skip_insight:
        print("Measuring the insight report...", flush=True)
        buf = io.StringIO()
        with redirect_stdout(buf):
            insight.main([])
        kb_table = "\n\n".join(t for t in (kb_table, buf.getvalue().strip()) if t)
    text = report(args, ours, theirs, prod, kb_table)
    print("\n" + text)
    (ROOT / "results").mkdir(exist_ok=True)
    (ROOT / "results" / "bench.md").write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
