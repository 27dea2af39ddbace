"""The RAG rule exists twice, as Python (slippage.assess) and as SQL (service.rag_expression, for filtering and
counting in the database): they must agree on every combination of status and dates, on both backends."""

import itertools
from datetime import date, timedelta

from sqlalchemy import select

from caresystem.programme.core.service import get_programme
from caresystem.programme.plan import service, slippage
from caresystem.programme.plan.models import Milestone

TODAY = date(2024, 6, 1)
OFFSETS = {"baseline": [None, -10, 0, 10], "forecast": [None, -5, 5, 12, 45], "actual": [None, -1]}


def test_sql_and_python_rag_agree(db):
    session = db.session()
    programme = get_programme(session)
    grid = itertools.product(["not_started", "in_progress", "complete", "on_hold", "cancelled"],
                             *OFFSETS.values())
    for i, (status, b, f, a) in enumerate(grid):
        at = lambda offset: None if offset is None else TODAY + timedelta(days=offset)  # noqa: E731
        session.add(Milestone(programme_id=programme.id, key=f"grid-{i}", title=f"Grid {i}", status=status,
                              baseline_date=at(b), forecast_date=at(f), actual_date=at(a)))
    session.flush()
    for rules in (slippage.SlipRules(), slippage.SlipRules(red_after_days=40, amber_after_days=6)):
        rows = session.execute(select(Milestone, service.rag_expression(Milestone, rules, TODAY))
                               .where(Milestone.key.like("grid-%"))).all()
        assert len(rows) == 5 * 4 * 5 * 2
        disagree = [(m.key, m.status, m.baseline_date, m.forecast_date, m.actual_date, sql)
                    for m, sql in rows if service.assess(m, rules, TODAY).rag != sql]
        assert disagree == []
        assert {sql for _, sql in rows} == set(slippage.RAGS)
    session.rollback()
    session.close()
