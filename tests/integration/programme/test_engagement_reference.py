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
        assert [_count(session, m) for m in (Audience, Stakeholder, YouSaidWeDid)] == [8, 16, 0]
        assert session.scalar(select(func.count()).select_from(Communication).where(
            Communication.programme_id == get_programme(session).id)) == 18  # PID 8.3
        principles = service.principles(session, actor=SYSTEM, programme=get_programme(session))
        assert [p.name for p in principles] == ["Considered and accurate", "Targeted and tailored",
                                                "Inclusive and meaningful", "Timely", "Honest"]  # PID 8.1
        merger = get_programme(session, "ccg-merger")  # the PID's principles are its programme's, not every one's
        assert service.principles(session, actor=SYSTEM, programme=merger) == []
        newsletters = session.scalar(select(Communication).where(Communication.key == "newsletters"))
        assert (newsletters.frequency, newsletters.responsible, newsletters.source_section) == \
            ("monthly", "Communications and engagement", "8.3")
        assert newsletters.starts_on == date(2019, 4, 1) and "the example's assumption" in newsletters.notes


# What each programme's plan shows: (communication, first occurrence, number of occurrences). The documents give no
# start dates; the example assumes the programme's start and end (each tool's notes say so).
PLANS = {
    "system-transformation": {"newsletters": (date(2019, 4, 1), 39), "meeting-packs": (date(2019, 4, 1), 39),
                              "ccg-ao-report": (date(2019, 4, 1), 39),
                              "stp-stakeholder-bulletin": (date(2019, 4, 1), 39)},
    "ics-transition": {"executive-webinars": (date(2021, 6, 1), 10), "weekly-news-bulletin": (date(2021, 6, 1), 44),
                       "accountable-officer-blog": (date(2021, 6, 1), 22)},
    "ccg-merger": {},  # document 001 puts its communications plan in an appendix it does not reproduce
}


def test_the_example_plans_have_occurrences_and_none_before_its_programme_begins(db, api):
    with db.session() as session:
        for key, expected in PLANS.items():
            programme = get_programme(session, key)
            found = session.scalars(select(CommunicationOccurrence).join(Communication).where(
                Communication.programme_id == programme.id)).all()
            by_tool: dict[str, list[date]] = {}
            for o in found:
                by_tool.setdefault(o.communication.key, []).append(o.due_on)
            assert {k: (min(v), len(v)) for k, v in by_tool.items()} == expected, key
            assert all(programme.start_date <= o.due_on <= programme.end_date for o in found), key
            for communication in session.scalars(select(Communication).where(
                    Communication.programme_id == programme.id, Communication.starts_on.is_not(None))):
                assert "the example's assumption" in communication.notes, communication.key
    listed = api("viewer").get("/api/v1/communication-occurrences").json()
    assert listed["total"] == 4 * 39 and listed["items"][0]["due_on"] == "2019-04-01"


def test_a_plan_starting_before_its_programme_is_refused(db, tmp_path):
    folder = tmp_path / "programme"
    _write(folder, "communications.yaml", "- {key: early, tool: Early bulletin, frequency: monthly, "
                                          "starts_on: '2019-03-01'}\n")
    with db.session() as session:
        with pytest.raises(Invalid) as caught:
            reference.load(session, folder, get_programme(session))
        assert [(e.field, e.message) for e in caught.value.errors] == [
            ("communications.yaml[1].starts_on", "2019-03-01 is before the programme starts (2019-04-01)")]


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
