"""Test databases on SQLite and PostgreSQL, built by running the migrations, copied from templates per test.

The templates are built once per test run and shared by its workers: the first worker that needs one builds it, and
the last PostgreSQL user out drops the PostgreSQL ones.

A PostgreSQL copy costs far more than a SQLite one: the copy writes the whole database to the WAL and each drop
forces a checkpoint. So a PostgreSQL copy that a test only read is handed to the next test instead of being dropped
and copied again; any statement through SQLAlchemy that is not a plain read marks its database written.
"""

import json
import os
import queue
import shutil
import subprocess
import threading
import uuid
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url

from caresystem.auth import create_token, create_user
from caresystem.auth.audit import install_audit_listener
from caresystem.db import make_engine, make_sessionmaker, session_scope, upgrade
from caresystem.example import load_example
from tests.shared_builds import locked

ROOT = Path(__file__).resolve().parents[1]
PG_ADMIN = os.environ.get("CARESYSTEM_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
PASSWORD = "correct-horse-battery"
USERS = {  # username: (role, organisation scopes, place scopes)
    "admin": ("system_admin", [], []),
    "pmo": ("pmo_admin", [], []),
    "viewer": ("viewer", [], []),
    "editor": ("editor", [], []),
    "ek_editor": ("editor", [], ["east-kent"]),
    "org_editor": ("editor", ["XKP01"], []),
}


def postgres_available() -> bool:
    try:
        with psycopg.connect(PG_ADMIN, connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


def require_postgres() -> None:
    """Every database test runs on PostgreSQL too: start the local server when it is down, fail when it cannot be
    (a skipped backend would let a PostgreSQL-only fault through)."""
    if postgres_available():
        return
    if "CARESYSTEM_TEST_POSTGRES" not in os.environ:  # only the local default server is ours to start
        subprocess.run([str(ROOT / "scripts" / "ensure-postgres.sh")], check=False, capture_output=True, timeout=60)
        if postgres_available():
            return
    pytest.fail(f"PostgreSQL is not reachable at {PG_ADMIN} and could not be started; run `make postgres` "
                "(or point CARESYSTEM_TEST_POSTGRES at a server).", pytrace=False)


def _pg_url(name: str) -> str:
    return str(make_url(PG_ADMIN).set(drivername="postgresql+psycopg", database=name).render_as_string(False))


def _pg_admin(sql: str) -> None:
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(sql)


def populate_example(url: str) -> dict[str, str]:
    """Load the example and the test users; returns each user's API token."""
    install_audit_listener()
    engine = make_engine(url)
    tokens = {}
    with session_scope(make_sessionmaker(engine), actor="tests") as session:
        load_example(session)
        for name, (role, orgs, places) in USERS.items():
            create_user(session, username=name, role=role, password=PASSWORD, organisations=orgs, places=places)
            tokens[name] = create_token(session, username=name)
    engine.dispose()
    return tokens


_READS = ("select", "show", "set", "begin", "commit", "rollback", "savepoint", "release")
_WRITES_IN_A_READ = ("nextval", "setval", "into")  # a SELECT that moves a sequence or fills a table
_written: set[str] = set()  # names of databases a statement may have changed


@event.listens_for(Engine, "before_cursor_execute")
def _note_writes(connection, _cursor, statement, _parameters, _context, _executemany) -> None:
    words = statement.lstrip().lower()
    first = words.split(None, 1)[0] if words else ""
    if first not in _READS or any(word in words for word in _WRITES_IN_A_READ):
        _written.add(connection.engine.url.database)


class _Dropper:
    """Drops PostgreSQL databases on a thread of its own: a drop waits on a checkpoint (up to a second or two on a
    busy machine), which the next test need not wait for."""

    def __init__(self):
        self.names: queue.Queue[str | None] = queue.Queue()
        self.thread = threading.Thread(target=self._drain, name="drop-test-databases", daemon=True)
        self.thread.start()

    def _drain(self) -> None:
        while (name := self.names.get()) is not None:
            _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def drop(self, name: str) -> None:
        self.names.put(name)

    def finish(self) -> None:
        self.names.put(None)
        self.thread.join()


class Templates:
    """Per backend: an empty migrated database and one with the example loaded, copied for each test. The templates
    live in `shared` (this test run's directory, which every worker sees); the copies are this worker's own."""

    def __init__(self, backend: str, workdir: Path, shared: Path):
        self.backend = backend
        self.workdir = workdir
        self.shared = shared
        self.prefix = f"cs_{uuid.uuid4().hex[:8]}"
        self.built: dict[str, dict[str, str]] = {}
        self.copies: list[str] = []
        self.unread: dict[str, list[str]] = {}  # kind: PostgreSQL copies handed back unchanged
        self.dropper = _Dropper() if backend == "postgresql" else None
        if self.dropper:
            self._count_users(+1)

    def _shared_file(self, name: str) -> Path:
        return self.shared / f"{self.backend}-{name}"

    def _template_name(self, kind: str) -> str:
        with locked(self._shared_file("lock")):
            run = self._shared_file("run")
            if not run.exists():
                run.write_text(f"cs_{uuid.uuid4().hex[:8]}")
            return f"{run.read_text()}_{kind}"

    def _template_url(self, kind: str) -> str:
        if self.backend == "sqlite":
            return f"sqlite:///{self.shared / f'template_{kind}.db'}"
        return _pg_url(self._template_name(kind))

    def _build(self, kind: str) -> dict[str, str]:
        if kind not in self.built:
            with locked(self._shared_file(f"{kind}.lock")):
                tokens = self._shared_file(f"{kind}.json")
                if not tokens.exists():
                    url = self._template_url(kind)
                    if self.backend == "postgresql":
                        _pg_admin(f'CREATE DATABASE "{make_url(url).database}"')
                    upgrade(url)
                    tokens.write_text(json.dumps(populate_example(url) if kind == "example" else {}))
                self.built[kind] = json.loads(tokens.read_text())
        return self.built[kind]

    def fresh(self, kind: str) -> tuple[str, dict[str, str]]:
        tokens = self._build(kind)
        if self.unread.get(kind):
            return _pg_url(self.unread[kind].pop()), tokens
        name = f"{self.prefix}_{kind}_{len(self.copies)}"
        self.copies.append(name)
        if self.backend == "sqlite":
            target = self.workdir / f"{name}.db"
            shutil.copy(self.shared / f"template_{kind}.db", target)
            return f"sqlite:///{target}", tokens
        _pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{self._template_name(kind)}"')
        return _pg_url(name), tokens

    def release(self, url: str) -> None:
        """A test is done with its copy: drop it, or keep it for the next test when nothing may have changed it."""
        if not self.dropper:
            return
        name = make_url(url).database
        if name in _written:
            _written.discard(name)
            self.dropper.drop(name)
        else:
            self.unread.setdefault(self._kind_of(name), []).append(name)

    def _kind_of(self, name: str) -> str:
        return name.removeprefix(f"{self.prefix}_").rsplit("_", 1)[0]

    def _count_users(self, change: int) -> int:
        with locked(self._shared_file("lock")):
            users = self._shared_file("users")
            count = (int(users.read_text()) if users.exists() else 0) + change
            users.write_text(str(count))
            return count

    def close(self) -> None:
        if not self.dropper:
            return
        for name in (name for names in self.unread.values() for name in names):
            self.dropper.drop(name)
        self.dropper.finish()
        if self._count_users(-1) == 0:  # no worker copies from the templates any more
            for kind in ("empty", "example"):
                with locked(self._shared_file(f"{kind}.lock")):
                    if self._shared_file(f"{kind}.json").exists():
                        _pg_admin(f'DROP DATABASE IF EXISTS "{self._template_name(kind)}" WITH (FORCE)')
                        self._shared_file(f"{kind}.json").unlink()
