"""Benefits bound to a population indicator for an area: one actual from each population run, never typed, each
naming its run; the status combines the trajectory with the SPC of those runs."""

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from tests.conftest import login, settings_for

# Emergency admissions (DSR per 100,000) of PCN P01 in five yearly runs: falling, as the benefit wants.
RUNS = [("2015-04-01", "2016-03-31", 1400.0), ("2016-04-01", "2017-03-31", 1380.0),
        ("2017-04-01", "2018-03-31", 1320.0), ("2018-04-01", "2019-03-31", 1290.0),
        ("2019-04-01", "2020-03-31", 1250.0)]


def _write_run(runs: Path, run_id: str, start: str, end: str, value: float) -> None:
    directory = runs / run_id
    directory.mkdir(parents=True)
    pq.write_table(pa.table({"practice_code": ["G1", "G2"], "pcn_code": ["P01", "P01"], "place_code": ["W", "W"]}),
                   directory / "areas.parquet")
    pq.write_table(pa.table({"area_type": ["pcn", "place"], "area_code": ["P01", "W"], "breakdown": ["list_size"] * 2,
                             "area_name": ["North PCN", "West"], "value": [5000.0, 9000.0]}),
                   directory / "profile.parquet")
    pq.write_table(pa.table({
        "area_type": ["pcn", "pcn", "place"], "area_code": ["P01", "P01", "W"],
        "indicator": ["emergency_admissions"] * 3,
        "deprivation_decile": pa.array([None, 3, None], pa.int64()), "value": [value, 9999.0, 1000.0],
        "suppressed": [False, False, False]}), directory / "standardised_rates.parquet")
    (directory / "run.json").write_text(json.dumps({"run_id": run_id, "parameters": {
        "period_start": start, "period_end": end}}), encoding="utf-8")


@pytest.fixture
def data_dir(tmp_path) -> Path:
    runs = tmp_path / "data" / "population" / "runs"
    for number, (start, end, value) in enumerate(RUNS):
        _write_run(runs, f"2026010{number}T000000000000Z", start, end, value)
    (runs / "20260109T000000000000Z").mkdir()  # an unfinished run (no run.json) is not read
    return tmp_path / "data"


@pytest.fixture
def app(db, data_dir):
    from caresystem.web.app import create_app

    application = create_app(settings_for(db.url).model_copy(update={"data_dir": data_dir}))
    yield application
    application.state.engine.dispose()


@pytest.fixture
def admin(app, db):
    with TestClient(app, base_url="https://testserver",
                    headers={"Authorization": f"Bearer {db.tokens['admin']}"}) as c:
        yield c


def _bind(admin, **measure):
    return admin.post("/api/v1/benefits", json={
        "key": "B-EA", "title": "Fewer emergency admissions in North PCN",
        "baseline_value": 1400, "baseline_date": "2016-03-31", "target_value": 1100, "target_date": "2020-03-31",
        "measure": {"name": "Emergency admissions DSR", "unit": "per 100,000", "direction": "decrease",
                    "source": "population", **measure}})


def test_a_benefit_bound_to_a_population_indicator_takes_an_actual_from_each_run(admin):
    made = _bind(admin, indicator="emergency_admissions", organisation="P01")
    assert made.status_code == 201, made.text
    detail = admin.get("/api/v1/benefits/B-EA").json()
    assert [(a["date"], a["value"]) for a in detail["actuals"]] == [
        ("2016-03-31", 1400.0), ("2017-03-31", 1380.0), ("2018-03-31", 1320.0), ("2019-03-31", 1290.0),
        ("2020-03-31", 1250.0)]  # the whole-area row, not the deprivation decile's
    assert detail["actuals"][-1]["source"] == ("population run 20260104T000000000000Z: Emergency admissions, "
                                               "directly standardised rate for North PCN, 2019-04-01 to 2020-03-31")
    assert {a["recorded_by"] for a in detail["actuals"]} == {"population run"}
    assert detail["measure"]["indicator"] == "emergency_admissions" and detail["measure"]["organisation"] == "P01"
    # 1250 against a straight line from 1400 to 1100 (1100 by 2020-03-31): behind, and the SPC says why too.
    assert detail["status"] in ("off_track", "at_risk") and detail["status_reason"].startswith("Behind trajectory; ")
    typed = admin.post("/api/v1/benefits/B-EA/actuals", json={"date": "2020-06-30", "value": 1000})
    assert typed.status_code == 422 and "each population run" in typed.text


def test_a_new_run_reaches_the_benefit_without_typing(admin, data_dir):
    _bind(admin, indicator="emergency_admissions", organisation="P01")
    _write_run(data_dir / "population" / "runs", "20260110T000000000000Z", "2020-04-01", "2021-03-31", 1150.0)
    detail = admin.get("/api/v1/benefits/B-EA").json()
    assert detail["latest_actual"] == 1150.0 and detail["latest_actual_date"] == "2021-03-31"


def test_binding_names_a_known_indicator_and_area(admin):
    missing = _bind(admin, indicator="emergency_admissions")
    assert missing.status_code == 422 and "measure.organisation" in missing.text
    unknown = _bind(admin, indicator="no-such", organisation="ZZZ")
    fields = {e["field"]: e["message"] for e in unknown.json()["errors"]}
    assert fields["measure.indicator"].startswith("'no-such' is not a population indicator; there are list_size")
    assert fields["measure.organisation"].startswith("'ZZZ' is not an area of the latest population run")
    assert _bind(admin, indicator="emergency_admissions", organisation="W").status_code == 201  # a place


def test_the_benefit_page_shows_the_runs_trajectory_and_spc_chart(admin, client):
    _bind(admin, indicator="emergency_admissions", organisation="P01")
    login(client, "pmo")
    page = client.get("/programme/benefits/B-EA").text
    assert "from each population run: the indicator emergency_admissions for the area P01" in page
    assert "Statistical process control" in page and 'href="/population/pcns/P01"' in page
    assert "Record an actual" not in page
