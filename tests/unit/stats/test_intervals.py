"""Wilson and Poisson intervals against published values, and their properties."""

import math

import pytest
from hypothesis import given, strategies as st

from caresystem.stats import byars, chi2_quantile, exact_poisson, wilson


@pytest.mark.parametrize("x,n,lower,upper", [
    (81, 263, 0.2553, 0.3662),   # Newcombe (1998), Statistics in Medicine 17:857, example (i)
    (15, 148, 0.0624, 0.1605),   # example (ii)
    (0, 20, 0.0, 0.1611),        # example (iii)
    (1, 29, 0.0061, 0.1718),     # example (iv)
])
def test_wilson_matches_newcombe(x, n, lower, upper):
    value, low, high = wilson(x, n)
    assert value == pytest.approx(x / n)
    assert (round(low, 4), round(high, 4)) == (lower, upper)


# Exact 95% Poisson limits (e.g. Sahai and Khurshid 1993; PHE confidence interval tables).
EXACT = {0: (0.0, 3.689), 1: (0.0253, 5.572), 2: (0.2422, 7.225), 3: (0.6187, 8.767), 4: (1.0899, 10.242),
         5: (1.6235, 11.668), 9: (4.1150, 17.085)}


@pytest.mark.parametrize("count", sorted(EXACT))
def test_small_counts_use_exact_poisson_limits(count):
    low, high = byars(count)
    assert low == pytest.approx(EXACT[count][0], abs=5e-4) and high == pytest.approx(EXACT[count][1], abs=5e-4)


def test_byars_from_ten():
    z = 1.959963984540054
    o = 25
    expected_low = o * (1 - 1 / (9 * o) - z / (3 * math.sqrt(o))) ** 3
    expected_high = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * math.sqrt(o + 1))) ** 3
    assert byars(o) == pytest.approx((expected_low, expected_high))
    exact_low, exact_high = exact_poisson(10)
    assert (round(exact_low, 3), round(exact_high, 3)) == (4.795, 18.390)


def test_chi_square_quantiles():
    assert chi2_quantile(0.975, 2) == pytest.approx(7.377759, abs=1e-6)
    assert chi2_quantile(0.05, 10) == pytest.approx(3.940299, abs=1e-6)
    assert chi2_quantile(0.95, 1) == pytest.approx(3.841459, abs=1e-6)


@given(st.integers(1, 10_000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
       st.sampled_from([0.8, 0.9, 0.95, 0.99]))
def test_wilson_interval_contains_the_proportion_and_stays_in_0_1(xn, confidence):
    x, n = xn
    value, low, high = wilson(x, n, confidence)
    assert 0 <= low <= value + 1e-12 and value - 1e-12 <= high <= 1
    _, wider_low, wider_high = wilson(x, n, 0.999)
    assert wider_low <= low + 1e-12 and wider_high >= high - 1e-12


@given(st.integers(0, 5000))
def test_poisson_limits_contain_the_count(count):
    low, high = byars(count)
    assert 0 <= low <= count <= high


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="denominator"):
        wilson(1, 0)
    with pytest.raises(ValueError, match="numerator"):
        wilson(5, 4)
    with pytest.raises(ValueError, match="confidence"):
        wilson(1, 2, confidence=95)
