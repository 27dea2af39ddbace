"""The organisations API: lists as at a date, detail, create, update with optimistic concurrency."""


def test_eight_ccgs_as_at_june_2019(api):
    body = api().get("/api/v1/organisations", params={"type": "ccg", "as_at": "2019-06-01"}).json()
    assert body["total"] == 8
    assert {"items", "total", "page", "page_size"} <= set(body)
    ashford = next(o for o in body["items"] if o["code"] == "09C")
    assert ashford["registered_population"] == 135242
    assert {"code", "name", "type", "valid_from", "valid_to", "registered_population"} <= set(ashford)


def test_one_ccg_in_2021_and_the_icb_today(api):
    client = api()
    ccgs_2021 = client.get("/api/v1/organisations", params={"type": "ccg", "as_at": "2021-01-01"}).json()
    assert [o["code"] for o in ccgs_2021["items"]] == ["91Q"]
    assert client.get("/api/v1/organisations", params={"type": "ccg"}).json()["total"] == 0
    assert [o["code"] for o in client.get("/api/v1/organisations", params={"type": "icb"}).json()["items"]] == ["QKS"]


def test_succession_links(api):
    merged = api().get("/api/v1/organisations/91Q").json()
    assert {"09C", "09E", "09J", "09W", "10A", "10D", "10E", "99J"} <= set(merged["predecessors"])
    assert merged["successor_code"] == "QKS"


def test_pcn_population_is_the_sum_of_its_practices(api):
    client = api()
    pcn = client.get("/api/v1/organisations/XKP01").json()
    practices = client.get("/api/v1/organisations", params={"parent": "XKP01", "page_size": 100}).json()["items"]
    assert pcn["registered_population"] == sum(p["registered_population"] for p in practices) > 0


def test_search_and_paging(api):
    client = api()
    found = client.get("/api/v1/organisations", params={"q": "ashford", "type": "ccg", "as_at": "2019-06-01"}).json()
    assert [o["code"] for o in found["items"]] == ["09C"]
    page2 = client.get("/api/v1/organisations", params={"type": "gp_practice", "page": 2, "page_size": 50}).json()
    assert page2["total"] == 183 and len(page2["items"]) == 50 and page2["page"] == 2


def test_bad_query_names_the_field(api):
    response = api().get("/api/v1/organisations", params={"as_at": "2019-13-01"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["errors"][0]["field"] == "as_at"
    bad_type = api().get("/api/v1/organisations", params={"type": "castle"}).json()
    assert bad_type["errors"][0]["field"] == "type"


def test_create_reports_every_bad_field(api):
    admin = api("admin")
    too_short = admin.post("/api/v1/organisations", json={"code": "XAB1", "name": "X", "type": "vcs"})
    assert too_short.status_code == 422 and too_short.json()["errors"][0]["field"] == "name"
    response = admin.post("/api/v1/organisations", json={
        "code": "rvv1", "name": "A name", "type": "castle", "place_code": "atlantis", "successor_code": "NOPE1",
        "valid_from": "2020-01-01", "valid_to": "2019-01-01"})
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"code", "type", "place_code", "successor_code",
                                                               "valid_to"}
    duplicate = admin.post("/api/v1/organisations", json={"code": "RVV", "name": "Again", "type": "nhs_trust"})
    assert duplicate.json()["errors"] == [{"field": "code", "message": "an organisation with code 'RVV' already exists"}]


def test_create_then_update_with_version(api):
    admin = api("admin")
    created = admin.post("/api/v1/organisations", json={
        "code": "XTEST1", "name": "Test Hospice", "type": "vcs", "place_code": "west-kent"})
    assert created.status_code == 201, created.text
    assert created.json()["version"] == 1
    updated = admin.patch("/api/v1/organisations/XTEST1", json={"version": 1, "name": "Test Hospice Trust"})
    assert updated.status_code == 200 and updated.json()["version"] == 2
    stale = admin.patch("/api/v1/organisations/XTEST1", json={"version": 1, "name": "Lost edit"})
    assert stale.status_code == 409
    assert "version 1" in stale.json()["detail"] and "now version 2" in stale.json()["detail"]
    assert admin.get("/api/v1/organisations/XTEST1").json()["name"] == "Test Hospice Trust"


def test_private_records_are_hidden_from_anonymous_visitors(api):
    admin = api("admin")
    version = admin.get("/api/v1/organisations/XKP01").json()["version"]
    assert admin.patch("/api/v1/organisations/XKP01", json={"version": version, "public": False}).status_code == 200
    assert api().get("/api/v1/organisations/XKP01").status_code == 404
    assert api("viewer").get("/api/v1/organisations/XKP01").status_code == 200
