"""Milestones and deliverables download as XLSX and CSV, filtered as on screen, through the API and the pages."""

import csv
import io

from openpyxl import load_workbook

from tests.conftest import login


def test_milestones_export_as_a_formatted_workbook_with_the_filters(api):
    response = api("viewer").get("/api/v1/milestones/export.xlsx", params={"project": "system-commissioner"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/vnd.openxml")
    sheet = load_workbook(io.BytesIO(response.content)).active
    headings = [c.value for c in sheet[1]]
    assert headings[:3] == ["Key", "Title", "Owner"] and "RAG" in headings and sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    listed = api("viewer").get("/api/v1/milestones", params={"project": "system-commissioner",
                                                             "page_size": 100}).json()
    assert [r[0] for r in rows] == [i["key"] for i in listed["items"]] and len(rows) == listed["total"] > 0
    assert sheet.data_validations.dataValidation, "the status column offers its choices"
    assert api().get("/api/v1/milestones/export.xlsx").status_code == 401


def test_deliverables_download_as_csv_from_the_page(client):
    login(client, "viewer")
    page = client.get("/programme/deliverables")
    assert 'href="/programme/deliverables/export.csv?sort=due"' in page.text
    response = client.get("/programme/deliverables/export.csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 49 and {"Key", "Title", "Workstream", "RAG"} <= set(rows[0])
    assert client.get("/programme/deliverables/export.pdf").status_code == 422
