"""Making Data Count XmR rules on small hand-made series, written as tables; properties by Hypothesis."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caresystem.stats import spc
from caresystem.stats.spc import mean_moving_range


def table(text: str) -> list[tuple[float, str, str]]:
    """Rows of `value | rules flagged (comma separated) | class`, blank cells meaning none / common cause."""
    rows = []
    for line in text.strip().splitlines()[1:]:
        value, rules, kind = (cell.strip() for cell in line.split("|"))
        rows.append((float(value), rules, kind or "common_cause"))
    return rows


def check(rows, **options):
    result = spc([v for v, _, _ in rows], **options)
    for point, (value, rules, kind) in zip(result.points, rows):
        expected = tuple(r.strip() for r in rules.split(",")) if rules else ()
        assert (point.value, point.rules, point.classification) == (value, expected, kind), point.index
    return result


def test_a_point_beyond_the_upper_limit_is_special_cause():
    rows = table("""
        value | rules          | class
        9     |                |
        13    |                |
        9     |                |
        13    |                |
        9     |                |
        13    |                |
        9     |                |
        13    |                |
        9     |                |
        13    |                |
        30    | outside limits | special_cause_improvement
    """)
    result = check(rows, direction="higher")
    assert result.variation == "improvement_high"


def test_a_run_of_seven_below_the_mean_is_a_shift_and_a_point_on_the_mean_breaks_it():
    # mean exactly 10: six above (too few), one on the mean, then seven below (a shift)
    rows = table("""
        value | rules | class
        11    |       |
        12    |       |
        11    |       |
        12    |       |
        11    |       |
        12    |       |
        10    |       |
        9     | shift | special_cause_concern
        8     | shift | special_cause_concern
        9     | shift | special_cause_concern
        8     | shift | special_cause_concern
        9     | shift | special_cause_concern
        8     | shift | special_cause_concern
        9     | shift | special_cause_concern
        11    |       |
    """)
    result = check(rows, direction="higher")
    assert result.last_segment.mean == 10
    unbroken = spc([11, 12] * 3 + [11] + [9, 8] * 3 + [9, 11], direction="higher")
    assert all("shift" in p.rules for p in unbroken.points[:7])


def test_a_run_shorter_than_the_configured_length_is_not_a_shift():
    values = [5, 5, 5, 5, 5, 5, 1, 1, 1, 1, 1, 1]
    assert not any("shift" in p.rules for p in spc(values).points)
    assert all("shift" in p.rules for p in spc(values, run_length=6).points)


def test_seven_rising_points_are_a_trend_and_a_tie_breaks_it():
    rows = table("""
        value | rules | class
        3     |       |
        11    |       |
        3     |       |
        11    |       |
        5     | trend | special_cause_concern
        6     | trend | special_cause_concern
        7     | trend | special_cause_concern
        8     | trend | special_cause_concern
        9     | trend | special_cause_concern
        10    | trend | special_cause_concern
        11    | trend | special_cause_concern
        11    |       |
        3     |       |
        11    |       |
    """)
    check(rows, direction="lower")
    tied = spc([1, 2, 3, 3, 4, 5, 6, 7, 1, 2])
    assert not any("trend" in p.rules for p in tied.points)


def test_two_of_three_beyond_two_sigma_on_the_same_side():
    # mean 10.39, mean moving range 1.56, so two sigma is 2.77 and the upper limit 14.54: 13.5 is beyond two sigma
    rows = table("""
        value | rules                         | class
        10    |                               |
        11    |                               |
        10    |                               |
        9     |                               |
        10    |                               |
        11    |                               |
        10    |                               |
        9     |                               |
        10    |                               |
        13.5  | two of three beyond two sigma | special_cause_neither
        10    |                               |
        13.5  | two of three beyond two sigma | special_cause_neither
        10    |                               |
        9     |                               |
        10    |                               |
    """)
    result = check(rows, screen_moving_ranges=False)
    assert result.last_segment.upper_limit > 13.5


def test_points_beyond_the_limits_count_towards_two_of_three():
    values = [10, 11, 10, 9, 10, 11, 10, 9, 10, 11, 10, 9, 30, 10, 12.2, 10]
    result = spc(values, fix_after=12)  # mean 10 and sigma 0.89 from the first 12 points
    beyond = result.points[12]
    assert beyond.rules == ("outside limits", "two of three beyond two sigma")
    assert "two of three beyond two sigma" in result.points[14].rules


def test_the_first_rule_in_order_decides_the_side():
    # a falling trend that ends above the mean: the points above the mean are a shift (high) before the trend
    values = [1, 1, 1, 1, 1, 1, 20, 19, 18, 17, 16, 15, 14]
    result = spc(values, direction="higher", screen_moving_ranges=False)
    last = result.points[-1]
    assert last.rules[:2] == ("shift", "trend")
    assert last.side == "high" and last.classification == "special_cause_improvement"


def test_screening_leaves_out_large_moving_ranges_and_can_be_switched_off():
    values = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]  # the NHSRplotthedots example of screening
    screened, excel = spc(values), spc(values, screen_moving_ranges=False)
    assert screened.last_segment.screened_out == 2
    assert screened.last_segment.mean_moving_range == pytest.approx(1.0)
    assert excel.last_segment.mean_moving_range == pytest.approx(sum(abs(b - a) for a, b in zip(values, values[1:]))
                                                                 / 17)
    assert screened.last_segment.upper_limit == pytest.approx(sum(values) / 18 + 2.66)
    assert "outside limits" in screened.points[4].rules


def test_limits_fixed_from_a_baseline_period():
    values = [10, 11, 10, 11, 10, 11, 20, 21, 20, 21]
    result = spc(values, fix_after=6)
    segment = result.last_segment
    assert (segment.mean, segment.baseline_points) == (10.5, 6)
    assert segment.upper_limit == pytest.approx(10.5 + 2.66)
    assert all("outside limits" in p.rules for p in result.points[6:])


def test_rebasing_gives_each_segment_its_own_mean_and_limits_and_rules_do_not_cross_it():
    values = [10, 11, 10, 11, 10, 11, 10, 20, 21, 20, 21, 20, 21, 20]
    result = spc(values, rebase_at=[7])
    first, second = result.segments
    assert (first.mean, second.mean) == (pytest.approx(10.43, abs=0.01), pytest.approx(20.43, abs=0.01))
    assert all(p.classification == "common_cause" for p in result.points)
    assert [p.segment for p in result.points] == [0] * 7 + [1] * 7


def test_variation_icon_of_the_latest_point_and_neutral_measures():
    values = [10, 12, 11, 13, 9, 11, 12, 10, 11, 12, 11, 10, 1]
    assert spc(values, direction="higher").variation == "concern_low"
    assert spc(values, direction="lower").variation == "improvement_low"
    assert spc(values, direction="neutral").variation == "neither_low"
    assert spc(values[:-1]).variation == "common_cause"


@pytest.mark.parametrize("target, operator, direction, icon", [
    (5, ">=", "higher", "pass"),          # both limits above the target
    (20, ">=", "higher", "fail"),         # both below
    (11, ">=", "higher", "hit_and_miss"),
    (20, "<=", "lower", "pass"),
    (5, "<=", "lower", "fail"),
    (11, "=", "higher", "hit_and_miss"),
    (30, "=", "higher", "fail"),
    (11, ">=", "neutral", None),
    (None, ">=", "higher", None),
])
def test_assurance_icon_against_a_target(target, operator, direction, icon):
    values = [10, 12, 11, 13, 9, 11, 12, 10, 11, 12, 11, 10]
    assert spc(values, direction=direction, target=target, target_operator=operator).assurance == icon


def test_short_series_are_refused_or_warned():
    with pytest.raises(ValueError, match="at least 2 points"):
        spc([5])
    short = spc([5, 6, 5, 6, 5])
    assert short.warnings and "trial limits" in short.warnings[0]
    assert not spc(list(range(12))).warnings
    rebased = spc([1, 2] * 10, rebase_at=[15])
    assert rebased.warnings == ("points 16 to 20: fewer than 12 points, so the limits are trial limits",)


def test_bad_options_are_refused_by_name():
    with pytest.raises(ValueError, match="direction"):
        spc([1, 2, 3], direction="up")
    with pytest.raises(ValueError, match="rebase"):
        spc([1, 2, 3], rebase_at=[0])
    with pytest.raises(ValueError, match="target_operator"):
        spc([1, 2, 3], target=1, target_operator=">")


def test_mean_moving_range_screens_once():
    values = [1, 2, 1, 2, 1, 2, 1, 2, 10, 1]  # moving ranges: seven of 1, then 8 and 9; their mean is 24 / 9
    assert mean_moving_range(values, screen=False) == (pytest.approx(24 / 9), 0)
    assert mean_moving_range(values) == (pytest.approx(15 / 8), 1)  # only 9 is above 3.267 x 2.67 = 8.7


series = st.lists(st.integers(-1000, 1000), min_size=2, max_size=40)


@given(series, st.integers(-10_000, 10_000))
def test_adding_a_constant_moves_mean_and_limits_by_it(values, constant):
    before, after = spc(values, direction="higher"), spc([v + constant for v in values], direction="higher")
    for a, b in zip(before.segments, after.segments):
        assert b.mean == pytest.approx(a.mean + constant, abs=1e-6)
        assert b.lower_limit == pytest.approx(a.lower_limit + constant, abs=1e-6)
        assert b.upper_limit == pytest.approx(a.upper_limit + constant, abs=1e-6)
    assert [p.classification for p in before.points] == [p.classification for p in after.points]


@given(series)
def test_negating_a_series_swaps_high_and_low(values):
    before, after = spc(values), spc([-v for v in values])
    swap = {"high": "low", "low": "high", None: None}
    assert [swap[p.side] for p in before.points] == [p.side for p in after.points]
    assert [p.rules for p in before.points] == [p.rules for p in after.points]
    assert after.variation == before.variation.replace("high", "x").replace("low", "high").replace("x", "low")
