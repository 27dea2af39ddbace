"""Several programmes at once: the portfolio (API and page), choosing a programme for the pages, the dashboard as at a
date; on SQLite and PostgreSQL."""

from tests.conftest import login

EXAMPLE = ["system-transformation", "ccg-merger", "ics-transition"]


def test_the_portfolio_lists_each_programme_with_its_own_registers(api):
    found = api("viewer").get("/api/v1/programmes", params={"as_at": "2021-07-01"})
    assert found.status_code == 200
    programmes = {p["programme"]: p for p in found.json()["programmes"]}
    assert list(programmes) == EXAMPLE and found.json()["as_at"] == "2021-07-01"
    merger, transition = programmes["ccg-merger"], programmes["ics-transition"]
    pid = programmes["system-transformation"]
    assert sum(pid["milestone_rags"].values()) == 17 and sum(merger["milestone_rags"].values()) == 3
    assert sum(transition["milestone_rags"].values()) == 6
    # The seven scored transition risks belong to the transition programme: red 15 and 16, amber 12 (002 section 9).
    assert transition["risk_rags"] == {"red": 3, "amber": 4, "green": 0, "not assessed": 0}
    assert pid["risk_rags"]["not assessed"] == 15 and pid["risk_rags"]["red"] == 0
    assert transition["top_risks"][0]["score"] == 16
    assert sum(merger["benefit_statuses"].values()) == 3 and sum(pid["benefit_statuses"].values()) == 7
    assert api().get("/api/v1/programmes").status_code == 401


def test_the_dashboard_api_names_its_programme_and_date(api):
    viewer = api("viewer")
    merger = viewer.get("/api/v1/programme/dashboard", params={"programme": "ccg-merger", "as_at": "2020-05-01"})
    assert merger.status_code == 200 and merger.json()["programme_name"] == "Kent and Medway CCG merger programme"
    # The merger happened in April 2020 (002 section 7): complete, not red, whatever today is.
    single = {m["key"]: m for m in merger.json()["milestones"]}["single-ccg-established"]
    assert single["actual_date"] == "2020-04-01" and single["rag"] == "complete"
    assert viewer.get("/api/v1/programme/dashboard").json()["programme"] == "system-transformation"
    missing = viewer.get("/api/v1/programme/dashboard", params={"programme": "no-such-programme"})
    assert missing.status_code == 404
    assert viewer.get("/api/v1/programme/dashboard", params={"as_at": "2020-13-01"}).status_code == 422


def test_choosing_a_programme_carries_through_the_programme_pages(client):
    login(client, "viewer")
    portfolio = client.get("/programmes")
    assert portfolio.status_code == 200
    for name in ("Kent and Medway System Transformation Programme", "Kent and Medway CCG merger programme",
                 "Kent and Medway CCG to ICS NHS Body transition and system development plan"):
        assert name in portfolio.text
    assert 'href="/programme?programme=ics-transition"' in portfolio.text
    assert "ICS-3" not in client.get("/programme/risks").text  # the default programme holds the PID's risks
    chosen = client.get("/programme", params={"programme": "ics-transition"})
    assert chosen.status_code == 200 and "<h1>Kent and Medway CCG to ICS NHS Body transition" in chosen.text
    risks = client.get("/programme/risks")  # no key: the choice is remembered
    assert "ICS-3" in risks.text and "PID-01" not in risks.text
    assert "Governance and decision making changes and transition" in client.get("/programme/plan").text
    back = client.get("/programme/risks", params={"programme": "system-transformation"})
    assert "PID-01" in back.text and "ICS-3" not in back.text
    assert client.get("/programme", params={"programme": "no-such-programme"}).status_code == 404


def test_the_dashboard_page_is_shown_as_at_a_date(client):
    login(client, "viewer")
    page = client.get("/programme", params={"programme": "ccg-merger", "as_at": "2020-05-01"})
    assert page.status_code == 200 and "as at 1 May 2020" in page.text and 'value="2020-05-01"' in page.text
    bad = client.get("/programme", params={"as_at": "not a date"})
    assert bad.status_code == 422 and "as_at" in bad.text


def test_decision_dec003_records_the_six_objectives_it_agreed(api):
    """002 section 8: the decision's text runs on to six numbered objectives; it was cut off after the colon."""
    found = api("viewer").get("/api/v1/decisions/DEC003", params={"programme": "ics-transition"}).json()
    text = found["description"]
    assert text.startswith("Our objectives for communications and engagement on the transition were agreed")
    assert [line.split(".")[0] for line in text.splitlines()[1:]] == ["1", "2", "3", "4", "5", "6"]
    assert text.endswith("6. Establish communications and engagement tools and channels for new ICS NHS Body and "
                         "ICS Partnership.")
