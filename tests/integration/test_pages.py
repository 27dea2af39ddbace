"""Server-rendered pages: public browsing, as-at dates, sign-in, CSRF, form validation and conflicts."""

import pytest

from tests.conftest import csrf_of, login


@pytest.mark.parametrize("path", ["/", "/system-map", "/organisations", "/governance", "/functions", "/search?q=kent",
                                  "/organisations/QKS", "/about", "/login"])
def test_public_pages_render(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "nhsuk-header" in response.text and "<h1" in response.text


def test_system_map_in_june_2019_shows_the_eight_ccgs(client):
    page = client.get("/system-map", params={"as_at": "2019-06-01"}).text
    for name in ("Ashford", "Canterbury and Coastal", "Dartford, Gravesham and Swanley", "Medway", "South Kent Coast",
                 "Swale", "Thanet", "West Kent"):
        assert f"NHS {name} CCG" in page or f"{name} CCG" in page, name
    assert "1,886,511" in page


def test_each_headline_population_says_what_it_counts_and_as_at_when(client):
    """The home page and the system map today sum the practices' lists; the map in 2019 sums the CCGs' records."""
    home = client.get("/").text
    assert "183 practices, 2,036,790 registered patients (practice list, April 2025)." in home
    today = client.get("/system-map").text
    assert "2,036,790 registered patients (practice list, April 2025)." in today
    in_2019 = client.get("/system-map", params={"as_at": "2019-06-01"}).text
    assert "1,886,511 registered patients (CCG registered populations, April 2019)." in in_2019


def test_system_map_today_shows_networks_marked_illustrative(client):
    page = client.get("/system-map").text
    assert page.count("(illustrative)") >= 42 and "Illustrative networks" in page
    assert "<svg" in page and "<desc" in page


def test_bad_as_at_gives_a_clear_error(client):
    response = client.get("/organisations", params={"as_at": "31/02/2019"})
    assert response.status_code == 422 and "as_at: must be a real date" in response.text


def test_writes_need_sign_in(client):
    response = client.get("/organisations/RVV/edit", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_wrong_password_is_refused(client):
    token = csrf_of(client.get("/login").text)
    response = client.post("/login", data={"username": "admin", "password": "nope", "csrf_token": token})
    assert response.status_code == 401 and "not right" in response.text


def test_form_without_csrf_token_is_refused(client):
    login(client, "admin")
    response = client.post("/organisations/RVV/edit", data={"version": "1", "name": "Changed"})
    assert response.status_code == 403
    assert client.get("/api/v1/organisations/RVV").json()["name"] != "Changed"


def test_edit_organisation_through_the_form(client):
    login(client, "admin")
    form = client.get("/organisations/RVV/edit").text
    version = form.split('name="version" value="')[1].split('"')[0]
    data = {"csrf_token": csrf_of(form), "version": version, "name": "East Kent Hospitals (renamed)",
            "type": "foundation_trust", "public": "true"}
    response = client.post("/organisations/RVV/edit", data=data, follow_redirects=True)
    assert response.status_code == 200 and "Changes saved." in response.text
    assert "East Kent Hospitals (renamed)" in response.text and "History" in response.text
    stale = client.post("/organisations/RVV/edit", data=data | {"name": "Stale"})
    assert stale.status_code == 409 and "Reload it" in stale.text


def test_form_shows_field_level_errors(client):
    login(client, "admin")
    form = client.get("/organisations/new").text
    response = client.post("/organisations/new", data={"csrf_token": csrf_of(form), "code": "x", "name": "",
                                                        "type": "vcs"})
    assert response.status_code == 422
    assert "There is a problem" in response.text and 'href="#code"' in response.text
    assert "nhsuk-error-message" in response.text


def test_scoped_editor_edits_only_inside_their_place(client):
    login(client, "ek_editor")
    assert client.get("/organisations/XKP40/edit").status_code == 403
    token = csrf_of(client.get("/").text)
    response = client.post("/organisations/XKP40/edit", data={"csrf_token": token, "version": "1",
                                                               "name": "Out of scope", "type": "pcn"})
    assert response.status_code == 403
    form = client.get("/organisations/XKP01/edit").text
    version = form.split('name="version" value="')[1].split('"')[0]
    response = client.post("/organisations/XKP01/edit", data={"csrf_token": csrf_of(form), "version": version,
                                                               "name": "Ashford network", "type": "pcn"})
    assert response.status_code == 200 or response.status_code == 303


def test_governance_body_edit_through_the_form(client):
    login(client, "admin")
    key = client.get("/api/v1/governance-bodies", params={"page_size": 1}).json()["items"][0]["key"]
    form = client.get(f"/governance/{key}/edit").text
    version = form.split('name="version" value="')[1].split('"')[0]
    kind = form.split('id="kind"')[1].split('selected')[0].rsplit('value="', 1)[1].split('"')[0]
    response = client.post(f"/governance/{key}/edit", data={
        "csrf_token": csrf_of(form), "version": version, "name": "Renamed body", "kind": kind,
        "frequency": "Fortnightly", "public": "true"}, follow_redirects=True)
    assert response.status_code == 200 and "Fortnightly" in response.text and "Renamed body" in response.text


def test_logout_needs_csrf(client):
    login(client, "viewer")
    assert client.post("/logout", data={}).status_code == 403
    token = csrf_of(client.get("/").text)
    assert client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303


def test_add_a_governance_body_through_the_form(client):
    login(client, "admin")
    form = client.get("/governance/new").text
    bad = client.post("/governance/new", data={"csrf_token": csrf_of(form), "key": "Bad Key", "name": "Stroke board",
                                               "kind": "board"})
    assert bad.status_code == 422 and 'href="#key"' in bad.text
    response = client.post("/governance/new", data={
        "csrf_token": csrf_of(form), "key": "stroke-board", "name": "Stroke board", "kind": "board",
        "reports_to": "ics-nhs-body-board", "host_organisations": "QKS", "public": "true"}, follow_redirects=True)
    assert response.status_code == 200 and "Stroke board" in response.text
    assert "NHS Kent and Medway (ICS NHS Body) Board" in response.text


def test_answer_the_subsidiarity_tests_through_the_form(client):
    login(client, "admin")
    detail = client.get("/functions/eprr").text
    edit_path = detail.split('/edit"')[0].rsplit('href="/functions/eprr/allocations/', 1)[1] + "/edit"
    form = client.get(f"/functions/eprr/allocations/{edit_path}").text
    version = form.split('name="version" value="')[1].split('"')[0]
    data = {"csrf_token": csrf_of(form), "version": version, "level": "system", "holder": "NHS Kent and Medway ICB",
            "arrangement": "delegated", "valid_from": "2022-07-01", "test_a_answer": "yes",
            "test_a_rationale": "Incidents cross places", "test_d_answer": "no"}
    response = client.post(f"/functions/eprr/allocations/{edit_path}", data=data, follow_redirects=True)
    assert response.status_code == 200 and "Incidents cross places" in response.text
    api = client.get("/api/v1/functions/eprr").json()["allocations"][0]["tests"]
    assert api["a"] == {"answer": True, "rationale": "Incidents cross places"}
    assert api["d"] == {"answer": False, "rationale": None}
    stale = client.post(f"/functions/eprr/allocations/{edit_path}", data=data)
    assert stale.status_code == 409
