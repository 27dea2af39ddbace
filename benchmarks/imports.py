"""Risk register import: seconds per 1,000 rows as the file grows (the cost should be linear), on each backend.

Imports generated CSV files of increasing size, each into a fresh migrated database in one transaction, as
`caresystem import risks` does, and prints rows, seconds and milliseconds per row.

    .venv/bin/python benchmarks/imports.py [--rows 1000,2000,4000] [--backends sqlite,postgresql]
"""

import argparse
import csv
import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from benchmarks.web import scratch_database  # noqa: E402

from caresystem.auth import SYSTEM  # noqa: E402
from caresystem.auth.audit import install_audit_listener  # noqa: E402
from caresystem.db import make_engine, make_sessionmaker, session_scope, upgrade  # noqa: E402
from caresystem.example import load_example  # noqa: E402
from caresystem.programme.core.service import get_programme  # noqa: E402
from caresystem.programme.raid import service, spreadsheet  # noqa: E402


def register_csv(rows: int) -> bytes:
    def row(i: int) -> dict:
        return {"title": f"Imported risk {i}", "cause": "cause", "event": "event", "effect": "effect",
                "category": "Workforce", "owner": f"Owner {i % 40}", "scope": "programme",
                "inherent_impact": 1 + i % 5, "inherent_likelihood": 1 + (i // 5) % 5, "current_impact": 1 + i % 5,
                "current_likelihood": 1 + (i // 7) % 5, "target_impact": 1, "target_likelihood": 1,
                "controls": "controls", "mitigation": "mitigation", "status": "open"}

    fields = [f for f, _ in spreadsheet.COLUMNS]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([h for _, h in spreadsheet.COLUMNS])
    writer.writerows([row(i).get(f, "") for f in fields] for i in range(rows))
    return buffer.getvalue().encode()


def time_import(url: str, content: bytes) -> float:
    install_audit_listener()
    upgrade(url)
    engine = make_engine(url)
    factory = make_sessionmaker(engine)
    with session_scope(factory, actor="bench") as session:
        load_example(session)
    started = time.perf_counter()
    with session_scope(factory, actor="bench") as session:
        rows = spreadsheet.read_file(content, "risks.csv")
        service.import_risks(session, actor=SYSTEM, programme=get_programme(session, None), rows=rows)
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="1000,2000,4000")
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    for backend in args.backends.split(","):
        print(f"{backend}: {'rows':>6} {'seconds':>8} {'ms/row':>7}")
        for rows in (int(r) for r in args.rows.split(",")):
            with scratch_database(backend, f"cs_bench_import_{os.getpid()}_{rows}") as (_, url):
                elapsed = time_import(url, register_csv(rows))
            print(f"{'':9}{rows:6} {elapsed:8.2f} {elapsed / rows * 1000:7.2f}")

if __name__ == "__main__":
    main()
