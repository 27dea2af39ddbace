"""The register of interests through the API and its service, on SQLite and PostgreSQL."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from caresystem.system.interests import declarable_interests, interests_of
from caresystem.errors import NotFound
from tests.integration.system.people import ALEX, SAM, add_person, seat

SHARES = {"person": ALEX[0], "type": "financial", "description": "Shareholding in a GP federation",
          "organisation": "Example Federation Ltd", "valid_from": "2020-01-01", "valid_to": "2020-12-31",
          "action": "Withdraws from decisions on the federation's contracts"}
CHARITY = {"person": ALEX[0], "type": "non_financial_personal", "description": "Trustee of a local charity",
           "valid_from": "2021-03-01"}


@pytest.fixture
def people(db):
    add_person(db, *ALEX)
    add_person(db, *SAM)


def test_create_read_update_delete_with_version_and_history(api, people):
    pmo = api("pmo")
    created = pmo.post("/api/v1/interests", json=SHARES)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["reference"].startswith("INT") and body["type_label"] == "Financial"
    assert body["person_name"] == ALEX[1] and body["version"] == 1
    ref = body["reference"]
    changed = pmo.patch(f"/api/v1/interests/{ref}", json={"version": 1, "action": "Declared at each meeting"})
    assert changed.status_code == 200 and changed.json()["action"] == "Declared at each meeting"
    assert pmo.patch(f"/api/v1/interests/{ref}", json={"version": 1, "action": "Lost"}).status_code == 409
    history = pmo.get(f"/api/v1/interests/{ref}/history").json()
    assert [h["action"] for h in history] == ["updated", "created"] and history[0]["actor"] == "pmo"
    assert history[0]["changes"]["action"][1] == "Declared at each meeting"
    assert pmo.delete(f"/api/v1/interests/{ref}", params={"version": 1}).status_code == 409
    assert pmo.delete(f"/api/v1/interests/{ref}", params={"version": 2}).status_code == 204
    assert pmo.get(f"/api/v1/interests/{ref}").status_code == 404
    assert pmo.get("/api/v1/interests", params={"person": ALEX[0]}).json()["total"] == 0


def test_bad_input_names_each_field(api, people):
    pmo = api("pmo")
    response = pmo.post("/api/v1/interests", json=SHARES | {"type": "romantic", "valid_to": "2019-01-01",
                                                             "person": "nobody"})
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"type", "valid_to", "person"}
    missing = pmo.post("/api/v1/interests", json={"person": ALEX[0], "type": "financial"})
    assert {e["field"] for e in missing.json()["errors"]} == {"description", "valid_from"}
    ref = pmo.post("/api/v1/interests", json=CHARITY).json()["reference"]
    ended_first = pmo.patch(f"/api/v1/interests/{ref}", json={"version": 1, "valid_to": "2021-01-01"})
    assert ended_first.json()["errors"] == [{"field": "valid_to",
                                             "message": "must be on or after the date the interest began"}]


@pytest.mark.parametrize("user, reads, writes", [
    (None, 401, 401), ("viewer", 200, 403), ("editor", 200, 403), ("ek_editor", 200, 403), ("pmo", 200, 201),
    ("admin", 200, 201)])
def test_permission_matrix(api, people, user, reads, writes):
    client = api(user)
    assert client.get("/api/v1/interests").status_code == reads
    assert client.get("/api/v1/interests/export.csv").status_code == reads
    assert client.get(f"/api/v1/people/{ALEX[0]}/interests").status_code == reads
    assert client.get("/api/v1/interests/published").status_code == 200
    assert client.post("/api/v1/interests", json=SHARES).status_code == writes
    ref = api("admin").post("/api/v1/interests", json=CHARITY).json()["reference"]
    expected_change = 200 if writes == 201 else writes
    assert client.patch(f"/api/v1/interests/{ref}", json={"version": 1, "action": "Noted"}).status_code == \
        expected_change


def test_interests_as_at_a_date_for_the_meetings_part(api, db, people):
    pmo = api("pmo")
    pmo.post("/api/v1/interests", json=SHARES)
    pmo.post("/api/v1/interests", json=CHARITY)
    with db.session() as session:
        in_2020 = interests_of(session, person_key=ALEX[0], as_at=date(2020, 6, 1))
        assert [i.description for i in in_2020] == [SHARES["description"]]
        assert [i.type for i in interests_of(session, person_key=ALEX[0], as_at=date(2022, 1, 1))] == \
            ["non_financial_personal"]
        assert interests_of(session, person_key=ALEX[0], as_at=date(2019, 12, 31)) == []
        with pytest.raises(NotFound):
            interests_of(session, person_key="nobody", as_at=date(2020, 6, 1))
        declared = declarable_interests(session, person_keys=[ALEX[0], SAM[0], "not-a-person"],
                                        as_at=date(2020, 12, 31))
        assert {k: [i.reference for i in v] for k, v in declared.items()} == {
            ALEX[0]: [in_2020[0].reference], SAM[0]: [], "not-a-person": []}
    listed = pmo.get("/api/v1/interests", params={"as_at": "2020-06-01"}).json()
    assert [i["description"] for i in listed["items"]] == [SHARES["description"]]
    person = pmo.get(f"/api/v1/people/{ALEX[0]}/interests", params={"as_at": "2021-06-01"}).json()
    assert [i["description"] for i in person] == [CHARITY["description"]]


def test_published_register_lists_seated_members_of_decision_making_bodies(api, db, people):
    board = "system-transformation-executive-board"  # in being from April 2019 to March 2020
    seat(db, ALEX[0], board, valid_from=date(2020, 1, 1))
    seat(db, SAM[0], board, role="attendee")                            # attends without a seat
    seat(db, SAM[0], "ned-oversight-group")                             # an advisory group decides nothing
    add_person(db, "pat-private", "Pat Private (fictional)", public=False)
    seat(db, "pat-private", board)
    api("pmo").post("/api/v1/interests", json=SHARES)
    register = api().get("/api/v1/interests/published", params={"as_at": "2020-02-01"}).json()
    mine = [p for p in register if p["person"] in (ALEX[0], SAM[0], "pat-private")]
    assert [(p["person"], p["bodies"]) for p in mine] == [(ALEX[0], [board])]
    assert [i["description"] for i in mine[0]["interests"]] == [SHARES["description"]]
    before = api().get("/api/v1/interests/published", params={"as_at": "2019-12-31"}).json()
    assert ALEX[0] not in {p["person"] for p in before}


def test_export_then_import_round_trip_and_a_bad_file_changes_nothing(api, people):
    pmo = api("pmo")
    ref = pmo.post("/api/v1/interests", json=SHARES).json()["reference"]
    exported = pmo.get("/api/v1/interests/export.csv")
    rows = list(csv.reader(io.StringIO(exported.text)))
    assert rows[0] == ["Reference", "Person key", "Name", "Type", "Description", "Organisation", "From", "To",
                       "Action taken to manage it"]
    assert rows[1][:5] == [ref, ALEX[0], ALEX[1], "financial", SHARES["description"]]
    rows[1][8] = "Left the federation's board"
    rows.append(["", SAM[0], "", "Indirect", "Spouse employed by a provider", "Example Trust", "01/04/2021", "", ""])
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    imported = pmo.post("/api/v1/interests/import", files={"file": ("interests.csv", buffer.getvalue())})
    assert imported.json() == {"rows": 2, "created": 1, "updated": 1, "unchanged": 0}, imported.text
    sam = pmo.get("/api/v1/interests", params={"person": SAM[0]}).json()["items"]
    assert [(i["type"], i["valid_from"]) for i in sam] == [("indirect", "2021-04-01")]
    assert pmo.get(f"/api/v1/interests/{ref}").json()["action"] == "Left the federation's board"
    bad = ("Person key,Type,Description,From\n" f"{SAM[0]},hobby,Chess club,2021-01-01\n"
           f"nobody,financial,Shares,not a date\n{SAM[0]},financial,Shares in a supplier,2021-01-01\n")
    refused = pmo.post("/api/v1/interests/import", files={"file": ("bad.csv", bad)})
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["row 2, type", "row 3, valid_from"]  # every bad row
    unknown = ("Person key,Type,Description,From\n" f"{SAM[0]},hobby,Chess club,2021-01-01\n"
               f"nobody,financial,Shares,2021-01-01\n{SAM[0]},financial,Shares in a supplier,2021-01-01\n")
    refused = pmo.post("/api/v1/interests/import", files={"file": ("bad.csv", unknown)})
    assert {e["field"] for e in refused.json()["errors"]} == {"row 2, type", "row 3, person"}
    assert pmo.get("/api/v1/interests", params={"person": SAM[0]}).json()["total"] == 1
    workbook = load_workbook(io.BytesIO(pmo.get("/api/v1/interests/export.xlsx").content)).active
    assert [c.value for c in workbook[1]][:4] == ["Reference", "Person key", "Name", "Type"]
    assert workbook.max_row == 3


def test_board_secretary_keeps_the_register(app, db, people):
    from fastapi.testclient import TestClient

    from caresystem.auth import create_token, create_user

    with db.session() as session:
        create_user(session, username="secretary", role="board_secretary", password="correct-horse-battery")
        token = create_token(session, username="secretary")
        session.commit()
    with TestClient(app, base_url="https://testserver", headers={"Authorization": f"Bearer {token}"}) as secretary:
        assert secretary.post("/api/v1/interests", json=SHARES).status_code == 201
        assert secretary.get("/api/v1/interests").json()["total"] == 1
