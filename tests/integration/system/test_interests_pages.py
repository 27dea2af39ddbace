"""Pages of the register of interests: the full register needs signing in, the published one does not; forms
refuse bad input by field; only board secretaries and administrators edit."""

from tests.conftest import csrf_of, login
from tests.integration.system.people import ALEX, add_person, seat

BOARD = "system-transformation-executive-board"


def test_record_edit_and_remove_an_interest_through_forms(client, db):
    add_person(db, *ALEX)
    assert client.get("/interests", follow_redirects=False).status_code == 303
    login(client, "pmo")
    form = client.get("/interests/new").text
    assert ALEX[1] in form and "Non-financial professional" in form
    bad = client.post("/interests/new", data={"csrf_token": csrf_of(form), "person": ALEX[0], "type": "financial",
                                              "description": "Shares", "valid_from": "2020-05-01",
                                              "valid_to": "2020-01-01"})
    assert bad.status_code == 422 and 'href="#valid_to"' in bad.text and "To must be on or after" in bad.text
    assert '>Shares</textarea>' in bad.text          # what was typed is kept
    made = client.post("/interests/new", data={
        "csrf_token": csrf_of(form), "person": ALEX[0], "type": "financial", "description": "Shares in a supplier",
        "organisation": "Example Supplies Ltd", "valid_from": "2020-01-01"}, follow_redirects=True)
    assert made.status_code == 200 and "Shares in a supplier" in made.text and "Still held" in made.text
    reference = made.url.path.rsplit("/", 1)[1]
    assert reference in client.get("/interests", params={"q": "supplier"}).text
    edit = client.get(f"/interests/{reference}/edit").text
    emptied = client.post(f"/interests/{reference}/edit", data={"csrf_token": csrf_of(edit), "version": "1",
                                                                "type": "financial", "description": "",
                                                                "valid_from": "2020-01-01"})
    assert emptied.status_code == 422 and "Description must not be empty" in emptied.text
    stale = client.post(f"/interests/{reference}/edit", data={"csrf_token": csrf_of(edit), "version": "7",
                                                              "type": "financial", "description": "Shares",
                                                              "valid_from": "2020-01-01"})
    assert stale.status_code == 409 and "Reload it" in stale.text
    client.post(f"/interests/{reference}/edit", data={
        "csrf_token": csrf_of(edit), "version": "1", "type": "financial", "description": "Shares in a supplier",
        "valid_from": "2020-01-01", "valid_to": "2021-03-31", "action": "Sold the shares"})
    detail = client.get(f"/interests/{reference}").text
    assert "31 March 2021" in detail and "Sold the shares" in detail and "History" in detail
    client.post(f"/interests/{reference}/delete", data={"csrf_token": csrf_of(detail), "version": "2"})
    assert client.get(f"/interests/{reference}").status_code == 404


def test_published_register_is_public_and_shows_seated_decision_makers(client, db, api):
    add_person(db, *ALEX)
    seat(db, ALEX[0], BOARD)
    api("pmo").post("/api/v1/interests", json={"person": ALEX[0], "type": "indirect", "valid_from": "2019-01-01",
                                               "description": "Spouse is a partner in a GP practice"})
    page = client.get("/interests/published", params={"as_at": "2019-09-01"})
    assert page.status_code == 200
    assert ALEX[1] in page.text and "Spouse is a partner in a GP practice" in page.text
    assert "System Transformation Executive Board" in page.text
    assert ALEX[1] not in client.get("/interests/published", params={"as_at": "2021-09-01"}).text
    bad = client.get("/interests/published", params={"as_at": "1 September"})
    assert bad.status_code == 422 and "as_at" in bad.text


def test_who_may_edit(client, db):
    add_person(db, *ALEX)
    for user in ("viewer", "editor"):
        login(client, user)
        register = client.get("/interests")
        assert register.status_code == 200 and "Record an interest" not in register.text
        assert client.get("/interests/new").status_code == 403
        form = client.get("/interests").text
        refused = client.post("/interests/new", data={"csrf_token": csrf_of(form), "person": ALEX[0],
                                                      "type": "financial", "description": "Shares",
                                                      "valid_from": "2020-01-01"})
        assert refused.status_code == 403
        client.post("/logout", data={"csrf_token": csrf_of(form)})
    login(client, "admin")
    assert "Record an interest" in client.get("/interests").text
    no_csrf = client.post("/interests/new", data={"person": ALEX[0], "type": "financial", "description": "Shares",
                                                  "valid_from": "2020-01-01"})
    assert no_csrf.status_code == 403


def test_import_a_spreadsheet_from_the_page_all_or_nothing(client, db):
    add_person(db, *ALEX)
    login(client, "pmo")
    form = client.get("/interests/import").text
    bad = ("Person key,Type,Description,From\n" f"{ALEX[0]},Financial,Shares in a supplier,2020-01-01\n"
           "nobody,hobby,Chess,2020-01-01\n")
    refused = client.post("/interests/import", data={"csrf_token": csrf_of(form)},
                          files={"file": ("interests.csv", bad, "text/csv")})
    assert refused.status_code == 422 and "Nothing was imported" in refused.text
    # on the shared upload page: each problem a row of the table, by row and the column's heading
    assert '<td class="nhsuk-table__cell">3</td><td class="nhsuk-table__cell">Type</td>' in refused.text
    assert '<td class="nhsuk-table__cell">3</td><td class="nhsuk-table__cell">Person key</td>' in refused.text
    assert "Shares in a supplier" not in client.get("/interests").text
    good = "Person key,Type,Description,From\n" f"{ALEX[0]},Financial,Shares in a supplier,2020-01-01\n"
    done = client.post("/interests/import", data={"csrf_token": csrf_of(form)},
                       files={"file": ("interests.csv", good, "text/csv")})
    assert done.status_code == 200 and "1 new" in done.text
    assert "Shares in a supplier" in client.get("/interests").text
    assert client.post("/interests/import", data={"csrf_token": csrf_of(form)}).status_code == 422
    login(client, "viewer")
    assert client.get("/interests/import").status_code == 403
