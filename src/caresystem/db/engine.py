"""Engines and sessions: SQLite (WAL, foreign keys on) by default, PostgreSQL in production.

SQLite lets one writer in at a time. A transaction that read first and writes later cannot wait for the
lock (its snapshot may be stale, so SQLite refuses it at once with "database is locked"); so a unit of work
that may write starts with ``BEGIN IMMEDIATE``, takes the write lock up front and waits its turn for up to
``SQLITE_BUSY_TIMEOUT_SECONDS``. Read-only units of work (``make_sessionmaker(engine, read_only=True)``)
start with a plain ``BEGIN`` and never wait for writers (WAL).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from caresystem.db.checks import install_value_checks
from caresystem.db.ownership import install_ownership_guard

SQLITE_BUSY_TIMEOUT_SECONDS = 30
READ_ONLY = "caresystem_read_only"  # execution option: this unit of work will not write


def make_engine(url: str, **kwargs) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # More connections than the server's worker threads (40): a request that holds one must never wait for a
        # thread to give it back, or writers queued on the lock and readers queued on the pool deadlock.
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_SECONDS},
                               pool_size=20, max_overflow=40, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # Recycling, not a ping per checkout: a ping is one more round trip on every request.
    return create_engine(url, pool_recycle=1800, pool_size=10, max_overflow=20, **kwargs)


def is_sqlite(engine_or_session) -> bool:
    bind = engine_or_session.get_bind() if isinstance(engine_or_session, Session) else engine_or_session
    return bind.dialect.name == "sqlite"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # let SQLAlchemy's "begin" event issue BEGIN itself
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000}")
    cursor.close()


def _sqlite_begin(connection) -> None:
    # pysqlite's own transaction handling defers BEGIN until the first write, so reads would see no
    # consistent snapshot; issue BEGIN ourselves (the documented SQLAlchemy recipe), IMMEDIATE unless the
    # unit of work said it only reads.
    read_only = connection.get_execution_options().get(READ_ONLY, False)
    connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def make_sessionmaker(engine: Engine, *, read_only: bool = False) -> sessionmaker[Session]:
    """Sessions for units of work; ``read_only`` ones do not queue behind SQLite's single writer."""
    install_value_checks()
    install_ownership_guard()
    bind = engine.execution_options(**{READ_ONLY: True}) if read_only else engine
    return sessionmaker(bind, expire_on_commit=False)


@contextmanager
def session_scope(factory: sessionmaker[Session], actor: str = "system") -> Iterator[Session]:
    """One unit of work: commit if the block succeeds, roll back everything if it raises."""
    session = factory()
    session.info["actor"] = actor
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
