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
