"""Plan pages: the plan, milestones with RAG tags and the timeline, detail, forms, dependencies, what moves,
resources and sign-off; and the service functions the dashboard and "my items" use."""

from datetime import date, timedelta

from caresystem.programme.core.service import get_programme
from caresystem.programme.plan.service import items_owned_by, milestone_summary
from tests.conftest import csrf_of, login


def test_plan_page_shows_objectives_projects_and_workstreams(client):
    assert client.get("/programme/plan", follow_redirects=False).status_code == 303
    login(client, "viewer")
    page = client.get("/programme/plan")
    assert page.status_code == 200
    text = page.text
    assert "Primary objective" in text and "Secondary objectives" in text and "Enabling objectives" in text
    assert "Establishment of local primary care networks" in text
    assert "Dr Bob Bowes, Clinical Chair, WK CCG" in text and "Becca Bradd" in text
    assert 'class="nhsuk-table__caption">7 core projects' in text
    assert 'class="nhsuk-table__caption">10 workstreams' in text
    assert 'href="/programme"' in text and ">Programme<" in text   # the navigation entry


def test_milestones_page_has_rag_tags_timeline_and_its_data_table(client):
    login(client, "viewer")
    text = client.get("/programme/milestones").text
    assert "nhsuk-tag--red\">Red</strong> 16" in text and "nhsuk-tag--blue\">Complete</strong> 1" in text
    assert '<svg class="cs-diagram"' in text and 'role="img"' in text and "<figcaption>" in text
    assert "17 dated items from 31 May 2019 to 1 April 2020" in text
    assert "How the RAG status is worked out" in text and "more than 28 days later" in text
    assert 'class="nhsuk-table__caption">17 milestones (the timeline' in text
    assert text.count('href="/programme/milestones/') >= 17
    filtered = client.get("/programme/milestones", params={"rag": "complete"}).text
    assert "system-commissioner-in-force" in filtered and "pcn-registration" not in filtered
    deliverables = client.get("/programme/deliverables", params={"workstream": "hr-od"}).text
    assert "5 deliverables" in deliverables
    table = deliverables.split('id="items"')[1]  # the RAG filter offers "No date" too: look in the table
    assert table.count('nhsuk-tag--grey">No date</strong>') == 5


def test_milestone_form_detail_dependency_and_what_moves(client):
    login(client, "pmo")
    form = client.get("/programme/milestones/new").text
    bad = client.post("/programme/milestones/new", data={"csrf_token": csrf_of(form), "title": "x",
                                                          "status": "not_started"})
    assert bad.status_code == 422 and 'href="#title"' in bad.text
    soon = (date.today() + timedelta(days=40)).isoformat()
    made = client.post("/programme/milestones/new", data={
        "csrf_token": csrf_of(form), "key": "icb-go-live", "title": "ICB goes live", "status": "in_progress",
        "baseline_date": soon, "owner": "Transition director", "projects": ["system-commissioner", "dgs-icp"]},
        follow_redirects=False)
    assert made.status_code == 303 and made.headers["location"] == "/programme/milestones/icb-go-live?saved=1"
    detail = client.get("/programme/milestones/icb-go-live").text
    assert "nhsuk-tag--green\">Green</strong>" in detail and "dgs-icp" in detail
    edit = client.get("/programme/milestones/icb-go-live/edit").text
    later = (date.today() + timedelta(days=80)).isoformat()
    saved = client.post("/programme/milestones/icb-go-live/edit", data={
        "csrf_token": csrf_of(edit), "version": "1", "title": "ICB goes live", "status": "in_progress",
        "baseline_date": soon, "forecast_date": later, "owner": "Transition director",
        "projects": ["system-commissioner"]}, follow_redirects=False)
    assert saved.status_code == 303
    detail = client.get("/programme/milestones/icb-go-live").text
    assert "nhsuk-tag--red\">Red</strong>" in detail and "40 days later than baseline" in detail
    stale = client.post("/programme/milestones/icb-go-live/edit", data={
        "csrf_token": csrf_of(edit), "version": "1", "title": "Stale", "status": "in_progress"})
    assert stale.status_code == 409
    added = client.post("/programme/milestones/icb-go-live/dependencies", data={
        "csrf_token": csrf_of(detail), "predecessor": "milestone:final-merger-proposal", "lag_days": "0"},
        follow_redirects=False)
    assert added.status_code == 303
    cycle = client.post("/programme/milestones/merger-application-approved/dependencies", data={
        "csrf_token": csrf_of(detail), "predecessor": "milestone:icb-go-live"})
    assert cycle.status_code == 422 and "would make a cycle: milestone icb-go-live →" in cycle.text
    moves = client.get("/programme/milestones/merger-application-approved/what-moves", params={"days": 90}).text
    assert '<table class="nhsuk-table" id="moves">' in moves and "nhse-authorisation" in moves
    assert "icb-go-live" in moves and "If milestone merger-application-approved slips 90 days" in moves


def test_resource_and_sign_off_pages(client):
    login(client, "pmo")
    resources = client.get("/programme/resources").text
    assert "£119,281" in resources and "Cost of new resource: <strong>£198,151 a year" in resources
    assert "Agenda for Change 2019/20" in resources and "Existing staff time: no new cost." in resources
    tracker = client.get("/programme/sign-off").text
    assert "0 of 18 signed" in tracker and "Ashford CCG" in tracker
    form = client.get("/programme/sign-off/ashford-ccg/edit").text
    bad = client.post("/programme/sign-off/ashford-ccg/edit", data={"csrf_token": csrf_of(form), "version": "1",
                                                                     "status": "signed"})
    assert bad.status_code == 422 and 'href="#signed_on"' in bad.text
    ok = client.post("/programme/sign-off/ashford-ccg/edit", data={
        "csrf_token": csrf_of(form), "version": "1", "status": "signed", "signatory": "A Chair",
        "signed_on": "2019-06-12"}, follow_redirects=False)
    assert ok.status_code == 303
    assert "1 of 18 signed" in client.get("/programme/sign-off").text


def test_viewer_sees_no_edit_controls_and_cannot_post(client):
    login(client, "viewer")
    assert "Add a milestone" not in client.get("/programme/milestones").text
    assert client.get("/programme/milestones/new").status_code == 403
    page = client.get("/programme/milestones/pcn-registration").text
    refused = client.post("/programme/milestones/pcn-registration/delete", data={"csrf_token": csrf_of(page),
                                                                                  "version": "1"})
    assert refused.status_code == 403


def test_summary_and_items_owned_by_for_the_dashboard(db):
    session = db.session()
    programme = get_programme(session)
    summary = milestone_summary(session, programme, today=date(2019, 8, 1))
    assert summary.total == 17 and sum(summary.counts.values()) == 17
    assert summary.counts["red"] == 7 and summary.counts["complete"] == 1 and summary.counts["green"] == 9
    assert [row.key for row in summary.timeline][:2] == ["icp-outline-development-plans", "icp-transition-leadership"]
    assert summary.timeline[-1].due_date == date(2020, 4, 1) and summary.timeline[0].rag == "red"
    assert len(milestone_summary(session, programme, limit=3).timeline) == 3
    owned = items_owned_by(session, "becca bradd")  # a lead in the PID and in the 2021 transition (002 section 7;
    # not the "Becca Brad" of the medical directorate, as the document spells it there)
    assert [(i.kind, i.programme, i.reference, i.role) for i in owned] == [  # her work stream's items, then its leads
        ("milestone", "ics-transition", "hr-framework-first-draft", "owner"),
        ("deliverable", "ics-transition", "board-and-leadership-appointments", "owner"),
        ("deliverable", "ics-transition", "tupe-transfer-of-staff", "owner"),
        ("workstream", "system-transformation", "hr-od", "workstream lead"),
        ("workstream", "ics-transition", "leadership-people-and-od", "workstream lead"),
        ("workstream", "ics-transition", "staff-and-stakeholder-engagement", "workstream lead")]
    assert owned[4].link == "/programme/plan?programme=ics-transition#workstreams"
    sponsor = items_owned_by(session, "Miles Scott")
    assert [(i.kind, i.reference, i.role) for i in sponsor] == [("project", "west-kent-icp", "senior sponsor")]
    from sqlalchemy import select

    from caresystem.programme.plan.models import Milestone
    session.scalar(select(Milestone).where(Milestone.key == "pcn-registration")).owner = "Dr Jane Lead"
    session.flush()
    mine = items_owned_by(session, "jane lead", today=date(2019, 5, 1))
    assert [(i.kind, i.reference, i.rag, i.href) for i in mine] == [
        ("milestone", "pcn-registration", "green", "/programme/milestones/pcn-registration")]
    assert items_owned_by(session, "x") == []
    session.close()
