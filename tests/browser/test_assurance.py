"""The integrated performance report in a real browser: import data, read the report, open a measure, download the
PDF; axe-core finds no serious or critical violations on the new pages."""

import pytest

from tests.browser.conftest import axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser


def test_import_report_measure_page_and_pdf(page, tmp_path):
    sign_in(page, "editor")
    page.goto("/assurance/import")
    assert axe_violations(page) == []
    data = tmp_path / "rtt.csv"
    data.write_text("measure,organisation,period,value,note\nrtt-incomplete-18-weeks,RWF,2015-09,95.1,September\n")
    page.set_input_files("#file", str(data))
    page.click("button:has-text('Import')")
    assert "1 new" in page.inner_text("main")
    bad = tmp_path / "bad.csv"
    bad.write_text("measure,organisation,period,value\nrtt-incomplete-18-weeks,RWF,2015-09,lots\n")
    page.set_input_files("#file", str(bad))
    page.click("button:has-text('Import')")
    assert "There is a problem" in page.inner_text(".nhsuk-error-summary")
    assert "'lots' is not a number" in page.inner_text("main")
    assert axe_violations(page) == []

    page.goto("/assurance/report/2015-08")
    page.select_option("#domain", "cancer")
    page.click("button:has-text('Show')")
    summary = page.inner_text("#summary ~ table")
    assert "Cancer: 62-day wait" in summary and "A&E" not in summary
    assert "special cause concern" in page.inner_text("main").lower()
    assert axe_violations(page) == []
    screenshot(page, "assurance-report")

    page.click("a:has-text('Cancer: 62-day wait from urgent GP referral') >> nth=0")
    page.wait_for_url("**/assurance/measures/cancer-62-day/**")
    assert page.locator("svg.app-spc-chart").count() == 1
    assert "What the chart shows" in page.inner_text("main")
    assert axe_violations(page) == []
    screenshot(page, "assurance-measure")

    page.goto("/assurance/measures/rtt-incomplete-18-weeks/RWF")
    assert "95.1%" in page.inner_text("#data ~ table")
    with page.expect_download() as download:
        page.goto("/assurance/report")
        page.click("a:has-text('Download the report as PDF')")
    assert download.value.path().read_bytes().startswith(b"%PDF")

    for path in ("/assurance/measures", "/assurance/finance"):
        page.goto(path)
        assert axe_violations(page) == [], path
    screenshot(page, "assurance-finance")
