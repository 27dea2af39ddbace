"""Shared fixtures: every database test runs on SQLite and on PostgreSQL."""

from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from caresystem.auth.audit import install_audit_listener
from caresystem.db import make_engine, make_sessionmaker
from caresystem.settings import Settings
from tests.databases import PASSWORD, Templates, require_postgres
from tests.shared_builds import run_directory

ROOT = Path(__file__).resolve().parents[1]
BACKENDS = ["sqlite", "postgresql"]

# Tests that start Chromium run on one worker, and those that start a JVM (PySpark, MPXJ) on one worker, so a parallel
# run starts one browser and one of each JVM; the two groups may run beside each other.
ONE_WORKER = {"tests/browser/": "browser", "tests/spec/": "jvm", "tests/integration/programme/test_plan_interchange": "jvm"}


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the groups to schedule them
def pytest_collection_modifyitems(items):
    for item in items:
        path = Path(item.path).relative_to(ROOT).as_posix()
        group = next((name for prefix, name in ONE_WORKER.items() if path.startswith(prefix)), None)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session")
def templates(tmp_path_factory):
    made: dict[str, Templates] = {}

    def get(backend: str) -> Templates:
        if backend not in made:
            if backend == "postgresql":
                require_postgres()
            made[backend] = Templates(backend, tmp_path_factory.mktemp(backend), run_directory(tmp_path_factory))
        return made[backend]

    yield get
    for t in made.values():
        t.close()


@dataclass
class Database:
    url: str
    backend: str
    tokens: dict[str, str]

    def __post_init__(self):
        install_audit_listener()
        self.engine = make_engine(self.url)
        self.sessionmaker = make_sessionmaker(self.engine)

    def session(self, actor: str = "tests"):
        session = self.sessionmaker()
        session.info["actor"] = actor
        return session


def _database(request, templates, kind: str):
    t = templates(request.param)
    url, tokens = t.fresh(kind)
    db = Database(url=url, backend=request.param, tokens=tokens)
    yield db
    db.engine.dispose()
    t.release(url)


@pytest.fixture(params=BACKENDS)
def empty_db(request, templates):
    """A migrated database with no data, on each backend."""
    yield from _database(request, templates, "empty")


@pytest.fixture(params=BACKENDS)
def db(request, templates):
    """A database with the Kent and Medway example and the test users, on each backend."""
    yield from _database(request, templates, "example")


def settings_for(url: str) -> Settings:
    return Settings(database_url=url, secret_key="test-secret-key-that-is-long-enough", static_dir=ROOT / "node_modules")


@pytest.fixture
def app(db):
    from caresystem.web.app import create_app

    application = create_app(settings_for(db.url))
    yield application
    application.state.engine.dispose()


@pytest.fixture
def client(app):
    with TestClient(app, base_url="https://testserver") as c:
        yield c


@pytest.fixture
def api(app, db):
    """API clients per user: api("admin").get(...)."""
    clients = []

    def for_user(username: str | None = None) -> TestClient:
        headers = {"Authorization": f"Bearer {db.tokens[username]}"} if username else {}
        c = TestClient(app, base_url="https://testserver", headers=headers)
        clients.append(c)
        return c

    yield for_user
    for c in clients:
        c.close()


def login(client: TestClient, username: str) -> TestClient:
    page = client.get("/login")
    token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    response = client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token,
                                           "next": "/"}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return client


def csrf_of(html: str) -> str:
    return html.split('name="csrf_token" value="')[1].split('"')[0]
