"""Charts readable at the size they are drawn, their labels whole; and the programme's wide tables scrolling inside
their own containers on a phone-sized screen, so no page is wider than the screen."""

import pytest

from tests.browser.conftest import axe_violations, screenshot, sign_in

pytestmark = pytest.mark.browser

CHARTS = {"/system-map": "system-map", "/governance": "governance-structure", "/programme": "dashboard-timeline",
          "/programme/milestones": "milestones-timeline"}
SMALL = {"/programme": "dashboard", "/programme/plan": "plan", "/programme/impact-assessments": "impact-assessments",
         "/programme/engagement": "engagement", "/programme/engagement/stakeholders": "stakeholders",
         "/programme/engagement/communications": "communications", "/programme/assumptions": "assumptions",
         "/programme/milestones": "milestones"}

# Each text of the page's diagrams: what it says, its font size as drawn (the SVG's scale applied), whether it lies
# inside its drawing.
DRAWN_TEXTS = """() => [...document.querySelectorAll("main svg.cs-diagram")].flatMap(svg => {
  const box = svg.getBoundingClientRect(), scale = box.width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll("text")].map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize) * scale,
            inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5
                    && r.bottom <= box.bottom + 0.5};
  });
})"""


@pytest.mark.parametrize("path", CHARTS)
def test_chart_labels_are_whole_readable_and_inside_the_drawing(page, path):
    sign_in(page, "viewer")
    page.goto(path)
    texts = page.evaluate(DRAWN_TEXTS)
    assert texts, f"no diagram on {path}"
    assert [t["text"] for t in texts if t["text"].rstrip().endswith(("…", "..."))] == []
    assert [t["text"] for t in texts if t["size"] < 12] == []
    assert [t["text"] for t in texts if not t["inside"]] == []
    scrolled = page.evaluate("""() => [...document.querySelectorAll("main .cs-table-scroll")]
        .filter(e => e.querySelector("svg.cs-diagram") && e.scrollWidth > e.clientWidth + 1).length""")
    assert scrolled == 0, "on a wide screen the whole drawing is in view"
    screenshot(page, f"chart-{CHARTS[path]}")


def test_today_on_the_timeline_clears_the_axis_labels(page):
    sign_in(page, "viewer")
    page.goto("/programme/milestones")
    boxes = page.evaluate("""() => [...document.querySelectorAll("main svg.cs-diagram text")]
        .filter(t => t.getBBox().y < 40).map(t => { const r = t.getBoundingClientRect();
          return {text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom}; })""")
    today = [b for b in boxes if b["text"] == "Today"]
    axis = [b for b in boxes if b["text"] != "Today"]
    assert axis
    for t in today:
        assert all(t["right"] <= a["left"] or a["right"] <= t["left"] or t["bottom"] <= a["top"]
                   or a["bottom"] <= t["top"] for a in axis)


@pytest.fixture
def small_screen(browser, live_server):
    """A phone-sized window (375 CSS pixels wide)."""
    context = browser.new_context(base_url=live_server, viewport={"width": 375, "height": 812})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("path", SMALL)
def test_programme_pages_fit_a_small_screen(small_screen, path):
    page = small_screen
    sign_in(page, "editor")
    page.goto(path)
    assert page.evaluate("() => document.scrollingElement.scrollWidth") <= 375
    serious = axe_violations(page)
    assert serious == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in serious]
    screenshot(page, f"small-screen-{SMALL[path]}-375")


@pytest.mark.parametrize("width", [375, 1280])
def test_the_only_overdue_box_lines_up_with_the_other_filters(browser, live_server, width):
    context = browser.new_context(base_url=live_server, viewport={"width": width, "height": 900})
    page = context.new_page()
    sign_in(page, "viewer")
    page.goto("/programme/assumptions")
    screenshot(page, f"assumptions-filters-{width}")
    box = page.locator(".nhsuk-checkboxes__item:has(#overdue)").bounding_box()
    search = page.locator("#q").bounding_box()
    form = page.locator("form[aria-label^='Filter']").bounding_box()
    assert abs(box["x"] - search["x"]) <= 2 and box["x"] + box["width"] <= form["x"] + form["width"] + 1
    assert page.evaluate("() => document.scrollingElement.scrollWidth") <= width
    context.close()
