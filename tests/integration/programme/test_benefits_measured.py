"""Benefits measured from performance data: actuals come from the measure's data for every period and say where
they came from; the status combines the trajectory with the SPC and says why."""

from datetime import date

from caresystem.programme.benefits.measured import combine
from caresystem.programme.benefits.trajectory import Status
from tests.conftest import login


def _bind(admin, **measure):
    return admin.post("/api/v1/benefits", json={
        "key": "B-AE", "title": "Four-hour A&E performance at Medway recovers",
        "baseline_value": 70, "baseline_date": "2012-09-01", "target_value": 95, "target_date": "2016-03-01",
        "measure": {"name": "A&E within four hours", "unit": "%", "direction": "increase", "source": "measure",
                    **measure}})


def test_a_benefit_bound_to_a_measure_takes_every_actual_from_its_data(api):
    admin = api("admin")
    made = _bind(admin, measure="ae-four-hours", organisation="RPA")
    assert made.status_code == 201, made.text
    detail = admin.get("/api/v1/benefits/B-AE").json()
    assert len(detail["actuals"]) == 36 and detail["actuals"][-1]["value"] == 77.9
    assert detail["actuals"][-1]["source"] == "performance data: ae-four-hours for RPA (document 003, paragraph 14)"
    assert detail["actuals"][0]["source"].endswith("(illustrative)")
    assert detail["measure"]["measure"] == "ae-four-hours" and detail["measure"]["organisation"] == "RPA"
    assert detail["status"] == "off_track" and detail["status_reason"].startswith("Behind trajectory; ")
    typed = admin.post("/api/v1/benefits/B-AE/actuals", json={"date": "2015-09-01", "value": 80})
    assert typed.status_code == 422 and "performance measure's data" in typed.text


def test_new_data_reaches_the_benefit_without_typing(api):
    admin = api("admin")
    _bind(admin, measure="ae-four-hours", organisation="RPA")
    admin.post("/api/v1/assurance/data", files={"file": ("d.csv", "measure,organisation,period,value\n"
                                                                  "ae-four-hours,RPA,2015-09,81.5\n")})
    detail = admin.get("/api/v1/benefits/B-AE").json()
    assert detail["latest_actual"] == 81.5 and detail["latest_actual_date"] == "2015-09-01"
    assert detail["actuals"][-1]["source"] == "performance data: ae-four-hours for RPA (imported)"


def test_binding_names_a_known_measure_and_organisation(api):
    admin = api("admin")
    missing = _bind(admin, measure="ae-four-hours")
    assert missing.status_code == 422 and "measure.organisation" in missing.text
    unknown = _bind(admin, measure="no-such", organisation="ZZZ")
    fields = {e["field"]: e["message"] for e in unknown.json()["errors"]}
    assert fields == {"measure.measure": "'no-such' is not a performance measure",
                      "measure.organisation": "'ZZZ' is not an organisation or area code"}


def test_the_benefit_page_shows_the_trajectory_and_the_spc_chart_together(api, client):
    _bind(api("admin"), measure="ae-four-hours", organisation="RPA")
    login(client, "pmo")
    page = client.get("/programme/benefits/B-AE").text
    assert "Statistical process control" in page and 'href="/assurance/measures/ae-four-hours/RPA"' in page
    assert "Trajectory against actuals" in page and "Behind trajectory; " in page
    assert "Record an actual" not in page  # nothing to type


def _series(classes):
    from caresystem.assurance import MeasuredPoint, MeasuredSeries
    from caresystem.stats.spc import Point, SpcResult

    points = tuple(Point(i, 1.0, 0, None, (), None if c == "common_cause" else "high", c)
                   for i, c in enumerate(classes))
    result = SpcResult(points, (), "higher", None, None, "x", None, (), True)
    return MeasuredSeries("m", "M", "X", "X", "percent", "higher",
                          tuple(MeasuredPoint(date(2020, i + 1, 1), 1.0, False, "s") for i in range(len(classes))),
                          result, "/")


def test_the_combined_status_rule():
    behind = Status("off_track", "On ... behind the trajectory.")
    improving = _series(["common_cause"] * 3 + ["special_cause_improvement"] * 3)
    combined = combine(behind, improving)
    assert combined.status == "at_risk"
    assert combined.reason.startswith("Behind trajectory; special cause improvement for 3 months. ")
    on_track = Status("on_track", "On plan.")
    assert combine(on_track, _series(["special_cause_concern"])).status == "at_risk"
    assert combine(on_track, _series(["common_cause", "common_cause"])).reason == (
        "On trajectory; common cause variation. On plan.")
    assert combine(Status("no_data", "None yet."), improving).status == "no_data"
