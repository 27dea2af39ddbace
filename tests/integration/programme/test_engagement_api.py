"""Audiences, stakeholders, the communications plan and its occurrences, and "You said, we did", through the API
on SQLite and PostgreSQL."""

from datetime import date, timedelta

import pytest

from caresystem.programme.engagement.communications_plan import items_owned_by

TODAY = date.today()
OPEN = {"programme": "ccg-merger"}  # the example's programme with no end date: its past occurrences are overdue


def test_kent_and_medway_engagement_is_loaded(api):
    viewer = api("viewer")
    audiences = viewer.get("/api/v1/audiences").json()
    assert audiences["total"] == 8 and audiences["items"][0]["key"] == "patients-and-public"
    assert audiences["items"][0]["source_section"] == "8.2"
    stakeholders = viewer.get("/api/v1/stakeholders").json()
    assert stakeholders["total"] == 16
    ccgs = viewer.get("/api/v1/stakeholders/kent-and-medway-ccgs").json()
    assert len(ccgs["organisations"]) == 8 and ccgs["forums"][0]["body"] == "stp-programme-board"
    assert ccgs["quadrant"] is None  # the PID gives no ratings
    plan = viewer.get("/api/v1/communications", params={"page_size": 100}).json()
    assert plan["total"] == 18
    newsletters = viewer.get("/api/v1/communications/newsletters").json()
    assert newsletters["frequency"] == "monthly" and len(newsletters["audience_keys"]) == 8
    assert viewer.get("/api/v1/you-said-we-did").json()["total"] == 0


def test_stakeholder_crud_quadrant_and_conflict(api):
    pmo = api("pmo")
    created = pmo.post("/api/v1/stakeholders", json={
        "name": "Healthwatch Kent", "organisations": [], "influence": 2, "interest": 5,
        "forums": [{"forum": "ICS Partnership Board", "body": "ics-partnership-board", "filled_by": ["Chief executive"]}]})
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["key"] == "healthwatch-kent" and body["quadrant"] == "keep_informed" and body["version"] == 1
    assert body["forums"][0]["filled_by"] == ["Chief executive"] and body["forums"][0]["tbc"] is False
    changed = pmo.patch("/api/v1/stakeholders/healthwatch-kent", json={"version": 1, "influence": 4})
    assert changed.status_code == 200 and changed.json()["quadrant"] == "manage_closely"
    assert pmo.patch("/api/v1/stakeholders/healthwatch-kent", json={"version": 1, "interest": 1}).status_code == 409
    listed = pmo.get("/api/v1/stakeholders", params={"quadrant": "manage_closely"}).json()
    assert [s["key"] for s in listed["items"]] == ["healthwatch-kent"] and listed["total"] == 1
    assert pmo.get("/api/v1/stakeholders", params={"quadrant": "ignore"}).json()["errors"][0]["field"] == "quadrant"
    history = pmo.get("/api/v1/stakeholders/healthwatch-kent/history").json()
    assert [h["action"] for h in history] == ["updated", "created"] and history[0]["changes"]["influence"] == [2, 4]
    bad = pmo.post("/api/v1/stakeholders", json={"name": "Rated too high", "influence": 6})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "influence"
    taken = pmo.post("/api/v1/stakeholders", json={"name": "Again", "key": "healthwatch-kent"})
    assert taken.json()["errors"] == [{"field": "key", "message": "'healthwatch-kent' is already used"}]
    assert pmo.delete("/api/v1/stakeholders/healthwatch-kent", params={"version": 1}).status_code == 409
    assert pmo.delete("/api/v1/stakeholders/healthwatch-kent", params={"version": 2}).status_code == 204
    assert pmo.get("/api/v1/stakeholders/healthwatch-kent").status_code == 404


def test_audience_crud(api):
    pmo = api("pmo")
    created = pmo.post("/api/v1/audiences", json={"name": "Carers", "rationale": "They see the system whole."})
    assert created.status_code == 201 and created.json()["key"] == "carers"
    assert pmo.patch("/api/v1/audiences/carers", json={"version": 1, "name": ""}).status_code == 422
    assert pmo.patch("/api/v1/audiences/carers", json={"version": 1, "notes": "Added"}).json()["version"] == 2
    assert pmo.patch("/api/v1/audiences/carers", json={"version": 1, "notes": "Lost"}).status_code == 409
    assert pmo.delete("/api/v1/audiences/carers", params={"version": 2}).status_code == 204
    assert pmo.get("/api/v1/audiences").json()["total"] == 8


def test_a_communication_generates_its_occurrences_and_they_are_marked_done(api):
    pmo = api("pmo")
    start = TODAY - timedelta(days=14)
    created = pmo.post("/api/v1/communications", params=OPEN, json={
        "tool": "Stakeholder bulletin", "frequency": "weekly", "responsible": "Comms lead",
        "category": "existing", "starts_on": start.isoformat(), "ends_on": (start + timedelta(days=35)).isoformat()})
    assert created.status_code == 201, created.text
    key = created.json()["key"]
    assert created.json()["overdue"] == 2 and created.json()["next_due"] == TODAY.isoformat()
    occurrences = pmo.get(f"/api/v1/communications/{key}/occurrences", params=OPEN).json()
    assert [o["due_on"] for o in occurrences["items"]] == [(start + timedelta(days=7 * n)).isoformat()
                                                           for n in range(6)]
    first = occurrences["items"][0]
    assert first["overdue"] is True and first["done"] is False
    done = pmo.post(f"/api/v1/communication-occurrences/{first['id']}/done",
                    json={"version": first["version"], "note": "Sent to 1,200 staff"})
    assert done.status_code == 200, done.text
    assert done.json()["done"] is True and done.json()["done_by"] == "pmo" and done.json()["overdue"] is False
    stale = pmo.post(f"/api/v1/communication-occurrences/{first['id']}/done", json={"version": first["version"]})
    assert stale.status_code == 409
    overdue = pmo.get("/api/v1/communication-occurrences", params=OPEN | {"overdue": True,
                                                                         "responsible": "Comms lead"}).json()
    assert [o["due_on"] for o in overdue["items"]] == [(start + timedelta(days=7)).isoformat()]
    # moving to fortnightly keeps the done occurrence and the dates still on the schedule
    moved = pmo.patch(f"/api/v1/communications/{key}", params=OPEN, json={"version": 1, "frequency": "fortnightly"})
    assert moved.status_code == 200, moved.text
    after = pmo.get(f"/api/v1/communications/{key}/occurrences", params=OPEN).json()["items"]
    assert [(o["due_on"], o["done"]) for o in after] == [
        (start.isoformat(), True), ((start + timedelta(days=14)).isoformat(), False),
        ((start + timedelta(days=28)).isoformat(), False)]
    again = pmo.post(f"/api/v1/communications/{key}/generate", params=OPEN)
    assert again.json() == {"added": 0, "removed": 0}
    assert pmo.get(f"/api/v1/communications/{key}/occurrences", params=OPEN).json()["items"] == after


def test_per_meeting_communications_take_one_off_occurrences(api):
    pmo = api("pmo")
    occurrence = pmo.post("/api/v1/communications/meeting-minutes/occurrences", json={"due_on": "2026-03-05"})
    assert occurrence.status_code == 201 and occurrence.json()["responsible"] == "Meeting Lead"
    twice = pmo.post("/api/v1/communications/meeting-minutes/occurrences", json={"due_on": "2026-03-05"})
    assert twice.status_code == 422 and twice.json()["errors"][0]["field"] == "due_on"


def test_communication_validation_names_the_field(api):
    pmo = api("pmo")
    response = pmo.post("/api/v1/communications", json={
        "tool": "Podcast", "frequency": "hourly", "category": "novel", "audience_keys": ["aliens"],
        "starts_on": "2026-05-01", "ends_on": "2026-04-01"})
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"frequency", "category", "audience_keys", "ends_on"}


def test_items_owned_by_lists_what_the_person_is_responsible_for(api, db):
    pmo = api("pmo")
    pmo.post("/api/v1/communications", json={"tool": "Team brief", "frequency": "monthly",
                                              "responsible": "Dana Smith", "starts_on": TODAY.isoformat(),
                                              "ends_on": (TODAY + timedelta(days=40)).isoformat()})
    with db.session() as session:
        items = items_owned_by(session, "  dana   SMITH ")
        assert [(i.kind, i.reference, i.due) for i in items][0] == ("communication", "team-brief", TODAY)
        assert len(items) == 2 and not any(i.overdue for i in items)
        assert items_owned_by(session, "Somebody else") == []


def test_you_said_we_did_publish_filter(api):
    pmo = api("pmo")
    published = pmo.post("/api/v1/you-said-we-did", json={
        "said_on": "2020-01-15", "audience_key": "gp-members", "forum": "GP engagement events",
        "you_said": "Keep a local voice in the single CCG", "we_did": "Set up local committees",
        "status": "done", "published": True})
    assert published.status_code == 201, published.text
    draft = pmo.post("/api/v1/you-said-we-did", json={"you_said": "Explain the running cost savings"}).json()
    assert draft["published"] is False and draft["status"] == "open" and draft["reference"] == "YS002"
    anonymous = api()
    public = anonymous.get("/api/v1/you-said-we-did").json()
    assert [e["reference"] for e in public["items"]] == ["YS001"] and public["total"] == 1
    assert anonymous.get("/api/v1/you-said-we-did/YS002").status_code == 404
    assert anonymous.get("/api/v1/you-said-we-did/YS001").json()["we_did"] == "Set up local committees"
    assert api("viewer").get("/api/v1/you-said-we-did").json()["total"] == 2
    assert pmo.patch("/api/v1/you-said-we-did/YS002", json={"version": 1, "published": True}).status_code == 200
    assert anonymous.get("/api/v1/you-said-we-did").json()["total"] == 2
    bad = pmo.post("/api/v1/you-said-we-did", json={"you_said": "Hmm", "status": "maybe", "audience_key": "nobody"})
    assert {e["field"] for e in bad.json()["errors"]} == {"status", "audience_key"}
    assert anonymous.post("/api/v1/you-said-we-did", json={"you_said": "Let me in"}).status_code == 401


@pytest.mark.parametrize("path", ["/api/v1/audiences", "/api/v1/stakeholders", "/api/v1/communications",
                                  "/api/v1/communication-occurrences"])
def test_internal_lists_need_sign_in(api, path):
    assert api().get(path).status_code == 401
    assert api("viewer").get(path).status_code == 200


def test_authorisation_on_writes(api):
    assert api("viewer").post("/api/v1/audiences", json={"name": "Viewers"}).status_code == 403
    assert api("ek_editor").post("/api/v1/stakeholders", json={"name": "Scoped"}).status_code == 403
    assert api("editor").post("/api/v1/stakeholders", json={"name": "Unscoped"}).status_code == 201
    occurrence = api("pmo").post("/api/v1/communications/meeting-minutes/occurrences",
                                 json={"due_on": TODAY.isoformat()}).json()
    refused = api("viewer").post(f"/api/v1/communication-occurrences/{occurrence['id']}/done", json={"version": 1})
    assert refused.status_code == 403
    assert api().post(f"/api/v1/communication-occurrences/{occurrence['id']}/done",
                      json={"version": 1}).status_code == 401
