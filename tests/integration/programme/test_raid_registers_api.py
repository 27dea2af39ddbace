"""Assumptions, issues, dependencies, decisions and actions through the API, on SQLite and PostgreSQL."""

import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

YESTERDAY = (date.today() - timedelta(days=1)).isoformat()
NEXT_MONTH = (date.today() + timedelta(days=30)).isoformat()

EXAMPLES = {
    "assumptions": {"title": "Providers support place-based working", "owner": "STP programme director",
                    "how_tested": "Provider board resolutions", "next_test_due": YESTERDAY},
    "issues": {"title": "Interim operating model not agreed", "priority": "high", "resolve_by": NEXT_MONTH},
    "dependencies": {"title": "National ICS guidance", "direction": "inbound", "depends_on": "NHS England",
                     "needed_by": NEXT_MONTH},
    "decisions": {"title": "Proceed with a single CCG", "body_key": "system-transformation-executive-board",
                  "decided_on": "2019-06-01"},
    "actions": {"title": "Brief member practices", "owner": "Comms lead", "due_date": YESTERDAY},
}


@pytest.mark.parametrize("key", list(EXAMPLES))
def test_create_read_update_delete_each_register(api, key):
    pmo = api("pmo")
    created = pmo.post(f"/api/v1/{key}", json=EXAMPLES[key])
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["reference"] and body["version"] == 1 and body["title"] == EXAMPLES[key]["title"]
    ref = body["reference"]
    listed = pmo.get(f"/api/v1/{key}", params={"q": EXAMPLES[key]["title"][:12]}).json()
    assert [i["reference"] for i in listed["items"]] == [ref] and listed["total"] == 1
    changed = pmo.patch(f"/api/v1/{key}/{ref}", json={"version": 1, "owner": "New owner"})
    assert changed.status_code == 200 and changed.json()["owner"] == "New owner"
    stale = pmo.patch(f"/api/v1/{key}/{ref}", json={"version": 1, "owner": "Lost update"})
    assert stale.status_code == 409
    history = pmo.get(f"/api/v1/{key}/{ref}/history").json()
    assert [h["action"] for h in history] == ["updated", "created"]
    assert history[0]["changes"]["owner"][1] == "New owner" and history[0]["actor"] == "pmo"
    assert pmo.delete(f"/api/v1/{key}/{ref}", params={"version": 1}).status_code == 409
    assert pmo.delete(f"/api/v1/{key}/{ref}", params={"version": 2}).status_code == 204
    assert pmo.get(f"/api/v1/{key}/{ref}").status_code == 404
    assert pmo.get(f"/api/v1/{key}", params={"q": EXAMPLES[key]["title"][:12]}).json()["total"] == 0


def test_field_errors_name_the_field(api):
    pmo = api("pmo")
    response = pmo.post("/api/v1/issues", json={"title": "x", "priority": "urgent"})
    assert response.status_code == 422 and {e["field"] for e in response.json()["errors"]} == {"title"}
    response = pmo.post("/api/v1/issues", json={"title": "A real issue", "priority": "urgent", "status": "maybe"})
    assert {e["field"] for e in response.json()["errors"]} == {"priority", "status"}
    response = pmo.post("/api/v1/actions", json={"title": "Mitigate nothing", "risk_reference": "NOPE"})
    assert response.json()["errors"] == [{"field": "risk_reference", "message": "there is no risk 'NOPE'"}]


def test_overdue_is_flagged_and_filterable(api):
    pmo = api("pmo")
    late = pmo.post("/api/v1/actions", json=EXAMPLES["actions"]).json()
    pmo.post("/api/v1/actions", json={"title": "Later action", "due_date": NEXT_MONTH})
    done = pmo.post("/api/v1/actions", json={"title": "Done action", "due_date": YESTERDAY, "status": "done",
                                                "completed_on": YESTERDAY}).json()
    assert late["overdue"] is True and done["overdue"] is False
    overdue = pmo.get("/api/v1/actions", params={"overdue": True, "page_size": 100}).json()["items"]
    assert late["reference"] in [a["reference"] for a in overdue] and all(a["overdue"] for a in overdue)
    assert done["reference"] not in [a["reference"] for a in overdue]


def test_mitigating_actions_show_on_their_risk(api):
    pmo = api("pmo")
    action = pmo.post("/api/v1/actions", json={"title": "Agree interim governance", "risk_reference": "PID-01",
                                                "owner": "Board secretary", "due_date": NEXT_MONTH})
    assert action.status_code == 201 and action.json()["risk_reference"] == "PID-01"
    risk = pmo.get("/api/v1/risks/PID-01").json()
    assert [(a["reference"], a["owner"], a["status"]) for a in risk["actions"]] == \
        [(action.json()["reference"], "Board secretary", "open")]
    assert pmo.get("/api/v1/actions", params={"risk": "PID-01"}).json()["total"] == 1


@pytest.mark.parametrize("raise_as,register", [("risk", "risks"), ("issue", "issues")])
def test_an_invalid_assumption_raises_a_linked_risk_or_issue_in_one_step(api, raise_as, register):
    pmo = api("pmo")
    assumption = pmo.post("/api/v1/assumptions", json=EXAMPLES["assumptions"]).json()
    ref = assumption["reference"]
    stale = pmo.post(f"/api/v1/assumptions/{ref}/invalidate", json={"version": 9, "raise_as": raise_as})
    assert stale.status_code == 409
    raised = pmo.post(f"/api/v1/assumptions/{ref}/invalidate", json={"version": 1, "raise_as": raise_as})
    assert raised.status_code == 201 and raised.json()["raised"] == register
    after = pmo.get(f"/api/v1/assumptions/{ref}").json()
    assert after["status"] == "invalid" and after["last_tested"] == date.today().isoformat()
    assert after["overdue"] is False
    new = pmo.get(f"/api/v1/{register}/{raised.json()['reference']}").json()
    assert ref in new["title"] and new["owner"] == "STP programme director"
    assert (new["assumption"] if register == "risks" else new["assumption_reference"]) == ref


def test_authorisation_on_registers(api):
    assert api().get("/api/v1/assumptions").status_code == 401
    assert api("viewer").get("/api/v1/assumptions").status_code == 200
    assert api("viewer").post("/api/v1/decisions", json=EXAMPLES["decisions"]).status_code == 403
    assert api("ek_editor").post("/api/v1/decisions", json=EXAMPLES["decisions"]).status_code == 403
    assert api("editor").post("/api/v1/decisions", json=EXAMPLES["decisions"]).status_code == 201


@pytest.mark.parametrize("key", list(EXAMPLES))
def test_each_register_exports_xlsx_and_csv(api, key):
    pmo = api("pmo")
    ref = pmo.post(f"/api/v1/{key}", json=EXAMPLES[key]).json()["reference"]
    workbook = load_workbook(io.BytesIO(pmo.get(f"/api/v1/{key}/export.xlsx").content)).active
    assert workbook.freeze_panes == "A2" and workbook.data_validations.dataValidation
    rows = list(workbook.iter_rows(values_only=True))
    assert rows[0][0] == "Reference" and ref in [r[0] for r in rows[1:]]
    csv = pmo.get(f"/api/v1/{key}/export.csv")
    assert csv.headers["content-type"].startswith("text/csv") and EXAMPLES[key]["title"] in csv.text
