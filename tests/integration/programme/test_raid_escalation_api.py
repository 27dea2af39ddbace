"""Escalation rules and grade bands are programme data: changed through the API, they change routing at once."""

from datetime import date

from caresystem.auth import SYSTEM
from caresystem.programme import raid

BOARD = "system-transformation-executive-board"
ICB = "ics-nhs-body-board"
BOARD_ENDED = ("System Transformation Executive Board: ended on 31 March 2020; succeeded by ICS Executive Group, "
               "which ended on 30 June 2022; succeeded by NHS Kent and Medway (ICS NHS Body) Board")


def test_rules_are_data_and_route_risks(api):
    viewer, pmo = api("viewer"), api("pmo")
    rules = viewer.get("/api/v1/escalation-rules").json()
    assert len(rules) == 11 and {r["min_score"] for r in rules} == {8}  # the PID's six; five to the bodies since
    assert {r["body_key"] for r in rules} >= {BOARD, "system-commissioner-steering-group", "east-kent-icp-steering-group",
                                              ICB, "east-kent-icp"}
    routes_nowhere = {r["body_key"]: r["routes_nowhere"] for r in rules}
    assert routes_nowhere[ICB] is None
    assert routes_nowhere["east-kent-icp-steering-group"] == "ended on 31 March 2020; succeeded by East Kent ICP Board"
    assert viewer.post("/api/v1/escalation-rules", json={"min_score": 15, "body_key": "x"}).status_code == 403
    assert api("editor").post("/api/v1/escalation-rules", json={"min_score": 15, "body_key": "x"}).status_code == 403
    added = pmo.post("/api/v1/escalation-rules", json={"min_score": 15, "body_key": "people-board",
                                                         "scope": "place", "scope_ref": "east-kent"})
    assert added.status_code == 201
    east = pmo.post("/api/v1/risks", json={"title": "East Kent urgent care", "current_impact": 5,
                                            "current_likelihood": 3, "scope": "place", "scope_ref": "east-kent"})
    west = pmo.post("/api/v1/risks", json={"title": "West Kent urgent care", "current_impact": 5,
                                            "current_likelihood": 3, "scope": "place", "scope_ref": "west-kent"})
    assert "people-board" in east.json()["escalated_to"]
    assert "people-board" not in west.json()["escalated_to"] and ICB in west.json()["escalated_to"]
    listed = viewer.get("/api/v1/governance-bodies/people-board/escalations").json()["items"]
    assert [r["reference"] for r in listed] == [east.json()["reference"]]
    assert pmo.delete(f"/api/v1/escalation-rules/{added.json()['id']}").status_code == 204
    assert viewer.get(f"/api/v1/risks/{east.json()['reference']}").json()["escalated_to"].count("people-board") == 0


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
    assert ICB in scored["escalated_to"] and BOARD not in scored["escalated_to"]
    assert len(scored["escalated_to"]) == 5 and len(scored["escalation_notes"]) == 6  # the PID's six bodies ended
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


def test_a_rule_must_name_a_body_that_exists_and_is_in_force(api):
    pmo = api("pmo")
    before = pmo.get("/api/v1/escalation-rules").json()
    missing = pmo.post("/api/v1/escalation-rules", json={"min_score": 8, "body_key": "no-such-board"})
    assert missing.status_code == 422
    assert missing.json()["errors"] == [{"field": "body_key", "message": "'no-such-board' is not a governance body in "
                                                                         "the system"}]
    ended = pmo.post("/api/v1/escalation-rules", json={"min_score": 8, "body_key": BOARD})
    assert ended.status_code == 422
    assert ended.json()["errors"] == [{"field": "body_key", "message": f"'{BOARD}' is not in force: "
                                       + BOARD_ENDED.replace(": ended", " ended", 1)}]
    assert pmo.get("/api/v1/escalation-rules").json() == before


def test_risks_go_to_the_bodies_in_force_and_name_the_successor_of_an_ended_one(api):
    pmo, viewer = api("pmo"), api("viewer")
    risk = pmo.post("/api/v1/risks", json={"title": "Scored 4 x 4", "current_impact": 4,
                                            "current_likelihood": 4}).json()
    assert BOARD not in risk["escalated_to"] and ICB in risk["escalated_to"]
    assert BOARD_ENDED in risk["escalation_notes"]
    assert viewer.get(f"/api/v1/governance-bodies/{BOARD}").json()["succeeded_by"] == "ics-executive-group"
    assert ("East Kent ICP Steering Group: ended on 31 March 2020; succeeded by East Kent ICP Board"
            in risk["escalation_notes"])
    ended = viewer.get(f"/api/v1/governance-bodies/{BOARD}/escalations").json()
    assert ended["total"] == 0 and ended["not_in_force"] == BOARD_ENDED.split(": ", 1)[1]
    board = viewer.get(f"/api/v1/governance-bodies/{ICB}/escalations").json()
    assert risk["reference"] in {r["reference"] for r in board["items"]} and board["not_in_force"] is None


def test_routing_follows_the_bodies_in_force_on_the_date(api, db):
    """As at 2019 the PID's rules route to its Executive Board and not to the ICB board, which did not exist yet."""
    made = api("pmo").post("/api/v1/risks", json={"title": "Scored 4 x 4", "current_impact": 4,
                                                  "current_likelihood": 4}).json()["reference"]
    with db.session() as session:
        def routed(body_key, on):
            return {r.reference for r, _ in raid.escalations_for(session, actor=SYSTEM, body_key=body_key, as_at=on)[0]}

        assert made in routed(BOARD, date(2019, 10, 1)) and made not in routed(ICB, date(2019, 10, 1))
        assert made not in routed(BOARD, date(2023, 1, 1)) and made in routed(ICB, date(2023, 1, 1))
        # the transition's rule goes to the ICS Executive Group until it ended, then to the ICB board
        transition = routed("ics-executive-group", date(2021, 9, 1))
        assert transition and all(ref.startswith("ICS-") for ref in transition)
        assert routed("ics-executive-group", date(2023, 1, 1)) == set()
        assert transition <= routed(ICB, date(2023, 1, 1))
