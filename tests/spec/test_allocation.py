"""Spec: cells written as a table in, fair shares out, hand-computed here; on every backend (`backend`).

Three practices, each its own PCN: P1 and P2 in place A, P3 in place B. Women aged 40-44 cost 100 a head on
average (P1's, with no condition, 50; P2's, with one, 150); men aged 70-74 cost 400. The system's mean is
4000 / 25 = 160, so the age-sex weights are 100 / 160 = 0.625 and 400 / 160 = 2.5, and the morbidity ratios
within women of 40-44 are 50 / 100 = 0.5 and 150 / 100 = 1.5 (1 for the men, all in one band). The deprivation
adjustment at strength 0.1 is 1.1 for decile 1 and 1.0 for decile 10, over its mean (10 x 1.1 + 15 x 1.0) / 25
= 1.04. Weighted populations: P1 10 x 0.625 x 0.5 x 1.1 / 1.04 = 3.4375 / 1.04, P2 10 x 0.625 x 1.5 / 1.04 =
9.375 / 1.04, P3 5 x 2.5 / 1.04 = 12.5 / 1.04; of their sum 25.3125 / 1.04 the shares are 11/81, 30/81 and 40/81.
"""

import pyarrow as pa
import pytest

from caresystem.population.allocation import AllocationParameters, allocation
from caresystem.population.engine.executor import compute
from tests.spec.tables import cells_in_practices, rows

CELLS = """
    practice_code | sex | age_start | deprivation_decile | segment | multimorbidity | people | cost
    P1            | F   | 40        | 1                  | healthy | 0              | 10     | 500
    P2            | F   | 40        | 10                 | healthy | 1              | 10     | 1500
    P3            | M   | 70        | 10                 | healthy | 0              | 5      | 2000
"""


@pytest.fixture(scope="module")
def area_cells(backend):
    return cells_in_practices(backend, "allocation", CELLS)


def _by_area(result) -> dict[tuple[str, str], dict]:
    return {(r["area_type"], r["area_code"]): r for r in result.to_pylist()}


def test_fair_shares_weight_people_by_age_sex_cost_morbidity_and_deprivation(area_cells):
    # a budget of 810 splits as 110, 300 and 400; N1 currently gets 121, 10% over its fair share
    expected = rows("""
        area_type | area_code | denominator | age_sex_index | need_index | inequalities_and_mff_index | weighted_population | target_share | fair_share | current_allocation | distance_from_target | value
        pcn       | N1        | 10          | 0.625         | 0.5        | 1.05769                    | 3.30529             | 0.135802     | 110        | 121                | 0.1                  | 0.330529
        pcn       | N2        | 10          | 0.625         | 1.5        | 0.961538                   | 9.01442             | 0.370370     | 300        |                    |                      | 0.901442
        pcn       | N3        | 5           | 2.5           | 1          | 0.961538                   | 12.0192             | 0.493827     | 400        |                    |                      | 2.40385
        place     | A         | 20          | 0.625         | 1          | 0.985577                   | 12.3197             | 0.506173     | 410        |                    |                      | 0.615986
        place     | B         | 5           | 2.5           | 1          | 0.961538                   | 12.0192             | 0.493827     | 400        |                    |                      | 2.40385
        system    | system    | 25          | 1             | 1          | 0.973558                   | 24.3389             | 1            | 810        |                    |                      | 0.973558
    """)
    parameters = AllocationParameters(budget=810.0, current={"N1": 121.0})
    found = _by_area(compute(allocation(area_cells, parameters, "Test system")))
    assert set(found) == {(r["area_type"], r["area_code"]) for r in expected}  # no practice rows
    for row in expected:
        got = found[(row["area_type"], row["area_code"])]
        assert {c: got[c] for c in row} == pytest.approx(row, rel=1e-5), row
        assert got["numerator"] == pytest.approx(row["weighted_population"], rel=1e-5)


def test_a_market_forces_factor_scales_its_places_weighted_population(area_cells):
    # place B's 12.5 / 1.04 becomes 15 / 1.04 at a factor of 1.2: of 27.8125 / 1.04 in all, B gets 15 / 27.8125
    parameters = AllocationParameters(budget=810.0, market_forces={"B": 1.2})
    found = _by_area(compute(allocation(area_cells, parameters, "Test system")))
    assert found[("place", "B")]["target_share"] == pytest.approx(15 / 27.8125)
    assert found[("place", "B")]["inequalities_and_mff_index"] == pytest.approx(1.2 / 1.04)
    assert found[("pcn", "N1")]["target_share"] == pytest.approx(3.4375 / 27.8125)


def test_supplied_age_sex_weights_replace_those_derived_from_costs(area_cells):
    # weight 1 for women of 40-44 and 2 for men of 70-74: P3's 5 x 2 / 1.04 against P1's 10 x 0.5 x 1.1 / 1.04
    # and P2's 10 x 1.5 / 1.04; in all 30.5 / 1.04
    supplied = table_of_weights({("F", 40): 1.0, ("M", 70): 2.0})
    found = _by_area(compute(allocation(area_cells, AllocationParameters(age_sex_weights=supplied), "Test system")))
    assert found[("pcn", "N3")]["target_share"] == pytest.approx(10 / 30.5)
    assert found[("pcn", "N3")]["age_sex_index"] == pytest.approx(2.0)
    assert found[("pcn", "N1")]["target_share"] == pytest.approx(5.5 / 30.5)


def table_of_weights(weights: dict[tuple[str, int], float]) -> pa.Table:
    return pa.table({"sex": [s for s, _ in weights], "age_start": pa.array([a for _, a in weights], pa.int16()),
                     "weight": list(weights.values())})
