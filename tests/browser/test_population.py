"""Population pages in a real browser: overview to a network's profile, charts with text alternatives, axe."""

import threading
import time

import pytest
import uvicorn

from tests.browser.conftest import _free_port, axe_violations, screenshot
from tests.conftest import settings_for
from tests.integration.population.conftest import shared_run

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def population_server(templates, tmp_path_factory):
    """A live server whose data directory holds one population run (the shared live server has none)."""
    from caresystem.web.app import create_app

    data_dir = shared_run(tmp_path_factory)
    url, _ = templates("sqlite").fresh("example")
    port = _free_port()
    settings = settings_for(url).model_copy(update={"data_dir": data_dir})
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings), host="127.0.0.1", port=port, log_level="warning", access_log=False
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def population_page(browser, population_server):
    context = browser.new_context(base_url=population_server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def _serious(page) -> list:
    violations = axe_violations(page)
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in violations]


def test_overview_to_a_network_profile(population_page):
    page = population_page
    page.goto("/")
    page.click("a.nhsuk-header__navigation-link:has-text('Population')")
    page.wait_for_url("**/population")
    assert "Population health" in page.inner_text("h1")
    assert "Kent and Medway" in page.inner_text("main") and "DuckDB" in page.inner_text("main")
    assert "alive on 1 April 2018 (the start of the period)" in page.inner_text(".nhsuk-lede-text")
    assert "follows the practice register: its 183 practices" in page.inner_text("#synthetic-basis")
    assert _serious(page) == []
    screenshot(page, "population-overview")

    page.locator("a[href^='/population/pcns/']").first.click()
    page.wait_for_url("**/population/pcns/*")
    figures = page.locator("main figure svg[role=img]")
    assert figures.count() == 2
    for i in range(figures.count()):
        assert (
            figures.nth(i).locator("title").text_content() and figures.nth(i).locator("desc").text_content()
        )
    assert page.locator("#pyramid-summary").inner_text().strip().endswith(".")
    assert "95% interval" in page.inner_text("main")
    assert page.locator("table td.nhsuk-table__cell--numeric").count() > 50
    assert _serious(page) == []
    screenshot(page, "population-pcn-profile")


@pytest.mark.parametrize("path", ["/population/inequalities", "/population/allocation"])
def test_other_population_pages_are_accessible(population_page, path):
    population_page.goto(path)
    assert _serious(population_page) == []


def test_pages_work_without_javascript(browser, population_server):
    context = browser.new_context(base_url=population_server, java_script_enabled=False)
    page = context.new_page()
    page.goto("/population")
    page.locator("a[href^='/population/pcns/']").first.click()
    assert page.locator("#pyramid-summary").is_visible() and page.locator("table").count() >= 6
    context.close()


@pytest.fixture
def small_screen(browser, population_server):
    """A phone-sized window (375 CSS pixels wide, the width of the smallest common phones)."""
    context = browser.new_context(base_url=population_server, viewport={"width": 375, "height": 812})
    page = context.new_page()
    yield page
    context.close()


def _page_width(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


def test_population_pages_fit_a_small_screen(small_screen):
    page = small_screen
    page.goto("/population")
    assert _page_width(page) <= 375
    assert page.locator(".cs-table-scroll").count() == 3
    wide = page.locator(".cs-table-scroll").last  # the networks table scrolls inside its own container
    assert wide.evaluate("e => e.scrollWidth > e.clientWidth")
    assert _serious(page) == []
    screenshot(page, "population-overview-375")

    page.locator("a[href^='/population/pcns/']").first.click()
    page.wait_for_url("**/population/pcns/*")
    assert _page_width(page) <= 375
    charts = page.locator("main figure svg[role=img]")
    assert all(charts.nth(i).evaluate("e => e.getBoundingClientRect().width <= 375") for i in range(charts.count()))
    assert _serious(page) == []
    screenshot(page, "population-pcn-375")

