"""Pages show the names people know, not the keys and codes records use: timeline labels, linked projects and
workstreams, the bodies a risk goes to, places, objectives, member organisations; exports add the names."""

import csv
import io
import re

from tests.conftest import login
from tests.integration.meetings.helpers import selects


def _shown(page: str, text: str) -> bool:
    """`text` is a page's visible text (an element's whole content), not only part of a link or an attribute."""
    return f">{text}<" in page


def test_programme_pages_name_milestones_projects_workstreams_and_objectives(client):
    login(client, "viewer")
    dashboard = client.get("/programme").text
    timeline = re.search(r'<svg class="cs-diagram"[^>]*timeline-title.*?</svg>', dashboard, re.S).group(0)
    drawn = " ".join(re.findall(r">([^<>]+)</text>", timeline))  # the timeline's label, whole, over lines
    assert "Integrated care partnerships outline development plans in place" in drawn and "…" not in drawn
    assert "icp-outline-development-pla" not in timeline

    detail = client.get("/programme/milestones/icp-outline-development-plans").text
    assert _shown(detail, "North Kent ICP") and not _shown(detail, "dgs-icp")
    frameworks = client.get("/programme/milestones/frameworks-agreed").text
    assert _shown(frameworks, "Human Resources &amp; OD") and not _shown(frameworks, "hr-od")
    depends = client.get("/programme/milestones/merger-application-approved").text
    assert not _shown(depends, "nhse-authorisation")

    plan = client.get("/programme/plan").text
    delivered_by = " ".join(part.split("</p>")[0] for part in plan.split("Delivered by:")[1:])
    assert _shown(delivered_by, "Primary Care Network") and not _shown(delivered_by, "primary-care-networks")

    benefit = client.get("/programme/benefits/system-control-total").text
    assert "Improve the use of available resources (both financial and staffing)" in benefit
    assert "improve-use-of-resources" not in benefit

    decision = client.get("/programme/decisions/DEC001").text
    assert _shown(decision, "STP Programme Board") and not _shown(decision, "stp-programme-board")

    rules = client.get("/programme/escalation-rules").text
    assert _shown(rules, "System Transformation Executive Board")
    assert not _shown(rules, "system-transformation-executive-board") and not _shown(rules, "stp-programme-board")


def test_risk_pages_and_export_name_the_bodies_and_the_place(client, api):
    risk = api("pmo").post("/api/v1/risks", json={"title": "North Kent ICP slow to form", "current_impact": 4,
                                                  "current_likelihood": 3, "scope": "place",
                                                  "scope_ref": "dgs"}).json()
    login(client, "viewer")
    detail = client.get(f"/programme/risks/{risk['reference']}").text
    escalated = detail.split("Escalated to</dt>")[1].split("</dd>")[0]
    assert "NHS Kent and Medway (ICS NHS Body) Board" in escalated  # the bodies in force today
    assert "Dartford, Gravesham and Swanley ICP Board" in escalated
    assert not _shown(escalated, "ics-nhs-body-board")
    assert "Place: Dartford, Gravesham and Swanley" in detail and "Place: dgs" not in detail

    register = client.get("/programme/risks", params={"q": "North Kent ICP slow"}).text
    assert "NHS Kent and Medway (ICS NHS Body) Board" in register
    assert "ics-nhs-body-board" not in register

    rows = list(csv.DictReader(io.StringIO(client.get("/programme/risks/export.csv",
                                                      params={"q": "North Kent ICP slow"}).text)))
    assert len(rows) == 1
    assert rows[0]["Scope reference"] == "dgs" and rows[0]["Place name"] == "Dartford, Gravesham and Swanley"
    assert "NHS Kent and Medway (ICS NHS Body) Board" in rows[0]["Escalated to"]
    assert "ics-nhs-body-board" in rows[0]["Escalated to (keys)"]


def test_the_register_and_its_export_look_the_names_up_once_not_per_risk(client, api, app):
    """More risks, in more places and so to more bodies, cost no more queries: one look-up per kind of name."""
    pmo, runs = api("pmo"), []
    login(client, "viewer")
    for places in (["dgs"], ["east-kent", "west-kent", "medway-swale", "dgs"]):
        for place in places:
            pmo.post("/api/v1/risks", json={"title": f"Queries {place}", "current_impact": 4, "current_likelihood": 3,
                                            "scope": "place", "scope_ref": place})
        with selects(app.state.engine) as page_queries:
            page = client.get("/programme/risks", params={"q": "Queries"}).text
        with selects(app.state.engine) as export_queries:
            rows = list(csv.DictReader(io.StringIO(client.get("/programme/risks/export.csv",
                                                              params={"q": "Queries"}).text)))
        runs.append((len(page_queries), len(export_queries), page, rows))
    (page_few, export_few, _, _), (page_many, export_many, page, rows) = runs
    assert "East Kent ICP Board" in page and "Medway and Swale ICP Board" in page
    assert {r["Place name"] for r in rows} == {"Dartford, Gravesham and Swanley", "East Kent", "West Kent",
                                               "Medway and Swale"}
    assert (page_many, export_many) == (page_few, export_few)


def test_system_pages_name_organisations_places_and_bodies(client):
    login(client, "viewer")
    body = client.get("/governance/ics-partnership").text
    members = body.split("<tbody")[1].split("</tbody>")[0]
    assert _shown(members, "NHS Kent and Medway Integrated Care Board") and _shown(members, "Kent County Council")
    assert not _shown(members, "QKS") and not _shown(members, "E10000016")
    assert not _shown(body, "QKS")  # nor among the hosts

    trust = client.get("/organisations/RWF").text
    assert _shown(trust, "West Kent") and not _shown(trust, "west-kent")

    person = client.get("/people/bob-bowes").text
    assert _shown(person, "System Commissioner Steering Group")
    assert not _shown(person, "system-commissioner-steering-group")
