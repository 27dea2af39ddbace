"""Which occurrences of the communications plan are overdue, judged as at the day the session takes as today."""

from datetime import date, timedelta

from caresystem.auth import SYSTEM
from caresystem.clock import TODAY
from caresystem.programme.core import get_programme
from caresystem.programme.engagement import communications_plan

EVERY = 1000  # the example's plan has 156 occurrences


def _overdue(session, programme) -> tuple[list, int]:
    return communications_plan.list_occurrences(session, actor=SYSTEM, programme=programme, overdue=True,
                                                limit=EVERY)


def test_overdue_occurrences_follow_the_sessions_pinned_day(db):
    with db.session() as session:
        programme = get_programme(session)  # its monthly tools run from 1 April 2019
        session.info[TODAY] = date(2019, 4, 1)
        assert _overdue(session, programme)[1] == 0, "nothing falls due before the plan starts"
        new_year = date(2020, 1, 1)
        session.info[TODAY] = new_year
        overdue, count = _overdue(session, programme)
        pending, _ = communications_plan.list_occurrences(session, actor=SYSTEM, programme=programme, done=False,
                                                          limit=EVERY)
        assert count == len(overdue) == sum(1 for o in pending if o.due_on < new_year) > 0
        assert all(communications_plan.is_overdue(o) for o in overdue), "the read agrees with the list"
        coming, _ = communications_plan.coming_and_overdue(session, actor=SYSTEM, programme=programme, limit=EVERY)
        horizon = new_year + timedelta(days=communications_plan.UPCOMING_DAYS)
        assert {o.due_on for o in coming} == {o.due_on for o in pending if o.due_on <= horizon}


def test_once_the_programme_has_closed_its_past_occurrences_are_not_recorded_rather_than_overdue(db):
    with db.session() as session:
        programme = get_programme(session)  # it ends on 30 June 2022
        session.info[TODAY] = programme.end_date
        open_counts = communications_plan.occurrence_counts(session, actor=SYSTEM, programme=programme)
        overdue, count = _overdue(session, programme)
        assert open_counts["overdue"] == count > 0 and open_counts["not_recorded"] == 0
        assert all(communications_plan.is_overdue(o) and not communications_plan.is_not_recorded(o) for o in overdue)
        session.info[TODAY] = programme.end_date + timedelta(days=1)
        assert _overdue(session, programme)[1] == 0
        counts = communications_plan.occurrence_counts(session, actor=SYSTEM, programme=programme)
        assert counts == {"overdue": 0, "not_recorded": 156, "coming": 0}
        assert not any(communications_plan.is_overdue(o) for o in overdue)
        assert all(communications_plan.is_not_recorded(o) for o in overdue)


def test_the_api_reports_a_closed_programmes_past_occurrences_as_not_recorded(api):
    viewer = api("viewer")
    assert viewer.get("/api/v1/communication-occurrences", params={"overdue": True}).json()["total"] == 0
    items = viewer.get("/api/v1/communication-occurrences", params={"page_size": 100}).json()["items"]
    assert items and all(o["not_recorded"] and not o["overdue"] for o in items)
