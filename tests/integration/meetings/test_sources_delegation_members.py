"""More agenda sources, delegated limits, members' confidential papers, a person's calendar and the CLI."""

from datetime import date

from icalendar import Calendar
from pypdf import PdfReader
from typer.testing import CliRunner

from caresystem.cli.app import app as cli
from caresystem.meetings.models import Delegation
from caresystem.meetings.sources import Window, escalated_risks, slipped_milestones
from caresystem.programme.benefits.models import BenefitEscalationRule
from caresystem.programme.core.models import Programme
from tests.conftest import login
from tests.integration.meetings.helpers import ICB, STEB, pdf_of, schedule, selects

SCSG = "system-commissioner-steering-group"


def _first_programme_id(db) -> int:
    with db.session() as session:
        return min(p.id for p in session.query(Programme))


def test_off_track_benefits_and_slipped_milestones_come_onto_the_agenda(api, db):
    admin = api("admin")
    benefit = admin.post("/api/v1/benefits", json={
        "title": "Fewer emergency admissions of frail people", "owner": "Place director",
        "measure": {"name": "Admissions avoided", "direction": "increase"},
        "trajectory": [{"date": "2026-01-01", "value": 0}, {"date": "2026-12-01", "value": 100}]}).json()
    admin.post(f"/api/v1/benefits/{benefit['key']}/actuals", json={"date": "2026-11-01", "value": 2})
    with db.session() as session:
        session.add_all(BenefitEscalationRule(programme_id=_first_programme_id(db), condition="off_track", body_key=b)
                        for b in (STEB, ICB))
        session.commit()
    ended = schedule(admin)[0]  # the Executive Board ended in 2020: its rule routes nothing to a meeting in 2027
    built = admin.post(f"/api/v1/meetings/{ended['id']}/agenda/build").json()
    assert not [i for i in built if i["source"] == "off_track_benefits"]
    meeting = schedule(admin, ICB)[0]
    items = admin.post(f"/api/v1/meetings/{meeting['id']}/agenda/build").json()
    pulled = [i for i in items if i["source"] == "off_track_benefits"]
    assert [i["source_ref"] for i in pulled] == [benefit["key"]]
    assert pulled[0]["why"].startswith("Benefit off track: Off track") and pulled[0]["presenter"] == "Place director"
    scsg = schedule(admin, SCSG, "2027-01-12", "2027-01-31")[0]
    slipped = [i for i in admin.post(f"/api/v1/meetings/{scsg['id']}/agenda/build").json()
               if i["source"] == "slipped_milestones"]
    assert slipped and all(i["title"].startswith("Milestone ") and i["why"] for i in slipped)


def test_a_decision_above_the_delegated_limit_names_who_may_take_it(api, db):
    with db.session() as session:
        session.add(Delegation(function_key="capitated-budgets", body_key=STEB, kind="delegated",
                               limit_amount=1_000_000))
        session.commit()
    admin = api("admin")
    meeting = schedule(admin)[0]
    item = admin.post(f"/api/v1/meetings/{meeting['id']}/agenda/items", json={"title": "Budgets"}).json()
    url = f"/api/v1/meetings/{meeting['id']}/agenda/items/{item['id']}/decisions"
    small = admin.post(url, json={"title": "Small", "function": "capitated-budgets", "amount": 500_000}).json()
    assert small["delegation"] == "within"
    large = admin.post(url, json={"title": "Large", "function": "capitated-budgets", "amount": 2_000_000}).json()
    assert large["delegation"] == "above_limit"
    assert large["held_by"] == ["NHS Kent and Medway (ICS NHS Body) Board"]
    assert "£1,000,000" in large["explanation"]


def test_members_read_their_bodies_confidential_papers(api, client):
    admin = api("admin")
    meeting = schedule(admin)[0]
    paper = admin.post(f"/api/v1/meetings/{meeting['id']}/papers", data={"title": "Confidential finance",
                                                                         "public": "false"},
                       files={"file": ("f.pdf", pdf_of(1))}).json()
    url = f"/api/v1/meetings/{meeting['id']}/papers/{paper['id']}/file"
    assert api("viewer").get(url).status_code == 403
    bad = admin.put("/api/v1/meetings/member-accounts/viewer", json={"person": "nobody-at-all"})
    assert bad.status_code == 422 and "person" in bad.text
    assert api("editor").put("/api/v1/meetings/member-accounts/viewer",
                             json={"person": "glenn-douglas"}).status_code == 403
    assert admin.put("/api/v1/meetings/member-accounts/viewer", json={"person": "glenn-douglas"}).status_code == 200
    assert PdfReader(__import__("io").BytesIO(api("viewer").get(url).content)).pages
    assert api("editor").get(url).status_code == 403
    staff = login(client, "viewer")
    cal = Calendar.from_ical(staff.get("/meetings/people/glenn-douglas.ics").content)
    assert meeting["uid"] in {str(e["uid"]) for e in cal.walk("VEVENT")}


def test_cli_schedules_and_writes_the_pack(db, tmp_path):
    runner = CliRunner()
    env = {"CARESYSTEM_DATABASE_URL": db.url}
    made = runner.invoke(cli, ["meetings", "schedule", "--body", STEB, "--first", "2027-01-12", "--until",
                               "2027-02-28"], env=env)
    assert made.exit_code == 0, made.output
    assert "Scheduled 2 meetings." in made.output
    meeting_id = made.output.split()[0]
    out = tmp_path / "pack.pdf"
    built = runner.invoke(cli, ["meetings", "pack", meeting_id, "--out", str(out)], env=env)
    assert built.exit_code == 0, built.output
    assert out.read_bytes().startswith(b"%PDF") and "pages, members" in built.output
    bad = runner.invoke(cli, ["meetings", "schedule", "--body", STEB, "--first", "12/01/2027", "--until",
                              "2027-02-28"], env=env)
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output
    unknown = runner.invoke(cli, ["meetings", "schedule", "--body", "no-such-body", "--first", "2027-01-12",
                                  "--until", "2027-02-28"], env=env)
    assert unknown.exit_code != 0 and "no-such-body" in unknown.output


def _statements_of(db, find, window) -> tuple[int, list]:
    """How many queries one agenda source runs, and what it pulls."""
    with db.session() as session, selects(db.engine) as statements:
        pulled = find(session, window)
    return len(statements), pulled


def test_the_risk_and_milestone_sources_read_in_a_fixed_number_of_queries(api, db):
    """Not a query per risk (its score history) or per milestone (its programme)."""
    admin = api("admin")
    window = Window(ICB, None, date(2027, 1, 12))  # STEB ended in 2020: the example routes to the ICB board now
    runs = []
    for added in (2, 4):
        for _ in range(added):
            admin.post("/api/v1/risks", json={"title": "Scored 5 x 4", "current_impact": 5, "current_likelihood": 4})
        runs.append(_statements_of(db, escalated_risks, window))
    (few, fewer_pulled), (many, more_pulled) = runs
    assert len(more_pulled) - len(fewer_pulled) == 4
    assert few == many
    queries, slipped = _statements_of(db, slipped_milestones, Window(SCSG, None, date(2027, 1, 12)))
    assert len(slipped) >= 2 and queries == 1
