"""Hostile and broken input is refused by field and never takes a page or an export down (the probes of the
hardening issue): formula injection in CSV, control characters, dates out of range, runaway schedules, huge
text, numbers and bodies, malformed JSON."""

import csv
import io

from caresystem.csv_safety import neutralise, read_csv, restore, write_csv
from caresystem.programme.raid.spreadsheet import COLUMNS
from caresystem.programme.registers.spreadsheet import MAX_IMPORT_ROWS

LIVE_TITLES = ["=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-3-4", "@SUM(A1)", "'=already quoted", "\tTabbed start"]


def test_neutralising_round_trips_every_text():
    for text in LIVE_TITLES + ["Plain", "''=two quotes", "'quoted but harmless", "", "a=b"]:
        assert restore(neutralise(text)) == text
    assert neutralise("=1+1") == "'=1+1" and neutralise("Plain") == "Plain" and neutralise(-5) == -5
    assert read_csv(write_csv(["a"], [[t] for t in LIVE_TITLES]))[1:] == [[t] for t in LIVE_TITLES]


def test_risk_csv_export_has_no_live_formula_and_imports_back_exactly(api):
    pmo = api("pmo")
    references = [pmo.post("/api/v1/risks", json={"title": t, "owner": "-lead"}).json()["reference"]
                  for t in LIVE_TITLES[:5]]
    exported = pmo.get("/api/v1/risks/export.csv")
    assert exported.status_code == 200
    rows = {r[0]: r for r in csv.reader(io.StringIO(exported.text))}
    for reference in references:
        title, owner = rows[reference][1], rows[reference][[f for f, _ in COLUMNS].index("owner")]
        assert title.startswith("'") and owner == "'-lead"
    imported = pmo.post("/api/v1/risks/import", files={"file": ("risks.csv", exported.content, "text/csv")})
    assert imported.status_code == 200, imported.text
    assert imported.json()["created"] == 0 and imported.json()["updated"] == 0
    for reference, title in zip(references, LIVE_TITLES):
        assert pmo.get(f"/api/v1/risks/{reference}").json()["title"] == title


def test_control_characters_are_refused_everywhere(api, client):
    pmo = api("pmo")
    for bad in ("nul\x00inside", "bell\x07here", "escape\x1b[31m"):
        response = pmo.post("/api/v1/risks", json={"title": bad})
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"] == "title"
        assert "control characters" in response.json()["errors"][0]["message"]
    assert pmo.post("/api/v1/risks", json={"title": "Two\nlines\tand a tab"}).status_code == 201
    sheet = "Title,Owner\nFine title,Sam\nBad\x01title,Sam\n".encode()
    imported = pmo.post("/api/v1/risks/import", files={"file": ("risks.csv", sheet, "text/csv")})
    assert imported.status_code == 422
    assert imported.json()["errors"][0]["field"] == "row 3, title"
    assert pmo.get("/api/v1/risks/export.xlsx").status_code == 200


def test_dates_out_of_range_are_refused_and_pages_still_render(api, client):
    pmo = api("pmo")
    for day in ("0001-01-01", "9999-12-31", "1899-12-31"):
        response = pmo.post("/api/v1/milestones", json={"title": "Far away", "baseline_date": day})
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"] == "baseline_date"
    assert pmo.post("/api/v1/milestones", json={"title": "In range", "baseline_date": "2100-12-31"}).status_code == 201
    assert client.get("/programme").status_code == 200
    assert client.get("/programme/milestones").status_code == 200


def test_generated_occurrences_are_bounded(api):
    pmo = api("pmo")
    response = pmo.post("/api/v1/communications", json={"tool": "Weekly bulletin", "frequency": "weekly",
                                                         "starts_on": "2000-01-03", "ends_on": "2099-12-28"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "ends_on" and "occurrences" in response.json()["errors"][0]["message"]
    assert pmo.post("/api/v1/communications", json={"tool": "Weekly bulletin", "frequency": "weekly",
                                                    "starts_on": "2026-01-05", "ends_on": "2026-12-28"}).status_code == 201


def test_oversized_text_numbers_and_bodies_get_4xx_naming_the_problem(api):
    pmo = api("pmo")
    risk = pmo.post("/api/v1/risks", json={"title": "Limits"}).json()
    long_category = pmo.patch(f"/api/v1/risks/{risk['reference']}", json={"version": 1, "category": "c" * 500})
    assert long_category.status_code == 422 and long_category.json()["errors"][0]["field"] == "category"
    long_title = pmo.post("/api/v1/risks", json={"title": "t" * 30_000})
    assert long_title.status_code == 422 and long_title.json()["errors"][0]["field"] == "title"
    huge = pmo.post("/api/v1/risks", content=b'{"title": "' + b"x" * (2 * 1024 * 1024) + b'"}',
                    headers={"content-type": "application/json"})
    assert huge.status_code == 413
    assert pmo.get("/api/v1/risks", params={"page": 2**70}).status_code == 422
    assert pmo.get("/api/v1/risks", params={"page": 2**40}).status_code == 422
    assert pmo.delete("/api/v1/escalation-rules/99999999999999999999999").status_code in (404, 422)
    malformed = pmo.post("/api/v1/risks", content=b'{"title": "unfinished', headers={"content-type": "application/json"})
    assert malformed.status_code == 422
    assert malformed.json()["errors"] == [{"field": "body", "message": "body is not valid JSON"}]


def test_csv_cells_over_the_field_limit_and_too_many_rows_are_refused(api):
    pmo = api("pmo")
    giant = b"Title,Owner\n" + b"x" * 200_000 + b",Sam\n"
    response = pmo.post("/api/v1/risks/import", files={"file": ("risks.csv", giant, "text/csv")})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "file"
    many = "Title\n" + "".join(f"Risk number {i}\n" for i in range(MAX_IMPORT_ROWS + 1))
    response = pmo.post("/api/v1/risks/import", files={"file": ("risks.csv", many.encode(), "text/csv")})
    assert response.status_code == 422 and f"more than {MAX_IMPORT_ROWS:,} rows" in response.json()["detail"]
