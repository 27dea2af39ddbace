"""Two stale writers: one wins, one is refused, nothing is lost; every change leaves an audit entry."""

import threading

from sqlalchemy import select

from caresystem.auth import SYSTEM
from caresystem.auth.audit import AuditEntry, history_of
from caresystem.db import make_sessionmaker
from caresystem.errors import Conflict
from caresystem.system.organisations import service
from caresystem.system.organisations.schemas import OrganisationUpdate


def test_two_stale_writers_over_the_api(api):
    admin, editor = api("admin"), api("editor")
    version = admin.get("/api/v1/organisations/RVV").json()["version"]
    first = admin.patch("/api/v1/organisations/RVV", json={"version": version, "notes": "first writer"})
    second = editor.patch("/api/v1/organisations/RVV", json={"version": version, "notes": "second writer"})
    assert (first.status_code, second.status_code) == (200, 409)
    assert admin.get("/api/v1/organisations/RVV").json()["notes"] == "first writer"


def test_two_writers_racing_in_parallel(db):
    """Both read version v, then write at the same moment: exactly one wins, the other gets a Conflict.

    Writers take the write lock up front (SQLite's BEGIN IMMEDIATE), so the second waits its turn and then
    sees the version moved on; it is never refused with a lock error.
    """
    readers = make_sessionmaker(db.engine, read_only=True)
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def write(name: str) -> None:
        with readers() as reading:
            read_version = service.get_organisation(reading, "RPA", actor=SYSTEM).version
        barrier.wait(timeout=10)
        session = db.session(actor=name)
        try:
            service.update_organisation(session, actor=SYSTEM, code="RPA",
                                        data=OrganisationUpdate(version=read_version, notes=f"by {name}"))
            session.commit()
            outcomes[name] = "won"
        except Conflict:
            session.rollback()
            outcomes[name] = "conflict"
        finally:
            session.close()

    with db.session() as s:
        version = service.get_organisation(s, "RPA", actor=SYSTEM).version
    threads = [threading.Thread(target=write, args=(n,)) for n in ("alice", "bob")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes.values()) == ["conflict", "won"], outcomes
    with db.session() as s:
        org = service.get_organisation(s, "RPA", actor=SYSTEM)
        winner = next(n for n, o in outcomes.items() if o == "won")
        assert org.notes == f"by {winner}" and org.version == version + 1


def test_every_change_is_audited_with_old_and_new_values(api, db):
    admin = api("admin")
    before = admin.get("/api/v1/organisations/RWF").json()
    admin.patch("/api/v1/organisations/RWF", json={"version": before["version"], "name": "MTW renamed"})
    history = admin.get("/api/v1/organisations/RWF/history").json()
    assert history[0]["actor"] == "admin" and history[0]["action"] == "updated"
    assert history[0]["changes"] == {"name": [before["name"], "MTW renamed"]}
    with db.session() as s:
        org = service.get_organisation(s, "RWF", actor=SYSTEM)
        assert org.updated_by == "admin"
        assert [e.action for e in history_of(s, "organisations", org.id)] == ["updated", "created"]


def test_failed_request_changes_nothing(api, db):
    with db.session() as s:
        audit_before = len(s.scalars(select(AuditEntry)).all())
    response = api("admin").post("/api/v1/organisations", json={"code": "XBAD", "name": "Bad", "type": "vcs",
                                                                 "successor_code": "MISSING"})
    assert response.status_code == 422
    with db.session() as s:
        assert len(s.scalars(select(AuditEntry)).all()) == audit_before
