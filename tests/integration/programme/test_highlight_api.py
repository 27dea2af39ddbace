"""Highlight reports through the API, on SQLite and PostgreSQL: draft, submit, lock, revise; the registers as at
the period end; the programme board's roll-up; who may do what."""

from datetime import date, datetime, timezone

import pytest
from sqlalchemy import update

from caresystem.auth.audit import AuditEntry
from caresystem.programme.highlight import highlight_rollup
from caresystem.programme.raid.models import Risk

PROJECT, PERIOD = "system-commissioner", "2019-06"
BASE = f"/api/v1/highlight-reports/{PROJECT}/{PERIOD}"
FILLED = {"rag_overall": "amber", "rag_schedule": "amber", "rag_resources": "green", "rag_risk": "red",
          "achievements": "Outline support from CCGs secured", "next_steps": "Draft the merger application",
          "decisions_needed": "Agree the interim operating model"}


def _start(client, project=PROJECT, period=PERIOD, **content):
    return client.post("/api/v1/highlight-reports", json={"project": project, "period": period, **content})


def test_draft_submit_lock_and_revise(api):
    pmo = api("pmo")
    created = _start(pmo, rag_overall="green")
    assert created.status_code == 201, created.text
    assert created.json()["status"] == "draft" and created.json()["period_end"] == "2019-06-30"
    early = pmo.post(f"{BASE}/submit", json={"version": 1})
    assert early.status_code == 422
    assert {e["field"] for e in early.json()["errors"]} == {"rag_schedule", "rag_resources", "rag_risk",
                                                            "achievements", "next_steps"}
    filled = pmo.patch(BASE, json={"version": 1, **FILLED})
    assert filled.status_code == 200 and filled.json()["rag_overall"] == "amber"
    assert pmo.post(f"{BASE}/submit", json={"version": 1}).status_code == 409
    submitted = pmo.post(f"{BASE}/submit", json={"version": 2}).json()
    assert submitted["status"] == "submitted" and submitted["submitted_by"] == "pmo"
    assert [s["revision"] for s in submitted["submissions"]] == [1]
    locked = pmo.patch(BASE, json={"version": 3, "next_steps": "Changed after submission"})
    assert locked.status_code == 422 and locked.json()["errors"][0]["field"] == "status"
    assert pmo.post(f"{BASE}/revise", json={"version": 3, "reason": ""}).status_code == 422
    revised = pmo.post(f"{BASE}/revise", json={"version": 3, "reason": "The board date moved"}).json()
    assert revised["status"] == "draft" and revised["revision"] == 2
    assert revised["submissions"][0]["reopened_because"] == "The board date moved"
    pmo.patch(BASE, json={"version": 4, "rag_overall": "red"})
    assert pmo.delete(BASE, params={"version": 5}).status_code == 422        # a submitted report is kept
    with_draft = pmo.get("/api/v1/highlight-reports/rollup", params={"period": PERIOD}).json()
    row = next(r for r in with_draft["rows"] if r["project"] == PROJECT)
    assert (row["revision"], row["content"]["rag_overall"], row["draft_pending"]) == (1, "amber", True)
    pmo.post(f"{BASE}/submit", json={"version": 5})
    after = pmo.get("/api/v1/highlight-reports/rollup", params={"period": PERIOD}).json()
    row = next(r for r in after["rows"] if r["project"] == PROJECT)
    assert (row["revision"], row["content"]["rag_overall"], row["draft_pending"]) == (2, "red", False)
    history = pmo.get(f"{BASE}/history").json()
    assert "revised" in [h["action"] for h in history]
    assert [s["revision"] for s in pmo.get(BASE).json()["submissions"]] == [1, 2]


def test_bad_input_names_the_field(api):
    pmo = api("pmo")
    assert _start(pmo, period="2019-13").json()["errors"][0]["field"] == "period"
    assert _start(pmo, project="no-such-project").json()["errors"][0]["field"] == "project"
    response = _start(pmo, rag_overall="purple", linked_issues=["I999"])
    assert {e["field"] for e in response.json()["errors"]} == {"rag_overall", "linked_issues"}
    assert _start(pmo).status_code == 201
    assert _start(pmo).json()["errors"] == [{"field": "period",
                                             "message": "System Commissioner (including interim CCG operating model) "
                                                        "already has a report for 2019-06"}]
    assert pmo.get("/api/v1/highlight-reports", params={"period": "June"}).status_code == 422


def test_registers_are_read_live_not_copied(api):
    pmo = api("pmo")
    ref = pmo.post("/api/v1/risks", json={"title": "CCG governing bodies do not support merger", "scope": "project",
                                          "scope_ref": PROJECT, "current_impact": 4,
                                          "current_likelihood": 3}).json()["reference"]
    other = pmo.post("/api/v1/risks", json={"title": "Another project's risk", "scope": "project",
                                            "scope_ref": "west-kent-icp", "current_impact": 5,
                                            "current_likelihood": 5}).json()["reference"]
    issue = pmo.post("/api/v1/issues", json={"title": "Interim model not agreed", "raised_on": "2019-06-05",
                                             "priority": "high"}).json()["reference"]
    _start(pmo, period="2030-01", linked_issues=[issue])
    before = pmo.get(f"/api/v1/highlight-reports/{PROJECT}/2030-01").json()
    assert [(r["reference"], r["score"]) for r in before["risks"]] == [(ref, 12)] and other != ref
    assert [(i["reference"], i["status"]) for i in before["issues"]] == [(issue, "open")]
    assert "single-ccg-outline-support" in [m["key"] for m in before["milestones"]]
    pmo.patch(f"/api/v1/risks/{ref}", json={"version": 1, "current_impact": 5, "current_likelihood": 5})
    pmo.patch(f"/api/v1/issues/{issue}", json={"version": 1, "status": "resolved"})
    after = pmo.get(f"/api/v1/highlight-reports/{PROJECT}/2030-01").json()
    assert after["risks"][0]["score"] == 25 and after["issues"][0]["status"] == "resolved"
    _start(pmo, period="2019-06", linked_issues=[issue])
    past = pmo.get(BASE).json()
    assert past["as_at"] == "2019-06-30"
    assert past["risks"] == []                                   # the risk was opened today, after June 2019
    assert [i["status"] for i in past["issues"]] == ["open"]    # raised in June 2019; resolved only today
    pmo.delete(f"/api/v1/issues/{issue}", params={"version": 2})
    gone = pmo.get(f"/api/v1/highlight-reports/{PROJECT}/2030-01").json()
    assert gone["issues"] == [] and gone["missing_issues"] == [issue]


def test_past_period_undoes_changes_made_since(api, db):
    """Changes recorded after the period end are undone: the audit trail dates them, so move them to the past."""
    pmo = api("pmo")
    ref = pmo.post("/api/v1/risks", json={"title": "Merger timetable slips", "scope": "project", "scope_ref": PROJECT,
                                          "current_impact": 4, "current_likelihood": 3}).json()["reference"]
    issue = pmo.post("/api/v1/issues", json={"title": "Interim model not agreed", "raised_on": "2019-06-05"}).json()
    with db.session() as session:     # as if all of it had been entered in May 2019
        session.execute(update(AuditEntry).values(at=datetime(2019, 5, 20, tzinfo=timezone.utc)))
        session.execute(update(Risk).where(Risk.reference == ref).values(opened_on=date(2019, 5, 20)))
        session.commit()
    pmo.patch(f"/api/v1/risks/{ref}", json={"version": 1, "current_impact": 5, "current_likelihood": 5})
    pmo.patch(f"/api/v1/issues/{issue['reference']}", json={"version": 1, "status": "resolved"})
    milestone = pmo.get("/api/v1/milestones/single-ccg-outline-support").json()
    pmo.patch("/api/v1/milestones/single-ccg-outline-support",
              json={"version": milestone["version"], "forecast_date": "2019-09-30"})
    _start(pmo, linked_issues=[issue["reference"]])
    past = pmo.get(BASE).json()
    assert [(r["reference"], r["score"], r["rag"]) for r in past["risks"]] == [(ref, 12, "amber")]
    assert [i["status"] for i in past["issues"]] == ["open"]
    shown = next(m for m in past["milestones"] if m["key"] == "single-ccg-outline-support")
    assert shown["forecast_date"] is None and shown["rag"] == "red"   # due 31 May 2019, overdue at 30 June
    now = pmo.get(f"/api/v1/risks/{ref}").json()
    assert now["current_impact"] == 5           # the register itself is unchanged by reading the past


def test_rollup_lists_every_project_and_the_missing_ones(api, db):
    pmo = api("pmo")
    _start(pmo, **FILLED)
    pmo.post(f"{BASE}/submit", json={"version": 1})
    _start(pmo, project="west-kent-icp", rag_overall="green")       # a draft is not yet a report to the board
    rollup = pmo.get("/api/v1/highlight-reports/rollup", params={"period": PERIOD}).json()
    states = {r["project"]: r["state"] for r in rollup["rows"]}
    assert states[PROJECT] == "submitted" and states["west-kent-icp"] == "draft"
    assert len(states) == 7 and sorted(rollup["missing"]) == sorted(k for k in states if k != PROJECT)
    assert rollup["counts"] == {"red": 0, "amber": 1, "green": 0}
    with db.session() as session:
        programme = pmo.get("/api/v1/highlight-reports/rollup", params={"period": PERIOD}).json()["programme"]
        direct = highlight_rollup(session, programme_key=programme, period=PERIOD)
        assert [p.key for p in direct.missing] == rollup["missing"]
        assert next(r for r in direct.rows if r.project.key == PROJECT).content["achievements"] == \
            FILLED["achievements"]
    assert pmo.get("/api/v1/highlight-reports/rollup", params={"period": "2019-6"}).status_code == 422


@pytest.mark.parametrize("user, reads, writes, east_kent", [
    (None, 401, 401, 401), ("viewer", 200, 403, 403), ("ek_editor", 200, 403, 201), ("editor", 200, 201, 201),
    ("pmo", 200, 201, 201), ("admin", 200, 201, 201)])
def test_permission_matrix(api, user, reads, writes, east_kent):
    client = api(user)
    assert client.get("/api/v1/highlight-reports").status_code == reads
    assert client.get("/api/v1/highlight-reports/rollup", params={"period": PERIOD}).status_code == reads
    assert _start(client, **FILLED).status_code == writes
    assert _start(client, project="east-kent-icp").status_code == east_kent
    admin = api("admin")
    if writes != 201:
        _start(admin, **FILLED)
    assert client.get(BASE).status_code == reads
    assert client.post(f"{BASE}/submit", json={"version": 1}).status_code == (200 if writes == 201 else writes)
