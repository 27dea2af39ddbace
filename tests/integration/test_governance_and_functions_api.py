"""Governance bodies, memberships, people and the functions map through the API."""


def _body(key, **extra):
    return {"key": key, "name": f"Body {key}", "kind": "committee", **extra}


def test_bodies_reporting_lines_and_loops(api):
    admin = api("admin")
    assert admin.post("/api/v1/governance-bodies", json=_body("top", kind="board")).status_code == 201
    assert admin.post("/api/v1/governance-bodies", json=_body("middle", reports_to="top")).status_code == 201
    low = admin.post("/api/v1/governance-bodies", json=_body("low", reports_to="middle"))
    assert low.status_code == 201 and low.json()["reports_to"] == "middle"
    top = admin.get("/api/v1/governance-bodies/top").json()
    assert top["reporting_bodies"] == ["middle"]
    loop = admin.patch("/api/v1/governance-bodies/top", json={"version": top["version"], "reports_to": "low"})
    assert loop.status_code == 422 and loop.json()["errors"][0]["field"] == "reports_to"
    unknown = admin.post("/api/v1/governance-bodies", json=_body("x1", kind="parliament", host_organisations=["ZZZ9"]))
    assert {e["field"] for e in unknown.json()["errors"]} == {"kind", "host_organisations"}
    nowhere = admin.post("/api/v1/governance-bodies", json=_body("x2", reports_to="nowhere"))
    assert nowhere.json()["errors"][0]["field"] == "reports_to"


def test_as_at_dates_bound_bodies(api):
    admin = api("admin")
    admin.post("/api/v1/governance-bodies", json=_body("old", valid_from="2019-04-01", valid_to="2020-03-31"))
    keys_2019 = {b["key"] for b in admin.get("/api/v1/governance-bodies", params={"as_at": "2019-06-01",
                                                                                  "page_size": 500}).json()["items"]}
    keys_now = {b["key"] for b in admin.get("/api/v1/governance-bodies", params={"page_size": 500}).json()["items"]}
    assert "old" in keys_2019 and "old" not in keys_now


def test_members_added_and_removed_with_audit(api):
    admin = api("admin")
    admin.post("/api/v1/governance-bodies", json=_body("forum1", kind="forum", host_organisations=["XKP01"]))
    member = admin.post("/api/v1/governance-bodies/forum1/members", json={
        "role_title": "Clinical Director", "organisation_code": "XKP01", "membership_role": "chair", "voting": True})
    assert member.status_code == 201
    bad = admin.post("/api/v1/governance-bodies/forum1/members", json={"membership_role": "emperor"})
    assert {e["field"] for e in bad.json()["errors"]} == {"membership_role", "role_title"}
    detail = admin.get("/api/v1/governance-bodies/forum1").json()
    assert detail["members"][0]["membership_role"] == "chair"
    assert admin.delete(f"/api/v1/governance-bodies/forum1/members/{member.json()['id']}").status_code == 204
    assert admin.get("/api/v1/governance-bodies/forum1").json()["members"] == []


def test_functions_with_allocations_and_tests(api, db):
    admin = api("admin")
    tests = admin.get("/api/v1/functions/subsidiarity-tests").json()
    test_key = tests[0]["key"] if tests else None
    allocation = {"level": "place", "holder": "East Kent ICP", "arrangement": "delegated",
                  "valid_from": "2022-07-01", "tests": {test_key: {"answer": True, "rationale": "Local need"}}
                  if test_key else {}}
    created = admin.post("/api/v1/functions", json={"key": "urgent-care", "name": "Urgent care commissioning",
                                                    "allocations": [allocation]})
    assert created.status_code == 201, created.text
    bad = admin.post("/api/v1/functions/urgent-care/allocations", json={
        "level": "galaxy", "holder": "Someone", "arrangement": "borrowed", "tests": {"t99": {"answer": True}}})
    assert {e["field"] for e in bad.json()["errors"]} == {"level", "arrangement", "tests"}
    listed = admin.get("/api/v1/functions", params={"as_at": "2023-01-01", "level": "place",
                                                    "page_size": 500}).json()
    assert "urgent-care" in [f["key"] for f in listed["items"]]
    before = admin.get("/api/v1/functions", params={"as_at": "2021-01-01", "page_size": 500}).json()
    assert "urgent-care" not in [f["key"] for f in before["items"]]
    alloc = created.json()["allocations"][0]
    moved = admin.patch(f"/api/v1/functions/urgent-care/allocations/{alloc['id']}",
                        json={"version": alloc["version"], "arrangement": "joint"})
    assert moved.status_code == 200 and moved.json()["arrangement"] == "joint"
    stale = admin.patch(f"/api/v1/functions/urgent-care/allocations/{alloc['id']}",
                        json={"version": alloc["version"], "arrangement": "retained"})
    assert stale.status_code == 409


def test_places_with_populations(api):
    client = api()
    places = client.get("/api/v1/places").json()
    assert places["total"] == 4
    assert sum(p["registered_population"] for p in places["items"]) == client.get(
        "/api/v1/system-map").json()["registered_population"]
    east = client.get("/api/v1/places/east-kent").json()
    stale = api("admin").patch("/api/v1/places/east-kent", json={"version": east["version"] + 5, "name": "EK"})
    assert stale.status_code == 409


def test_search_finds_across_kinds(api):
    admin = api("admin")
    admin.post("/api/v1/governance-bodies", json=_body("findme", name="Stroke programme board"))
    groups = {g["kind"]: g for g in admin.get("/api/v1/search", params={"q": "stroke"}).json()["groups"]}
    assert {"kind": "governance body", "reference": "findme", "title": "Stroke programme board",
            "href": "/governance/findme", "programme": None, "programme_name": None,
            "snippet": None} in groups["governance-bodies"]["hits"]
