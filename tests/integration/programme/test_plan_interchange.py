"""Plans in from Microsoft Project XML and back out, on SQLite and PostgreSQL: the preview, all or nothing,
re-imports that change nothing, later versions that slip milestones (with history), and the round trip."""

import pytest
from sqlalchemy import select

from caresystem.auth import SYSTEM
from caresystem.auth.audit import history_of
from caresystem.errors import Conflict, Invalid
from caresystem.programme.core.service import get_programme
from caresystem.programme.plan import dependencies
from caresystem.programme.plan.interchange import project_files, service as interchange
from caresystem.programme.plan.models import Deliverable, Milestone, PlanDependency, Project, Workstream
from tests.integration.programme.plan_files import GUIDS, mspdi_plan


def _import(session, content: bytes, dry_run: bool = False, programme=None):
    plan = interchange.read_file(content, "plan.xml")
    return interchange.import_plan(session, actor=SYSTEM, programme=programme or get_programme(session), plan=plan,
                                   dry_run=dry_run)


def _by_guid(session, model, n: int):
    return session.scalar(select(model).where(model.external_id == GUIDS[n]))


def snapshot(session, programme) -> dict:
    """The imported plan as comparable values: each record by kind and key, and every edge by its ends."""
    found = {}
    for model in (Project, Workstream, Deliverable, Milestone):
        for r in session.scalars(select(model).where(model.programme_id == programme.id, model.deleted_at.is_(None))):
            values = {"name": getattr(r, "name", None) or getattr(r, "title", None)}
            if model in (Deliverable, Milestone):
                values |= {f: getattr(r, f) for f in ("owner", "baseline_date", "forecast_date", "actual_date",
                                                      "status")}
                values["projects"] = [p.key for p in r.projects]
            if model is Milestone:
                values["workstreams"] = [w.key for w in r.workstreams]
            if model is Deliverable:
                values["workstream"] = r.workstream.key if r.workstream else None
            found[(model.__tablename__, r.key)] = values
    edges = [(e.predecessor_type, e.successor_type, e.lag_days, e.link_type)
             for e in dependencies.edges_of(session, programme)]
    return {"records": found, "edges": sorted(edges)}


def test_import_previews_then_applies_the_outline_dates_owners_and_links(db):
    with db.session() as session:
        preview = _import(session, mspdi_plan(), dry_run=True)
        assert preview.errors == [] and preview.counts()["milestone"]["created"] == 3
        assert session.scalar(select(Milestone).where(Milestone.external_id == GUIDS[5])) is None, "dry run writes"
        assert preview.unmatched_owners == ["Nobody We Know"]
        counts = _import(session, mspdi_plan()).counts()
        session.commit()
        assert counts["project"]["created"] == 1 and counts["workstream"]["created"] == 1
        assert counts["deliverable"]["created"] == 2 and counts["dependency"]["created"] == 4
        project, stream = _by_guid(session, Project, 1), _by_guid(session, Workstream, 2)
        assert project.name == "Shared care record rollout" and stream.name == "Digital & data"
        signed = _by_guid(session, Milestone, 3)
        assert signed.status == "complete" and signed.actual_date.isoformat() == "2021-01-14"
        assert [p.key for p in signed.projects] == [project.key] and [w.key for w in signed.workstreams] == [stream.key]
        viewer = _by_guid(session, Deliverable, 4)
        assert viewer.owner == "Glenn Douglas", "matched to the person, spelt as the system has it"
        assert viewer.status == "in_progress" and viewer.workstream.key == stream.key
        training = _by_guid(session, Deliverable, 6)
        assert training.workstream is None and [p.key for p in training.projects] == [project.key]
        closed = _by_guid(session, Milestone, 7)
        assert closed.projects == [] and closed.baseline_date.isoformat() == "2021-04-04"
        edges = {(e.predecessor_id, e.successor_id): e for e in dependencies.edges_of(session, get_programme(session))
                 if e.successor_type in ("milestone", "deliverable")}
        link = edges[(signed.id, viewer.id)]
        assert (link.link_type, link.lag_days) == ("FS", 2)
        assert edges[(viewer.id, training.id)].link_type == "SS"


def test_reimporting_the_same_file_changes_nothing(db):
    with db.session() as session:
        _import(session, mspdi_plan())
        session.commit()
        versions = [m.version for m in session.scalars(select(Milestone).where(Milestone.external_id.is_not(None)))]
        again = _import(session, mspdi_plan())
        session.commit()
        assert not again.changes_anything
        assert all(n == 0 for kind in again.counts().values() for action, n in kind.items() if action != "unchanged")
        assert [m.version for m in session.scalars(select(Milestone).where(Milestone.external_id.is_not(None)))] \
            == versions


def test_a_later_version_slips_the_milestone_into_its_history_and_changes_links(db):
    with db.session() as session:
        _import(session, mspdi_plan())
        session.commit()
        later = _import(session, mspdi_plan(slip_days=21, version=2))
        session.commit()
        changed = {i.task: i for i in later.items if i.action == "updated"}
        assert set(changed) == {"5"} and set(changed["5"].changes) == {"forecast_date"}
        counts = later.counts()["dependency"]
        assert counts["updated"] == 1 and counts["removed"] == 1 and counts["created"] == 0
        live = _by_guid(session, Milestone, 5)
        assert live.forecast_date.isoformat() == "2021-03-26" and live.slip_days == 21
        history = history_of(session, "milestones", live.id)
        assert history[0].action == "updated"
        assert history[0].changes["forecast_date"] == [None, "2021-03-26"], "on plan until now: no forecast"
        viewer, training = _by_guid(session, Deliverable, 4), _by_guid(session, Deliverable, 6)
        assert not session.scalar(select(PlanDependency).where(PlanDependency.predecessor_id == viewer.id,
                                                                PlanDependency.successor_id == training.id))


def test_a_bad_file_imports_nothing_and_names_the_task_and_field(db):
    bad = mspdi_plan().replace(b"<Name>Programme closed</Name>", b"<Name>X</Name>")
    with db.session() as session:
        with pytest.raises(Invalid) as raised:
            _import(session, bad)
        session.rollback()
        assert [(e.field, e.message) for e in raised.value.errors] == [
            ("task 7, name", "must be at least 3 characters")]
        assert _by_guid(session, Project, 1) is None


def test_a_cycle_in_the_file_is_refused(db):
    cyclic = mspdi_plan().replace(b"<UID>3</UID><ID>3</ID>", b"<UID>3</UID><ID>3</ID>", 1).replace(
        b"<Active>1</Active></Task></Tasks>",
        b"<Active>1</Active></Task></Tasks>")
    cyclic = cyclic.replace(b"<Name>Information sharing agreement signed</Name>",
                            b"<Name>Information sharing agreement signed</Name>", 1)
    cyclic = cyclic.replace(b"<Active>1</Active><Start>2021-01-14", b"<Active>1</Active><PredecessorLink>"
                            b"<PredecessorUID>5</PredecessorUID><Type>1</Type></PredecessorLink><Start>2021-01-14", 1)
    with db.session() as session:
        found = _import(session, cyclic, dry_run=True)
        assert any(e.field.endswith("predecessors") and "cycle" in e.message for e in found.errors)


def test_unsafe_or_unreadable_files_are_refused_plainly():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
            b'<Project xmlns="http://schemas.microsoft.com/project"><Name>&lol2;</Name></Project>')
    external = (b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b'<Project xmlns="http://schemas.microsoft.com/project"><Name>&x;</Name></Project>')
    utf16 = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>'.encode("utf-16")
    for content in (bomb, external, utf16):
        with pytest.raises(Invalid) as raised:
            project_files.read(content)
        assert "document type declaration or entities" in raised.value.errors[0].message
    with pytest.raises(Invalid, match="not a plan file that can be read"):
        project_files.read(b"this is not a plan at all, just some text")
    with pytest.raises(Invalid, match="is empty"):
        project_files.read(b"")
    assert project_files._reason("File is password protected").startswith("is password protected")


def test_round_trip_import_export_import_gives_the_same_plan(db):
    from caresystem.programme.core.models import Programme
    with db.session() as session:
        first = get_programme(session)
        _import(session, mspdi_plan())
        session.commit()
        exported = interchange.export_mspdi(session, actor=SYSTEM, programme=first)
        back = project_files.read(exported)
        assert {t.name for t in back.tasks} >= {"Shared care record rollout", "Viewer live in general practice"}
        other = Programme(key="copy", name="A copy")
        session.add(other)
        session.flush()
        _import(session, exported, programme=other)
        session.commit()
        assert snapshot(session, other) == snapshot(session, first)
        again = _import(session, exported)
        assert not again.changes_anything, [(i.kind, i.key, i.changes) for i in again.items if i.changes]


def test_a_confirmed_preview_applies_exactly_and_refuses_after_a_change(db):
    with db.session() as session:
        programme = get_programme(session)
        plan = interchange.read_file(mspdi_plan(), "plan.xml")
        token, found = interchange.stage_import(session, actor=SYSTEM, programme=programme, plan=plan,
                                                filename="plan.xml")
        session.commit()
        filename, done = interchange.confirm_import(session, actor=SYSTEM, programme=programme, token=token)
        session.commit()
        assert filename == "plan.xml" and done.counts() == found.counts()
        later = interchange.read_file(mspdi_plan(slip_days=7), "plan.xml")
        token, _ = interchange.stage_import(session, actor=SYSTEM, programme=programme, plan=later, filename="v2.xml")
        session.commit()
        moved = _by_guid(session, Milestone, 7)
        moved.notes = "Changed by someone else meanwhile"
        session.commit()
        with pytest.raises(Conflict):
            interchange.confirm_import(session, actor=SYSTEM, programme=programme, token=token)
