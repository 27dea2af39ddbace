"""The register of interests and highlight reports in a real browser, with axe-core on every page.

The interests journey runs on its own server whose database has a fictional person with a seat on a board, so no
interest is ever typed against a real person."""

import threading
import time
from datetime import date

import pytest
import uvicorn

from tests.browser.conftest import _free_port, axe_violations, screenshot, sign_in
from tests.conftest import Database, settings_for
from tests.integration.system.people import ALEX, add_person, seat

pytestmark = pytest.mark.browser
BOARD = "system-transformation-executive-board"


@pytest.fixture(scope="module")
def interests_server(templates):
    from caresystem.web.app import create_app

    url, tokens = templates("sqlite").fresh("example")
    db = Database(url=url, backend="sqlite", tokens=tokens)
    add_person(db, *ALEX)
    seat(db, ALEX[0], BOARD, valid_from=date(2019, 4, 1))
    db.engine.dispose()
    server = uvicorn.Server(uvicorn.Config(create_app(settings_for(url)), host="127.0.0.1", port=_free_port(),
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def interests_page(browser, interests_server):
    context = browser.new_context(base_url=interests_server, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def _no_violations(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in violations]


def test_record_an_interest_and_see_it_published(interests_page):
    page = interests_page
    sign_in(page, "pmo")
    page.goto("/interests/new")
    _no_violations(page)
    page.select_option("#person", ALEX[0])
    page.check("#type-financial")
    page.fill("#description", "Shareholding in a GP federation")
    page.fill("#valid_from", "2019-05-01")
    page.fill("#valid_to", "2019-04-01")
    page.click("button:has-text('Save')")
    assert "must be on or after" in page.inner_text(".nhsuk-error-summary")
    _no_violations(page)
    page.fill("#valid_to", "")
    page.fill("#organisation", "Example Federation Ltd")
    page.click("button:has-text('Save')")
    assert "Interest INT" in page.inner_text(".nhsuk-caption-l")
    _no_violations(page)
    screenshot(page, "interest-detail")
    page.goto("/interests")
    assert "Shareholding in a GP federation" in page.inner_text("#interests")
    _no_violations(page)
    page.goto("/interests/import")
    _no_violations(page)
    anonymous = page.context.browser.new_context(base_url=page.url.split("/interests")[0]).new_page()
    anonymous.goto("/interests/published?as_at=2019-06-01")
    table = anonymous.inner_text("#published")
    assert ALEX[1] in table and "Shareholding in a GP federation" in table and "System Transformation" in table
    _no_violations(anonymous)
    screenshot(anonymous, "interests-published")
    anonymous.context.close()


def test_write_submit_and_roll_up_a_highlight_report(page):
    sign_in(page, "pmo")
    page.goto("/programme/highlights/new")
    _no_violations(page)
    page.select_option("#project", "east-kent-icp")
    page.fill("#period", "2019-06")
    page.select_option("#rag_overall", "amber")
    page.click("button:has-text('Save draft')")
    page.click("button:has-text('Submit to the programme board')")
    assert "Schedule RAG must be given" in page.inner_text(".nhsuk-error-summary")
    _no_violations(page)
    page.click("a:has-text('Edit the draft')")
    for name, rag in (("rag_schedule", "green"), ("rag_resources", "amber"), ("rag_risk", "red")):
        page.select_option(f"#{name}", rag)
    page.fill("#achievements", "ICP steering group established")
    page.fill("#next_steps", "Agree the ICP memorandum of understanding")
    page.click("button:has-text('Save draft')")
    page.click("button:has-text('Submit to the programme board')")
    assert "Submitted" in page.inner_text("main")
    _no_violations(page)
    screenshot(page, "highlight-report")
    page.click("a:has-text('Roll-up for 2019-06')")
    assert "Revision 1" in page.inner_text("#rollup") and "West Kent ICP" in page.inner_text("#missing")
    _no_violations(page)
    screenshot(page, "highlight-rollup")
    page.goto("/programme/highlights/rollup/print?period=2019-06")
    assert "ICP steering group established" in page.inner_text("main")
    _no_violations(page)
    screenshot(page, "highlight-rollup-print")
    page.goto("/programme/highlights")
    _no_violations(page)
