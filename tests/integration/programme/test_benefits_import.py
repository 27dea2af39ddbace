"""Importing the benefits register and benefits' actuals from XLSX and CSV through the API, the command line and the
upload pages, on SQLite and PostgreSQL: the register's own download reads back unchanged, every bad row is reported
in one pass, nothing is imported if any row is bad, and only those who may edit may import."""

from sqlalchemy import func, select
from typer.testing import CliRunner

from caresystem.cli.app import app as cli
from caresystem.programme.benefits.models import Benefit, BenefitActual
from tests.conftest import csrf_of, login

HEAD = "Key,Benefit,Type,Owner,Measure,Unit,Direction,Baseline,Baseline date,Target,Target date,Beneficiaries\n"
GOOD = ("BX1,Fewer emergency admissions,Non-cash-releasing,Wilf Williams,Emergency admissions,admissions,decrease,"
        "1200,01/04/2026,1000,31/03/2028,Patients; Acute trusts\n")
BAD = ("BX2,Second benefit,sometimes,,,,,,,,,\n"                       # row 3: an unknown type
       "BX3,Third benefit,qualitative,,,,,10,2026-04-01,5,2026-01-01,\n")  # row 4: target before baseline


def _count(db, model) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def _file(text: str, name: str = "benefits.csv"):
    return {"file": (name, text.encode(), "text/csv")}


def test_a_register_imports_and_every_bad_row_is_reported_in_one_pass(api, db):
    pmo = api("pmo")
    before = _count(db, Benefit)
    refused = pmo.post("/api/v1/benefits/import", files=_file(HEAD + GOOD + BAD))
    assert refused.status_code == 422
    fields = [e["field"] for e in refused.json()["errors"]]
    assert fields == ["row 3, type", "row 4, target_date"], fields
    assert _count(db, Benefit) == before  # the good row is not imported either

    done = pmo.post("/api/v1/benefits/import", files=_file(HEAD + GOOD))
    assert done.status_code == 200, done.text
    assert done.json() == {"rows": 1, "created": 1, "updated": 0, "unchanged": 0}
    made = pmo.get("/api/v1/benefits/BX1").json()
    assert made["type"] == "non_cash_releasing" and made["beneficiaries"] == ["Patients", "Acute trusts"]
    assert made["measure"]["name"] == "Emergency admissions" and made["measure"]["direction"] == "decrease"
    assert made["baseline_value"] == 1200 and made["target_date"] == "2028-03-31"

    changed = pmo.post("/api/v1/benefits/import", files=_file("Key,Benefit,Owner\nBX1,Fewer emergency admissions,"
                                                               "Estates team\n")).json()
    assert changed == {"rows": 1, "created": 0, "updated": 1, "unchanged": 0}
    after = pmo.get("/api/v1/benefits/BX1").json()
    assert after["owner"] == "Estates team" and after["measure"]["unit"] == "admissions"  # other columns kept
    history = pmo.get("/api/v1/benefits/BX1/history").json()
    assert any("owner" in (entry.get("changes") or {}) for entry in history), history  # audited


def test_the_registers_download_reads_back_unchanged(api):
    pmo = api("pmo")
    exported = pmo.get("/api/v1/benefits/export.csv").content
    again = pmo.post("/api/v1/benefits/import", files={"file": ("benefits.csv", exported, "text/csv")})
    assert again.status_code == 200, again.text
    counts = again.json()
    assert counts["rows"] > 0 and counts["unchanged"] == counts["rows"], counts
    workbook = pmo.get("/api/v1/benefits/export.xlsx").content
    from_xlsx = pmo.post("/api/v1/benefits/import", files={"file": ("benefits.xlsx", workbook, "application/vnd."
                                                                     "openxmlformats-officedocument.spreadsheetml.sheet")})
    assert from_xlsx.status_code == 200 and from_xlsx.json()["unchanged"] == counts["rows"], from_xlsx.text
    merger = {"programme": "ccg-merger"}  # its benefits are estimated as ranges (low and high estimates)
    ranges = pmo.get("/api/v1/benefits/export.csv", params=merger).content
    assert b"Low estimate" in ranges
    back = pmo.post("/api/v1/benefits/import", params=merger, files={"file": ("b.csv", ranges, "text/csv")}).json()
    assert back["rows"] > 0 and back["unchanged"] == back["rows"], back


def test_actuals_import_refuses_future_dates_and_unknown_benefits_and_repeats_change_nothing(api, db):
    pmo = api("pmo")
    assert pmo.post("/api/v1/benefits/import", files=_file(HEAD + GOOD)).status_code == 200
    before = _count(db, BenefitActual)
    text = ("Benefit key,Date,Value,Note\n"
            "BX1,2026-09-30,1150,Quarter 2\n"
            "BX1,2031-01-01,900,\n"          # row 3: in the future
            "NOPE,2026-09-30,5,\n")          # row 4: no such benefit
    refused = pmo.post("/api/v1/benefits/actuals/import", files=_file(text, "actuals.csv"))
    assert refused.status_code == 422
    fields = [e["field"] for e in refused.json()["errors"]]
    assert fields[0].startswith("row 3, ") and fields[-1] == "row 4, benefit", fields
    assert _count(db, BenefitActual) == before
    good = text.split("BX1,2031")[0]
    assert pmo.post("/api/v1/benefits/actuals/import", files=_file(good, "actuals.csv")).json()["created"] == 1
    repeat = pmo.post("/api/v1/benefits/actuals/import", files=_file(good, "actuals.csv")).json()
    assert repeat == {"rows": 1, "created": 0, "updated": 0, "unchanged": 1}
    assert pmo.get("/api/v1/benefits/BX1").json()["latest_actual"] == 1150


def test_import_needs_edit_permission_before_the_file_is_read(api):
    for path in ("/api/v1/benefits/import", "/api/v1/benefits/actuals/import"):
        assert api("viewer").post(path, files=_file(HEAD + GOOD)).status_code == 403
        assert api().post(path, files=_file(HEAD + GOOD)).status_code == 401
    wrong = api("pmo").post("/api/v1/benefits/import", files=_file(HEAD + GOOD, "benefits.txt"))
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "file"
    unknown = api("pmo").post("/api/v1/benefits/import", files=_file("Benefit,Colour\nX benefit,red\n"))
    assert unknown.json()["errors"] == [{"field": "header 'Colour'", "message": "is not a column of the benefits register"}]


def test_import_commands(db, tmp_path):
    env = {"CARESYSTEM_DATABASE_URL": db.url}
    path = tmp_path / "benefits.csv"
    path.write_text(HEAD + GOOD)
    result = CliRunner().invoke(cli, ["import", "benefits", str(path)], env=env)
    assert result.exit_code == 0 and "1 new" in result.output, result.output
    path.write_text(HEAD + GOOD + BAD)
    bad = CliRunner().invoke(cli, ["import", "benefits", str(path)], env=env)
    assert bad.exit_code == 2 and "row 3, type" in bad.output and "row 4, target_date" in bad.output
    actuals = tmp_path / "actuals.csv"
    actuals.write_text("Benefit key,Date,Value\nBX1,2026-09-30,1150\n")
    done = CliRunner().invoke(cli, ["import", "benefit-actuals", str(actuals)], env=env)
    assert done.exit_code == 0 and "1 new" in done.output, done.output


def test_the_upload_pages_list_every_problem_and_import_nothing_until_the_file_is_good(client, db):
    login(client, "pmo")
    register = client.get("/programme/benefits").text
    assert 'href="/programme/benefits/import"' in register and 'href="/programme/benefits/actuals/import"' in register
    form = client.get("/programme/benefits/import").text
    before = _count(db, Benefit)
    refused = client.post("/programme/benefits/import", data={"csrf_token": csrf_of(form)},
                          files=_file(HEAD + GOOD + BAD))
    assert refused.status_code == 422 and "Nothing was imported: 2 problems to fix" in refused.text
    assert "<td class=\"nhsuk-table__cell\">Type</td>" in refused.text
    assert "<td class=\"nhsuk-table__cell\">Target date</td>" in refused.text
    assert _count(db, Benefit) == before
    done = client.post("/programme/benefits/import", data={"csrf_token": csrf_of(form)}, files=_file(HEAD + GOOD))
    assert done.status_code == 200 and "1 row imported from benefits.csv: 1 new, 0 changed, 0 unchanged" in done.text
    actuals = client.get("/programme/benefits/actuals/import").text
    assert "Benefit key, Date, Value" in actuals
    login(client, "viewer")
    assert 'href="/programme/benefits/import"' not in client.get("/programme/benefits").text
    assert client.get("/programme/benefits/import").status_code == 403
