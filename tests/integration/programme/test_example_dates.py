"""The example's dates make its plans show something: the PID's monthly communication tools have dated occurrences
over 2019/20, and actual dates the later documents give complete their milestones; on SQLite and PostgreSQL."""


def test_the_monthly_communication_tools_have_occurrences_over_the_transition_year(api):
    viewer = api("viewer")
    found = viewer.get("/api/v1/communications/newsletters/occurrences", params={"page_size": 100}).json()
    dates = sorted(o["due_on"] for o in found["items"])
    assert found["total"] == 12 and dates[0] == "2019-04-01" and dates[-1] == "2020-03-01"
    assert viewer.get("/api/v1/communications/web/occurrences").json()["total"] == 0  # "Ongoing": no schedule


def test_the_icb_milestone_is_complete_with_its_actual_date(api):
    board = api("viewer").get("/api/v1/programme/dashboard", params={"programme": "ics-transition",
                                                                    "as_at": "2022-08-01"}).json()
    icb = {m["key"]: m for m in board["milestones"]}["ics-nhs-body-established"]
    assert (icb["baseline_date"], icb["actual_date"], icb["rag"]) == ("2022-04-01", "2022-07-01", "complete")
