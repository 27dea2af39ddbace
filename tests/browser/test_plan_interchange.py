"""A programme officer uploads a Microsoft Project file, reads the preview and confirms it, in a real browser;
the upload and preview pages have no serious accessibility violations."""

from tests.browser.conftest import axe_violations, screenshot, sign_in
from tests.integration.programme.plan_files import mspdi_plan


def test_upload_preview_and_confirm_a_plan(page, tmp_path):
    plan = tmp_path / "shared-care-record.xml"
    plan.write_bytes(mspdi_plan())
    sign_in(page, "admin")
    page.goto("/programme/plan/import")
    assert axe_violations(page) == []
    page.set_input_files("#file", str(plan))
    page.click("button:has-text('Preview the import')")
    page.wait_for_selector("h1:has-text('Preview: shared-care-record.xml')")
    assert page.locator("td:has-text('Viewer live in general practice')").count() == 1
    assert axe_violations(page) == []
    screenshot(page, "plan-import-preview")
    page.click("button:has-text('Import the plan')")
    page.wait_for_selector("text=Plan imported")
    screenshot(page, "plan-import-done")
    page.goto("/programme/milestones?q=Viewer")
    assert page.locator("text=Viewer live in general practice").count() >= 1
