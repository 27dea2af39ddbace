"""Actual dates the later documents give complete the example's milestones; on SQLite and PostgreSQL."""


def test_the_icb_milestone_is_complete_with_its_actual_date(api):
    board = api("viewer").get("/api/v1/programme/dashboard", params={"programme": "ics-transition",
                                                                    "as_at": "2022-08-01"}).json()
    icb = {m["key"]: m for m in board["milestones"]}["ics-nhs-body-established"]
    assert (icb["baseline_date"], icb["actual_date"], icb["rag"]) == ("2022-04-01", "2022-07-01", "complete")
