"""Page and API latency with the Kent and Medway example scaled to 10x (about 2,000 practices).

Starts `caresystem serve` as a real server process on each backend, warms it up, then drives each route with
8 concurrent keep-alive clients and prints p50/p95 latency, requests per second and the server's peak memory.

    .venv/bin/python benchmarks/web.py [--requests 400] [--backends sqlite,postgresql]
"""

import argparse
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "src/caresystem/reference/kent_and_medway"
BIN = Path(sys.executable).parent
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
ROUTES = ["/system-map", "/organisations", "/api/v1/organisations?page_size=50"]
COPIES = 10
CLIENTS = 8


def scaled_pack(directory: Path) -> int:
    """The example's places, networks and practices copied 9 more times under new codes."""
    directory.mkdir(parents=True)
    places = yaml.safe_load((EXAMPLE / "places.yaml").read_text())
    pcns = yaml.safe_load((EXAMPLE / "pcns.yaml").read_text())
    practices = yaml.safe_load((EXAMPLE / "practices.yaml").read_text())
    new_places, new_pcns, new_practices = [], [], []
    for copy in range(1, COPIES):
        for p in places:
            new_places.append({**p, "code": f"{p['code']}-{copy}", "name": f"{p['name']} {copy}", "ccg_areas": []})
        for n in pcns:
            new_pcns.append({**n, "code": f"B{copy}{n['code'][3:]}", "place": f"{n['place']}-{copy}"})
        for i, p in enumerate(practices):
            new_practices.append({**p, "code": f"B{copy}{i:04d}", "place": f"{p['place']}-{copy}",
                                  "pcn": f"B{copy}{p['pcn'][3:]}"})
    for name, data in (("places", new_places), ("pcns", new_pcns), ("practices", new_practices)):
        (directory / f"{name}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return len(practices) + len(new_practices)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(env: dict, *args: str) -> None:
    subprocess.run([str(BIN / "caresystem"), *args], env=env, check=True, stdout=subprocess.DEVNULL)


def prepare(url: str, workdir: Path) -> tuple[dict, int]:
    env = {**os.environ, "CARESYSTEM_DATABASE_URL": url, "CARESYSTEM_STATIC_DIR": str(ROOT / "node_modules")}
    cli(env, "db", "upgrade")
    cli(env, "load-example")
    practices = scaled_pack(workdir / "scaled")
    cli(env, "reference", "import", str(workdir / "scaled"))
    return env, practices


def wait_until_serving(port: int, server: subprocess.Popen, *, workers: int = 1, log: Path | None = None,
                       timeout: float = 180) -> None:
    """Until the server answers HTTP and, when its output goes to `log`, each of its `workers` has said it started: an
    open port alone is not enough, as the parent process listens before its workers have imported the app, and a
    loaded machine can take a minute to start them. Raises saying why, with the end of the log, if the server exits
    first or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with code {server.returncode} before serving{_tail(log)}")
        if _started(log) >= workers and _answers(port):
            return
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer on port {port} within {timeout:.0f} s, {_started(log)} of "
                       f"{workers} worker(s) started{_tail(log)}")


def _answers(port: int) -> bool:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/login")
        status = conn.getresponse().status
        conn.close()
        return status < 500
    except (OSError, http.client.HTTPException):
        return False


def _started(log: Path | None) -> int:
    """Workers that have logged their start-up; without a log, the HTTP answer alone decides."""
    if log is None:
        return sys.maxsize
    return log.read_text(errors="replace").count("Application startup complete") if log.exists() else 0


def _tail(log: Path | None, lines: int = 15) -> str:
    if log is None or not log.exists():
        return ""
    return "; the server's log ends:\n" + "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


@contextmanager
def scratch_database(backend: str, name: str) -> Iterator[tuple[Path, str]]:
    """A temporary folder and the URL of a fresh, empty database called `name` (on SQLite a file in the folder);
    both are removed afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix=f"{name}-"))
    if backend == "sqlite":
        url = f"sqlite:///{workdir / f'{name}.db'}"
    else:
        _drop(name)
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    try:
        yield workdir, url
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if backend != "sqlite":
            _drop(name)


def _drop(name: str) -> None:
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def running_server(env: dict, workdir: Path, *args: str, timeout: float = 180) -> Iterator[int]:
    """`caresystem serve` (with `args`) on a free port, ready for requests (every worker started); yields the port,
    stops it after. Its output goes to `server.log` in `workdir`."""
    port = free_port()
    workers = int(args[args.index("--workers") + 1]) if "--workers" in args else 1
    log = workdir / "server.log"
    with log.open("w") as output:
        server = subprocess.Popen([str(BIN / "caresystem"), "serve", "--port", str(port), *args], env=env,
                                  cwd=workdir, stdout=output, stderr=subprocess.STDOUT)
        try:
            wait_until_serving(port, server, workers=workers, log=log, timeout=timeout)
            yield port
        finally:
            server.terminate()
            server.wait(timeout=20)


def drive(port: int, path: str, total: int) -> tuple[list[float], float]:
    latencies: list[float] = []
    lock = threading.Lock()
    per_client = total // CLIENTS

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        for _ in range(per_client):
            start = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - start)
            if response.status != 200:
                raise RuntimeError(f"{path}: HTTP {response.status}")
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, time.perf_counter() - start


def serve(env: dict, workdir: Path, workers: int, requests: int) -> None:
    with running_server(env, workdir, "--workers", str(workers)) as port:
        print(f"{workers} worker(s)  {'route':42} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8}")
        for path in ROUTES:
            drive(port, path, CLIENTS * 5)  # warm up
            latencies, elapsed = drive(port, path, requests)
            q = statistics.quantiles(latencies, n=100)
            print(f"{'':12} {path:42} {q[49] * 1000:8.1f} {q[94] * 1000:8.1f} {len(latencies) / elapsed:8.1f}")


def bench_backend(backend: str, requests: int, worker_counts: list[int]) -> None:
    with scratch_database(backend, f"cs_bench_{os.getpid()}") as (workdir, url):
        started = time.perf_counter()
        env, practices = prepare(url, workdir)
        print(f"\n{backend}: {practices:,} practices loaded in {time.perf_counter() - started:.1f} s")
        for workers in worker_counts:
            serve(env, workdir, workers, requests)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="requests per route")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--workers", default="1,2", help="server worker processes to try (this machine has 2 cores)")
    args = parser.parse_args()
    print(f"{CLIENTS} concurrent clients, {args.requests} requests per route, one server process")
    for backend in args.backends.split(","):
        bench_backend(backend, args.requests, [int(w) for w in args.workers.split(",")])


if __name__ == "__main__":
    main()
