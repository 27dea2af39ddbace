"""SII against an independent weighted regression; XmR rules."""

import numpy as np
import pytest
from hypothesis import given, strategies as st

from caresystem.stats import midpoint_ranks, sii, xmr


def _lstsq_slope(values, populations):
    pops = np.asarray(populations, float)
    share = pops / pops.sum()
    ranks = np.cumsum(share) - share / 2
    w = np.sqrt(pops)
    design = np.column_stack([np.ones_like(ranks), ranks]) * w[:, None]
    coef, *_ = np.linalg.lstsq(design, np.asarray(values, float) * w, rcond=None)
    return coef[1]


def test_sii_equals_an_independent_weighted_least_squares_fit():
    rng = np.random.default_rng(7)
    values = 75 + np.arange(10) * 0.9 + rng.normal(0, 0.4, 10)
    pops = rng.integers(50_000, 250_000, 10)
    result = sii(values, pops)
    assert result.sii == pytest.approx(_lstsq_slope(values, pops))
    assert result.sii_lower < result.sii < result.sii_upper
    assert result.rii == pytest.approx(result.sii / np.average(values, weights=pops))


def test_sii_sign_convention_least_minus_most_deprived():
    life = [76, 77, 78, 79, 80, 81, 82, 83, 84, 85]       # decile 1 (most deprived) first
    assert sii(life, [100] * 10).sii == pytest.approx(10.0)
    assert list(midpoint_ranks([1, 1, 2])) == pytest.approx([0.125, 0.375, 0.75])


def test_sii_simulated_interval_is_seeded():
    values, pops = [70, 72, 75, 77, 80], [100, 120, 90, 110, 100]
    low = [v - 1 for v in values]
    high = [v + 1 for v in values]
    first = sii(values, pops, lower=low, upper=high, repetitions=2000)
    assert first == sii(values, pops, lower=low, upper=high, repetitions=2000)
    assert first.sii_lower < first.sii < first.sii_upper


@given(st.lists(st.floats(0, 100, allow_nan=False), min_size=3, max_size=10), st.floats(0.1, 10))
def test_sii_does_not_depend_on_the_scale_of_populations(values, factor):
    pops = list(range(1, len(values) + 1))
    assert sii(values, pops).sii == pytest.approx(sii(values, [p * factor for p in pops]).sii, abs=1e-9)


def test_xmr_limits_and_rules():
    stable = [10, 12, 11, 13, 9, 11, 12, 10, 11, 12]
    chart = xmr(stable)
    moving = np.mean(np.abs(np.diff(stable)))
    assert chart.mean == pytest.approx(np.mean(stable))
    assert chart.upper_limit == pytest.approx(np.mean(stable) + 2.66 * moving)
    assert chart.special_causes == {}
    spike = xmr(stable + [40])
    assert "outside limits" in spike.special_causes[10]
    shifted = xmr([10, 11, 10, 11, 10, 11, 10, 11, 14, 15, 14, 15, 14, 15, 14, 15])
    assert all("shift" in shifted.special_causes.get(i, []) for i in range(8, 15))
    rising = xmr([1, 2, 3, 4, 5, 6, 7, 7, 7, 7, 7, 7, 7, 7])
    assert all("trend" in rising.special_causes.get(i, []) for i in range(7))
