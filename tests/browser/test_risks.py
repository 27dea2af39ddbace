"""The risk workflow in a real browser: create a risk, score it, see it escalated, export the register."""

import pytest

from tests.browser.conftest import axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser


def test_create_score_escalate_export(page):
    sign_in(page, "pmo")
    page.click("a.nhsuk-header__navigation-link:has-text('Risks')")
    page.click("a:has-text('Add a risk')")
    page.fill("#title", "GP workforce gaps delay PCN services")
    page.select_option("#current_impact", "4")
    page.select_option("#current_likelihood", "3")
    page.click("button:has-text('Save')")
    assert "High (amber)" in page.inner_text("dl.nhsuk-summary-list")
    assert "system-transformation-executive-board" in page.inner_text("dl.nhsuk-summary-list")
    screenshot(page, "risk-created")
    page.goto("/governance/system-transformation-executive-board/escalations")
    assert "GP workforce gaps delay PCN services" in page.inner_text("main")
    page.goto("/programme/risks")
    with page.expect_download() as download:
        page.click("a:has-text('Download XLSX')")
    assert download.value.suggested_filename == "risks.xlsx"
    page.goto("/programme/risks/heatmap")
    screenshot(page, "risk-heat-map")


@pytest.mark.parametrize("path", ["/programme/risks", "/programme/risks/heatmap", "/programme/risks/ICS-3"])
def test_risk_pages_have_no_serious_accessibility_violations(page, path):
    sign_in(page, "viewer")
    page.goto(path)
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
