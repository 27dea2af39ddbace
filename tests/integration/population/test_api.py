"""The population API: shapes, filters and pagination over the latest run; a clear 404 before any run."""

import pytest
from fastapi.testclient import TestClient

from caresystem.population.run import RESULTS

PROBLEM = "application/problem+json"
INDICATOR_COLUMNS = {
    "area_type",
    "area_code",
    "area_name",
    "numerator",
    "denominator",
    "value",
    "lower_ci95",
    "upper_ci95",
    "unit",
}


def test_latest_run_metadata(client):
    run = client.get("/api/v1/population/runs/latest").json()
    assert run["engine"] == "duckdb" and run["system_name"] == "Kent and Medway"
    assert run["period_start"] < run["period_end"] and len(run["dataset_fingerprint"]) == 64
    assert run["suppression_threshold"] == 7 and 0.5 <= run["risk_model_auc"] <= 1
    assert set(run["rows"]) >= set(RESULTS) and "path" not in str(run.get("dataset", ""))


@pytest.mark.parametrize("result", [r for r in RESULTS if r != "allocation"])  # /allocation has its own shape
def test_every_result_is_a_page_of_indicator_rows(client, result):
    body = client.get(f"/api/v1/population/{result}", params={"page_size": 5}).json()
    assert set(body) == {"items", "total", "page", "page_size"} and body["page_size"] == 5
    assert body["total"] > 0 and len(body["items"]) == min(5, body["total"])
    assert INDICATOR_COLUMNS <= set(body["items"][0])


def test_filters_and_pages(client):
    everything = client.get(
        "/api/v1/population/prevalence", params={"area_type": "pcn", "page_size": 500}
    ).json()
    asthma = client.get(
        "/api/v1/population/prevalence", params={"area_type": "pcn", "condition": "asthma"}
    ).json()
    assert asthma["total"] == len({r["area_code"] for r in asthma["items"]}) == 42
    assert everything["total"] == 42 * 21 and len(everything["items"]) == 500
    assert {r["condition"] for r in asthma["items"]} == {"asthma"} and {
        r["area_type"] for r in asthma["items"]
    } == {"pcn"}
    second = client.get(
        "/api/v1/population/prevalence", params={"area_type": "pcn", "page": 2, "page_size": 10}
    ).json()
    assert second["items"] == everything["items"][10:20]
    deciles = client.get(
        "/api/v1/population/standardised_rates",
        params={"area_type": "system", "indicator": "emergency_admissions", "deprivation_decile": 1},
    )
    assert [r["deprivation_decile"] for r in deciles.json()["items"]] == [1]


def test_bad_filters_name_the_field(client):
    wrong_column = client.get("/api/v1/population/prevalence", params={"tier": "high"})
    assert wrong_column.status_code == 422 and wrong_column.json()["errors"][0]["field"] == "tier"
    assert client.get("/api/v1/population/prevalence", params={"deprivation_decile": 11}).status_code == 422
    unknown = client.get("/api/v1/population/nonsense")
    assert unknown.status_code == 404 and "prevalence" in unknown.json()["detail"]


def test_overview_shape(client):
    body = client.get("/api/v1/population/overview").json()
    assert body["system"]["list_size"]["value"] > 15_000
    assert len(body["places"]) == 4 and len(body["pcns"]) == 42
    assert all(p["parent_code"] in {pl["code"] for pl in body["places"]} for p in body["pcns"])
    assert sum(p["list_size"]["value"] for p in body["places"]) == body["system"]["list_size"]["value"]
    assert all(p["life_expectancy"]["value"] > 60 for p in body["places"])
    assert [t["tier"] for t in body["risk_tiers"]] == ["very_high", "high", "moderate", "low"]


def test_pcn_profile_shape(client, first_pcn):
    body = client.get(f"/api/v1/population/pcns/{first_pcn}").json()
    assert body["pcn"]["code"] == first_pcn and body["place"]["code"] == body["pcn"]["parent_code"]
    assert len(body["pyramid"]) == 19 and body["pyramid"][0]["age_band"] == "0-4"
    any_ltc = body["prevalence"][0]
    assert any_ltc["key"] == "any" and {"area", "place", "system"} <= set(any_ltc)
    assert len(body["prevalence"]) == 21 and body["segments"] and body["risk_tiers"]
    assert 0 < body["fair_share"]["target_share"] < 1


def test_allocation_shares_add_up(client):
    body = client.get("/api/v1/population/allocation").json()
    assert body["budget"] == 2_778_000_000
    assert sum(p["target_share"] for p in body["places"]) == pytest.approx(1)
    assert sum(p["target_share"] for p in body["pcns"]) == pytest.approx(1)
    assert sum(p["fair_share"] for p in body["places"]) == pytest.approx(body["budget"])


def test_unknown_network_is_not_found(client):
    response = client.get("/api/v1/population/pcns/NOPE")
    assert response.status_code == 404 and "NOPE" in response.json()["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/population/runs/latest",
        "/api/v1/population/overview",
        "/api/v1/population/prevalence",
        "/api/v1/population/pcns/XKP01",
        "/api/v1/population/allocation",
    ],
)
def test_no_run_yet_is_a_helpful_404(app_without_run, path):
    with TestClient(app_without_run, base_url="https://testserver") as c:
        response = c.get(path)
    assert response.status_code == 404 and response.headers["content-type"] == PROBLEM
    assert "caresystem population run --data DIR" in response.json()["detail"]


def test_no_run_yet_page_says_how_to_make_one(app_without_run):
    with TestClient(app_without_run, base_url="https://testserver") as c:
        response = c.get("/population")
    assert response.status_code == 404 and "No population run yet" in response.text
