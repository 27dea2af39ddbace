"""A benefit estimated as a range (document 001 section 5.3: "high-level estimates" for which "ranges have been
included"): its low and high estimates through the API, the form, the pages and the export; low above high is
refused naming the field; on SQLite and PostgreSQL."""

import csv
import io

from caresystem.programme.benefits.estimate import amount, range_text
from tests.conftest import csrf_of, login
from tests.integration.programme.test_benefits_api import BENEFIT

SAVING = {"title": "Running cost savings from the single CCG", "type": "cash_releasing",
          "measure": {"name": "Running cost savings", "unit": "GBP million", "direction": "increase"},
          "target_low": 3.2, "target_high": 4.7, "target_date": "2021-03-31"}


def test_the_range_is_written_in_words():
    assert range_text(3.2, 4.7, "GBP million") == "£3.2m to £4.7m"
    assert range_text(250, 1500, "GBP thousand") == "£250k to £1,500k"
    assert range_text(40, 55, "percent") == "40 to 55 percent"
    assert range_text(1, None, "GBP") is None and amount(-2.5, "GBP million") == "-£2.5m"


def test_a_benefit_estimated_as_a_range(api):
    pmo = api("pmo")
    made = pmo.post("/api/v1/benefits", json=SAVING)
    assert made.status_code == 201, made.text
    body = made.json()
    assert (body["target_low"], body["target_high"], body["target_range"]) == (3.2, 4.7, "£3.2m to £4.7m")
    assert body["target_value"] is None
    changed = pmo.patch(f"/api/v1/benefits/{body['key']}", json={"version": body["version"], "target_high": 5})
    assert changed.status_code == 200 and changed.json()["target_range"] == "£3.2m to £5m"
    with_value = pmo.post("/api/v1/benefits", json=BENEFIT | {"target_low": 80, "target_high": 120})
    assert with_value.json()["target_value"] == 100 and with_value.json()["target_range"] == "80 to 120 admissions"


def test_low_above_high_is_refused_naming_the_field(api):
    pmo = api("pmo")
    refused = pmo.post("/api/v1/benefits", json=SAVING | {"target_low": 5, "target_high": 4.7})
    assert refused.status_code == 422
    [error] = refused.json()["errors"]
    assert error["field"] == "target_high" and "at least the low estimate" in error["message"]
    half = pmo.post("/api/v1/benefits", json=SAVING | {"target_high": None})
    assert [e["field"] for e in half.json()["errors"]] == ["target_high"]
    made = pmo.post("/api/v1/benefits", json=SAVING).json()
    lowered = pmo.patch(f"/api/v1/benefits/{made['key']}", json={"version": made["version"], "target_high": 1})
    assert lowered.status_code == 422 and lowered.json()["errors"][0]["field"] == "target_high"


def test_the_export_has_the_estimates(api):
    pmo = api("pmo")
    made = pmo.post("/api/v1/benefits", json=SAVING).json()
    rows = list(csv.reader(io.StringIO(pmo.get("/api/v1/benefits/export.csv").text)))
    row = next(r for r in rows if r[0] == made["key"])
    assert (row[rows[0].index("Low estimate")], row[rows[0].index("High estimate")]) == ("3.2", "4.7")


def test_the_form_and_pages_show_the_range(client):
    login(client, "pmo")
    form = client.get("/programme/benefits/new").text
    assert 'name="target_low"' in form and 'name="target_high"' in form
    fields = {"title": "Running cost savings", "measure_name": "Running cost savings", "measure_unit": "GBP million",
              "measure_source": "manual", "csrf_token": csrf_of(form)}
    refused = client.post("/programme/benefits/new", data=fields | {"target_low": "5", "target_high": "4"})
    assert refused.status_code == 422 and 'href="#target_high"' in refused.text
    assert "High estimate must be at least the low estimate" in refused.text
    saved = client.post("/programme/benefits/new", data=fields | {"target_low": "3.2", "target_high": "4.7"},
                        follow_redirects=True)
    assert saved.status_code == 200 and "£3.2m to £4.7m" in saved.text
    assert "£3.2m to £4.7m" in client.get("/programme/benefits", params={"q": "Running cost savings"}).text
