"""Escalation rules and grade bands are programme data: changed through the API, they change routing at once."""

BOARD = "system-transformation-executive-board"


def test_rules_are_data_and_route_risks(api):
    viewer, pmo = api("viewer"), api("pmo")
    rules = viewer.get("/api/v1/escalation-rules").json()
    assert len(rules) == 6 and {r["min_score"] for r in rules} == {8}
    assert {r["body_key"] for r in rules} >= {BOARD, "system-commissioner-steering-group", "east-kent-icp-steering-group"}
    assert viewer.post("/api/v1/escalation-rules", json={"min_score": 15, "body_key": "x"}).status_code == 403
    assert api("editor").post("/api/v1/escalation-rules", json={"min_score": 15, "body_key": "x"}).status_code == 403
    added = pmo.post("/api/v1/escalation-rules", json={"min_score": 15, "body_key": "ics-nhs-body-board",
                                                         "scope": "place", "scope_ref": "east-kent"})
    assert added.status_code == 201
    east = pmo.post("/api/v1/risks", json={"title": "East Kent urgent care", "current_impact": 5,
                                            "current_likelihood": 3, "scope": "place", "scope_ref": "east-kent"})
    west = pmo.post("/api/v1/risks", json={"title": "West Kent urgent care", "current_impact": 5,
                                            "current_likelihood": 3, "scope": "place", "scope_ref": "west-kent"})
    assert "ics-nhs-body-board" in east.json()["escalated_to"]
    assert "ics-nhs-body-board" not in west.json()["escalated_to"]
    listed = viewer.get("/api/v1/governance-bodies/ics-nhs-body-board/escalations").json()["items"]
    assert [r["reference"] for r in listed] == [east.json()["reference"]]
    assert pmo.delete(f"/api/v1/escalation-rules/{added.json()['id']}").status_code == 204
    assert viewer.get(f"/api/v1/risks/{east.json()['reference']}").json()["escalated_to"].count(
        "ics-nhs-body-board") == 0


def test_bad_rules_are_refused_by_field(api):
    response = api("pmo").post("/api/v1/escalation-rules", json={"min_score": 30, "body_key": ""})
    assert {e["field"] for e in response.json()["errors"]} == {"min_score", "body_key"}
    response = api("pmo").post("/api/v1/escalation-rules", json={"min_score": 8, "body_key": "ics-nhs-body-board",
                                                                  "scope": "galaxy"})
    assert response.json()["errors"] == [{"field": "scope", "message": "must be one of programme, project, "
                                                                         "workstream, place"}]


def test_closed_accepted_and_unassessed_risks_are_not_escalated(api):
    pmo = api("pmo")
    risk = pmo.post("/api/v1/risks", json={"title": "Unassessed for now"}).json()
    assert (risk["score"], risk["grade"], risk["rag"], risk["escalated_to"]) == \
        (None, "not assessed", "not assessed", [])
    scored = pmo.patch(f"/api/v1/risks/{risk['reference']}", json={"version": risk["version"], "current_impact": 4,
                                                                    "current_likelihood": 4}).json()
    assert len(scored["escalated_to"]) == 6
    accepted = pmo.patch(f"/api/v1/risks/{risk['reference']}", json={"version": scored["version"],
                                                                      "status": "accepted"}).json()
    assert accepted["escalated_to"] == []
    board = pmo.get(f"/api/v1/governance-bodies/{BOARD}/escalations").json()["items"]
    assert risk["reference"] not in {r["reference"] for r in board}


def test_unknown_body_is_not_found(api):
    assert api("viewer").get("/api/v1/governance-bodies/no-such-body/escalations").status_code == 404
    assert api().get(f"/api/v1/governance-bodies/{BOARD}/escalations").status_code == 401


def test_grade_bands_are_configurable_per_programme(api):
    pmo = api("pmo")
    twelve = pmo.post("/api/v1/risks", json={"title": "Scored 4 x 3", "current_impact": 4,
                                              "current_likelihood": 3}).json()["reference"]
    matrix = pmo.get("/api/v1/risk-matrix").json()
    assert [(b["grade"], b["min"], b["max"], b["rag"]) for b in matrix["risk_grades"]] == [
        ("low", 1, 3, "green"), ("moderate", 4, 6, "amber"), ("high", 8, 12, "amber"), ("extreme", 15, 25, "red")]
    strict = [{"grade": "low", "min": 1, "max": 4, "rag": "green"}, {"grade": "medium", "min": 5, "max": 10,
                                                                      "rag": "amber"},
              {"grade": "high", "min": 12, "max": 25, "rag": "red"}]
    assert api("editor").put("/api/v1/risk-matrix", json={"version": matrix["version"],
                                                            "risk_grades": strict}).status_code == 403
    gap = pmo.put("/api/v1/risk-matrix", json={"version": matrix["version"], "risk_grades": strict[:2]})
    assert gap.status_code == 422 and gap.json()["errors"][0]["field"] == "risk_grades"
    assert pmo.put("/api/v1/risk-matrix", json={"version": matrix["version"], "risk_grades": strict}).status_code == 200
    assert pmo.put("/api/v1/risk-matrix", json={"version": matrix["version"], "risk_grades": strict}).status_code == 409
    ics1 = pmo.get(f"/api/v1/risks/{twelve}").json()
    assert (ics1["score"], ics1["grade"], ics1["rag"]) == (12, "high", "red")
