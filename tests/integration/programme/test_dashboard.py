"""The programme dashboard and "my items", through the API and the pages, on SQLite and PostgreSQL."""

from datetime import date, timedelta

from tests.conftest import login
from tests.integration.programme.test_benefits_api import _create as create_benefit

YESTERDAY = (date.today() - timedelta(days=1)).isoformat()


def _owned_by_sam(pmo):
    risk = pmo.post("/api/v1/risks", json={"title": "Clinical leadership capacity", "owner": "Sam Okafor",
                                           "current_impact": 5, "current_likelihood": 5, "review_date": YESTERDAY})
    action = pmo.post("/api/v1/actions", json={"title": "Recruit clinical leads", "owner": "sam okafor ",
                                               "due_date": YESTERDAY})
    assert risk.status_code == 201 and action.status_code == 201
    benefit = create_benefit(pmo, owner="Sam Okafor")
    pmo.post(f"/api/v1/benefits/{benefit['key']}/actuals", json={"date": "2024-07-01", "value": 1})
    return risk.json()["reference"], action.json()["reference"], benefit["key"]


def test_dashboard_gathers_every_register(api):
    pmo = api("pmo")
    risk, action, benefit = _owned_by_sam(pmo)
    board = api("viewer").get("/api/v1/programme/dashboard")
    assert board.status_code == 200
    body = board.json()
    assert sum(body["milestone_rags"].values()) == 17 and len(body["milestones"]) == 17
    assert body["top_risks"][0]["reference"] == risk and body["top_risks"][0]["score"] == 25
    # The PID's fifteen risks are unscored: only the new one is among the top risks.
    assert [r["reference"] for r in body["top_risks"]] == [risk]
    assert body["risk_rags"]["red"] == 1 and body["risk_rags"]["not assessed"] == 15
    assert risk in [r["reference"] for r in body["overdue_reviews"]]
    assert action in [a["reference"] for a in body["overdue_actions"]]
    assert body["benefit_statuses"] == {"on_track": 0, "at_risk": 0, "off_track": 1, "no_data": 7}
    assert [b["key"] for b in body["off_track_benefits"]] == [benefit]
    assert api().get("/api/v1/programme/dashboard").status_code == 401


def test_my_items_lists_what_a_person_owns_overdue_first(api):
    pmo = api("pmo")
    risk, action, benefit = _owned_by_sam(pmo)
    mine = api("viewer").get("/api/v1/me/items", params={"name": "SAM  OKAFOR"}).json()
    assert mine["overdue"] == 3
    assert {(i["kind"], i["reference"]) for i in mine["items"]} == {("risk", risk), ("action", action),
                                                                      ("benefit", benefit)}
    assert all(i["overdue"] for i in mine["items"])
    sponsor = api("viewer").get("/api/v1/me/items", params={"name": "Miles Scott"}).json()["items"]
    assert ("project", "west-kent-icp", "senior sponsor") in {(i["kind"], i["reference"], i["role"]) for i in sponsor}
    own = api("pmo").get("/api/v1/me/items").json()
    assert own["name"] and own["items"] == []
    assert api().get("/api/v1/me/items").status_code == 401


def test_dashboard_and_my_items_pages(client, api):
    _owned_by_sam(api("pmo"))
    assert client.get("/programme", follow_redirects=False).status_code in (302, 303)
    login(client, "viewer")
    page = client.get("/programme")
    assert page.status_code == 200
    for text in ("Milestone timeline", "Top risks", "Clinical leadership capacity", "Recruit clinical leads",
                 "Benefits off track", "<svg"):
        assert text in page.text, text
    items = client.get("/programme/my-items", params={"name": "Sam Okafor"})
    assert items.status_code == 200 and "Overdue" in items.text and "Recruit clinical leads" in items.text
