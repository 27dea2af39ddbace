"""The system model in a real browser: sign in, the system map as at 2019, editing a governance body, accessibility."""

import pytest

from tests.browser.conftest import axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser
CCG_NAMES = ["Ashford", "Canterbury and Coastal", "Dartford, Gravesham and Swanley", "Medway", "South Kent Coast",
             "Swale", "Thanet", "West Kent"]


def test_system_map_as_at_june_2019_shows_eight_ccgs(page):
    sign_in(page, "viewer")
    page.click("a.nhsuk-header__navigation-link:has-text('System map')")
    page.fill("#as_at", "2019-06-01")
    page.click("button:has-text('Show')")
    page.wait_for_url("**/system-map?as_at=2019-06-01")
    commissioners = page.locator("ul[aria-label^='Commissioners in'] li")
    assert commissioners.count() == 8
    text = " ".join(commissioners.all_inner_texts())
    assert all(name in text for name in CCG_NAMES)
    assert "1,886,511" in page.inner_text("main")
    screenshot(page, "system-map-2019-06-01")


def test_system_map_today_draws_places_and_networks(page):
    page.goto("/system-map")
    assert page.locator("svg.cs-diagram rect").count() >= 1 + 4 + 42
    assert page.locator("svg.cs-diagram title").text_content().startswith("Diagram of")
    screenshot(page, "system-map-today")


def test_edit_a_governance_body(page):
    sign_in(page, "admin")
    page.goto("/governance")
    screenshot(page, "governance-structure")
    page.locator("ul.cs-tree a").first.click()
    page.click("a:has-text('Edit this body')")
    page.fill("#frequency", "Every six weeks")
    page.click("button:has-text('Save')")
    assert page.locator(".nhsuk-inset-text").inner_text().strip().endswith("Changes saved.")
    assert "Every six weeks" in page.inner_text("dl.nhsuk-summary-list")
    assert "Every six weeks" in page.inner_text("#history ~ table")
    screenshot(page, "governance-body-edited")


def test_validation_errors_are_shown_next_to_the_field(page):
    sign_in(page, "admin")
    page.goto("/organisations/new")
    page.fill("#code", "bad code")
    page.fill("#name", "A partner")
    page.select_option("#type", "vcs")
    page.click("button:has-text('Save')")
    assert page.locator(".nhsuk-error-summary").is_visible()
    assert "Code" in page.inner_text("#code-error")
    screenshot(page, "organisation-form-errors")


@pytest.mark.parametrize("path", ["/", "/system-map", "/organisations", "/governance", "/functions",
                                  "/organisations/QKS", "/login", "/search?q=kent"])
def test_main_pages_have_no_serious_accessibility_violations(page, path):
    page.goto(path)
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
