"""Owners as people and the benefits upload in a real browser: a milestone typed with a person's name links that
person; the benefits register imports from its upload page, listing every bad row first; axe-core finds no serious
or critical violations, at desktop width and at 375 px."""

import pytest

from tests.browser.conftest import axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser
HEAD = "Key,Benefit,Type,Owner,Measure,Unit,Direction,Baseline,Baseline date,Target,Target date\n"
GOOD = "BRW1,Fewer delayed discharges,Non-cash-releasing,Becca Bradd,Delayed discharges,days,decrease,900,01/04/2026,600,31/03/2028\n"
BAD = ("BRW2,Second benefit,sometimes,,,,,,,,\n"
       "BRW3,Third benefit,qualitative,,,,,10,2026-04-01,5,2026-01-01\n")


def _fits_375(page) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_milestone_owner_typed_by_name_links_the_person(page):
    sign_in(page, "pmo")
    page.goto("/programme/milestones/new")
    assert "like they appear under People" in page.inner_text("main")
    assert axe_violations(page) == []
    page.fill("#title", "Shadow ICS NHS Body board meets")
    page.fill("#owner", "wilf williams")
    page.click("button:has-text('Save')")
    owner = page.locator("dl.nhsuk-summary-list a[href='/people/wilf-williams']")
    assert owner.inner_text() == "Wilf Williams"
    assert axe_violations(page) == []
    screenshot(page, "milestone-owner-person")
    owner.click()
    page.wait_for_url("**/people/wilf-williams")
    assert "Wilf Williams" in page.inner_text("h1")


def test_the_benefits_register_imports_from_its_upload_page(page, tmp_path):
    sign_in(page, "pmo")
    page.goto("/programme/benefits")
    page.click("a:has-text('Import from a spreadsheet')")
    page.wait_for_url("**/programme/benefits/import")
    assert axe_violations(page) == []
    bad = tmp_path / "benefits.csv"
    bad.write_text(HEAD + GOOD + BAD)
    page.set_input_files("#file", str(bad))
    page.click("button:has-text('Import')")
    assert "There is a problem" in page.inner_text(".nhsuk-error-summary")
    problems = page.inner_text("#problems")
    assert "Nothing was imported: 2 problems to fix" in problems
    assert "Type" in problems and "Target date" in problems
    assert axe_violations(page) == []
    screenshot(page, "benefits-upload-problems")
    _fits_375(page)
    good = tmp_path / "good.csv"
    good.write_text(HEAD + GOOD)
    page.set_input_files("#file", str(good))
    page.click("button:has-text('Import')")
    assert "1 row imported from good.csv: 1 new, 0 changed, 0 unchanged" in page.inner_text("#imported")
    assert axe_violations(page) == []
    screenshot(page, "benefits-upload-done")
    page.goto("/programme/benefits/BRW1")
    assert "Fewer delayed discharges" in page.inner_text("h1")
