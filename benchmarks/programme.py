"""The programme office at scale: 5,000 risks, 2,000 milestones; p95 of the dashboard, register, heat map and
milestones pages; XLSX export and import time.

Builds a SQLite (or PostgreSQL) database with the Kent and Medway example and 5,000 generated risks, serves it,
signs in, drives the register, heat map, risk detail, actions log and a body's escalations pages with 8
concurrent keep-alive clients, and times XLSX and CSV export and import of the whole
register in process (the same service functions the API calls). It also adds 2,000 generated milestones (a
dependency chain among some) and drives the milestones page (RAG derived over all of them, one page drawn).

    .venv/bin/python benchmarks/programme.py [--risks 5000] [--milestones 2000] [--backend sqlite|postgresql]
        [--routes /programme/milestones,...] [--baseline /about] [--runs 3] [--no-spreadsheets] [--database URL]

`--database` drives a database an earlier run (or `populate` and `populate_milestones`) built, instead of building one:
on a busy machine, building takes minutes, and the same data then serves two versions of the code alike. On a
machine shared with other work, `--runs 3` gives medians, and every route's p50 and p95 are also shown as multiples of
a trivial page's (`--baseline`) measured in the same runs.
"""

import argparse
import datetime
import http.client
import os
import random
import sys
import tempfile
import time
import resource
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
import web  # noqa: E402  (the server and load helpers of benchmarks/web.py)

from caresystem import auth  # noqa: E402
from caresystem.auth import SYSTEM  # noqa: E402
from caresystem.auth.audit import install_audit_listener  # noqa: E402
from caresystem.db import make_engine, make_sessionmaker, session_scope, upgrade  # noqa: E402
from caresystem.example import load_example  # noqa: E402
from caresystem.programme.core.service import get_programme  # noqa: E402
from caresystem.programme import registers  # noqa: E402
from caresystem.programme.raid import service, spreadsheet  # noqa: E402
from caresystem.programme.raid.registers import ACTIONS  # noqa: E402
from caresystem.programme.raid.routes import export_records  # noqa: E402
from caresystem.programme.raid.schemas import RiskCreate  # noqa: E402
from caresystem.programme.plan import dependencies as plan_dependencies, service as plan_service  # noqa: E402
from caresystem.programme.plan.schemas import DependencyCreate, MilestoneCreate  # noqa: E402

PASSWORD = "tortoise-lantern-harbour-9"
PG_DATABASE = "caresystem_bench_programme"
ROUTES = ("/programme", "/programme/risks", "/programme/risks?min_score=8&sort=review_date", "/programme/risks/heatmap",
          "/programme/risks?impact=4&likelihood=4&status=open", "/programme/risks/B00042", "/programme/actions",
          "/governance/system-transformation-executive-board/escalations", "/programme/milestones",
          "/programme/milestones?rag=red&sort=rag", "/programme/milestones/BM00100")
BASELINE = "/about"  # a page with the layout, the session and the sign-in check, and nothing else


def database(backend: str, workdir: Path) -> str:
    """A new empty database on the backend: a file under `workdir`, or a PostgreSQL database dropped first."""
    if backend == "sqlite":
        return f"sqlite:///{workdir / 'programme.db'}"
    with psycopg.connect(web.PG_ADMIN, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        conn.execute(f"CREATE DATABASE {PG_DATABASE}")
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{PG_DATABASE}"


def populate(url: str, count: int) -> float:
    install_audit_listener()
    upgrade(url)
    factory = make_sessionmaker(make_engine(url))
    rng = random.Random(1)
    started = time.perf_counter()
    with session_scope(factory, "benchmark") as session:
        load_example(session)
        auth.create_user(session, username="bench", role="pmo_admin", password=PASSWORD)
        programme = get_programme(session)
        for i in range(count):
            rated = rng.random() > 0.1
            service.create_risk(session, actor=SYSTEM, programme=programme, data=RiskCreate(
                reference=f"B{i:05d}", title=f"Generated risk {i} for the register benchmark",
                owner=rng.choice(["SRO", "PMO", "Finance lead", "Clinical lead"]),
                scope=rng.choice(["programme", "place"]), scope_ref=rng.choice(["east-kent", "west-kent", None]),
                current_impact=rng.randint(1, 5) if rated else None,
                current_likelihood=rng.randint(1, 5) if rated else None,
                status=rng.choice(["open", "open", "open", "closed"])))
            if i % 5 == 0:  # one mitigating action per five risks, in the actions log
                registers.create_entry(session, actor=SYSTEM, programme=programme, register=ACTIONS,
                                              data=ACTIONS.create(title=f"Mitigate generated risk {i}",
                                                                  risk_reference=f"B{i:05d}"))
    return time.perf_counter() - started


def populate_milestones(url: str, count: int) -> float:
    """Milestones over two years around today, a quarter slipping, a tenth done, every tenth one depending on the last."""
    factory = make_sessionmaker(make_engine(url))
    rng = random.Random(2)
    today = datetime.date.today()
    started = time.perf_counter()
    with session_scope(factory, "benchmark") as session:
        programme = get_programme(session)
        for i in range(count):
            baseline = today + datetime.timedelta(days=rng.randint(-365, 365))
            slip = rng.choice([0, 0, 0, rng.randint(1, 90)])
            done = rng.random() < 0.1 and baseline < today
            data = MilestoneCreate(
                key=f"BM{i:05d}", title=f"Generated milestone {i} for the plan benchmark",
                owner=rng.choice(["SRO", "PMO", "Finance lead", "Clinical lead"]), baseline_date=baseline,
                forecast_date=baseline + datetime.timedelta(days=slip),
                actual_date=baseline if done else None, status="complete" if done else "not_started",
                projects=[rng.choice(["system-commissioner", "west-kent-icp", "dgs-icp"])])
            plan_service.create_record(session, actor=SYSTEM, programme=programme, kind=plan_service.MILESTONES,
                                       data=data)
            if i % 10 == 0 and i:
                plan_dependencies.add_dependency(session, actor=SYSTEM, programme=programme, data=DependencyCreate(
                    predecessor=f"BM{i - 10:05d}", successor=f"BM{i:05d}"))
    return time.perf_counter() - started


def signed_in_cookie(port: int) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", "/login")
    response = conn.getresponse()
    page = response.read().decode()
    cookie = response.getheader("set-cookie").split(";")[0]
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    body = f"username=bench&password={PASSWORD}&csrf_token={token}&next=/"
    conn.request("POST", "/login", body=body, headers={"Cookie": cookie,
                                                       "Content-Type": "application/x-www-form-urlencoded"})
    response = conn.getresponse()
    response.read()
    return response.getheader("set-cookie").split(";")[0]


def drive_signed_in(port: int, path: str, total: int, cookie: str) -> tuple[list[float], float]:
    original = http.client.HTTPConnection.request

    def with_cookie(self, method, url, body=None, headers=None, **kw):
        return original(self, method, url, body, {**(headers or {}), "Cookie": cookie}, **kw)

    http.client.HTTPConnection.request = with_cookie
    try:
        return web.drive(port, path, total)
    finally:
        http.client.HTTPConnection.request = original


def time_spreadsheets(url: str) -> None:
    factory = make_sessionmaker(make_engine(url))
    admin = auth.Actor("bench", auth.Role.PMO_ADMIN)
    with session_scope(factory, "benchmark") as session:
        started = time.perf_counter()
        records = export_records(session, admin, None, {"status": None})
        workbook = spreadsheet.to_xlsx(records)
        exported = time.perf_counter() - started
        started = time.perf_counter()
        rows = spreadsheet.read_file(workbook, "risks.xlsx")
        counts = service.import_risks(session, actor=admin, programme=get_programme(session), rows=rows)
        imported = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"XLSX export of {len(records):,} risks: {exported:.2f} s ({len(records) / exported:,.0f} rows/s, "
          f"{len(workbook) / 2**20:.1f} MiB)")
    print(f"XLSX import of {len(rows):,} rows (parse, validate, upsert): {imported:.2f} s "
          f"({len(rows) / imported:,.0f} rows/s; {counts})")
    with session_scope(factory, "benchmark") as session:
        started = time.perf_counter()
        text = spreadsheet.to_csv(export_records(session, admin, None, {"status": None}))
        exported = time.perf_counter() - started
        started = time.perf_counter()
        rows = spreadsheet.read_file(text.encode(), "risks.csv")
        service.import_risks(session, actor=admin, programme=get_programme(session), rows=rows)
        imported = time.perf_counter() - started
    print(f"CSV export of {len(rows):,} risks: {exported:.2f} s; CSV import: {imported:.2f} s")
    print(f"peak resident memory of the benchmark process: {peak:.0f} MiB")


def drive_routes(port: int, cookie: str, paths: list[str], requests: int) -> dict[str, tuple[float, float, float]]:
    """p50 and p95 in seconds and requests per second of each path, each warmed up first."""
    figures = {}
    for path in paths:
        drive_signed_in(port, path, web.CLIENTS * 3, cookie)
        latencies, elapsed = drive_signed_in(port, path, requests, cookie)
        q = web.statistics.quantiles(latencies, n=100)
        figures[path] = (q[49], q[94], len(latencies) / elapsed)
    return figures


def report(runs: list[dict[str, tuple[float, float, float]]], baseline: str, workers: int) -> None:
    """Each path's median over the runs, and its p50 and p95 as multiples of the baseline's in the same runs (which
    shows a change independent of how loaded the machine was)."""
    def median(path: str, i: int) -> float:
        return web.statistics.median(run[path][i] for run in runs)

    print(f"{web.CLIENTS} clients, {workers} workers, median of {len(runs)} run(s)  {'route':60} {'p50 ms':>8} "
          f"{'p95 ms':>8} {'req/s':>8} {'p50 x':>6} {'p95 x':>6}")
    for path in runs[0]:
        print(f"{'':42} {path[:60]:60} {median(path, 0) * 1000:8.1f} {median(path, 1) * 1000:8.1f} "
              f"{median(path, 2):8.1f} {median(path, 0) / median(baseline, 0):6.1f} "
              f"{median(path, 1) / median(baseline, 1):6.1f}")
    print(f"(x: the route's figure divided by the baseline {baseline}'s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--risks", type=int, default=5000)
    parser.add_argument("--milestones", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--routes", default=",".join(ROUTES), help="comma-separated paths to drive (default: all)")
    parser.add_argument("--baseline", default=BASELINE, help="a trivial page driven in the same runs, for the ratios")
    parser.add_argument("--runs", type=int, default=1, help="drive every route this many times; medians are shown")
    parser.add_argument("--no-spreadsheets", action="store_true", help="skip timing XLSX and CSV export and import")
    parser.add_argument("--database", help="an already populated database to drive (nothing is built)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="cs-bench-programme-"))
    url = args.database or database(args.backend, workdir)
    print(f"{url.split(':')[0]}; load average at start {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if not args.database:
        print(f"populating {args.risks:,} risks: {populate(url, args.risks):.1f} s")
        print(f"populating {args.milestones:,} milestones: {populate_milestones(url, args.milestones):.1f} s")
    env = {**os.environ, "CARESYSTEM_DATABASE_URL": url, "CARESYSTEM_STATIC_DIR": str(web.ROOT / "node_modules")}
    paths = [args.baseline, *(p for p in args.routes.split(",") if p and p != args.baseline)]
    with web.running_server(env, workdir, "--workers", str(args.workers)) as port:
        cookie = signed_in_cookie(port)
        runs = [drive_routes(port, cookie, paths, args.requests) for _ in range(args.runs)]
    report(runs, args.baseline, args.workers)
    print(f"load average at end {os.getloadavg()[0]:.1f}")
    if not args.no_spreadsheets:
        time_spreadsheets(url)


if __name__ == "__main__":
    main()
