"""Onward escalation (PID 7.1): a risk its bodies cannot manage goes on, as necessary, to the member organisations and
the STP Programme Board; recorded as data, shown apart from the automatic routes; on SQLite and PostgreSQL."""

from tests.conftest import login


def test_the_pid_onward_route_is_loaded_and_is_not_an_automatic_route(api):
    viewer = api("viewer")
    onward = viewer.get("/api/v1/escalation-rules/onward")
    assert onward.status_code == 200
    assert onward.json() == [{"min_score": 8, "bodies": ["stp-programme-board"], "text": "individual organisations",
                              "source_document": "000", "source_section": "7.1"}]
    made = api("pmo").post("/api/v1/risks", json={"title": "Scored 4 x 4", "current_impact": 4,
                                                  "current_likelihood": 4}).json()
    assert "stp-programme-board" not in made["escalated_to"] and len(made["escalated_to"]) == 6
    assert viewer.get("/api/v1/escalation-rules/onward", params={"programme": "ics-transition"}).json() == []
    assert api().get("/api/v1/escalation-rules/onward").status_code == 401


def test_the_rules_page_shows_the_onward_route(client):
    login(client, "viewer")
    page = client.get("/programme/escalation-rules", params={"programme": "system-transformation"}).text
    assert "<h2>Onward escalation</h2>" in page and 'href="/governance/stp-programme-board"' in page
    assert "individual organisations" in page
