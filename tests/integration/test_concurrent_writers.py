"""Many writers at once on each database: writers queue rather than fail, stale edits get 409, references stay
unique and nothing is lost (the probe in the hardening issue, at a small scale; `benchmarks/load.py` is the big one)."""

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import uvicorn

from tests.conftest import settings_for
from tests.loadgen import Client, Outcome, problems_after, risk_count, run_load


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(db):
    """A real server on loopback over the test database, so requests are truly concurrent."""
    from caresystem.web.app import create_app

    app = create_app(settings_for(db.url))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(timeout=10)
    app.state.engine.dispose()


def _all_at_once(count: int, call):
    barrier = threading.Barrier(count)

    def one(i):
        barrier.wait(timeout=20)
        return call(i)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(one, range(count)))


def test_concurrent_creates_all_succeed_with_unique_references(server, db):
    token = db.tokens["pmo"]
    before = risk_count(server, token)

    def create(i):
        client = Client(server, token, Outcome())
        status, body = client.call("create", "POST", "/api/v1/risks", {"title": f"Concurrent {i}"})
        client.close()
        return status, body.get("reference")

    results = _all_at_once(20, create)
    assert [s for s, _ in results] == [201] * 20, results
    references = [r for _, r in results]
    assert len(set(references)) == 20
    assert risk_count(server, token) == before + 20


def test_two_editors_of_the_same_version_get_200_and_409(server, db):
    token = db.tokens["pmo"]
    client = Client(server, token, Outcome())
    _, risk = client.call("create", "POST", "/api/v1/risks", {"title": "Edited by two at once"})
    client.close()
    for round_ in range(5):
        setup = Client(server, token, Outcome())
        _, current = setup.call("read", "GET", f"/api/v1/risks/{risk['reference']}")
        setup.close()

        def edit(i, version=current["version"]):
            c = Client(server, token, Outcome())
            status, _ = c.call("edit", "PATCH", f"/api/v1/risks/{risk['reference']}",
                               {"version": version, "owner": f"editor {round_}-{i}"})
            c.close()
            return status

        assert sorted(_all_at_once(2, edit)) == [200, 409]


def test_mixed_load_has_no_server_error_and_loses_nothing(server, db):
    token = db.tokens["pmo"]
    before = risk_count(server, token)
    outcome = run_load(server, token, writers=6, readers=4, seconds=3)
    assert outcome.statuses[("create", 201)] > 0 and outcome.won_from
    assert problems_after(server, token, outcome, before) == []


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)  # SQLite's single write lock; PostgreSQL locks rows
def test_a_writer_kept_waiting_past_the_busy_timeout_gets_503_with_retry_after(db, monkeypatch):
    import sqlite3

    from fastapi.testclient import TestClient

    from caresystem.db import engine as engine_module
    from caresystem.web.app import create_app

    monkeypatch.setattr(engine_module, "SQLITE_BUSY_TIMEOUT_SECONDS", 0.2)
    app = create_app(settings_for(db.url))
    holder = sqlite3.connect(db.url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a long import holding the write lock
    try:
        with TestClient(app, base_url="https://testserver",
                        headers={"Authorization": f"Bearer {db.tokens['pmo']}"}) as client:
            assert client.get("/api/v1/risks").status_code == 200  # readers are not kept waiting
            response = client.post("/api/v1/risks", json={"title": "Waits too long"})
            assert response.status_code == 503 and response.headers["retry-after"] == "5"
            assert "busy" in response.json()["detail"]
    finally:
        holder.rollback()
        holder.close()
        app.state.engine.dispose()


def test_concurrent_interest_creates_take_the_next_references_in_turn(server, db):
    from tests.integration.system.people import ALEX, add_person

    add_person(db, *ALEX)
    token = db.tokens["pmo"]

    def create(i):
        client = Client(server, token, Outcome())
        status, body = client.call("create", "POST", "/api/v1/interests", {
            "person": ALEX[0], "type": "financial", "description": f"Concurrent shareholding {i}",
            "valid_from": "2020-01-01"})
        client.close()
        return status, body.get("reference")

    results = _all_at_once(12, create)
    assert [s for s, _ in results] == [201] * 12, results
    assert sorted(r for _, r in results) == [f"INT{n:04d}" for n in range(1, 13)]
