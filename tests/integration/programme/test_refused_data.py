"""Data that would be accepted but wrong is refused, naming the field, through the API and the pages, and nothing is
changed: work completed in the future, a status that contradicts the dates, a benefit actual from the future or out
of its measure's range, and references to places, bodies, organisations and plan records that do not exist."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from caresystem.auth import SYSTEM
from caresystem.clock import TODAY, long_date
from caresystem.errors import Invalid
from caresystem.programme.core import get_programme
from caresystem.programme.plan.models import Milestone
from caresystem.programme.plan.schemas import MilestoneCreate
from caresystem.programme.plan.service import MILESTONES, create_record
from caresystem.programme.raid.models import Action, Risk
from tests.conftest import csrf_of, login

TOMORROW = (date.today() + timedelta(days=1)).isoformat()
YESTERDAY = (date.today() - timedelta(days=1)).isoformat()


def _fields(response) -> dict[str, str]:
    assert response.status_code == 422, response.text
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def _count(db, model, *conditions) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model).where(*conditions))


def _post_form(client, path: str, data: dict, form_path: str | None = None):
    token = csrf_of(client.get(form_path or path).text)
    return client.post(path, data={"csrf_token": token, **data}, follow_redirects=False)


def test_milestone_completed_in_the_future_or_contradicting_its_status_is_refused_through_the_api(api, db):
    pmo = api("pmo")
    before = _count(db, Milestone)
    future = _fields(pmo.post("/api/v1/milestones", json={"title": "Go live", "status": "complete",
                                                          "actual_date": "2030-01-01"}))
    assert future == {"actual_date": f"must not be in the future (today is {long_date(date.today())})"}
    undated = _fields(pmo.post("/api/v1/milestones", json={"title": "Go live", "status": "complete"}))
    assert undated == {"actual_date": "is required when the status is Complete"}
    not_started = _fields(pmo.post("/api/v1/milestones", json={"title": "Go live", "actual_date": YESTERDAY}))
    assert not_started == {"status": "cannot be Not started when an actual date is given: make it Complete, or "
                                     "clear the date"}
    assert _count(db, Milestone) == before, "a refused request changes nothing"
    made = pmo.post("/api/v1/milestones", json={"title": "Go live", "status": "complete", "actual_date": YESTERDAY})
    assert made.status_code == 201 and made.json()["rag"] == "complete"
    key = made.json()["key"]
    # an update is judged on the record as it will be: clearing the date of a complete milestone is refused
    cleared = _fields(pmo.patch(f"/api/v1/milestones/{key}", json={"version": 1, "actual_date": None}))
    assert set(cleared) == {"actual_date"}
    reopened = pmo.patch(f"/api/v1/milestones/{key}", json={"version": 1, "actual_date": None, "status": "in_progress"})
    assert reopened.status_code == 200 and reopened.json()["actual_date"] is None
    deliverable = _fields(pmo.post("/api/v1/deliverables", json={"title": "Viewer bought", "status": "cancelled",
                                                                 "actual_date": TOMORROW}))
    assert set(deliverable) == {"actual_date", "status"}


def test_milestone_form_refuses_a_future_actual_date_and_keeps_what_was_typed(client, db):
    login(client, "pmo")
    before = _count(db, Milestone)
    response = _post_form(client, "/programme/milestones/new", {"title": "Board signs off", "status": "complete",
                                                                 "actual_date": "2030-01-01"})
    assert response.status_code == 422
    assert '<a href="#actual_date">Actual date must not be in the future' in response.text
    assert 'value="2030-01-01"' in response.text and _count(db, Milestone) == before
    not_started = _post_form(client, "/programme/milestones/new", {"title": "Board signs off",
                                                                    "status": "not_started", "actual_date": YESTERDAY})
    assert '<a href="#status">Status cannot be Not started when an actual date is given' in not_started.text


def test_today_is_the_sessions_pinned_day(db):
    """The rules take today from the session when it pins one, so a date can be judged as at any day."""
    with db.session() as session:
        session.info[TODAY] = date(2022, 6, 30)
        programme = get_programme(session)
        with pytest.raises(Invalid) as refused:
            create_record(session, actor=SYSTEM, programme=programme, kind=MILESTONES,
                          data=MilestoneCreate(title="ICB established", status="complete",
                                               actual_date=date(2022, 7, 1)))
        assert [(e.field, e.message) for e in refused.value.errors] == [
            ("actual_date", "must not be in the future (today is 30 June 2022)")]
        session.info[TODAY] = date(2022, 7, 1)
        made = create_record(session, actor=SYSTEM, programme=programme, kind=MILESTONES,
                             data=MilestoneCreate(title="ICB established", status="complete",
                                                  actual_date=date(2022, 7, 1)))
        assert made.actual_date == date(2022, 7, 1)
        session.rollback()


def test_action_done_needs_a_past_completion_date(api, client, db):
    pmo = api("pmo")
    before = _count(db, Action)
    assert set(_fields(pmo.post("/api/v1/actions", json={"title": "Brief practices", "status": "done"}))) \
        == {"completed_on"}
    assert set(_fields(pmo.post("/api/v1/actions", json={"title": "Brief practices", "status": "done",
                                                         "completed_on": TOMORROW}))) == {"completed_on"}
    assert _fields(pmo.post("/api/v1/actions", json={"title": "Brief practices", "completed_on": YESTERDAY})) == {
        "status": "cannot be Open when a completed on date is given: make it Done, or clear the date"}
    made = pmo.post("/api/v1/actions", json={"title": "Brief practices", "status": "done", "completed_on": YESTERDAY})
    assert made.status_code == 201 and _count(db, Action) == before + 1
    reference = made.json()["reference"]
    assert set(_fields(pmo.patch(f"/api/v1/actions/{reference}", json={"version": 1, "status": "open"}))) == {"status"}
    login(client, "pmo")
    page = _post_form(client, "/programme/actions/new", {"title": "Brief practices", "status": "done",
                                                          "completed_on": "2031-02-01"})
    assert page.status_code == 422 and '<a href="#completed_on">' in page.text
    assert "must not be in the future" in page.text and _count(db, Action) == before + 1


def test_benefit_actual_from_the_future_or_out_of_range_is_refused(api, client):
    pmo = api("pmo")
    made = pmo.post("/api/v1/benefits", json={"title": "Fewer emergency admissions", "measure": {
        "name": "Admissions avoided", "unit": "admissions", "direction": "increase"}}).json()
    key = made["key"]
    refused = _fields(pmo.post(f"/api/v1/benefits/{key}/actuals", json={"date": "2031-01-01", "value": -99999}))
    assert refused["date"].startswith("must not be in the future")
    assert refused["value"] == "must be 0 or more: the measure is in admissions"
    assert pmo.get(f"/api/v1/benefits/{key}").json()["actuals"] == [], "nothing recorded"
    assert pmo.post(f"/api/v1/benefits/{key}/actuals", json={"date": YESTERDAY, "value": 0}).status_code == 201
    share = pmo.post("/api/v1/benefits", json={"title": "Care plans in place", "measure": {
        "name": "Share with a care plan", "unit": "percent"}}).json()
    assert _fields(pmo.post(f"/api/v1/benefits/{share['key']}/actuals", json={"date": YESTERDAY, "value": 101})) \
        == {"value": "must be from 0 to 100: the measure is in percent"}
    money = pmo.post("/api/v1/benefits", json={"title": "Running cost savings", "measure": {
        "name": "Savings", "unit": "GBP million"}}).json()
    loss = pmo.post(f"/api/v1/benefits/{money['key']}/actuals", json={"date": YESTERDAY, "value": -0.4})
    assert loss.status_code == 201, "money may be negative: a saving can turn out a loss"
    login(client, "pmo")
    page = _post_form(client, f"/programme/benefits/{key}/actuals", {"date": "2031-01-01", "value": "-99999"},
                      form_path=f"/programme/benefits/{key}")
    assert page.status_code == 422 and "must not be in the future" in page.text
    assert "must be 0 or more: the measure is in admissions" in page.text


def test_references_to_things_that_do_not_exist_are_refused(api, client, db):
    pmo, admin = api("pmo"), api("admin")
    before = _count(db, Risk)
    assert _fields(pmo.post("/api/v1/risks", json={"title": "Place risk", "scope": "place", "scope_ref": "nowhere"})) \
        == {"scope_ref": "'nowhere' is not a place in the system"}
    assert set(_fields(pmo.post("/api/v1/risks", json={"title": "Project risk", "scope": "project",
                                                       "scope_ref": "no-such-project"}))) == {"scope_ref"}
    placed = pmo.post("/api/v1/risks", json={"title": "Place risk", "scope": "place", "scope_ref": "dgs"})
    assert placed.status_code == 201 and _count(db, Risk) == before + 1
    moved = pmo.patch(f"/api/v1/risks/{placed.json()['reference']}", json={"version": 1, "scope_ref": "atlantis"})
    assert set(_fields(moved)) == {"scope_ref"}
    assert set(_fields(admin.post("/api/v1/escalation-rules", json={
        "min_score": 8, "body_key": "no-such-board"}))) == {"body_key"}
    assert _fields(pmo.post("/api/v1/decisions", json={"title": "Merge", "body_key": "no-such-board"})) == {
        "body_key": "'no-such-board' is not a governance body in the system"}
    assert _fields(pmo.post("/api/v1/projects", json={"name": "Frailty", "place": "nowhere",
                                                      "governance_body": "no-such-board"})) == {
        "governance_body": "'no-such-board' is not a governance body in the system",
        "place": "'nowhere' is not a place in the system"}
    assert set(_fields(pmo.post("/api/v1/sign-offs", json={"organisation_name": "Nobody", "organisation": "ZZZ"}))) \
        == {"organisation"}
    assert set(_fields(pmo.post("/api/v1/benefits", json={"title": "A benefit", "project": "no-such-project"}))) \
        == {"project"}
    assert set(_fields(pmo.post("/api/v1/impact-assessments", json={"title": "Close a ward",
                                                                    "project": "no-such-project"}))) == {"project"}
    assert set(_fields(pmo.post("/api/v1/stakeholders", json={"name": "Local council", "forums": [
        {"forum": "Health and wellbeing board", "body": "kent-health-and-wellbeing-board"},
        {"forum": "A board", "body": "no-such-board"}]}))) == {"forums.1.body"}
    login(client, "pmo")
    page = _post_form(client, "/programme/risks/new", {"title": "Place risk", "scope": "place",
                                                        "scope_ref": "nowhere"})
    assert page.status_code == 422 and "&#39;nowhere&#39; is not a place in the system" in page.text
    assert _count(db, Risk) == before + 1
