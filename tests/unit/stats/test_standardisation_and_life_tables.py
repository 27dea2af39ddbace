"""DSR with Dobson limits and life expectancy by Chiang II, checked against hand-worked examples."""

import math

import pytest
from hypothesis import given, strategies as st

from caresystem.stats import ESP2013_WEIGHTS, dsr, esp2013, esp2013_band, life_expectancy, life_table


def test_esp2013_has_19_bands_summing_to_100000():
    assert len(ESP2013_WEIGHTS) == 19 and sum(ESP2013_WEIGHTS) == 100_000
    assert esp2013["90+"] == 1000 and esp2013["0-4"] == 5000
    assert [esp2013_band(a) for a in (0, 4, 5, 89, 90, 104)] == ["0-4", "0-4", "5-9", "85-89", "90+", "90+"]


def test_dsr_worked_example():
    counts, pops, weights = [10, 20, 30], [1000, 2000, 3000], [2000, 3000, 5000]
    rate = (2000 * 10 / 1000 + 3000 * 20 / 2000 + 5000 * 30 / 3000) / 10_000          # 0.01
    variance = (2000 ** 2 * 10 / 1000 ** 2 + 3000 ** 2 * 20 / 2000 ** 2 + 5000 ** 2 * 30 / 3000 ** 2) / 10_000 ** 2
    z = 1.959963984540054
    o_low = 60 * (1 - 1 / 540 - z / (3 * math.sqrt(60))) ** 3
    o_high = 61 * (1 - 1 / 549 + z / (3 * math.sqrt(61))) ** 3
    expected = (rate * 1e5, (rate + (o_low - 60) * math.sqrt(variance / 60)) * 1e5,
                (rate + (o_high - 60) * math.sqrt(variance / 60)) * 1e5)
    assert dsr(counts, pops, weights) == pytest.approx(expected)
    assert dsr(counts, pops, weights)[0] == pytest.approx(1000.0)


@given(st.lists(st.tuples(st.integers(0, 500), st.integers(1, 100_000), st.integers(1, 10_000)), min_size=2,
                max_size=19), st.randoms(use_true_random=False))
def test_dsr_does_not_depend_on_band_order(bands, rng):
    if sum(o for o, _, _ in bands) == 0:
        return
    shuffled = bands[:]
    rng.shuffle(shuffled)
    first = dsr(*zip(*bands))
    second = dsr(*zip(*shuffled))
    assert first == pytest.approx(second)
    assert first[1] <= first[0] <= first[2]


def test_life_expectancy_when_all_deaths_are_in_the_open_band():
    deaths = [0] * 19 + [200]
    populations = [1000] * 20
    value, low, high = life_expectancy(deaths, populations)
    m = 0.2
    assert value == pytest.approx(90 + 1 / m)                     # everyone reaches 90, then lives 1/m more
    se = math.sqrt(1 / (1000 * m ** 3))                          # Chiang: l^2 / (P m^3), scaled by the radix
    assert (low, high) == pytest.approx((value - 1.959964 * se, value + 1.959964 * se), abs=1e-4)


def test_a_band_where_everyone_dies_adds_no_variance_rather_than_a_negative_one():
    """A small band with a death rate above 1 / (a * width) = 0.4 has q capped at 1: certain, so no variance (the
    Chiang formula alone turns negative there, and its square root fails)."""
    deaths = [0] * 17 + [3, 1, 2]
    populations = [100] * 17 + [5, 2, 4]
    table = life_table(deaths, populations)
    assert table[17].q == 1.0
    value, low, high = life_expectancy(deaths, populations)
    assert low <= value <= high
    assert value == pytest.approx(table[0].e)


def test_life_table_follows_chiang():
    deaths = [50, 10] + [20] * 17 + [3000]
    populations = [10_000, 40_000] + [50_000] * 17 + [20_000]
    table = life_table(deaths, populations)
    first = table[0]
    m0 = 50 / 10_000
    assert first.q == pytest.approx(m0 / (1 + 0.9 * m0))
    assert first.big_l == pytest.approx(1 * (first.l - first.d + 0.1 * first.d))
    assert table[-1].big_l == pytest.approx(table[-1].l / (3000 / 20_000))
    assert first.e == pytest.approx(sum(r.big_l for r in table) / 100_000)
    assert all(a.l >= b.l for a, b in zip(table, table[1:]))


def test_more_deaths_mean_shorter_lives():
    base = [50, 10] + [20] * 17 + [3000]
    worse = [d * 1.5 for d in base]
    populations = [10_000, 40_000] + [50_000] * 17 + [20_000]
    assert life_expectancy(worse, populations)[0] < life_expectancy(base, populations)[0]


def test_life_table_refuses_bad_bands():
    with pytest.raises(ValueError, match="positive population"):
        life_expectancy([1] * 20, [0] + [1] * 19)
    with pytest.raises(ValueError, match="one value per band"):
        life_expectancy([1] * 19, [1] * 20)
