"""Measures and their data: the example's catalogue and paragraph 14 figures, imports all-or-nothing through the
API, the upload page and the CLI, re-imports that replace and are audited."""

import io

from openpyxl import Workbook
from sqlalchemy import select
from typer.testing import CliRunner

from caresystem.assurance.measures.models import Measure, MeasureValue
from caresystem.auth.audit.models import AuditEntry
from caresystem.cli.app import app as cli
from tests.conftest import csrf_of, login


def _values(db, key, code):
    with db.session() as s:
        measure = s.scalar(select(Measure).where(Measure.key == key))
        return [(v.period.isoformat(), v.value, v.illustrative, v.source_document)
                for v in s.scalars(select(MeasureValue).where(MeasureValue.measure_id == measure.id,
                                                              MeasureValue.entity_code == code)
                                   .order_by(MeasureValue.period))]


def test_the_example_catalogue_holds_the_standards_with_direction_and_target(api):
    measures = {m["key"]: m for m in api().get("/api/v1/assurance/measures").json()}
    assert {k: (m["target"], m["target_operator"], m["direction"]) for k, m in measures.items() if k in (
        "ae-four-hours", "rtt-incomplete-18-weeks", "rtt-52-week-waiters", "cancer-62-day",
        "diagnostics-over-six-weeks", "ambulance-category-a-8-minutes", "dementia-diagnosis-rate")} == {
        "ae-four-hours": (95, ">=", "higher"), "rtt-incomplete-18-weeks": (92, ">=", "higher"),
        "rtt-52-week-waiters": (0, "<=", "lower"), "cancer-62-day": (85, ">=", "higher"),
        "diagnostics-over-six-weeks": (1, "<=", "lower"), "ambulance-category-a-8-minutes": (75, ">=", "higher"),
        "dementia-diagnosis-rate": (66.7, ">=", "higher")}
    assert measures["shmi"]["target"] is None and measures["hsmr"]["target"] is None
    assert measures["iapt-18-weeks"]["source_document"] == "003"


def test_the_paragraph_14_figures_end_36_months_of_marked_illustrative_history(db):
    medway = _values(db, "ae-four-hours", "RPA")
    assert len(medway) == 36 and medway[-1] == ("2015-08-01", 77.9, False, "003")
    assert all(illustrative for _, _, illustrative, _ in medway[:-1])
    assert _values(db, "rtt-52-week-waiters", "RVV")[-1] == ("2015-08-01", 8.0, False, "003")
    assert _values(db, "shmi", "RPA")[-1][:2] == ("2015-05-01", 119.5)


def test_an_import_with_bad_rows_changes_nothing_and_names_each_row_field_and_reason(db, api):
    before = _values(db, "ae-four-hours", "RPA")
    csv = ("measure,organisation,period,value\nae-four-hours,RPA,2015-09,80.0\nno-such,RPA,2015-09,1\n"
           "ae-four-hours,ZZZ,2015-13,abc\nae-four-hours,RPA,2015-09,81\n")
    response = api("editor").post("/api/v1/assurance/data", files={"file": ("data.csv", csv, "text/csv")})
    assert response.status_code == 422
    errors = {(e["field"], e["message"]) for e in response.json()["errors"]}
    assert ("row 3: measure", "'no-such' is not in the catalogue") in errors
    assert ("row 4: organisation", "'ZZZ' is not an organisation or area code") in errors
    assert any(f == "row 4: period" for f, _ in errors) and ("row 4: value", "'abc' is not a number") in errors
    assert ("row 5: period", "2015-09 for RPA is also on row 2") in errors
    assert _values(db, "ae-four-hours", "RPA") == before


def test_viewers_and_anonymous_callers_cannot_import(api):
    csv = "measure,organisation,period,value\nae-four-hours,RPA,2015-09,80.0\n"
    assert api("viewer").post("/api/v1/assurance/data", files={"file": ("d.csv", csv)}).status_code == 403
    assert api().post("/api/v1/assurance/data", files={"file": ("d.csv", csv)}).status_code == 401


def test_reimporting_a_period_replaces_it_and_is_audited(db, api):
    editor = api("editor")
    first = editor.post("/api/v1/assurance/data", files={"file": ("d.csv", (
        "measure,organisation,period,numerator,denominator\nae-four-hours,RPA,2015-09,800,1000\n"))})
    assert first.json() == {"rows": 1, "created": 1, "replaced": 0, "unchanged": 0}
    assert _values(db, "ae-four-hours", "RPA")[-1][:2] == ("2015-09-01", 80.0)
    again = editor.post("/api/v1/assurance/data", files={"file": ("d.csv", (
        "measure,organisation,period,value,note\nae-four-hours,RPA,2015-09-01,82.5,revised\n"))})
    assert again.json() == {"rows": 1, "created": 0, "replaced": 1, "unchanged": 0}
    assert _values(db, "ae-four-hours", "RPA")[-1][:2] == ("2015-09-01", 82.5)
    with db.session() as s:
        row = s.scalar(select(MeasureValue).where(MeasureValue.note == "revised"))
        changes = [e.changes for e in s.scalars(select(AuditEntry).where(
            AuditEntry.entity_type == "measure_values", AuditEntry.entity_id == str(row.id),
            AuditEntry.action == "updated"))]
    assert changes and changes[0]["value"] == [80.0, 82.5] and changes[0]["note"] == [
        None, "revised"]


def test_an_xlsx_upload_through_the_page_and_its_errors(client, db):
    assert client.get("/assurance/import", follow_redirects=False).status_code == 303  # sign in first
    login(client, "editor")
    form = client.get("/assurance/import").text
    book = Workbook()
    book.active.append(["Measure", "Organisation", "Period", "Value"])
    book.active.append(["cancer-62-day", "RVV", "2015-09", 70.5])
    content = io.BytesIO()
    book.save(content)
    done = client.post("/assurance/import", data={"csrf_token": csrf_of(form)},
                       files={"file": ("data.xlsx", content.getvalue())})
    assert done.status_code == 200 and "1 new" in done.text
    assert _values(db, "cancer-62-day", "RVV")[-1][:2] == ("2015-09-01", 70.5)
    bad = client.post("/assurance/import", data={"csrf_token": csrf_of(form)},
                      files={"file": ("data.csv", b"measure,organisation,period,value\ncancer-62-day,RVV,,\n")})
    assert bad.status_code == 422 and 'href="#file"' in bad.text and "Nothing was imported" in bad.text
    assert '<td class="nhsuk-table__cell">2</td><td class="nhsuk-table__cell">Period</td>' in bad.text
    assert "is required" in bad.text
    wrong = client.post("/assurance/import", data={"csrf_token": csrf_of(form)}, files={"file": ("x.txt", b"hi")})
    assert wrong.status_code == 422 and "must be a .csv or .xlsx file" in wrong.text


def test_the_cli_imports_and_refuses_bad_files(db, tmp_path):
    runner = CliRunner()
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text("measure,organisation,period,value\nrtt-52-week-waiters,RPA,2015-09,2\n")
    bad.write_text("measure,organisation,period,value\nrtt-52-week-waiters,RPA,2015-09,two\n")
    env = {"CARESYSTEM_DATABASE_URL": db.url}
    refused = runner.invoke(cli, ["assurance", "import", str(bad)], env=env)
    assert refused.exit_code == 2 and "row 2: value: 'two' is not a number" in refused.output
    done = runner.invoke(cli, ["assurance", "import", str(good)], env=env)
    assert done.exit_code == 0 and "1 new" in done.output
    assert _values(db, "rtt-52-week-waiters", "RPA")[-1][:2] == ("2015-09-01", 2.0)
