"""Pages of the other RAID logs, the escalation rules page, and the risk detail's efficacy and actions."""

import pytest

from tests.conftest import csrf_of, login

REGISTERS = ["assumptions", "issues", "dependencies", "decisions", "actions"]


@pytest.mark.parametrize("key", REGISTERS)
def test_list_form_detail_edit_history_delete(client, key):
    assert client.get(f"/programme/{key}", follow_redirects=False).status_code == 303
    login(client, "pmo")
    form = client.get(f"/programme/{key}/new").text
    bad = client.post(f"/programme/{key}/new", data={"csrf_token": csrf_of(form), "title": "x"})
    assert bad.status_code == 422 and 'href="#title"' in bad.text and "nhsuk-error-message" in bad.text
    made = client.post(f"/programme/{key}/new", data={"csrf_token": csrf_of(form), "title": "Recorded through a form",
                                                     "owner": "Programme office"}, follow_redirects=True)
    assert made.status_code == 200 and "Recorded through a form" in made.text and "History" in made.text
    reference = made.url.path.rsplit("/", 1)[1]
    assert reference in client.get(f"/programme/{key}").text
    edit = client.get(f"/programme/{key}/{reference}/edit").text
    version = edit.split('name="version" value="')[1].split('"')[0]
    stale = client.post(f"/programme/{key}/{reference}/edit", data={
        "csrf_token": csrf_of(edit), "version": str(int(version) + 5), "title": "Recorded through a form"})
    assert stale.status_code == 409 and "Reload it" in stale.text
    client.post(f"/programme/{key}/{reference}/edit", data={"csrf_token": csrf_of(edit), "version": version,
                                                             "title": "Renamed through a form"})
    detail = client.get(f"/programme/{key}/{reference}").text
    assert "Renamed through a form" in detail and "Recorded through a form → Renamed through a form" in detail
    remove = detail.split(f'<form method="post" action="/programme/{key}/{reference}/delete">')[1].split("</form>")[0]
    shown_version = remove.split('name="version" value="')[1].split('"')[0]
    assert shown_version == str(int(version) + 1) and "Remove from the log" in remove  # the version after the edit
    client.post(f"/programme/{key}/{reference}/delete", data={"csrf_token": csrf_of(detail), "version": shown_version})
    assert client.get(f"/programme/{key}/{reference}").status_code == 404
    assert client.get(f"/programme/{key}/export.csv").status_code == 200


def test_viewer_sees_no_edit_controls_and_cannot_post(client):
    login(client, "viewer")
    page = client.get("/programme/actions").text
    assert "Add an action" not in page
    assert client.get("/programme/actions/new").status_code == 403


def test_assumption_found_invalid_raises_a_risk_from_its_page(client):
    login(client, "pmo")
    form = client.get("/programme/assumptions/new").text
    made = client.post("/programme/assumptions/new", data={"csrf_token": csrf_of(form), "title": "LAs support the ICP",
                                                          "owner": "Director of strategy"}, follow_redirects=True)
    reference = made.url.path.rsplit("/", 1)[1]
    version = made.text.split('name="version" value="')[1].split('"')[0]
    risk = client.post(f"/programme/assumptions/{reference}/invalidate", data={
        "csrf_token": csrf_of(made.text), "version": version, "raise_as": "risk"}, follow_redirects=True)
    assert risk.status_code == 200 and "/programme/risks/" in str(risk.url)
    assert f"Assumption {reference}" in risk.text and "Not assessed yet" in risk.text
    assert "/programme/risks/" in client.get(f"/programme/assumptions/{reference}").text


def test_rules_page_and_admin_form(client):
    login(client, "viewer")
    page = client.get("/programme/escalation-rules").text
    # the PID's six rules and the five to the bodies in force since; the onward route links the body itself
    assert page.count('/escalations">') == 11 and "Add a rule" not in page
    client.get("/logout")
    login(client, "pmo")
    page = client.get("/programme/escalation-rules").text
    bad = client.post("/programme/escalation-rules", data={"csrf_token": csrf_of(page), "min_score": "99",
                                                           "body_key": "x"})
    assert bad.status_code == 422 and 'href="#min_score"' in bad.text
    client.post("/programme/escalation-rules", data={"csrf_token": csrf_of(page), "min_score": "16",
                                                     "body_key": "ics-partnership"})
    assert "ics-partnership" in client.get("/programme/escalation-rules").text


def test_risk_detail_shows_trend_efficacy_and_actions(client, api):
    pmo = api("pmo")
    risk = pmo.post("/api/v1/risks", json={"title": "Estates backlog", "inherent_impact": 5, "inherent_likelihood": 4,
                                            "current_impact": 5, "current_likelihood": 4, "target_impact": 5,
                                            "target_likelihood": 1}).json()
    pmo.patch(f"/api/v1/risks/{risk['reference']}", json={"version": risk["version"], "current_likelihood": 2})
    pmo.post("/api/v1/actions", json={"title": "Survey the estate", "risk_reference": risk["reference"]})
    login(client, "viewer")
    page = client.get(f"/programme/risks/{risk['reference']}").text
    assert "Trend: <strong>falling</strong>" in page
    assert "down 10 since the risk was opened (from 20 to 10); 67% of the way to the target of 5" in page
    assert "Survey the estate" in page


def test_governance_escalation_page_uses_the_body_name(client):
    login(client, "viewer")
    page = client.get("/governance/system-transformation-executive-board/escalations").text
    assert "Risks escalated to System Transformation Executive Board" in page
    assert client.get("/governance/nobody-at-all/escalations").status_code == 404
