"""Benefit and impact assessment pages: register with status tags and filters, the trajectory chart with its text
alternative and data table, forms with field errors and conflicts, escalations listed on a body's page."""

from caresystem.programme.benefits.models import BenefitEscalationRule
from caresystem.programme.core.service import get_programme
from tests.conftest import csrf_of, login

FORM = {"title": "Fewer delayed discharges", "owner": "Director of Strategy", "type": "non_cash_releasing",
        "beneficiaries": "Patients\nStaff", "measure_name": "Delayed discharges", "measure_unit": "patients",
        "measure_direction": "decrease", "measure_source": "manual", "baseline_value": "200",
        "baseline_date": "2024-01-01", "target_value": "100", "target_date": "2025-01-01"}


def _make(client) -> tuple[str, str]:
    form = client.get("/programme/benefits/new").text
    made = client.post("/programme/benefits/new", data=FORM | {"csrf_token": csrf_of(form)}, follow_redirects=True)
    assert made.status_code == 200, made.text
    return made.url.path.rsplit("/", 1)[1], made.text


def test_register_needs_sign_in_and_shows_status_words(client):
    assert client.get("/programme/benefits", follow_redirects=False).status_code == 303
    login(client, "viewer")
    page = client.get("/programme/benefits").text
    assert 'href="/programme"' in page and "Benefits register" in page
    assert "7 benefits" in page and "nhsuk-tag--grey\">No data" in page and "5%" in page
    assert "Add a benefit" not in page and client.get("/programme/benefits/new").status_code == 403
    filtered = client.get("/programme/benefits", params={"type": "cash_releasing"}).text
    assert "1 benefit" in filtered and "management-cost-reduction" in filtered
    merger = client.get("/programme/benefits", params={"type": "cash_releasing", "programme": "ccg-merger"}).text
    assert "1 benefit" in merger and "running-cost-reduction" in merger
    assert "No benefits match" in client.get("/programme/benefits", params={"status": "off_track"}).text


def test_form_actuals_trajectory_chart_and_conflict(client):
    login(client, "pmo")
    form = client.get("/programme/benefits/new").text
    bad = client.post("/programme/benefits/new", data=FORM | {"csrf_token": csrf_of(form), "title": "x"})
    assert bad.status_code == 422 and 'href="#title"' in bad.text
    bad = client.post("/programme/benefits/new", data=FORM | {"csrf_token": csrf_of(form),
                                                              "measure_direction": "sideways"})
    assert bad.status_code == 422 and 'href="#measure_direction"' in bad.text and "nhsuk-error-message" in bad.text
    key, page = _make(client)
    assert "Delayed discharges (patients); lower is better" in page and "No actuals have been recorded" in page
    recorded = client.post(f"/programme/benefits/{key}/actuals", data={
        "csrf_token": csrf_of(page), "date": "2024-07-01", "value": "190"}, follow_redirects=True)
    assert recorded.status_code == 200 and "nhsuk-tag--red\">Off track" in recorded.text
    assert "<svg" in recorded.text and "<figcaption>" in recorded.text and "1 actual, the latest 190" in recorded.text
    assert "Planned and actual values by date" in recorded.text and "actual recorded" in recorded.text
    twice = client.post(f"/programme/benefits/{key}/actuals", data={
        "csrf_token": csrf_of(page), "date": "2024-07-01", "value": "150"})
    assert twice.status_code == 422 and 'href="#date"' in twice.text
    trajectory = client.get(f"/programme/benefits/{key}/trajectory").text
    version = trajectory.split('name="version" value="')[1].split('"')[0]
    wrong = client.post(f"/programme/benefits/{key}/trajectory", data={
        "csrf_token": csrf_of(trajectory), "version": version, "points": "2024-07-01, 190\nsoon, lots"})
    assert wrong.status_code == 422 and "line 2 must be a date and a number" in wrong.text
    client.post(f"/programme/benefits/{key}/trajectory", data={
        "csrf_token": csrf_of(trajectory), "version": version, "points": "2024-07-01, 195"})
    assert "nhsuk-tag--green\">On track" in client.get(f"/programme/benefits/{key}").text
    stale = client.post(f"/programme/benefits/{key}/edit", data=FORM | {"csrf_token": csrf_of(trajectory),
                                                                       "version": version, "owner": "Late"})
    assert stale.status_code == 409 and "Reload it" in stale.text
    edit = client.get(f"/programme/benefits/{key}/edit").text
    current = edit.split('name="version" value="')[1].split('"')[0]
    assert 'value="Delayed discharges"' in edit and "Patients\nStaff" in edit
    saved = client.post(f"/programme/benefits/{key}/edit", data=FORM | {
        "csrf_token": csrf_of(edit), "version": current, "owner": "Chief Nurse", "measure_name": "",
        "measure_unit": "", "measure_direction": ""}, follow_redirects=True)
    assert "Chief Nurse" in saved.text and "No measure yet" in saved.text
    assert saved.text.count("Changes saved.") == 1
    client.post(f"/programme/benefits/{key}/delete", data={"csrf_token": csrf_of(saved.text),
                                                           "version": str(int(current) + 1)})
    assert client.get(f"/programme/benefits/{key}").status_code == 404
    assert client.get("/programme/benefits/export.csv").status_code == 200


def test_governance_escalations_page_lists_benefits(client, db):
    with db.session() as session:
        session.add_all(BenefitEscalationRule(programme_id=get_programme(session).id, condition="off_track",
                                              body_key=key) for key in ("ics-nhs-body-board", "dgs-icp-steering-group"))
        session.commit()
    login(client, "pmo")
    key, page = _make(client)
    client.post("/programme/risks/new", data={"csrf_token": csrf_of(page), "title": "Scored 4 x 3",
                                              "current_impact": "4", "current_likelihood": "3", "scope": "programme",
                                              "status": "open"})
    client.post(f"/programme/benefits/{key}/actuals", data={"csrf_token": csrf_of(page), "date": "2024-07-01",
                                                            "value": "199"})
    escalations = client.get("/governance/ics-nhs-body-board/escalations").text
    assert "Benefits escalated" in escalations and f"/programme/benefits/{key}" in escalations
    assert "/programme/risks/" in escalations
    other = client.get("/governance/east-kent-icp-steering-group/escalations").text
    assert "No benefits are escalated to this body." in other
    ended = client.get("/governance/dgs-icp-steering-group/escalations").text  # its rule names a body that ended
    assert "No benefits are escalated to this body." in ended


def test_impact_assessment_pages(client):
    login(client, "editor")
    assert "No impact assessments match" in client.get("/programme/impact-assessments").text
    form = client.get("/programme/impact-assessments/new").text
    assert form.count("Not rated yet") == 18 and "Rating the impact of the proposal on patient safety" in form
    ratings = {f"domains_{d}_rating": "neutral" for d in ["safety", "effectiveness", "experience", "other-impacts",
                                                          "equality-and-diversity", "prevention"]}
    unsigned = client.post("/programme/impact-assessments/new", data=ratings | {
        "csrf_token": csrf_of(form), "title": "Merge two community teams", "equality_carers_rating": "negative",
        "equality_carers_narrative": "Fewer home visits", "outcome": "proceed"})
    assert unsigned.status_code == 422
    assert 'href="#signed_off_by"' in unsigned.text and 'href="#outcome_rationale"' in unsigned.text
    made = client.post("/programme/impact-assessments/new", data=ratings | {
        "csrf_token": csrf_of(form), "title": "Merge two community teams", "equality_carers_rating": "negative",
        "equality_carers_narrative": "Fewer home visits"}, follow_redirects=True)
    assert made.status_code == 200 and "Negative equality impact: carers." in made.text
    assert "Full equality impact assessment" in made.text and "Fewer home visits" in made.text
    key = made.url.path.rsplit("/", 1)[1]
    edit = client.get(f"/programme/impact-assessments/{key}/edit").text
    version = edit.split('name="version" value="')[1].split('"')[0]
    signed = client.post(f"/programme/impact-assessments/{key}/edit", data=ratings | {
        "csrf_token": csrf_of(edit), "version": version, "title": "Merge two community teams",
        "equality_carers_rating": "negative", "outcome": "full_equality_impact_assessment",
        "signed_off_by": "Jo Bloggs", "signed_off_on": "2024-05-10"}, follow_redirects=True)
    assert "signed off by Jo Bloggs on 10 May 2024" in signed.text and signed.text.count("Changes saved.") == 1
    listed = client.get("/programme/impact-assessments", params={"outcome": "full_equality_impact_assessment"}).text
    assert key in listed and "1 impact assessment" in listed


def test_a_wrong_benefit_type_is_refused_naming_the_field_and_its_labels(client, api):
    login(client, "pmo")
    form = client.get("/programme/benefits/new").text
    bad = client.post("/programme/benefits/new", data=FORM | {"csrf_token": csrf_of(form), "type": "priceless"})
    message = "Type must be one of Cash-releasing, Non-cash-releasing or Qualitative"
    assert bad.status_code == 422 and f'<a href="#type">{message}</a>' in bad.text and "cash_releasing," not in bad.text
    pmo = api("pmo")
    refused = pmo.post("/api/v1/benefits", json={"title": "Priceless", "type": "priceless"})
    assert refused.status_code == 422 and refused.json()["errors"] == [
        {"field": "type", "message": "must be one of Cash-releasing, Non-cash-releasing or Qualitative"}]
    by_code = pmo.post("/api/v1/benefits", json={"title": "Lower running costs", "type": "cash_releasing"})
    by_label = pmo.post("/api/v1/benefits", json={"title": "Better experience", "type": "Qualitative"})
    assert (by_code.json()["type"], by_label.json()["type"]) == ("cash_releasing", "qualitative")
    filtered = client.get("/programme/benefits", params={"type": "Cash-releasing"}).text
    assert "Lower running costs" in filtered and "Better experience" not in filtered
