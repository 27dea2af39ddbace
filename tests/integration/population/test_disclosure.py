"""Disclosure: published responses never carry a small count; cohort lists reach only the roles allowed."""

import re

import pytest
from fastapi.testclient import TestClient

from caresystem.auth.audit import AuditEntry
from caresystem.population.run import RESULTS
from tests.conftest import login


def _numbers_named(body, names=("numerator", "events")):
    if isinstance(body, dict):
        for key, value in body.items():
            if key in names and isinstance(value, int | float):
                yield key, value
            yield from _numbers_named(value, names)
    elif isinstance(body, list):
        for item in body:
            yield from _numbers_named(item, names)


def _all_pages(client, path, **params):
    page, items = 1, []
    while True:
        body = client.get(path, params={**params, "page": page, "page_size": 500}).json()
        items += body["items"]
        if page * 500 >= body["total"]:
            return items
        page += 1


def test_no_published_response_has_a_count_from_1_to_7(client, first_pcn):
    bodies = [
        _all_pages(client, f"/api/v1/population/{result}") for result in RESULTS if result != "allocation"
    ]
    bodies += [
        client.get(f"/api/v1/population/{p}").json()
        for p in ("overview", "allocation", f"pcns/{first_pcn}", "runs/latest")
    ]
    numerators = [v for key, v in _numbers_named(bodies, ("numerator",))]
    assert len(numerators) > 3_000
    assert [v for v in numerators if 1 <= v <= 7] == []
    denominators = [v for key, v in _numbers_named(bodies, ("denominator",))]
    assert denominators and [v for v in denominators if 1 <= v <= 7] == []
    suppressed = [r for r in bodies[0] if r["suppressed"]]
    assert suppressed and all(r["numerator"] is None and r["value"] is None for r in suppressed)
    hidden_segments = [r for r in bodies[RESULTS.index("segments")] if r["suppressed"]]
    assert all(r["events"] is None and r["cost"] is None for r in hidden_segments)


def test_suppressed_figures_are_labelled_on_pages(client, first_pcn):
    page = client.get(f"/population/pcns/{first_pcn}").text
    labelled = re.findall(r"<td[^>]*>\s*Suppressed \(small number\)\s*</td>", page)
    suppressed = [r for r in client.get("/api/v1/population/profile", params={
        "area_code": first_pcn, "page_size": 500}).json()["items"] if r["suppressed"]]
    assert suppressed and len(labelled) >= len(suppressed)  # every hidden figure of the profile is labelled
    assert not re.search(r"<td[^>]*numeric[^>]*>\s*</td>", page)  # and no numeric cell is left empty


def test_cohort_lists_need_sign_in(api, first_pcn):
    response = api().get("/api/v1/population/cohorts", params={"pcn": first_pcn, "tier": "high"})
    assert response.status_code == 401


@pytest.mark.parametrize("user", ["viewer", "editor", "pmo"])
def test_other_roles_may_not_see_cohorts(api, user, first_pcn):
    response = api(user).get("/api/v1/population/cohorts", params={"pcn": first_pcn, "tier": "high"})
    assert response.status_code == 403 and "view cohorts" in response.json()["detail"]


def test_care_coordinator_and_admin_see_cohorts(api, coordinator_api, db, first_pcn):
    mine = coordinator_api.get("/api/v1/population/cohorts", params={"pcn": first_pcn, "tier": "moderate"})
    theirs = api("admin").get("/api/v1/population/cohorts", params={"pcn": first_pcn, "tier": "moderate"})
    assert mine.status_code == theirs.status_code == 200 and mine.json() == theirs.json()
    body = mine.json()
    assert body["total"] > 0 and set(body["items"][0]) == {"person_id", "practice_code", "risk"}
    risks = [p["risk"] for p in body["items"]]
    assert risks == sorted(risks, reverse=True)
    with db.session() as session:
        seen = session.query(AuditEntry).filter_by(entity_type="population_cohort").all()
    assert {e.actor for e in seen} == {"coordinator", "admin"}
    assert all(set(e.changes) == {"run_id", "people"} for e in seen)  # who looked, never which ids


def test_cohorts_only_for_listed_tiers(coordinator_api, first_pcn):
    assert (
        coordinator_api.get(
            "/api/v1/population/cohorts", params={"pcn": first_pcn, "tier": "low"}
        ).status_code
        == 422
    )
    assert (
        coordinator_api.get("/api/v1/population/cohorts", params={"pcn": "NOPE", "tier": "high"}).status_code
        == 404
    )


def test_cohort_page_for_signed_in_roles_only(client, first_pcn):
    path = f"/population/pcns/{first_pcn}/cohorts/high"
    assert client.get(path, follow_redirects=False).headers["location"].startswith("/login")
    login(client, "viewer")
    assert client.get(path).status_code == 403
    assert "/cohorts/high" not in client.get(f"/population/pcns/{first_pcn}").text


def test_admin_reads_the_cohort_page(app, first_pcn):
    with TestClient(app, base_url="https://testserver") as c:
        login(c, "admin")
        profile = c.get(f"/population/pcns/{first_pcn}").text
        assert f"/population/pcns/{first_pcn}/cohorts/high" in profile
        page = c.get(f"/population/pcns/{first_pcn}/cohorts/high")
    assert page.status_code == 200 and "Restricted" in page.text and "Pseudonymous id" in page.text
