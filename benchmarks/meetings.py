"""Meeting pack and public meeting pages on SQLite with the Kent and Medway example.

Builds the pack of a 12-item meeting with 150 pages of PDF papers (goal under 10 s), then times the public pages
of a meeting in public (its page, the calendar, the iCalendar and Atom feeds) through the app in-process and prints
p50/p95 (goal p95 under 100 ms).

    .venv/bin/python benchmarks/meetings.py [--requests 200]
"""

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from caresystem.auth import SYSTEM  # noqa: E402
from caresystem.auth.audit import install_audit_listener  # noqa: E402
from caresystem.db import make_engine, make_sessionmaker, session_scope, upgrade  # noqa: E402
from caresystem.example import load_example  # noqa: E402
from caresystem.meetings import agenda, pack, papers, service  # noqa: E402
from caresystem.meetings.schemas import ItemCreate, PaperFields, TermsUpdate  # noqa: E402
from caresystem.web.app import create_app  # noqa: E402
from tests.conftest import settings_for  # noqa: E402
from tests.integration.meetings.helpers import ICB as BODY, pdf_of  # noqa: E402


def prepare(url: str) -> int:
    upgrade(url)
    install_audit_listener()
    with session_scope(make_sessionmaker(make_engine(url)), actor="bench") as session:
        load_example(session)
        service.update_terms(session, actor=SYSTEM, body_key=BODY, data=TermsUpdate(frequency="monthly"))
        meeting = service.schedule(session, actor=SYSTEM, body_key=BODY, first=date(2027, 1, 5),
                                   until=date(2027, 6, 30))[0]
        agenda.build(session, actor=SYSTEM, meeting_id=meeting.id)
        standing = len(meeting.items)
        for n in range(12 - standing):
            agenda.add_item(session, actor=SYSTEM, meeting_id=meeting.id,
                            data=ItemCreate(title=f"Business item {n + 1}", purpose="decision"))
        items = [i for _, i in agenda.numbered(meeting.items)]
        pages_each = [13] * 6 + [12] * 6  # 150 pages over the 12 items
        for item, pages in zip(items, pages_each):
            papers.add_paper(session, actor=SYSTEM, meeting_id=meeting.id, content=pdf_of(pages),
                             filename="paper.pdf", data=PaperFields(title=f"Paper for {item.title}", item_id=item.id,
                                                                    public=True, purpose="decision"))
        return meeting.id


def time_pack(url: str, meeting_id: int) -> None:
    with session_scope(make_sessionmaker(make_engine(url)), actor="bench") as session:
        started = time.perf_counter()
        built = pack.build(session, actor=SYSTEM, meeting_id=meeting_id)
        elapsed = time.perf_counter() - started
    for p in built:
        print(f"pack ({p.audience}): {p.pages} pages, {len(p.content) / 1024:.0f} KiB")
    print(f"pack build, both packs of a 12-item meeting with 150 pages of papers: {elapsed:.2f} s (goal < 10 s)")


def time_pages(url: str, meeting_id: int, requests: int) -> None:
    app = create_app(settings_for(url))
    with TestClient(app, base_url="https://testserver") as client:
        for route in (f"/meetings/{meeting_id}", "/meetings", "/meetings/calendar.ics", "/meetings/feed.atom"):
            for _ in range(5):
                client.get(route)
            samples = []
            for _ in range(requests):
                started = time.perf_counter()
                response = client.get(route)
                samples.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (route, response.status_code)
            samples.sort()
            p95 = samples[int(len(samples) * 0.95) - 1]
            print(f"{route}: p50 {statistics.median(samples):.1f} ms, p95 {p95:.1f} ms (goal p95 < 100 ms)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        meeting_id = prepare(url)
        time_pack(url, meeting_id)
        time_pages(url, meeting_id, args.requests)


if __name__ == "__main__":
    main()
