"""Concurrent writers and readers against a real server on each database: no 5xx, stale writes 409, nothing lost.

Starts `caresystem serve` over a fresh database with the example loaded, then runs 50 concurrent clients (by
default 30 writers creating risks and editing one shared risk, some with a stale version on purpose, and 20
readers) for 60 seconds on loopback, and checks afterwards that no response was a 5xx, every stale edit got 409,
no reference was handed out twice, no two edits succeeded from the same version, and every created risk is there.
Prints requests per second, p50/p95 latency per operation and the outcome counts.

    .venv/bin/python benchmarks/load.py [--seconds 60] [--writers 30] [--readers 20] [--backends sqlite,postgresql]
"""

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.web import BIN, running_server, scratch_database  # noqa: E402
from tests.loadgen import problems_after, risk_count, run_load  # noqa: E402

PASSWORD = "load-test-passphrase"


def prepare(url: str) -> tuple[dict, str]:
    env = {**os.environ, "CARESYSTEM_DATABASE_URL": url, "CARESYSTEM_STATIC_DIR": str(ROOT / "node_modules")}
    for args in (("db", "upgrade"), ("load-example",)):
        subprocess.run([str(BIN / "caresystem"), *args], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([str(BIN / "caresystem"), "users", "create", "--username", "loadpmo", "--role", "pmo_admin",
                    "--password-stdin"], env=env, check=True, input=PASSWORD + "\n", text=True,
                   stdout=subprocess.DEVNULL)
    token = subprocess.run([str(BIN / "caresystem"), "tokens", "create", "--username", "loadpmo"], env=env,
                           check=True, capture_output=True, text=True).stdout.strip()
    return env, token


def report(backend: str, outcome, seconds: float, problems: list[str]) -> None:
    print(f"\n{backend}: {outcome.requests:,} requests in {seconds:.0f} s = {outcome.requests / seconds:,.0f} req/s")
    by_operation: dict[str, int] = {}
    for (operation, status), count in sorted(outcome.statuses.items()):
        by_operation[operation] = by_operation.get(operation, 0) + count
        print(f"  {operation:12} HTTP {status}: {count:,}")
    q = statistics.quantiles(outcome.latencies, n=100)
    print(f"  latency p50 {q[49] * 1000:.0f} ms, p95 {q[94] * 1000:.0f} ms; created {len(outcome.created):,} risks, "
          f"{len(outcome.won_from):,} successful edits of the shared risk")
    print("  checks: " + ("all hold (no 5xx, stale edits 409, no duplicate reference, no lost update, nothing lost)"
                          if not problems else "; ".join(problems)))


def bench(backend: str, writers: int, readers: int, seconds: float) -> bool:
    with scratch_database(backend, f"cs_load_{os.getpid()}") as (workdir, url):
        env, token = prepare(url)
        with running_server(env, workdir) as port:
            before = risk_count(port, token)
            outcome = run_load(port, token, writers=writers, readers=readers, seconds=seconds)
            problems = problems_after(port, token, outcome, before)
        report(backend, outcome, seconds, problems)
        if problems:
            errors = [line for line in (workdir / "server.log").read_text().splitlines() if "Error" in line]
            print("  server errors seen: " + "; ".join(sorted(set(errors))[:5]))
        return not problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--writers", type=int, default=30)
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    print(f"{args.writers} writers + {args.readers} readers for {args.seconds:.0f} s per database, one server process")
    results = [bench(b, args.writers, args.readers, args.seconds) for b in args.backends.split(",")]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
