"""Weighted capitation: shares sum to one, and more need never means a smaller share."""

import ibis
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caresystem.population.allocation import AllocationParameters, allocation
from caresystem.population.engine.executor import compute

AGES = (0, 20, 45, 65, 85)
WEIGHTS = pa.table({"sex": ["F"] * 5 + ["M"] * 5, "age_start": [*AGES, *AGES],
                    "weight": [0.5, 0.6, 0.9, 1.8, 3.5, 0.4, 0.5, 0.9, 2.0, 3.9]})  # rising with age


def _cells(people: dict[str, list[tuple[str, int, int, int]]]) -> ibis.Table:
    """PCN -> (sex, age_start, decile, people) rows, each PCN its own place; cost is flat so only weights matter."""
    rows = []
    for pcn, groups in people.items():
        for sex, age, decile, n in groups:
            rows.append({"practice_code": f"{pcn}1", "pcn_code": pcn, "pcn_name": pcn, "place_code": f"place-{pcn}",
                         "place_name": pcn, "sex": sex, "age_start": age, "deprivation_decile": decile,
                         "multimorbidity": "0", "people": n, "cost": 100.0 * n})
    return ibis.duckdb.connect().create_table("cells", pa.Table.from_pylist(rows))


def _shares(table: pa.Table, level: str) -> dict[str, float]:
    return {r["area_code"]: r["target_share"] for r in table.to_pylist() if r["area_type"] == level}


def test_shares_of_each_level_sum_to_one_and_fair_shares_to_the_budget():
    cells = _cells({"A": [("F", 20, 3, 500), ("M", 85, 9, 40)], "B": [("F", 65, 1, 300)], "C": [("M", 0, 5, 90)]})
    result = compute(allocation(cells, AllocationParameters(budget=1_000.0, age_sex_weights=WEIGHTS), "S"))
    for level in ("pcn", "place"):
        assert sum(_shares(result, level).values()) == pytest.approx(1.0, abs=1e-12)
    assert sum(r["fair_share"] for r in result.to_pylist() if r["area_type"] == "pcn") == pytest.approx(1_000.0)


def test_distance_from_target_against_a_current_allocation():
    cells = _cells({"A": [("F", 20, 5, 100)], "B": [("F", 20, 5, 100)]})
    result = compute(allocation(cells, AllocationParameters(budget=200.0, current={"A": 110.0}), "S")).to_pylist()
    a = next(r for r in result if r["area_code"] == "A")
    assert a["fair_share"] == pytest.approx(100.0) and a["distance_from_target"] == pytest.approx(0.10)
    assert next(r for r in result if r["area_code"] == "B")["distance_from_target"] is None


def test_market_forces_factor_raises_a_place():
    cells = _cells({"A": [("F", 20, 5, 100)], "B": [("F", 20, 5, 100)]})
    shares = _shares(compute(allocation(cells, AllocationParameters(market_forces={"place-A": 1.1}), "S")), "place")
    assert shares["place-A"] == pytest.approx(1.1 / 2.1)


def test_bad_parameters_are_refused_by_name():
    with pytest.raises(ValueError, match="budget"):
        AllocationParameters(budget=0)
    with pytest.raises(ValueError, match="market-forces"):
        AllocationParameters(market_forces={"x": -1})


group = st.tuples(st.sampled_from("FM"), st.sampled_from(AGES), st.integers(1, 10), st.integers(1, 500))


@settings(max_examples=40, deadline=None)
@given(st.lists(group, min_size=1, max_size=6), st.integers(0, 5), st.data())
def test_older_or_more_deprived_never_gets_a_smaller_share(groups, index, data):
    """B is A with one group made older and/or more deprived (weights rising with age): B gets no smaller share."""
    sex, age, decile, n = groups[index % len(groups)]
    older = data.draw(st.sampled_from([a for a in AGES if a >= age]))
    poorer = data.draw(st.integers(1, decile))
    changed = list(groups)
    changed[index % len(groups)] = (sex, older, poorer, n)
    cells = _cells({"A": groups, "B": changed})
    shares = _shares(compute(allocation(cells, AllocationParameters(age_sex_weights=WEIGHTS), "S")), "pcn")
    assert shares["B"] >= shares["A"] - 1e-12
