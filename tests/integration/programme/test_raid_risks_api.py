"""The risk register through the API, on SQLite and PostgreSQL: derived scores, escalation, history, spreadsheets."""

import csv
import io

from openpyxl import load_workbook
from sqlalchemy import func, select

from caresystem.programme.raid.models import Risk


def test_derived_fields_and_escalation_routing(api):
    pmo = api("pmo")
    created = pmo.post("/api/v1/risks", json={"title": "Workforce gaps delay the ICP", "current_impact": 4,
                                               "current_likelihood": 2, "scope": "place", "scope_ref": "east-kent"})
    assert created.status_code == 201
    body = created.json()
    assert (body["score"], body["grade"], body["rag"]) == (8, "high", "amber")
    # the PID's rule of 8 or more, to the bodies in force today (its own 2019 bodies ended in 2020)
    assert "ics-nhs-body-board" in body["escalated_to"] and len(body["escalated_to"]) == 5
    assert "system-transformation-executive-board" not in body["escalated_to"]
    low = pmo.post("/api/v1/risks", json={"title": "Minor delay", "current_impact": 2, "current_likelihood": 3}).json()
    assert (low["score"], low["grade"], low["escalated_to"]) == (6, "moderate", [])
    typed = pmo.post("/api/v1/risks", json={"title": "Typed score", "score": 25})
    assert typed.status_code == 422 and typed.json()["errors"][0]["field"] == "score"


def test_example_transition_risks_are_scored_as_the_document_gives(api):
    items = api("viewer").get("/api/v1/risks", params={"min_score": 1, "page_size": 100,
                                                      "programme": "ics-transition"}).json()["items"]
    scores = sorted(i["score"] for i in items if i["reference"].startswith("ICS-"))
    assert scores == [12, 12, 12, 12, 15, 16, 16]
    unscored = [i for i in api("viewer").get("/api/v1/risks", params={"page_size": 100}).json()["items"]
                if i["reference"].startswith("PID-")]
    assert len(unscored) == 15 and all(i["grade"] == "not assessed" for i in unscored)


def test_governance_body_escalations(api):
    pmo = api("pmo")
    made = [pmo.post("/api/v1/risks", json={"title": f"Scored {i} x 4", "current_impact": i, "current_likelihood": 4})
            .json()["reference"] for i in (2, 5, 3, 1)]
    escalated = api("viewer").get("/api/v1/governance-bodies/east-kent-icp/escalations").json()["items"]
    assert [r["score"] for r in escalated] == [20, 12, 8]  # score 4 is under the PID's threshold of 8
    assert [r["reference"] for r in escalated] == [made[1], made[2], made[0]]


def test_score_history_and_mitigation_efficacy(api):
    pmo = api("pmo")
    risk = pmo.post("/api/v1/risks", json={"title": "Estates", "inherent_impact": 5, "inherent_likelihood": 4,
                                            "current_impact": 5, "current_likelihood": 4}).json()
    step = pmo.patch(f"/api/v1/risks/{risk['reference']}", json={"version": risk["version"], "current_likelihood": 2})
    assert step.status_code == 200
    detail = pmo.get(f"/api/v1/risks/{risk['reference']}").json()
    assert [h["score"] for h in detail["history"]] == [20, 10]
    assert detail["inherent_score"] == 20 and detail["score"] == 10
    same = pmo.patch(f"/api/v1/risks/{risk['reference']}", json={"version": detail["version"], "owner": "Estates lead"})
    assert len(same.json()["history"]) == 2      # no new assessment, no new history point
    stale = pmo.patch(f"/api/v1/risks/{risk['reference']}", json={"version": detail["version"], "owner": "Lost"})
    assert stale.status_code == 409


def test_filters_and_validation(api):
    viewer = api("viewer")
    assert viewer.get("/api/v1/risks", params={"status": "maybe"}).json()["errors"][0]["field"] == "status"
    assert viewer.get("/api/v1/risks", params={"min_score": 30}).status_code == 422
    cell = viewer.get("/api/v1/risks", params={"impact": 4, "likelihood": 4, "programme": "ics-transition"}).json()
    assert {i["reference"] for i in cell["items"]} == {"ICS-3", "ICS-7"}
    half = api("pmo").post("/api/v1/risks", json={"title": "Half rated", "current_impact": 3})
    assert half.json()["errors"] == [{"field": "current_likelihood",
                                      "message": "must be given with current impact: give both or neither"}]


def test_authorisation(api):
    assert api().get("/api/v1/risks").status_code == 401
    assert api("viewer").post("/api/v1/risks", json={"title": "No rights"}).status_code == 403
    ek = api("ek_editor")
    assert ek.post("/api/v1/risks", json={"title": "West issue", "scope": "place", "scope_ref": "west-kent"}).status_code == 403
    assert ek.post("/api/v1/risks", json={"title": "East issue", "scope": "place", "scope_ref": "east-kent"}).status_code == 201
    assert ek.post("/api/v1/risks", json={"title": "Programme-wide"}).status_code == 403


def test_export_then_import_gives_the_same_register(api, db):
    pmo = api("pmo")
    before = pmo.get("/api/v1/risks", params={"page_size": 500, "sort": "reference", "status": ""}).json()["items"]
    workbook = pmo.get("/api/v1/risks/export.xlsx")
    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert sheet.freeze_panes == "A2" and sheet.data_validations.dataValidation
    result = pmo.post("/api/v1/risks/import", files={"file": ("risks.xlsx", workbook.content)}).json()
    assert result == {"rows": len(before), "created": 0, "updated": 0, "unchanged": len(before)}
    after = pmo.get("/api/v1/risks", params={"page_size": 500, "sort": "reference", "status": ""}).json()["items"]
    assert [{k: v for k, v in r.items() if k != "version"} for r in after] == \
        [{k: v for k, v in r.items() if k != "version"} for r in before]


def test_the_export_names_the_bodies_a_risk_is_escalated_to(api):
    pmo = api("pmo")
    high = pmo.post("/api/v1/risks", json={"title": "Workforce gaps delay the ICP", "current_impact": 4,
                                            "current_likelihood": 2, "scope": "place", "scope_ref": "east-kent"}).json()
    low = pmo.post("/api/v1/risks", json={"title": "Minor delay", "current_impact": 2, "current_likelihood": 3}).json()
    workbook = load_workbook(io.BytesIO(pmo.get("/api/v1/risks/export.xlsx").content)).active
    rows = list(workbook.iter_rows(values_only=True))
    column = rows[0].index("Escalated to")
    escalated = {row[0]: row[column] for row in rows[1:]}
    names = escalated[high["reference"]].split("; ")  # names, not keys, one per body it goes to
    assert len(names) == len(high["escalated_to"]) > 0 and not set(names) & set(high["escalated_to"])
    assert "West Kent ICP Board" in names
    assert not escalated[low["reference"]]
    lines = {row[0]: row for row in csv.reader(io.StringIO(pmo.get("/api/v1/risks/export.csv").text))}
    column = lines["Reference"].index("Escalated to")
    assert lines[high["reference"]][column] == escalated[high["reference"]] and lines[low["reference"]][column] == ""


def test_a_bad_import_changes_nothing(api, db):
    with db.session() as s:
        count = s.scalar(select(func.count()).select_from(Risk))
    text = "Title,Consequence,Probability,Inherent impact\nNew good risk,3,3,\nHalf rated,2,2,4\nBad one,9,1,\n"
    response = api("pmo").post("/api/v1/risks/import", files={"file": ("r.csv", text.encode())})
    assert response.status_code == 422
    assert response.json()["errors"] == [  # every bad row, whether refused by the rules or when the sheet is read
        {"field": "row 3, inherent_likelihood", "message": "must be given with inherent impact: give both or neither"},
        {"field": "row 4, current_impact", "message": "must be 5 or less"}]
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Risk)) == count


def test_soft_delete_and_audit_trail_of_a_risk(api, db):
    pmo = api("pmo")
    risk = pmo.post("/api/v1/risks", json={"title": "Temporary risk", "current_impact": 3,
                                            "current_likelihood": 3}).json()
    ref = risk["reference"]
    pmo.patch(f"/api/v1/risks/{ref}", json={"version": 1, "owner": "Finance lead"})
    trail = pmo.get(f"/api/v1/risks/{ref}/history").json()
    assert [e["action"] for e in trail] == ["updated", "created"]
    assert trail[0]["changes"] == {"owner": [None, "Finance lead"]} and trail[0]["actor"] == "pmo"
    assert api("viewer").delete(f"/api/v1/risks/{ref}", params={"version": 2}).status_code == 403
    assert pmo.delete(f"/api/v1/risks/{ref}", params={"version": 1}).status_code == 409
    assert pmo.delete(f"/api/v1/risks/{ref}", params={"version": 2}).status_code == 204
    assert pmo.get(f"/api/v1/risks/{ref}").status_code == 404
    assert ref not in {r["reference"] for r in pmo.get("/api/v1/risks", params={"page_size": 500}).json()["items"]}
    with db.session() as s:
        kept = s.scalar(select(Risk).where(Risk.reference == ref))
        assert kept is not None and kept.deleted_at is not None      # soft: still in the database


def test_trend_and_efficacy_in_the_api(api):
    pmo = api("pmo")
    risk = pmo.post("/api/v1/risks", json={"title": "Rising demand", "current_impact": 3,
                                            "current_likelihood": 2}).json()
    detail = pmo.patch(f"/api/v1/risks/{risk['reference']}", json={"version": 1, "current_likelihood": 4}).json()
    assert detail["trend"] == "rising"
    assert (detail["efficacy"]["opening_score"], detail["efficacy"]["reduction"]) == (6, -6)
