"""The risk workflow in a real browser: create a risk, score it, see it escalated, export the register."""

import io

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser
TITLE = "GP workforce gaps delay PCN services"


def test_create_score_escalate_export(page):
    sign_in(page, "pmo")
    page.click("a.nhsuk-header__navigation-link:has-text('Programme')")
    page.click("nav[aria-label='Programme office'] a:text-is('risks')")
    page.click("a:has-text('Add a risk')")
    page.fill("#title", TITLE)
    page.click("button:has-text('Save')")
    summary = page.inner_text("dl.nhsuk-summary-list")
    assert "Not assessed yet" in summary and "Not escalated" in summary
    page.click("a:has-text('Edit this risk')")
    page.select_option("#current_impact", "4")
    page.select_option("#current_likelihood", "3")
    page.click("button:has-text('Save')")
    summary = page.inner_text("dl.nhsuk-summary-list")
    assert "12" in summary and "High (amber)" in summary
    assert "NHS Kent and Medway (ICS NHS Body) Board" in summary  # the body in force that the rule of 8 or more names
    assert "ics-nhs-body-board" not in summary
    assert "Not escalated to System Transformation Executive Board: ended on 31 March 2020" in summary
    reference = page.url.split("?")[0].rsplit("/", 1)[1]
    screenshot(page, "risk-scored")
    page.goto("/governance/ics-nhs-body-board/escalations")
    assert TITLE in page.inner_text("main")
    page.goto("/governance/system-transformation-executive-board/escalations")
    assert TITLE not in page.inner_text("main")
    page.goto("/programme/risks/heatmap")
    page.click("a[href='/programme/risks?impact=4&likelihood=3&status=open']")
    assert reference in page.inner_text("#risks")
    screenshot(page, "risk-heat-map-cell")
    page.goto("/programme/risks")
    with page.expect_download() as download:
        page.click("a:has-text('Download XLSX')")
    assert download.value.suggested_filename == "risks.xlsx"
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    headings = [cell.value for cell in sheet[1]]
    exported = {row[0]: dict(zip(headings, row)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    row = exported[reference]
    assert row["Title"] == TITLE and (row["Score"], row["Grade"], row["RAG"]) == (12, "high", "amber")
    assert "NHS Kent and Medway (ICS NHS Body) Board" in row["Escalated to"]  # in force today, as on the page
    assert "ics-nhs-body-board" in row["Escalated to (keys)"]
    assert "system-transformation-executive-board" not in row["Escalated to (keys)"]


def test_assumption_found_invalid_becomes_a_risk(page):
    sign_in(page, "pmo")
    page.goto("/programme/assumptions/new")
    page.fill("#title", "Local authorities support the Medway and Swale ICP")
    page.click("button:has-text('Save')")
    page.check("#raise_as-risk")
    page.click("button:has-text('Mark invalid and raise it')")
    assert "/programme/risks/" in page.url
    assert "no longer holds" in page.inner_text("h1")


@pytest.mark.parametrize("path", ["/programme/risks", "/programme/risks/heatmap", "/programme/risks/ICS-3?programme=ics-transition",
                                  "/programme/assumptions", "/programme/actions/new", "/programme/escalation-rules",
                                  "/governance/system-transformation-executive-board/escalations"])
def test_risk_pages_have_no_serious_accessibility_violations(page, path):
    sign_in(page, "pmo")
    page.goto(path)
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
