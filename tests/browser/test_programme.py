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


def test_the_portfolio_shows_the_three_programmes_and_opens_one(page):
    sign_in(page, "pmo")
    page.goto("/programmes")
    table = page.inner_text("main table")
    for name in ("Kent and Medway System Transformation Programme", "Kent and Medway CCG merger programme",
                 "Kent and Medway CCG to ICS NHS Body transition and system development plan"):
        assert name in table
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
    screenshot(page, "programme-portfolio")
    page.click("a:text-is('Kent and Medway CCG to ICS NHS Body transition and system development plan')")
    assert "transition" in page.inner_text("h1")
    page.click("nav[aria-label='Programme office'] a:text-is('risks')")
    assert "ICS-3" in page.inner_text("main") and "PID-01" not in page.inner_text("main")


def test_a_programme_register_fits_a_small_screen(browser, live_server):
    """At 375 CSS pixels (the smallest common phones) the page does not scroll sideways and the filter's
    checkbox stays inside the form."""
    context = browser.new_context(base_url=live_server, viewport={"width": 375, "height": 812})
    page = context.new_page()
    sign_in(page, "pmo")
    page.goto("/programme/assumptions")
    screenshot(page, "programme-assumptions-375")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    checkbox = page.locator("label[for=overdue]").bounding_box()
    form = page.locator("form[aria-label^='Filter']").bounding_box()
    assert form["x"] <= checkbox["x"] and checkbox["x"] + checkbox["width"] <= form["x"] + form["width"]
    assert [v["id"] for v in axe_violations(page)] == []
    context.close()
