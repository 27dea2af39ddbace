"""The plan through the API on SQLite and PostgreSQL: CRUD with versions, derived RAG and filters, the dependency
network (cycles refused with 422, what moves), the resource plan costs, sign-offs and authorisation."""

from datetime import date, timedelta

import pytest

TODAY = date.today()


def day(offset: int) -> str:
    return (TODAY + timedelta(days=offset)).isoformat()


def test_milestone_crud_versions_history_and_soft_delete(api):
    pmo = api("pmo")
    made = pmo.post("/api/v1/milestones", json={"title": "Shadow ICB board meets", "owner": "Board secretary",
                                                "baseline_date": day(60), "projects": ["system-commissioner"],
                                                "workstreams": ["corporate-services"]})
    assert made.status_code == 201, made.text
    body = made.json()
    key = body["key"]
    assert key.startswith("MS") and body["version"] == 1 and body["rag"] == "green" and body["status"] == "not_started"
    assert body["projects"] == ["system-commissioner"] and body["workstreams"] == ["corporate-services"]
    slipped = pmo.patch(f"/api/v1/milestones/{key}", json={"version": 1, "forecast_date": day(70)})
    assert slipped.status_code == 200 and slipped.json()["rag"] == "amber" and slipped.json()["slip_days"] == 10
    assert pmo.patch(f"/api/v1/milestones/{key}", json={"version": 1, "owner": "Lost"}).status_code == 409
    late = pmo.patch(f"/api/v1/milestones/{key}", json={"version": 2, "forecast_date": day(100)}).json()
    assert late["rag"] == "red" and "40 days later than baseline" in late["rag_reason"]
    done = pmo.patch(f"/api/v1/milestones/{key}", json={"version": 3, "actual_date": day(-1),
                                                                "status": "complete"}).json()
    assert done["rag"] == "complete"
    history = pmo.get(f"/api/v1/milestones/{key}/history").json()
    assert [h["action"] for h in history][-1] == "created" and history[0]["changes"]["actual_date"][1] == day(-1)
    assert pmo.delete(f"/api/v1/milestones/{key}", params={"version": 1}).status_code == 409
    assert pmo.delete(f"/api/v1/milestones/{key}", params={"version": 4}).status_code == 204
    assert pmo.get(f"/api/v1/milestones/{key}").status_code == 404


def test_field_errors_name_the_field(api):
    pmo = api("pmo")
    bad = pmo.post("/api/v1/milestones", json={"title": "A milestone", "status": "done", "projects": ["nope"]})
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"status", "projects"}
    dupe = pmo.post("/api/v1/milestones", json={"key": "pcn-registration", "title": "Again"})
    assert dupe.json()["errors"] == [{"field": "key", "message": "milestone 'pcn-registration' already exists"}]
    bad = pmo.post("/api/v1/deliverables", json={"title": "A deliverable", "workstream": "nope", "kind": "x"})
    assert {e["field"] for e in bad.json()["errors"]} == {"workstream", "kind"}
    assert pmo.get("/api/v1/milestones", params={"rag": "purple"}).json()["errors"][0]["field"] == "rag"


def test_lists_filter_by_status_rag_project_and_owner(api):
    pmo = api("pmo")
    loaded = pmo.get("/api/v1/milestones", params={"page_size": 100}).json()
    assert loaded["total"] == 17 and loaded["page"] == 1 and loaded["page_size"] == 100
    # the 2019-20 milestones are long past: the one with an actual date is complete, the rest overdue (red)
    assert pmo.get("/api/v1/milestones", params={"rag": "complete"}).json()["total"] == 1
    assert pmo.get("/api/v1/milestones", params={"rag": "red"}).json()["total"] == 16
    for title, owner, baseline, forecast in [("Green one", "Ann Owner", 30, None), ("Amber one", "Ann Owner", 30, 35),
                                             ("Red one", "Bob Owner", 30, 90)]:
        pmo.post("/api/v1/milestones", json={"title": title, "owner": owner, "baseline_date": day(baseline),
                                             "forecast_date": forecast and day(forecast), "status": "in_progress",
                                             "projects": ["west-kent-icp"]})
    by_owner = pmo.get("/api/v1/milestones", params={"owner": "ann"}).json()["items"]
    assert [m["title"] for m in by_owner] == ["Green one", "Amber one"]
    assert [m["title"] for m in pmo.get("/api/v1/milestones", params={"rag": "amber"}).json()["items"]] == ["Amber one"]
    project = pmo.get("/api/v1/milestones", params={"project": "west-kent-icp", "rag": "red"}).json()["items"]
    assert [m["key"] for m in project][:2] == ["icp-outline-development-plans", "icp-transition-leadership"]
    assert [m["title"] for m in project][2:] == ["Red one"]
    assert pmo.get("/api/v1/milestones", params={"status": "in_progress"}).json()["total"] == 3
    summary = pmo.get("/api/v1/milestones/summary").json()
    assert summary["counts"]["red"] == 17 and summary["counts"]["amber"] == 1 and summary["counts"]["green"] == 1
    assert any("more than 28 days" in r for r in summary["rules"])
    ws = pmo.get("/api/v1/deliverables", params={"workstream": "hr-od", "page_size": 50}).json()
    assert ws["total"] == 5 and all(d["workstream"] == "hr-od" and d["rag"] == "no_date" for d in ws["items"])


def test_slippage_thresholds_are_programme_settings(api):
    pmo = api("pmo")
    key = pmo.post("/api/v1/milestones", json={"title": "Slips 35 days", "baseline_date": day(30),
                                               "forecast_date": day(65)}).json()["key"]
    assert pmo.get(f"/api/v1/milestones/{key}").json()["rag"] == "red"
    current = pmo.get("/api/v1/plan-settings").json()
    assert current["milestone_rag"] == {"red_after_days": 28, "amber_after_days": 0}
    bad = pmo.put("/api/v1/plan-settings", json={**current, "milestone_rag": {"red_after_days": 5,
                                                                              "amber_after_days": 9}})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "milestone_rag"
    assert api("editor").put("/api/v1/plan-settings", json=current).status_code == 403
    saved = pmo.put("/api/v1/plan-settings", json={**current, "milestone_rag": {"red_after_days": 60,
                                                                                "amber_after_days": 7}})
    assert saved.status_code == 200
    assert pmo.put("/api/v1/plan-settings", json=current).status_code == 409
    assert pmo.get(f"/api/v1/milestones/{key}").json()["rag"] == "amber"


def test_dependencies_refuse_cycles_naming_the_path(api):
    pmo = api("pmo")
    # the example: merger-application-approved -> nhse-authorisation -> final-merger-proposal
    edges = pmo.get("/api/v1/plan-dependencies").json()["items"]
    assert {(e["predecessor"]["key"], e["successor"]["key"]) for e in edges} == {
        ("merger-application-approved", "nhse-authorisation"), ("nhse-authorisation", "final-merger-proposal")}
    cycle = pmo.post("/api/v1/plan-dependencies", json={"predecessor": "final-merger-proposal",
                                                        "successor": "merger-application-approved"})
    assert cycle.status_code == 422
    error = cycle.json()["errors"][0]
    assert error["field"] == "successor"
    assert error["message"] == ("would make a cycle: milestone final-merger-proposal → milestone "
                                "merger-application-approved → milestone nhse-authorisation → milestone "
                                "final-merger-proposal")
    self_loop = pmo.post("/api/v1/plan-dependencies", json={"predecessor": "pcn-registration",
                                                            "successor": "pcn-registration"})
    assert self_loop.status_code == 422 and "itself" in self_loop.json()["errors"][0]["message"]
    unknown = pmo.post("/api/v1/plan-dependencies", json={"predecessor": "nope", "successor": "pcn-registration"})
    assert unknown.json()["errors"][0]["field"] == "predecessor"
    mixed = pmo.post("/api/v1/plan-dependencies", json={
        "predecessor_type": "deliverable", "predecessor": "early-draft-constitution",
        "successor_type": "milestone", "successor": "merger-application-approved", "lag_days": 14})
    assert mixed.status_code == 201 and mixed.json()["lag_days"] == 14
    closing = pmo.post("/api/v1/plan-dependencies", json={
        "predecessor_type": "milestone", "predecessor": "final-merger-proposal",
        "successor_type": "deliverable", "successor": "early-draft-constitution"})
    assert closing.status_code == 422 and "deliverable early-draft-constitution" in closing.json()["detail"]
    assert api("viewer").post("/api/v1/plan-dependencies", json={
        "predecessor": "pcn-registration", "successor": "pcn-coverage-confirmed"}).status_code == 403
    edge = mixed.json()
    assert pmo.delete(f"/api/v1/plan-dependencies/{edge['id']}", params={"version": 9}).status_code == 409
    assert pmo.delete(f"/api/v1/plan-dependencies/{edge['id']}", params={"version": 1}).status_code == 204
    assert len(pmo.get("/api/v1/plan-dependencies").json()["items"]) == 2


def test_what_moves_if_a_milestone_slips(api):
    pmo = api("pmo")
    keys = {}
    for name, offset in [("a", 10), ("b", 20), ("c", 60), ("d", 61)]:
        keys[name] = pmo.post("/api/v1/milestones", json={"title": f"Step {name}", "baseline_date": day(offset)}
                              ).json()["key"]
    for pred, succ in [("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")]:
        assert pmo.post("/api/v1/plan-dependencies", json={"predecessor": keys[pred], "successor": keys[succ]}
                        ).status_code == 201
    found = pmo.get(f"/api/v1/milestones/{keys['a']}/what-moves", params={"days": 30})
    assert found.status_code == 200, found.text
    body = found.json()
    moves = {m["item"]["key"]: m for m in body["moves"]}
    assert body["new_forecast"] == day(40) and set(moves) == {keys["b"], keys["c"], keys["d"]}
    assert moves[keys["b"]]["moved_by_days"] == 20 and moves[keys["b"]]["new_forecast"] == day(40)
    assert moves[keys["c"]]["moved_by_days"] == 0 and moves[keys["c"]]["new_forecast"] == day(60)
    assert moves[keys["d"]]["moved_by_days"] == 0      # 41 days of slack after b absorb its 20
    big = {m["item"]["key"]: m for m in pmo.get(f"/api/v1/milestones/{keys['a']}/what-moves",
                                                params={"days": 80}).json()["moves"]}
    assert big[keys["d"]]["new_forecast"] == day(90) and big[keys["d"]]["via"][0] == f"milestone {keys['a']}"
    from_b = pmo.get(f"/api/v1/milestones/{keys['b']}/what-moves", params={"days": 50}).json()
    assert from_b["summary"] == f"If milestone {keys['b']} slips 50 days, 1 of 1 downstream item moves, " \
                                "the furthest by 9 days."
    assert pmo.get(f"/api/v1/milestones/{keys['a']}/what-moves", params={"days": -1}).status_code == 422
    # the example's own chain
    chain = pmo.get("/api/v1/milestones/merger-application-approved/what-moves", params={"days": 90}).json()
    assert [m["item"]["key"] for m in chain["moves"]] == ["nhse-authorisation", "final-merger-proposal"]
    assert [m["moved_by_days"] for m in chain["moves"]] == [29, 0]


def test_projects_and_workstreams(api):
    pmo = api("pmo")
    projects = pmo.get("/api/v1/projects").json()
    assert projects["total"] == 7
    medway = pmo.get("/api/v1/projects/medway-swale-icp").json()
    assert medway["senior_sponsor"].startswith("James Devine") and "Martin Riley" in medway["senior_sponsor"]
    assert medway["icp_gp_lead"] == "To be confirmed" and medway["level"] == "icp"
    made = pmo.post("/api/v1/projects", json={"name": "Provider collaborative", "level": "ics",
                                              "objectives": ["establish-ics"], "senior_sponsor": "A Person"})
    assert made.status_code == 201 and made.json()["objectives"] == ["establish-ics"]
    assert pmo.post("/api/v1/projects", json={"name": "Bad one", "level": "county",
                                              "objectives": ["nope"]}).status_code == 422
    streams = pmo.get("/api/v1/workstreams", params={"page_size": 20}).json()
    assert streams["total"] == 10
    hr = next(w for w in streams["items"] if w["key"] == "hr-od")
    assert hr["levels"] == ["ics", "system_commissioner", "icp", "pcn"] and hr["deliverables"] == 5
    assert hr["lead"] == "Becca Bradd, STP Workforce Programme Director"
    changed = pmo.patch("/api/v1/workstreams/contracts", json={"version": 1, "lead": "New Lead", "levels": ["icp"]})
    assert changed.status_code == 200 and changed.json()["levels"] == ["icp"]
    assert pmo.patch("/api/v1/workstreams/contracts", json={"version": 1, "lead": "Stale"}).status_code == 409
    assert pmo.patch("/api/v1/workstreams/contracts", json={"version": 2, "levels": ["x"]}).json()["errors"][0][
        "field"] == "levels"
    objectives = pmo.get("/api/v1/objectives").json()["items"]
    assert [o["kind"] for o in objectives].count("secondary") == 4 and len(objectives) == 2 + 9  # 2 aims (PID 2.5)
    assert next(o for o in objectives if o["key"] == "establish-icps")["projects"] == [
        "west-kent-icp", "east-kent-icp", "dgs-icp", "medway-swale-icp"]
    assert len(pmo.get("/api/v1/plan-roles").json()["items"]) == 6


def test_resource_plan_costs_and_totals(api):
    pmo = api("pmo")
    plan = pmo.get("/api/v1/resource-plan").json()
    assert plan["total"] == 8
    lines = {line["key"]: line for line in plan["items"]}
    managers = lines["programme-manager"]
    assert managers["band"] == "8a" and managers["costed_wte"] == 2.0
    assert managers["annual_cost"] == round((44606 + 50819) / 2 * 1.25 * 2, 2)
    assert lines["clinical-chair"]["annual_cost"] is None and "Existing" in lines["clinical-chair"]["cost_basis"]
    expected = sum(round((lo + hi) / 2 * 1.25 * n, 2) for lo, hi, n in [(44606, 50819, 2), (37570, 43772, 1),
                                                                        (21089, 23761, 1)])
    totals = plan["totals"]
    assert totals["annual_cost"] == pytest.approx(expected) and totals["additional_wte"] == 4.0
    assert totals["existing_wte"] == pytest.approx(2.1) and totals["not_costed"] == 5
    assert totals["pay_table"] == "Agenda for Change 2019/20" and totals["on_cost_percent"] == 25
    bad = pmo.post("/api/v1/resource-plan", json={"role": "Analyst", "band": "10", "wte": 1})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "band"
    made = pmo.post("/api/v1/resource-plan", json={"role": "Analyst", "band": "6", "wte": 0.5,
                                                   "additional": True, "projects": ["dgs-icp"]})
    assert made.status_code == 201 and made.json()["annual_cost"] == round((30401 + 37267) / 2 * 1.25 * 0.5, 2)
    settings = pmo.get("/api/v1/plan-settings").json()
    pmo.put("/api/v1/plan-settings", json={**settings, "pay_bands": {"on_cost_percent": 30}})
    line = pmo.get(f"/api/v1/resource-plan/{made.json()['key']}").json()
    assert line["annual_cost"] == round((30401 + 37267) / 2 * 1.30 * 0.5, 2)


def test_sign_off_tracker(api):
    pmo = api("pmo")
    tracker = pmo.get("/api/v1/sign-offs").json()
    assert tracker["total"] == 18 and tracker["tracker"]["signed"] == 0 and tracker["tracker"]["awaiting"] == 18
    assert tracker["tracker"]["summary"] == "0 of 18 organisations have signed; 18 awaiting."
    no_date = pmo.patch("/api/v1/sign-offs/ashford-ccg", json={"version": 1, "status": "signed"})
    assert no_date.status_code == 422 and {e["field"] for e in no_date.json()["errors"]} == {"signed_on", "signatory"}
    signed = pmo.patch("/api/v1/sign-offs/ashford-ccg", json={"version": 1, "status": "signed",
                                                              "signed_on": "2019-06-12", "signatory": "A Chair"})
    assert signed.status_code == 200 and signed.json()["status"] == "signed"
    pmo.patch("/api/v1/sign-offs/dartford-and-gravesham-nhs-trust", json={"version": 1, "status": "declined"})
    after = pmo.get("/api/v1/sign-offs").json()["tracker"]
    assert (after["signed"], after["declined"], after["awaiting"]) == (1, 1, 16)
    assert after["summary"] == "1 of 18 organisations have signed; 1 declined; 16 awaiting."


def test_authorisation(api):
    assert api().get("/api/v1/milestones").status_code == 401
    viewer = api("viewer")
    assert viewer.get("/api/v1/milestones").status_code == 200
    body = {"title": "Viewer cannot write", "baseline_date": day(5)}
    for path in ("/api/v1/milestones", "/api/v1/deliverables"):
        assert viewer.post(path, json=body).status_code == 403
    assert viewer.patch("/api/v1/milestones/pcn-registration", json={"version": 1, "owner": "x"}).status_code == 403
    assert viewer.delete("/api/v1/milestones/pcn-registration", params={"version": 1}).status_code == 403
    assert viewer.post("/api/v1/sign-offs", json={"organisation_name": "New partner"}).status_code == 403
    assert viewer.post("/api/v1/resource-plan", json={"role": "Analyst"}).status_code == 403
    assert viewer.post("/api/v1/projects", json={"name": "Viewer project"}).status_code == 403
    assert api("ek_editor").post("/api/v1/milestones", json=body).status_code == 403
    assert api("editor").post("/api/v1/milestones", json=body).status_code == 201
    assert api("editor").get("/api/v1/milestones/pcn-registration").json()["rag"] == "red"
