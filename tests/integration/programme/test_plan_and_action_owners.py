"""Milestones, deliverables and actions are owned by people of the system model or by free text, as risks are: the
API links a person by key or by name and refuses a key that is nobody's naming the field, pages show the person's
name linked to their page, exports and imports carry the person's key, the example names the transition's leads,
meetings' actions link their owners, and "my items" finds what a person owns by the link."""

from sqlalchemy import func, select, update

from caresystem.auth import create_user
from caresystem.programme.plan.models import Deliverable, Milestone
from caresystem.programme.raid import Action
from tests.conftest import login
from tests.databases import PASSWORD
from tests.integration.meetings.helpers import schedule


def _count(db, model) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_a_milestone_or_deliverable_owner_is_a_person_by_key_or_name_else_free_text(api, db):
    pmo = api("pmo")
    for kind, model in (("milestones", Milestone), ("deliverables", Deliverable)):
        by_key = pmo.post(f"/api/v1/{kind}", json={"title": "Shadow board meets", "owner_person": "wilf-williams"})
        assert by_key.status_code == 201, by_key.text
        assert (by_key.json()["owner"], by_key.json()["owner_person"]) == ("Wilf Williams", "wilf-williams")
        by_name = pmo.post(f"/api/v1/{kind}", json={"title": "Chairs appointed", "owner": " dr  bob bowes"}).json()
        assert (by_name["owner"], by_name["owner_person"]) == ("Dr Bob Bowes", "bob-bowes")
        free = pmo.post(f"/api/v1/{kind}", json={"title": "Estates plan", "owner": "Estates team"}).json()
        assert (free["owner"], free["owner_person"]) == ("Estates team", None)

        before = _count(db, model)
        unknown = pmo.post(f"/api/v1/{kind}", json={"title": "Nobody's", "owner_person": "no-such-person"})
        assert unknown.status_code == 422 and "owner_person" in unknown.text and "no-such-person" in unknown.text
        assert _count(db, model) == before

        key = by_key.json()["key"]
        moved = pmo.patch(f"/api/v1/{kind}/{key}", json={"version": by_key.json()["version"],
                                                         "owner": "Finance team"}).json()
        assert (moved["owner"], moved["owner_person"]) == ("Finance team", None)
        relinked = pmo.patch(f"/api/v1/{kind}/{key}", json={"version": moved["version"],
                                                            "owner_person": "becca-bradd"}).json()
        assert (relinked["owner"], relinked["owner_person"]) == ("Becca Bradd", "becca-bradd")


def test_an_action_owner_is_a_person_and_its_page_links_them(api, client):
    pmo = api("pmo")
    action = pmo.post("/api/v1/actions", json={"title": "Agree the transition plan", "owner": "mike gilbert"})
    assert action.status_code == 201, action.text
    assert (action.json()["owner"], action.json()["owner_person"]) == ("Mike Gilbert", "mike-gilbert")
    refused = pmo.post("/api/v1/actions", json={"title": "Agree nothing", "owner_person": "nobody-at-all"})
    assert refused.status_code == 422 and "owner_person" in refused.text
    login(client, "viewer")
    page = client.get(f"/programme/actions/{action.json()['reference']}").text
    assert '<a href="/people/mike-gilbert">Mike Gilbert</a>' in page
    assert "Owner (person key)" not in page  # the key is the link, not a row of its own


def test_the_action_form_links_a_typed_name_and_keeps_other_text(client, db):
    login(client, "pmo")
    form = client.get("/programme/actions/new").text
    assert "like they appear under People" in form and 'name="owner_person"' not in form
    token = form.split('name="csrf_token" value="')[1].split('"')[0]
    made = client.post("/programme/actions/new", data={"csrf_token": token, "title": "Write the HR framework",
                                                       "owner": "Becca Bradd", "status": "open"},
                       follow_redirects=False)
    assert made.status_code == 303, made.text
    with db.session() as session:
        action = session.scalar(select(Action).where(Action.title == "Write the HR framework"))
        assert (action.owner, action.owner_person) == ("Becca Bradd", "becca-bradd")


def test_exports_carry_the_person_key_and_imports_read_it_back(api):
    pmo = api("pmo")
    made = pmo.post("/api/v1/actions", json={"title": "Brief the board", "owner_person": "wilf-williams"}).json()
    exported = pmo.get("/api/v1/actions/export.csv").text
    assert "Owner (person key)" in exported.splitlines()[0] and "wilf-williams" in exported
    milestones = pmo.get("/api/v1/milestones/export.csv", params={"programme": "ics-transition"}).text
    assert "Owner (person key)" in milestones.splitlines()[0] and "mike-gilbert" in milestones
    csv = ("Reference,Title,Owner,Owner (person key),Status\n"
           f"{made['reference']},Brief the board,,becca-bradd,open\n"
           "AC900,Nobody owns this,,no-such-person,open\n"
           "AC901,Nor this,,another-nobody,open\n")
    refused = pmo.post("/api/v1/actions/import", files={"file": ("actions.csv", csv.encode(), "text/csv")})
    assert refused.status_code == 422
    assert "row 3, owner_person" in refused.text and "row 4, owner_person" in refused.text  # every bad row
    good = csv.split("AC900")[0]
    imported = pmo.post("/api/v1/actions/import", files={"file": ("actions.csv", good.encode(), "text/csv")})
    assert imported.status_code == 200, imported.text
    assert pmo.get(f"/api/v1/actions/{made['reference']}").json()["owner"] == "Becca Bradd"


def test_example_transition_items_are_owned_by_their_work_stream_leads(client, db):
    with db.session() as session:
        owners = dict(session.execute(select(Milestone.key, Milestone.owner_person).where(
            Milestone.key.in_(["functional-design-phase-one", "governance-review-complete",
                               "hr-framework-first-draft", "ics-nhs-body-established"]))).all())
        delivered = dict(session.execute(select(Deliverable.key, Deliverable.owner).where(
            Deliverable.key.in_(["governance-framework", "tupe-transfer-of-staff", "financial-close-down"]))).all())
    assert owners == {"functional-design-phase-one": "wilf-williams", "governance-review-complete": "mike-gilbert",
                      "hr-framework-first-draft": "becca-bradd", "ics-nhs-body-established": None}
    assert delivered == {"governance-framework": "Mike Gilbert", "tupe-transfer-of-staff": "Becca Bradd",
                         "financial-close-down": None}
    login(client, "viewer")
    page = client.get("/programme/milestones/hr-framework-first-draft", params={"programme": "ics-transition"}).text
    assert '<a href="/people/becca-bradd">Becca Bradd</a>' in page


def test_meeting_actions_link_their_owner_and_need_one(api):
    admin = api("admin")
    meeting = schedule(admin)[0]
    admin.post(f"/api/v1/meetings/{meeting['id']}/agenda/build")
    item = admin.post(f"/api/v1/meetings/{meeting['id']}/agenda/items", json={
        "title": "Transition plan", "purpose": "decision", "presenter": "Mike Gilbert"}).json()
    url = f"/api/v1/meetings/{meeting['id']}/agenda/items/{item['id']}/actions"
    by_name = admin.post(url, json={"title": "Bring the plan back", "owner": "Wilf Williams", "due_date": "2027-01-31"})
    assert by_name.status_code == 201, by_name.text
    assert by_name.json()["owner_person"] == "wilf-williams"
    by_key = admin.post(url, json={"title": "Draft the HR framework", "owner_person": "becca-bradd",
                                   "due_date": "2027-01-31"}).json()
    assert (by_key["owner"], by_key["owner_person"]) == ("Becca Bradd", "becca-bradd")
    nobody = admin.post(url, json={"title": "No owner", "due_date": "2027-01-31"})
    assert nobody.status_code == 422 and "owner" in nobody.text
    unknown = admin.post(url, json={"title": "Unknown", "owner_person": "no-one", "due_date": "2027-01-31"})
    assert unknown.status_code == 422 and "owner_person" in unknown.text


def test_my_items_finds_the_persons_milestones_deliverables_and_actions_by_the_link(client, db, api):
    with db.session() as session:
        create_user(session, username="becca", role="pmo_admin", password=PASSWORD, display_name="Becca Bradd")
        session.commit()
    pmo = api("pmo")
    action = pmo.post("/api/v1/actions", json={"title": "Recruit the chair", "owner_person": "becca-bradd"}).json()
    with db.session() as session:  # her name changed in the system model: the link still finds the action
        session.execute(update(Action).where(Action.reference == action["reference"]).values(owner="B. Bradd"))
        session.commit()
    login(client, "becca")
    page = client.get("/programme/my-items").text
    assert action["reference"] in page
    assert "HR framework and transition plan, first draft" in page  # her milestone in the example
    assert "TUPE transfer of staff" in page  # her deliverable
