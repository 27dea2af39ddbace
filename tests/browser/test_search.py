"""Search in a real browser: a signed-in reader finds a programme's decision, grouped by kind, and opens it."""

import pytest

from tests.browser.conftest import axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser


def test_a_reader_finds_a_decision_and_opens_it_in_its_programme(page):
    sign_in(page, "viewer")
    page.goto("/search")
    page.fill("#q", "operating model")
    page.click("main button:has-text('Search')")
    assert page.locator("h3#decisions").inner_text().startswith("Decisions (")
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
    screenshot(page, "search-registers")
    page.click("h3#decisions + ul a:has-text('One Team: the operating model')")
    assert page.locator("h1").inner_text() == "One Team: the operating model for K&M"
    assert page.url.endswith("/programme/decisions/DEC001?programme=system-transformation")
