"""Plan rules without a database: slippage RAG, the dependency network (cycles, what moves), pay-band costs."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caresystem.programme.plan import costs, network, slippage
from caresystem.programme.plan.slippage import SlipRules, assess

TODAY = date(2026, 6, 1)
RULES = SlipRules(red_after_days=28, amber_after_days=0)
dates = st.dates(min_value=date(2018, 1, 1), max_value=date(2030, 12, 31))
statuses = st.sampled_from(["not_started", "in_progress", "on_hold", "complete", "cancelled"])
open_statuses = st.sampled_from(["not_started", "in_progress", "on_hold"])
rules = st.builds(lambda a, extra: SlipRules(red_after_days=a + extra, amber_after_days=a),
                  st.integers(0, 60), st.integers(0, 60))


def rag(status="not_started", baseline=None, forecast=None, actual=None, rules=RULES, today=TODAY):
    return assess(status=status, baseline=baseline, forecast=forecast, actual=actual, today=today, rules=rules)


@pytest.mark.parametrize("kwargs,expected", [
    ({"status": "complete", "baseline": date(2019, 5, 31)}, "complete"),
    ({"actual": date(2020, 4, 1), "baseline": date(2020, 4, 1)}, "complete"),
    ({"status": "cancelled", "baseline": date(2019, 5, 31)}, "cancelled"),
    ({}, "no_date"),
    ({"baseline": date(2026, 5, 31)}, "red"),                                      # overdue, no actual
    ({"baseline": date(2026, 7, 1), "forecast": date(2026, 5, 1)}, "red"),         # forecast passed
    ({"baseline": date(2026, 7, 1)}, "green"),
    ({"baseline": date(2026, 7, 1), "forecast": date(2026, 7, 1)}, "green"),
    ({"baseline": date(2026, 7, 1), "forecast": date(2026, 6, 20)}, "green"),      # ahead
    ({"baseline": date(2026, 7, 1), "forecast": date(2026, 7, 2)}, "amber"),       # any slip
    ({"baseline": date(2026, 7, 1), "forecast": date(2026, 7, 29)}, "amber"),      # 28 days: not more than 28
    ({"baseline": date(2026, 7, 1), "forecast": date(2026, 7, 30)}, "red"),        # 29 days
    ({"forecast": date(2026, 8, 1)}, "green"),                                     # no baseline: no slip known
])
def test_slippage_rag_rules(kwargs, expected):
    assert rag(**kwargs).rag == expected


def test_thresholds_are_configurable_and_explained():
    lenient = SlipRules.from_settings({"milestone_rag": {"red_after_days": 60, "amber_after_days": 7}})
    assert (lenient.red_after_days, lenient.amber_after_days) == (60, 7)
    assert SlipRules.from_settings({}) == SlipRules() == SlipRules(28, 0)
    slipped = {"baseline": date(2026, 7, 1), "forecast": date(2026, 8, 5)}            # 35 days late
    assert rag(**slipped).rag == "red" and rag(**slipped, rules=lenient).rag == "amber"
    assert rag(baseline=date(2026, 7, 1), forecast=date(2026, 7, 5), rules=lenient).rag == "green"
    assert "35 days later than baseline (more than 28)" in rag(**slipped).reason
    assert any("more than 60 days" in line for line in lenient.describe())
    assert slippage.check_rules({"red_after_days": 5, "amber_after_days": 10}) is not None
    assert slippage.check_rules({"red_after_days": -1}) is not None
    assert slippage.check_rules({"blue_after_days": 1}) is not None
    assert slippage.check_rules({"red_after_days": 14, "amber_after_days": 7}) is None


@given(status=statuses, baseline=st.none() | dates, forecast=st.none() | dates, actual=dates, rules=rules)
def test_an_actual_date_means_complete_unless_cancelled(status, baseline, forecast, actual, rules):
    found = rag(status, baseline, forecast, actual, rules)
    assert found.rag == ("cancelled" if status == "cancelled" else "complete")


@given(status=open_statuses, baseline=dates, forecast=st.none() | dates, rules=rules)
def test_overdue_without_actual_is_always_red(status, baseline, forecast, rules):
    due = forecast or baseline
    found = rag(status, baseline, forecast, None, rules, today=due + timedelta(days=1))
    assert found.rag == "red" and found.overdue


@given(status=open_statuses, baseline=dates, slip=st.integers(-400, 400), later=st.integers(0, 400), rules=rules)
def test_more_slip_never_improves_the_rag(status, baseline, slip, later, rules):
    """Not yet due: pushing the forecast later can only keep or worsen the RAG; the band matches the slip."""
    today = baseline - timedelta(days=500)
    first = rag(status, baseline, baseline + timedelta(days=slip), None, rules, today)
    second = rag(status, baseline, baseline + timedelta(days=slip + later), None, rules, today)
    assert slippage.SEVERITY[second.rag] >= slippage.SEVERITY[first.rag]
    expected = "red" if slip > rules.red_after_days else "amber" if slip > rules.amber_after_days else "green"
    assert first.rag == expected and first.slip_days == slip


M = lambda i: ("milestone", i)  # noqa: E731


def test_cycle_detection_names_the_cycle():
    successors = {M(1): [M(2)], M(2): [M(3)]}
    assert network.cycle_if_added(successors, M(3), M(1)) == [M(3), M(1), M(2), M(3)]
    assert network.cycle_if_added(successors, M(1), M(3)) is None          # a shortcut is not a cycle
    assert network.cycle_if_added(successors, M(2), M(2)) == [M(2), M(2)]
    assert network.cycle_if_added({}, M(1), M(2)) is None


@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=30))
def test_edges_accepted_one_by_one_never_make_a_cycle(candidates):
    successors: dict = {}
    for a, b in candidates:
        if network.cycle_if_added(successors, M(a), M(b)) is None:
            successors.setdefault(M(a), []).append(M(b))
    # a topological order exists for what was accepted (Kahn's algorithm consumes every node)
    nodes = {n for edge in successors.items() for n in [edge[0], *edge[1]]}
    indegree = {n: 0 for n in nodes}
    for targets in successors.values():
        for t in targets:
            indegree[t] += 1
    ready, seen = [n for n, d in indegree.items() if d == 0], 0
    while ready:
        node = ready.pop()
        seen += 1
        for t in successors.get(node, []):
            indegree[t] -= 1
            if indegree[t] == 0:
                ready.append(t)
    assert seen == len(nodes)


def test_what_moves_absorbs_slack_and_takes_the_longest_path():
    d = date(2026, 1, 1)
    dates = {M(1): d, M(2): d + timedelta(days=10), M(3): d + timedelta(days=30), M(4): d + timedelta(days=31),
             M(5): None, M(6): d + timedelta(days=40)}
    edges = [(M(1), M(2), 0),   # slack 10
             (M(1), M(3), 0),   # slack 30
             (M(2), M(4), 0),   # slack 21
             (M(3), M(4), 3),   # 3 days' lag: no slack left (31 - 30 - 3 < 0)
             (M(4), M(5), 0),   # undated: passes the push on
             (M(5), M(6), 0)]
    moved = {m.node: m for m in network.propagate(edges, dates, M(1), 35)}
    assert moved[M(2)].shift_days == 25 and moved[M(2)].new_date == d + timedelta(days=35)
    assert moved[M(3)].shift_days == 5
    assert moved[M(4)].shift_days == 5 and moved[M(4)].via == (M(1), M(3), M(4))  # via 3 (5) beats via 2 (25-21)
    assert moved[M(5)].new_date is None and moved[M(5)].shift_days == 5
    assert moved[M(6)].shift_days == 5 and moved[M(6)].new_date == d + timedelta(days=45)
    assert [m.node for m in network.propagate(edges, dates, M(1), 35)][0] in (M(2), M(3))
    small = {m.node: m.shift_days for m in network.propagate(edges, dates, M(1), 5)}
    assert small == {M(2): 0, M(3): 0, M(4): 0, M(5): 0, M(6): 0}


def test_lag_and_fixed_items():
    d = date(2026, 1, 1)
    dates = {M(1): d, M(2): d + timedelta(days=10), M(3): d + timedelta(days=10)}
    edges = [(M(1), M(2), 7), (M(2), M(3), 0)]
    moved = {m.node: m.shift_days for m in network.propagate(edges, dates, M(1), 5)}
    assert moved == {M(2): 2, M(3): 2}            # slack 10 - 7 lag = 3 absorbs 3 of 5
    fixed = {m.node: m.shift_days for m in network.propagate(edges, dates, M(1), 5, frozenset({M(2)}))}
    assert fixed == {M(2): 0, M(3): 0}            # a complete item does not move


@given(st.integers(0, 400), st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.integers(0, 20)),
                                     max_size=15), st.lists(st.integers(0, 100), min_size=6, max_size=6))
def test_no_item_moves_more_than_the_slip_or_earlier(days, raw_edges, offsets):
    successors: dict = {}
    edges = []
    for a, b, lag in raw_edges:
        if network.cycle_if_added(successors, M(a), M(b)) is None:
            successors.setdefault(M(a), []).append(M(b))
            edges.append((M(a), M(b), lag))
    dates = {M(i): date(2026, 1, 1) + timedelta(days=o) for i, o in enumerate(offsets)}
    for m in network.propagate(edges, dates, M(0), days):
        assert 0 <= m.shift_days <= days and m.via[0] == M(0) and m.via[-1] == m.node


def test_pay_band_costs():
    table = costs.pay_table()
    assert table.midpoint("8a") == (44606 + 50819) / 2 and table.on_cost_percent == 25
    one = costs.cost_line(band="7", wte=1.0, posts=1, table=table)
    assert one.annual == round((37570 + 43772) / 2 * 1.25, 2) and "band 7" in one.basis
    two = costs.cost_line(band="8a", wte=None, posts=2, table=table)
    assert two.annual == round(table.midpoint("8a") * 1.25 * 2, 2) and "assumed full time" in two.basis
    assert costs.cost_line(band="existing", wte=0.4, posts=1, table=table).annual is None
    assert costs.cost_line(band=None, wte=1, posts=1, table=table).annual is None
    assert costs.cost_line(band="4", wte=None, posts=None, table=table).annual is None
    custom = costs.pay_table({"pay_bands": {"on_cost_percent": 30, "bands": {"7": {"min": 40000, "max": 50000}}}})
    assert costs.cost_line(band="7", wte=0.5, posts=1, table=custom).annual == 45000 * 1.3 * 0.5
    assert "8a" not in custom.bands and custom.source == table.source
    assert costs.check_pay_bands({"bands": {"7": {"min": 5, "max": 1}}}) is not None
    assert costs.check_pay_bands({"on_cost_percent": 130}) is not None
    assert costs.check_pay_bands({"on_cost_percent": 28.5, "bands": {"7": {"min": 1, "max": 5}}}) is None
