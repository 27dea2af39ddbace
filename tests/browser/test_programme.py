"""The programme office in a real browser: the dashboard with its timeline, the plan, benefits and engagement."""

import pytest

from tests.browser.conftest import axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser


def test_dashboard_leads_to_a_milestone_and_what_moves(page):
    sign_in(page, "pmo")
    page.click("a.nhsuk-header__navigation-link:has-text('Programme')")
    assert page.locator("h1").inner_text() and page.locator("svg[role='img']").count() >= 1
    assert "Top risks" in page.inner_text("main")
    screenshot(page, "programme-dashboard")
    page.click("nav[aria-label='Programme office'] a:text-is('milestones')")
    page.click("#items a >> nth=0")
    assert "RAG" in page.inner_text("dl.nhsuk-summary-list")
    screenshot(page, "programme-milestone")


@pytest.mark.parametrize("path", ["/programme", "/programme/my-items?name=Miles+Scott", "/programme/plan",
                                  "/programme/milestones", "/programme/resources", "/programme/sign-off",
                                  "/programme/benefits", "/programme/impact-assessments", "/programme/engagement",
                                  "/programme/engagement/stakeholders/map"])
def test_programme_pages_have_no_serious_accessibility_violations(page, path):
    sign_in(page, "pmo")
    page.goto(path)
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
