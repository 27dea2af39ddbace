"""Counts on pages are written with their noun in the right number: "1 risk", never "1 risks" or "1 risk(s)"."""

import re

from tests.conftest import login


def _caption(page: str) -> str:
    return re.search(r"<caption[^>]*>([^<]*)</caption>", page).group(1)


def test_a_count_of_one_takes_the_singular(client, api):
    admin = api("admin")
    assert admin.post("/api/v1/risks", json={"title": "Counted once"}).status_code == 201
    assert admin.post("/api/v1/impact-assessments", json={"title": "Counted once"}).status_code == 201
    login(client, "viewer")

    assert _caption(client.get("/programme/risks?q=Counted+once&status=").text) == "1 risk"
    assert _caption(client.get("/programme/impact-assessments?q=Counted+once").text) == "1 impact assessment"
    assert ">1 organisation<" in client.get("/organisations?q=Maidstone+and+Tunbridge").text
    moves = client.get("/programme/milestones/icp-outline-development-plans/what-moves?days=1").text
    assert "slips 1 day</h1>" in moves and "1 days" not in moves
    two = client.get("/programme/milestones/icp-outline-development-plans/what-moves?days=2").text
    assert "slips 2 days</h1>" in two
