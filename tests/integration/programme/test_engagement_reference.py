"""Loading engagement reference data: the Kent and Medway counts, idempotence, generated occurrences that survive a
reload, and errors naming the file, record and field."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from caresystem.auth import SYSTEM
from caresystem.auth.audit import AuditEntry
from caresystem.errors import Invalid
from caresystem.programme.core.service import get_programme
from caresystem.programme.engagement import communications_plan, reference, service
from caresystem.programme.engagement.models import (Audience, Communication, CommunicationOccurrence, Stakeholder,
                                                    YouSaidWeDid)
from caresystem.programme.engagement.rules import add_months
from caresystem.system.interchange import EXAMPLE


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_the_example_loads_the_counts_of_the_documents(db):
    with db.session() as session:
        assert [_count(session, m) for m in (Audience, Stakeholder, Communication, YouSaidWeDid)] == [8, 16, 18, 0]
        principles = service.principles(session, actor=SYSTEM, programme=get_programme(session))
        assert [p.name for p in principles] == ["Considered and accurate", "Targeted and tailored",
                                                "Inclusive and meaningful", "Timely", "Honest"]  # PID 8.1
        merger = get_programme(session, "ccg-merger")  # the PID's principles are its programme's, not every one's
        assert service.principles(session, actor=SYSTEM, programme=merger) == []
        newsletters = session.scalar(select(Communication).where(Communication.key == "newsletters"))
        assert (newsletters.frequency, newsletters.responsible, newsletters.source_section) == \
            ("monthly", "Communications and engagement", "8.3")
        assert _count(session, CommunicationOccurrence) == 0  # the PID gives no start dates


def test_loading_again_changes_nothing(db):
    with db.session() as session:
        audits = _count(session, AuditEntry)
        summary = reference.load(session, EXAMPLE / "programme", get_programme(session))
        session.commit()
        assert summary == ("engagement: audiences 0 new 0 changed, stakeholders 0 new 0 changed, communications 0 new "
                           "0 changed")
        assert _count(session, AuditEntry) == audits


def _write(folder, name, text):
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text)


def test_a_dated_plan_generates_occurrences_and_a_reload_keeps_those_done(db, tmp_path):
    start = date.today() - timedelta(days=60)
    folder = tmp_path / "programme"
    _write(folder, "audiences.yaml", "- {key: staff, name: Staff}\n")
    _write(folder, "communications.yaml", f"""
- key: bulletin
  tool: Staff bulletin
  frequency: monthly
  responsible: Comms lead
  audience_keys: [staff]
  starts_on: '{start.isoformat()}'
  ends_on: '{(start + timedelta(days=100)).isoformat()}'
""")
    with db.session() as session:
        programme = get_programme(session)
        reference.load(session, folder, programme)
        bulletin = session.scalar(select(Communication).where(Communication.key == "bulletin"))
        dates = [o.due_on for o in bulletin.occurrences]
        assert len(dates) == 4 and dates[0] == start
        first = bulletin.occurrences[0]
        communications_plan.mark_done(session, actor=SYSTEM, occurrence_id=first.id, version=first.version, note="Sent")
        session.commit()
    _write(folder, "communications.yaml", (folder / "communications.yaml").read_text()
           .replace("frequency: monthly", "frequency: quarterly"))
    with db.session() as session:
        assert "communications 0 new 1 changed" in reference.load(session, folder, get_programme(session))
        session.commit()
        bulletin = session.scalar(select(Communication).where(Communication.key == "bulletin"))
        assert [(o.due_on, o.done_by, o.note) for o in bulletin.occurrences] == [
            (start, "system", "Sent"), (add_months(start, 3), None, None)]


def test_errors_name_the_file_record_and_field_and_nothing_is_loaded(db, tmp_path):
    folder = tmp_path / "programme"
    _write(folder, "stakeholders.yaml", "- {key: a, name: A, influence: 9}\n- {key: b, name: B, colour: red}\n")
    _write(folder, "communications.yaml", "- {key: c, tool: Podcast, frequency: hourly}\n"
                                          "- {key: d, tool: Webinar, audience_keys: [nobody]}\n")
    _write(folder, "communication_principles.yaml", "- {key: e, name: Honest}\n")  # now the principles register's
    with db.session() as session:
        before = _count(session, Stakeholder)
        with pytest.raises(Invalid) as caught:
            reference.load(session, folder, get_programme(session))
        fields = {e.field for e in caught.value.errors}
        assert fields == {"stakeholders.yaml[1].influence", "stakeholders.yaml[2].colour",
                          "communications.yaml[1].frequency", "communications.yaml[2].audience_keys",
                          "communication_principles.yaml"}
        session.rollback()
        assert _count(session, Stakeholder) == before
