"""Highlight roll-up and the published register of interests on SQLite with the Kent and Medway example.

Each of the programme's projects gets RISKS scored risks (each rescored UPDATES times, so the audit trail holds
changes to undo), ISSUES linked issues and a submitted report for a month that has ended; then times the roll-up
(every project's registers put back as at the month's end from the audit trail) in-process, and the roll-up and
published-register API calls through the app, printing p50/p95.

    .venv/bin/python benchmarks/highlight.py [--risks 30] [--updates 5] [--issues 10] [--requests 50]
"""

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from caresystem.auth import SYSTEM, create_token, create_user  # noqa: E402
from caresystem.auth.audit import AuditEntry, install_audit_listener  # noqa: E402
from caresystem.db import make_engine, make_sessionmaker, session_scope, upgrade  # noqa: E402
from caresystem.example import load_example  # noqa: E402
from caresystem.programme.core.service import get_programme  # noqa: E402
from caresystem.programme.highlight import highlight_rollup, service as highlights  # noqa: E402
from caresystem.programme.highlight.schemas import ReportCreate  # noqa: E402
from caresystem.programme.plan.models import Project  # noqa: E402
from caresystem.programme.raid import register_service, service as risks  # noqa: E402
from caresystem.programme.raid.registers import ISSUES  # noqa: E402
from caresystem.programme.raid.schemas import RiskCreate, RiskUpdate  # noqa: E402
from caresystem.system.governance.models import GovernanceBody, Membership, Person  # noqa: E402
from caresystem.system.interests import service as interests  # noqa: E402
from caresystem.system.interests.schemas import InterestCreate  # noqa: E402
from caresystem.web.app import create_app  # noqa: E402
from tests.conftest import settings_for  # noqa: E402

PERIOD, ENDED = "2019-06", date(2019, 6, 30)
FILLED = dict(rag_overall="amber", rag_schedule="green", rag_resources="amber", rag_risk="red",
              achievements="Progress this month", next_steps="Next month's work")


def _registers(session, programme, project, args) -> list[str]:
    for n in range(args.risks):
        risk = risks.create_risk(session, actor=SYSTEM, programme=programme, data=RiskCreate(
            title=f"{project.name} risk {n + 1}", scope="project", scope_ref=project.key, current_impact=3,
            current_likelihood=3))
        risk.opened_on = date(2019, 5, 1)
    return [register_service.create_entry(session, actor=SYSTEM, programme=programme, register=ISSUES,
                                          data=ISSUES.create(title=f"{project.name} issue {n + 1}",
                                                             raised_on=date(2019, 5, 1))).reference
            for n in range(args.issues)]


def prepare(url: str, args) -> str:
    upgrade(url)
    install_audit_listener()
    sessions = make_sessionmaker(make_engine(url))
    with session_scope(sessions, actor="bench") as session:
        load_example(session)
        programme = get_programme(session)
        projects = session.scalars(select(Project).where(Project.programme_id == programme.id)).all()
        for project in projects:
            linked = _registers(session, programme, project, args)
            highlights.create_report(session, actor=SYSTEM, programme=programme, data=ReportCreate(
                project=project.key, period=PERIOD, linked_issues=linked, **FILLED))
            highlights.submit_report(session, actor=SYSTEM, programme=programme, project=project.key, period=PERIOD,
                                     version=1)
        _decision_makers(session, args.people)
        create_user(session, username="bench", role="viewer", password="a-long-benchmark-password")
        token = create_token(session, username="bench")
        key = programme.key
    with session_scope(sessions, actor="bench") as session:   # everything so far was "entered" in May 2019
        session.execute(update(AuditEntry).values(at=datetime(2019, 5, 20, tzinfo=timezone.utc)))
    with session_scope(sessions, actor="bench") as session:   # then rescored since, to be undone as at June
        programme = get_programme(session, key)
        found, _ = risks.list_risks(session, actor=SYSTEM, programme=programme, scope="project", limit=100_000)
        for risk in found:
            for n in range(args.updates):
                risks.update_risk(session, actor=SYSTEM, programme=programme, reference=risk.reference,
                                  data=RiskUpdate(version=risk.version, current_likelihood=1 + (n % 5)))
        entries = session.scalar(select(func.count()).select_from(AuditEntry))
    print(f"{len(projects)} projects, {args.risks} risks x {args.updates} rescorings and {args.issues} issues each; "
          f"{entries:,} audit entries")
    return key, token


def _decision_makers(session, people: int) -> None:
    board = session.scalar(select(GovernanceBody).where(GovernanceBody.key == "system-transformation-executive-board"))
    for n in range(people):
        person = Person(key=f"bench-person-{n}", name=f"Benchmark Person {n} (fictional)")
        session.add(person)
        session.add(Membership(body=board, person=person, membership_role="member"))
        session.flush()
        for kind in ("financial", "indirect", "non_financial_professional"):
            interests.create_interest(session, actor=SYSTEM, data=InterestCreate(
                person=person.key, type=kind, description=f"Illustrative {kind} interest", valid_from=date(2019, 1, 1)))


def _percentiles(samples: list[float]) -> str:
    samples = sorted(samples)
    return f"p50 {statistics.median(samples):.1f} ms, p95 {samples[max(int(len(samples) * 0.95) - 1, 0)]:.1f} ms"


def time_rollup(url: str, key: str, repeats: int) -> None:
    samples = []
    with session_scope(make_sessionmaker(make_engine(url)), actor="bench") as session:
        for _ in range(repeats):
            started = time.perf_counter()
            rollup = highlight_rollup(session, programme_key=key, period=PERIOD)
            samples.append((time.perf_counter() - started) * 1000)
        scores = {r.score for row in rollup.rows for r in row.sections.risks}
    assert scores == {9}, scores      # the rescorings since June are undone
    print(f"highlight_rollup as at {ENDED} (in-process): {_percentiles(samples)}")


def time_api(url: str, key: str, token: str, requests: int) -> None:
    app = create_app(settings_for(url))
    headers = {"Authorization": f"Bearer {token}"}
    with TestClient(app, base_url="https://testserver", headers=headers) as client:
        routes = [(f"/api/v1/highlight-reports/rollup?period={PERIOD}&programme={key}", "roll-up API"),
                  ("/api/v1/interests/published?as_at=2019-06-01", "published register API"),
                  ("/interests/published?as_at=2019-06-01", "published register page")]
        for route, name in routes:
            client.get(route)
            samples = []
            for _ in range(requests):
                started = time.perf_counter()
                response = client.get(route)
                samples.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (route, response.text[:200])
            print(f"{name}: {_percentiles(samples)}, {len(response.content) / 1024:.0f} KiB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--risks", type=int, default=30)
    parser.add_argument("--updates", type=int, default=5)
    parser.add_argument("--issues", type=int, default=10)
    parser.add_argument("--people", type=int, default=50)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        key, token = prepare(url, args)
        time_rollup(url, key, 20)
        time_api(url, key, token, args.requests)


if __name__ == "__main__":
    main()
