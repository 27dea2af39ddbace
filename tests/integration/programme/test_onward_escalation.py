"""Onward escalation (PID 7.1): a risk its bodies cannot manage goes on, as necessary, to the member organisations and
the STP Programme Board; recorded as data, shown apart from the automatic routes; on SQLite and PostgreSQL."""

from tests.conftest import login

# the bodies in force today that the example's rules send a risk of 8 or more to
CURRENT = ["ics-nhs-body-board", "dgs-icp", "east-kent-icp", "medway-swale-icp", "west-kent-icp"]


def test_the_pid_onward_route_is_loaded_and_is_not_an_automatic_route(api):
    viewer = api("viewer")
    onward = viewer.get("/api/v1/escalation-rules/onward")
    assert onward.status_code == 200
    assert onward.json() == [{"min_score": 8, "bodies": ["stp-programme-board"], "text": "individual organisations",
                              "source_document": "000", "source_section": "7.1"}]
    made = api("pmo").post("/api/v1/risks", json={"title": "Scored 4 x 4", "current_impact": 4,
                                                  "current_likelihood": 4}).json()
    # the 2019 bodies have all ended: the rules to the bodies in force since route it, the PID's rules are noted
    assert sorted(made["escalated_to"]) == sorted(CURRENT) and len(made["escalation_notes"]) == 6
    assert not any("STP Programme Board" in note for note in made["escalation_notes"])
    assert viewer.get("/api/v1/escalation-rules/onward", params={"programme": "ics-transition"}).json() == []
    assert api().get("/api/v1/escalation-rules/onward").status_code == 401


def test_the_rules_page_shows_the_onward_route(client):
    login(client, "viewer")
    page = client.get("/programme/escalation-rules", params={"programme": "system-transformation"}).text
    assert "<h2>Onward escalation</h2>" in page and 'href="/governance/stp-programme-board"' in page
    assert "individual organisations" in page


def test_the_rules_page_says_which_rules_point_at_an_ended_body(client):
    login(client, "viewer")
    page = client.get("/programme/escalation-rules", params={"programme": "system-transformation"}).text
    assert ('>East Kent ICP Steering Group</a><br><strong class="nhsuk-tag nhsuk-tag--orange">Routes nowhere'
            "</strong> ended on 31 March 2020; succeeded by East Kent ICP Board") in page
    assert ("System Transformation Executive Board</a><br><strong class=\"nhsuk-tag nhsuk-tag--orange\">Routes nowhere"
            "</strong> ended on 31 March 2020; succeeded by ICS Executive Group, which ended on 30 June 2022; "
            "succeeded by NHS Kent and Medway (ICS NHS Body) Board") in page
    assert page.count("Routes nowhere") == 6  # the five rules to the bodies in force route
    assert "the successor receives them only when a rule names the successor" in page
