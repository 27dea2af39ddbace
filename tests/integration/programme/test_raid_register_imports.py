"""Importing the assumptions, issues, dependencies, decisions and actions logs from XLSX and CSV, on SQLite and
PostgreSQL: header variants, every bad row reported, nothing imported if any row is bad, and round trips."""

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from caresystem.cli.app import app as cli
from caresystem.programme.raid.registers import REGISTERS

KEYS = list(REGISTERS)
GOOD_AND_BAD = {  # a CSV in people's own headings: a good row, then a bad one (row 3)
    "assumptions": ("ID,Assumption,Owner,Next review,State\n"
                    "A1,Partners keep supporting the programme,SRO,31/03/2027,Not yet tested\n"
                    "A2,Another assumption,SRO,2027-02-30,untested\n", "row 3, next_test_due"),
    "issues": ("Issue ID,Issue,Priority,Date raised,Status\n"
               "I1,Interim operating model late,High,01/06/2026,Open\n"
               "I2,Second issue,urgent,2026-06-01,open\n", "row 3, priority"),
    "dependencies": ("Ref,Dependency,Type,Dependent on,Required by\n"
                     "D1,National ICS guidance,inbound,NHS England,2026-09-30\n"
                     "D2,Another dependency,sideways,Someone,2026-09-30\n", "row 3, direction"),
    "decisions": ("Decision ref,Decision,Decided by,Date of decision,Reason\n"
                  "DEC1,Proceed with a single CCG,stp-programme-board,15/07/2019,Running costs\n"
                  "DEC2,Another decision,stp-programme-board,15/13/2019,\n", "row 3, decided_on"),
    "actions": ("Action ID,Action,Lead,Deadline,Linked risk,Progress\n"
                "AC1,Agree interim governance,Board secretary,30/09/2026,PID-01,In progress\n"
                "AC2,Mitigate nothing,Nobody,2026-09-30,NOPE,open\n", "row 3, risk_reference"),
}


def _count(db, register) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(register.model))


@pytest.mark.parametrize("key", KEYS)
def test_a_bad_row_is_reported_and_nothing_is_imported(api, db, key):
    text, bad_field = GOOD_AND_BAD[key]
    before = _count(db, REGISTERS[key])
    response = api("pmo").post(f"/api/v1/{key}/import", files={"file": (f"{key}.csv", text.encode())})
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == [bad_field]
    assert _count(db, REGISTERS[key]) == before
    good = text.rsplit("\n", 2)[0] + "\n"  # without the bad row it imports
    response = api("pmo").post(f"/api/v1/{key}/import", files={"file": (f"{key}.csv", good.encode())})
    assert response.json() == {"rows": 1, "created": 1, "updated": 0, "unchanged": 0}, response.text
    assert _count(db, REGISTERS[key]) == before + 1


@pytest.mark.parametrize("key", KEYS)
def test_every_bad_row_is_reported_in_one_pass(api, db, key):
    """A row the sheet cannot read (a one-letter title) and a row the register refuses are reported together."""
    text, bad_field = GOOD_AND_BAD[key]
    columns = text.count(",", 0, text.index("\n")) + 1
    text += "Z9,x" + "," * (columns - 2) + "\n"
    before = _count(db, REGISTERS[key])
    response = api("pmo").post(f"/api/v1/{key}/import", files={"file": (f"{key}.csv", text.encode())})
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == [bad_field, "row 4, title"]
    assert _count(db, REGISTERS[key]) == before


def test_header_variants_and_status_labels_land_in_the_right_fields(api):
    pmo = api("pmo")
    pmo.post("/api/v1/actions/import", files={"file": ("a.csv", GOOD_AND_BAD["actions"][0].rsplit("\n", 2)[0].encode())})
    action = pmo.get("/api/v1/actions/AC1").json()
    assert (action["owner"], action["due_date"], action["risk_reference"], action["status"]) == \
        ("Board secretary", "2026-09-30", "PID-01", "in_progress")
    assert [a["reference"] for a in pmo.get("/api/v1/risks/PID-01").json()["actions"]] == ["AC1"]


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_export_then_import_gives_back_the_same_register(api, key, kind):
    pmo = api("pmo")
    good = GOOD_AND_BAD[key][0].rsplit("\n", 2)[0] + "\n"
    assert pmo.post(f"/api/v1/{key}/import", files={"file": ("seed.csv", good.encode())}).status_code == 200
    listing = {"page_size": 500, "sort": "reference"}
    before = pmo.get(f"/api/v1/{key}", params=listing).json()["items"]
    assert before
    exported = pmo.get(f"/api/v1/{key}/export.{kind}").content
    result = pmo.post(f"/api/v1/{key}/import", files={"file": (f"{key}.{kind}", exported)}).json()
    assert result == {"rows": len(before), "created": 0, "updated": 0, "unchanged": len(before)}
    assert pmo.get(f"/api/v1/{key}", params=listing).json()["items"] == before


def test_an_import_updates_by_reference_and_a_blank_cell_clears(api):
    pmo = api("pmo")
    pmo.post("/api/v1/issues", json={"reference": "I9", "title": "Data sharing agreement", "priority": "high",
                                     "resolution": "Draft with IG leads"})
    text = "Reference,Title,Priority,Resolution,Status\nI9,Data sharing agreement signed,low,,Resolved\n"
    result = pmo.post("/api/v1/issues/import", files={"file": ("i.csv", text.encode())}).json()
    assert result == {"rows": 1, "created": 0, "updated": 1, "unchanged": 0}
    issue = pmo.get("/api/v1/issues/I9").json()
    assert (issue["title"], issue["priority"], issue["resolution"], issue["status"], issue["version"]) == \
        ("Data sharing agreement signed", "low", None, "resolved", 2)


def test_a_column_the_sheet_lacks_is_left_as_it_was(api):
    pmo = api("pmo")
    pmo.post("/api/v1/decisions", json={"reference": "D9", "title": "Single CCG", "status": "proposed",
                                        "rationale": "One commissioner"})
    pmo.post("/api/v1/risks", json={"reference": "R9", "title": "Workforce", "owner": "Chief nurse",
                                    "current_impact": 4, "current_likelihood": 3, "status": "closed"})
    text = "Reference,Title\nD9,Single CCG for Kent and Medway\n"
    assert pmo.post("/api/v1/decisions/import", files={"file": ("d.csv", text.encode())}).status_code == 200
    decision = pmo.get("/api/v1/decisions/D9").json()
    assert (decision["title"], decision["status"], decision["rationale"]) == (
        "Single CCG for Kent and Medway", "proposed", "One commissioner")
    text = "Reference,Title,Impact\nR9,Workforce gaps,5\n"
    assert pmo.post("/api/v1/risks/import", files={"file": ("r.csv", text.encode())}).status_code == 200
    risk = pmo.get("/api/v1/risks/R9").json()
    assert (risk["title"], risk["current_impact"], risk["current_likelihood"], risk["owner"], risk["status"]) == (
        "Workforce gaps", 5, 3, "Chief nurse", "closed")


def test_import_needs_edit_permission_and_a_spreadsheet(api):
    text = GOOD_AND_BAD["decisions"][0].rsplit("\n", 2)[0].encode()
    assert api("viewer").post("/api/v1/decisions/import", files={"file": ("d.csv", text)}).status_code == 403
    assert api().post("/api/v1/decisions/import", files={"file": ("d.csv", text)}).status_code == 401
    wrong = api("pmo").post("/api/v1/decisions/import", files={"file": ("d.txt", text)})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "file"
    unknown = api("pmo").post("/api/v1/decisions/import", files={"file": ("d.csv", b"Decision,Colour\nX,red\n")})
    assert unknown.json()["errors"] == [{"field": "header 'Colour'", "message": "is not a column of the decisions log"}]


@pytest.mark.parametrize("key", ["assumptions", "actions"])
def test_import_command(db, tmp_path, key):
    text, bad_field = GOOD_AND_BAD[key]
    path = tmp_path / f"{key}.csv"
    path.write_text(text.rsplit("\n", 2)[0] + "\n")
    env = {"CARESYSTEM_DATABASE_URL": db.url}
    result = CliRunner().invoke(cli, ["import", key, str(path)], env=env)
    assert result.exit_code == 0 and "1 new" in result.output, result.output
    path.write_text(text)
    bad = CliRunner().invoke(cli, ["import", key, str(path)], env=env)
    assert bad.exit_code == 2 and bad_field in bad.output
    again = CliRunner().invoke(cli, ["import", key, str(path.with_name("x.csv"))], env=env)
    assert again.exit_code != 0
