"""Assurance figures: SPC throughput, the report page at scale, the PDF.

1. SPC (Making Data Count rules, screening on) over 10,000 series of 36 points: time and series per second.
2. The integrated performance report page with 60 measures x 12 organisations x 36 months (25,920 values, imported
   through the import service) served by uvicorn with 2 workers on SQLite: p50/p95 over N requests after a warm-up
   (goal p95 under 150 ms).
3. The report as PDF for the same data (goal under 5 s).

    .venv/bin/python benchmarks/assurance.py [--requests 200]
"""

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import httpx2 as httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from caresystem.assurance.measures import data  # noqa: E402
from caresystem.assurance.measures.models import Measure  # noqa: E402
from caresystem.auth import SYSTEM  # noqa: E402
from caresystem.auth.audit import install_audit_listener  # noqa: E402
from caresystem.db import make_engine, make_sessionmaker, session_scope, upgrade  # noqa: E402
from caresystem.example import load_example  # noqa: E402
from caresystem.stats import spc  # noqa: E402
from caresystem.system.organisations.models import Organisation  # noqa: E402
from sqlalchemy import select  # noqa: E402

MEASURES, ORGANISATIONS, MONTHS = 60, 12, 36


def time_spc(series: int) -> None:
    rng = random.Random(1)
    values = [[90 + rng.gauss(0, 2) + (0.1 * i if s % 5 == 0 else 0) for i in range(MONTHS)] for s in range(series)]
    started = time.perf_counter()
    for v in values:
        spc(v, direction="higher", target=92, target_operator=">=")
    elapsed = time.perf_counter() - started
    print(f"SPC, {series:,} series of {MONTHS} points: {elapsed:.2f} s ({series / elapsed:,.0f} series/s)")


def _month(index: int) -> date:
    return date(2013 + index // 12, index % 12 + 1, 1)


def prepare(url: str) -> None:
    upgrade(url)
    install_audit_listener()
    with session_scope(make_sessionmaker(make_engine(url)), actor="bench") as session:
        load_example(session)
        codes = list(session.scalars(select(Organisation.code).where(Organisation.type.in_(
            ["ccg", "nhs_trust", "foundation_trust", "icb"])).order_by(Organisation.code)))[:ORGANISATIONS]
        rng = random.Random(2)
        measures = []
        for n in range(MEASURES):
            measure = Measure(key=f"bench-{n:02d}", name=f"Benchmark measure {n + 1}", domain="planned care",
                              unit="percent", direction=("higher", "lower", "neutral")[n % 3],
                              target=90 if n % 3 != 2 else None, target_operator=">=" if n % 3 == 0 else
                              ("<=" if n % 3 == 1 else None))
            session.add(measure)
            measures.append(measure)
        session.flush()
        rows = [data.Row(m, code, _month(i), None, None, round(min(100, max(0, 88 + rng.gauss(0, 3))), 1), None)
                for m in measures for code in codes for i in range(MONTHS)]
        started = time.perf_counter()
        counts = data.import_rows(session, actor=SYSTEM, rows=rows, source="benchmark")
        print(f"import of {counts['rows']:,} measure values (checked rows, audited): "
              f"{time.perf_counter() - started:.1f} s")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def time_pages(url: str, requests: int) -> None:
    port = _free_port()
    env = {**os.environ, "CARESYSTEM_DATABASE_URL": url, "CARESYSTEM_SECRET_KEY": "benchmark-secret-key-long-enough"}
    # uvicorn directly, as `caresystem serve --workers 2` does, with a longer worker health check: on a busy
    # machine importing the app takes longer than uvicorn's default 5 s and the workers are killed as unresponsive
    server = subprocess.Popen([str(Path(sys.executable).parent / "uvicorn"), "caresystem.web.asgi:app", "--port",
                               str(port), "--workers", "2", "--timeout-worker-healthcheck", "60", "--no-access-log"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    period = _month(MONTHS - 1).strftime("%Y-%m")
    try:
        with httpx.Client(base_url=base, timeout=120) as client:
            for _ in range(240):
                try:
                    client.get("/assurance/report")
                    break
                except httpx.TransportError:
                    time.sleep(0.5)
            else:
                raise RuntimeError("the server did not start")
            for _ in range(20):  # both workers compute and cache the period's SPC once
                client.get(f"/assurance/report/{period}")
            timings = []
            for _ in range(requests):
                started = time.perf_counter()
                response = client.get(f"/assurance/report/{period}")
                timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
            timings.sort()
            p95 = timings[int(len(timings) * 0.95) - 1]
            print(f"report page, {MEASURES} measures x {ORGANISATIONS} organisations x {MONTHS} months, 2 workers: "
                  f"p50 {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms over {requests} requests "
                  "(goal p95 < 150 ms)")
            first = client.get(f"/assurance/report/{period}", params={"domain": "planned care", "page": 2})
            assert first.status_code == 200
            started = time.perf_counter()
            pdf = client.get(f"/assurance/report/{period}.pdf")
            elapsed = time.perf_counter() - started
            assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
            print(f"report PDF, {MEASURES * ORGANISATIONS + 41} lines and up to 24 exception charts: {elapsed:.2f} s, "
                  f"{len(pdf.content) / 1024:.0f} KiB (goal < 5 s)")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--series", type=int, default=10_000)
    args = parser.parse_args()
    time_spc(args.series)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/assurance.db"
        prepare(url)
        time_pages(url, args.requests)


if __name__ == "__main__":
    main()
