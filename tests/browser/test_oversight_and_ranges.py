"""Oversight and benefit ranges in a real browser: the oversight strands and accountability chain from the governance
pages, "as at" a date; a benefit estimated as a range entered through its form and shown as "£x to £y"; axe clean."""

import pytest

from tests.browser.conftest import axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser


def _no_violations(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in violations]


def test_oversight_strands_and_the_accountability_chain(page):
    page.goto("/governance")
    page.click("a:has-text('oversight and accountability')")
    page.wait_for_url("**/governance/oversight")
    assert page.locator("h3.nhsuk-card__heading").count() == 4
    assert "(iii) Oversight at ICP level" in page.inner_text("main")
    assert page.locator("#accountability-chain tbody tr").count() == 6
    _no_violations(page)
    screenshot(page, "governance-oversight")
    page.fill("#as_at", "2023-01-01")
    page.click("button:has-text('Show')")
    page.wait_for_url("**/governance/oversight?as_at=2023-01-01")
    assert "No oversight strands recorded in force on 1 January 2023" in page.inner_text("main")
    page.click("#link-providers-quality-to-ccg a:has-text('Quality Surveillance Group')")
    page.wait_for_url("**/governance/quality-surveillance-group")
    assert "Kent and Medway Quality Surveillance Group" in page.inner_text("h1")


def test_a_benefit_estimated_as_a_range(page):
    sign_in(page, "pmo")
    page.goto("/programme/benefits/new")
    page.fill("#title", "Running cost savings of the single commissioner")
    page.fill("#measure_name", "Running cost savings")
    page.fill("#measure_unit", "GBP million")
    page.fill("#target_low", "5")
    page.fill("#target_high", "4.7")
    page.click("button:has-text('Save')")
    assert "High estimate must be at least the low estimate" in page.inner_text(".nhsuk-error-summary")
    _no_violations(page)
    page.fill("#target_low", "3.2")
    page.click("button:has-text('Save')")
    page.wait_for_url("**/programme/benefits/B*")
    assert "£3.2m to £4.7m" in page.inner_text("dl.nhsuk-summary-list")
    _no_violations(page)
    screenshot(page, "benefit-estimate-range")
