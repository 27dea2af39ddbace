"""The 2016 planning framework in a real browser: the system map as at 1 June 2016 shows the five planning levels
and the 2016 bodies, the framework page its work areas; both free of serious accessibility violations."""

import pytest

from tests.browser.conftest import axe_violations, screenshot

pytestmark = pytest.mark.browser
LEVELS = ["Highly Specialist Services", "Specialist Acute", "Specialist partnership services", "Routine Acute",
          "Out of Hospital"]


def _no_violations(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in violations]


def test_the_system_map_as_at_june_2016_shows_the_planning_levels_and_the_2016_bodies(page):
    page.goto("/system-map")
    page.fill("#as_at", "2016-06-01")
    page.click("button:has-text('Show')")
    page.wait_for_url("**/system-map?as_at=2016-06-01")
    levels = page.locator("#planning-levels ~ table tbody th[scope=row]")
    assert levels.count() == 5
    assert [t.split(": ", 1)[1] for t in levels.all_inner_texts()] == LEVELS
    assert "East Kent 695,000 people" in page.inner_text("#level-1")
    bodies = page.locator("ul[aria-label^='Governance bodies in force']").inner_text()
    assert all(name in bodies for name in ("STP Leadership Group", "Clinical Reference Group", "STP Finance Group"))
    _no_violations(page)
    screenshot(page, "system-map-2016-06-01")
    page.click("a:has-text('Kent and Medway STP planning framework')")
    page.wait_for_url("**/planning/stp-planning-framework-2016")
    assert "21 work areas and where each is planned" in page.inner_text("main")
    assert page.locator("#role-sro").inner_text() == "Senior Responsible Officer"
    _no_violations(page)
    screenshot(page, "planning-framework-2016")
