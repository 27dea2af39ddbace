"""Search across the system model and every programme register, on SQLite and PostgreSQL: each kind found with its
programme, reference, snippet and link; deleted entries never found; the public sees no internal register."""

from tests.conftest import login
from tests.integration.meetings.helpers import schedule

SHORTAGE = "A national shortage of radiographers in the east of the county delays reporting of scans"
SNIPPET = "A national shortage of radiographers in the east of the county delays reporting…"  # cut to a few words


def _groups(client, q: str, **params) -> dict[str, dict]:
    response = client.get("/api/v1/search", params={"q": q, **params})
    assert response.status_code == 200, response.text
    return {g["kind"]: g for g in response.json()["groups"]}


def _references(group: dict) -> list[str]:
    return [h["reference"] for h in group["hits"]]


def test_radiographers_finds_the_risk_that_names_them_in_its_cause(api):
    risk = api("pmo").post("/api/v1/risks", json={"title": "Diagnostic reports are late", "cause": SHORTAGE}).json()
    groups = _groups(api("viewer"), "RadioGraphers")
    assert list(groups) == ["risks"]
    (hit,) = groups["risks"]["hits"]
    assert hit == {"kind": "risk", "reference": risk["reference"], "title": "Diagnostic reports are late",
                   "href": f"/programme/risks/{risk['reference']}?programme=system-transformation",
                   "programme": "system-transformation",
                   "programme_name": "Kent and Medway System Transformation Programme",
                   "snippet": SNIPPET}
    assert groups["risks"]["total"] == 1


def test_every_register_is_searched_in_every_programme(api):
    pmo = api("pmo")
    other = {"programme": "ics-transition"}
    made = {
        "risks": pmo.post("/api/v1/risks", params=other, json={"title": "Imaging", "effect": SHORTAGE}),
        "assumptions": pmo.post("/api/v1/assumptions", params=other,
                                json={"title": "Staff stay", "how_tested": "Count radiographers monthly"}),
        "issues": pmo.post("/api/v1/issues", json={"title": "Radiographers leave", "resolution": "Recruit"}),
        "dependencies": pmo.post("/api/v1/dependencies", json={"title": "Training places",
                                                               "depends_on": "The radiographers' college"}),
        "decisions": pmo.post("/api/v1/decisions", json={"title": "Fund posts", "rationale": SHORTAGE}),
        "actions": pmo.post("/api/v1/actions", json={"title": "Advertise", "description": SHORTAGE}),
        "milestones": pmo.post("/api/v1/milestones", json={"title": "Radiographers in post"}),
        "deliverables": pmo.post("/api/v1/deliverables", params=other,
                                 json={"title": "Rota", "notes": "Covers the radiographers"}),
        "benefits": pmo.post("/api/v1/benefits", json={"title": "Faster scans", "description": SHORTAGE}),
    }
    assert all(r.status_code == 201 for r in made.values()), {k: r.text for k, r in made.items() if r.status_code != 201}
    groups = _groups(api("viewer"), "radiographers")
    assert list(groups) == list(made)
    for kind, response in made.items():
        body = response.json()
        (hit,) = groups[kind]["hits"]
        assert hit["reference"] == body.get("reference", body.get("key")), kind
        assert hit["href"].startswith(f"/programme/{kind}/{hit['reference']}?programme="), kind
    assert groups["assumptions"]["hits"][0]["programme"] == "ics-transition"
    assert groups["assumptions"]["hits"][0]["snippet"] == "Count radiographers monthly"
    assert groups["milestones"]["hits"][0]["snippet"] is None  # found by its title, which the result already shows


def test_a_deleted_record_is_not_found(api):
    pmo = api("pmo")
    risk = pmo.post("/api/v1/risks", json={"title": "Radiographers retire"}).json()
    action = pmo.post("/api/v1/actions", json={"title": "Hire radiographers"}).json()
    benefit = pmo.post("/api/v1/benefits", json={"title": "More radiographers"}).json()
    assert set(_groups(pmo, "radiographers")) == {"risks", "actions", "benefits"}
    assert pmo.delete(f"/api/v1/risks/{risk['reference']}", params={"version": risk["version"]}).status_code == 204
    assert pmo.delete(f"/api/v1/actions/{action['reference']}",
                      params={"version": action["version"]}).status_code == 204
    assert pmo.delete(f"/api/v1/benefits/{benefit['key']}", params={"version": benefit["version"]}).status_code == 204
    assert _groups(pmo, "radiographers") == {}


def test_the_public_sees_no_internal_register(api, client):
    api("pmo").post("/api/v1/risks", json={"title": "Kent radiographers", "cause": SHORTAGE})
    public = _groups(api(), "kent")
    assert "risks" not in public and "organisations" in public
    assert not set(public) - {"organisations", "governance-bodies", "functions"}
    assert _groups(api(), "radiographers") == {}
    page = client.get("/search", params={"q": "radiographers"}).text
    assert "0 results for" in page and "Kent radiographers" not in page
    assert "risks" in _groups(api("viewer"), "kent")


def test_each_kind_is_capped_with_its_count_and_paged(api):
    pmo = api("pmo")
    for n in range(12):
        assert pmo.post("/api/v1/actions", json={"title": f"Recruit radiographers, round {n + 1}"}).status_code == 201
    overview = _groups(pmo, "radiographers")["actions"]
    assert (overview["total"], len(overview["hits"])) == (12, 10)
    second = _groups(pmo, "radiographers", kind="actions", page=2)
    assert list(second) == ["actions"] and len(second["actions"]["hits"]) == 2
    assert set(_references(overview)).isdisjoint(_references(second["actions"]))


def test_wildcards_are_plain_characters_and_bad_queries_name_their_field(api):
    pmo = api("pmo")
    pmo.post("/api/v1/actions", json={"title": "Cut waits by 50% this year"})
    pmo.post("/api/v1/actions", json={"title": "Cut waits by 50 days"})
    assert [h["title"] for h in _groups(pmo, "50%")["actions"]["hits"]] == ["Cut waits by 50% this year"]
    assert _groups(pmo, "by_50") == {}
    assert "organisations" in _groups(pmo, "nhs") and _groups(pmo, "n_s") == {}  # organisations, bodies, functions
    short = pmo.get("/api/v1/search", params={"q": " x "})
    assert short.status_code == 422 and short.json()["errors"][0]["field"] == "q"
    unknown = pmo.get("/api/v1/search", params={"q": "waits", "kind": "nope"})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "kind"


def test_the_page_groups_results_by_kind_with_a_link_to_the_rest(api, client):
    pmo = api("pmo")
    for n in range(11):
        pmo.post("/api/v1/actions", json={"title": f"Train radiographers, cohort {n + 1}"})
    risk = pmo.post("/api/v1/risks", json={"title": "Scans wait", "cause": SHORTAGE}).json()
    login(client, "viewer")
    page = client.get("/search", params={"q": "radiographers"}).text
    assert "<h2>12 results for “radiographers”</h2>" in page
    assert '<h3 id="risks">Risks (1)</h3>' in page and '<h3 id="actions">Actions (11)</h3>' in page
    assert f'href="/programme/risks/{risk["reference"]}?programme=system-transformation"' in page
    assert SNIPPET in page
    assert 'href="/search?q=radiographers&amp;kind=actions">Show all 11 actions' in page
    assert page.count("Train radiographers, cohort") == 10
    actions = client.get("/search", params={"q": "radiographers", "kind": "actions"}).text
    assert actions.count("Train radiographers, cohort") == 11 and "Showing 1 to 11 of 11" in actions
    assert "Scans wait" not in actions


def test_the_page_names_the_field_when_the_query_is_too_short(client):
    response = client.get("/search", params={"q": "x"})
    assert response.status_code == 422
    assert "There is a problem" in response.text and 'href="#q">Search: must be at least 2 characters' in response.text


def test_an_action_minuted_at_a_meeting_is_found_through_the_actions_log(api):
    admin = api("admin")
    meeting = schedule(admin)[0]
    admin.post(f"/api/v1/meetings/{meeting['id']}/agenda/build")
    item = admin.post(f"/api/v1/meetings/{meeting['id']}/agenda/items",
                      json={"title": "Imaging workforce", "purpose": "decision"}).json()
    action = admin.post(f"/api/v1/meetings/{meeting['id']}/agenda/items/{item['id']}/actions", json={
        "title": "Bring a recruitment plan", "owner": "Chief Nurse", "due_date": "2027-01-31"}).json()
    (hit,) = _groups(api("viewer"), "imaging workforce")["actions"]["hits"]
    assert hit["reference"] == action["reference"] and hit["title"] == "Bring a recruitment plan"
    assert hit["snippet"].startswith("…") and hit["snippet"].endswith("item: Imaging workforce")
