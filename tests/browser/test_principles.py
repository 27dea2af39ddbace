"""The principles register in a real browser: a system editor adds a set and a principle through the forms (an error
names the field), edits the principle; a principle shows the example's allocations that cite it with the document
section; axe clean."""

import pytest

from tests.browser.conftest import axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser


def _no_violations(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in violations]


def test_a_system_editor_adds_and_edits_principles_through_the_forms(page):
    sign_in(page, "editor")
    page.goto("/principles")
    page.click("a:has-text('Add a principle set')")
    page.wait_for_url("**/principles/new")
    page.fill("#key", "board-values-2026")
    page.select_option("#kind", "partnership")
    page.click("button:has-text('Save')")
    assert "Title" in page.inner_text(".nhsuk-error-summary")
    _no_violations(page)
    screenshot(page, "principle-set-form-error")
    page.fill("#title", "Board values")
    page.fill("#document_dated", "2026-01-05")
    page.click("button:has-text('Save')")
    page.wait_for_url("**/principles/board-values-2026?saved=1")
    assert "Changes saved." in page.inner_text("main")
    page.click("a:has-text('Add a principle')")
    page.wait_for_url("**/principles/board-values-2026/principles/new")
    page.fill("#number", "1")
    page.fill("#text", "We share what we know.")
    _no_violations(page)
    page.click("button:has-text('Save')")
    page.wait_for_url("**/principles/board-values-2026/1?saved=1")
    page.click("a:has-text('Edit')")
    page.wait_for_url("**/principles/board-values-2026/1/edit")
    page.fill("#name", "Open")
    _no_violations(page)
    screenshot(page, "principle-form")
    page.click("button:has-text('Save')")
    page.wait_for_url("**/principles/board-values-2026/1?saved=1")
    assert page.inner_text("h1") == "Partnership principle 1: Open"
    _no_violations(page)


def test_a_principle_shows_the_allocations_that_cite_it_with_the_section(page):
    page.goto("/principles/design-principles-2021/5")
    table = page.inner_text("main table")
    assert "Delivering improved outcomes and continuous improvement in the place" in table
    assert "Document 002, 4 (design principle 5" in table
    assert page.locator("main table tbody tr").count() == 8
    _no_violations(page)
    screenshot(page, "principle-cited-by")
