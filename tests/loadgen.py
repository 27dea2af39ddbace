"""A bounded mixed load of writers and readers against a running server, and the checks made afterwards.

Used by the concurrency test (a few seconds, small) and by `benchmarks/load.py` (50 clients, 60 s). Writers
create risks without a reference (the server generates them), edit a shared "hot" risk with the version they
read, and send deliberately stale edits; readers list and open risks. Afterwards every created risk must be
there under a unique reference, no response may be a 5xx, every stale edit must have been refused with 409,
and no two edits of the hot risk may have succeeded from the same version (no lost update).
"""

import http.client
import json
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Outcome:
    statuses: Counter = field(default_factory=Counter)  # (operation, status) -> count
    created: list[str] = field(default_factory=list)  # references the server returned with 201
    won_from: list[int] = field(default_factory=list)  # the version each successful edit of the hot risk read
    stale_not_refused: list[int] = field(default_factory=list)  # statuses of stale edits that were not 409
    latencies: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, operation: str, status: int, seconds: float) -> None:
        with self.lock:
            self.statuses[(operation, status)] += 1
            self.latencies.append(seconds)

    @property
    def server_errors(self) -> dict:
        return {k: v for k, v in self.statuses.items() if k[1] >= 500}

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())


class Client:
    """One keep-alive connection speaking JSON with a bearer token."""

    def __init__(self, port: int, token: str, outcome: Outcome):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        self.outcome = outcome

    def call(self, operation: str, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        started = time.perf_counter()
        self.conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=self.headers)
        response = self.conn.getresponse()
        raw = response.read()
        self.outcome.record(operation, response.status, time.perf_counter() - started)
        try:
            return response.status, json.loads(raw) if raw else {}
        except ValueError:
            return response.status, {}

    def close(self) -> None:
        self.conn.close()


def _writer(client: Client, hot: str, rng: random.Random, outcome: Outcome, until: float) -> None:
    while time.monotonic() < until:
        choice = rng.random()
        if choice < 0.4:
            status, body = client.call("create", "POST", "/api/v1/risks",
                                       {"title": f"Load {rng.randrange(10**9)}", "current_impact": rng.randint(1, 5),
                                        "current_likelihood": rng.randint(1, 5)})
            if status == 201:
                with outcome.lock:
                    outcome.created.append(body["reference"])
        elif choice < 0.85:
            status, current = client.call("read hot", "GET", f"/api/v1/risks/{hot}")
            if status != 200:
                continue
            status, _ = client.call("edit hot", "PATCH", f"/api/v1/risks/{hot}",
                                    {"version": current["version"], "owner": f"Owner {rng.randrange(10**12)}"})
            if status == 200:
                with outcome.lock:
                    outcome.won_from.append(current["version"])
        else:
            status, current = client.call("read hot", "GET", f"/api/v1/risks/{hot}")
            if status == 200 and current["version"] > 1:
                status, _ = client.call("stale edit", "PATCH", f"/api/v1/risks/{hot}",
                                        {"version": current["version"] - 1, "owner": "stale"})
                if status != 409:
                    with outcome.lock:
                        outcome.stale_not_refused.append(status)


def _reader(client: Client, hot: str, rng: random.Random, until: float) -> None:
    while time.monotonic() < until:
        if rng.random() < 0.5:
            client.call("list", "GET", f"/api/v1/risks?page_size=50&page={rng.randint(1, 3)}")
        else:
            client.call("read hot", "GET", f"/api/v1/risks/{hot}")


def run_load(port: int, token: str, *, writers: int, readers: int, seconds: float, seed: int = 14) -> Outcome:
    """Drive the server for `seconds` with `writers` + `readers` concurrent clients; returns what happened."""
    outcome = Outcome()
    setup = Client(port, token, outcome)
    status, hot = setup.call("create", "POST", "/api/v1/risks", {"title": "The hot risk everyone edits"})
    assert status == 201, (status, hot)
    outcome.created.append(hot["reference"])
    setup.close()
    until = time.monotonic() + seconds
    clients, threads = [], []
    for i in range(writers + readers):
        client = Client(port, token, outcome)
        clients.append(client)
        rng = random.Random(seed * 1000 + i)
        target, args = (_writer, (client, hot["reference"], rng, outcome, until)) if i < writers else (
            _reader, (client, hot["reference"], rng, until))
        threads.append(threading.Thread(target=target, args=args, daemon=True))
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 120)
    for client in clients:
        client.close()
    return outcome


def problems_after(port: int, token: str, outcome: Outcome, risks_before: int) -> list[str]:
    """Everything that went wrong: 5xx, stale edits let through, lost or duplicated records, lost updates."""
    found = []
    if outcome.server_errors:
        found.append(f"server errors: {outcome.server_errors}")
    if outcome.stale_not_refused:
        found.append(f"stale edits not refused with 409: {Counter(outcome.stale_not_refused)}")
    duplicates = [r for r, n in Counter(outcome.created).items() if n > 1]
    if duplicates:
        found.append(f"references handed out twice: {duplicates[:10]}")
    same_base = [v for v, n in Counter(outcome.won_from).items() if n > 1]
    if same_base:
        found.append(f"lost updates: two edits both succeeded from versions {same_base[:10]}")
    check = Client(port, token, Outcome())
    status, listed = check.call("count", "GET", "/api/v1/risks?page_size=1")
    if listed.get("total") != risks_before + len(outcome.created):
        found.append(f"risks now {listed.get('total')}, expected {risks_before} + {len(outcome.created)} created")
    status, hot = check.call("read hot", "GET", f"/api/v1/risks/{outcome.created[0]}")
    if hot.get("version") != 1 + len(outcome.won_from):
        found.append(f"hot risk at version {hot.get('version')} after {len(outcome.won_from)} successful edits")
    check.close()
    return found


def risk_count(port: int, token: str) -> int:
    client = Client(port, token, Outcome())
    _, listed = client.call("count", "GET", "/api/v1/risks?page_size=1")
    client.close()
    return listed["total"]
