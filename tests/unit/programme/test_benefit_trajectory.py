"""Benefit status against its trajectory (PID 6.1): interpolation, tolerance, direction, escalation conditions."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from caresystem.programme.benefits.trajectory import (SEVERITY, Tolerance, assess, check_tolerance, expected_at,
                                                      plan, route)

JAN, JUL, NEXT_JAN = date(2024, 1, 1), date(2024, 7, 1), date(2025, 1, 1)
# 0 -> 100 over 2024; the tolerance bands are 5 and 10 (5% and 10% of the 100 from baseline to target).
PLAN = [(JAN, 0.0), (NEXT_JAN, 100.0)]


def status(actual: float, on: date = JUL, direction: str = "increase", points=PLAN, tolerance=Tolerance()) -> str:
    return assess(direction=direction, points=points, actuals=[(on, actual)], tolerance=tolerance).status


def test_expected_value_is_read_off_a_straight_line_and_held_flat_outside():
    half = JAN + (NEXT_JAN - JAN) / 2
    assert expected_at(PLAN, half) == pytest.approx(50, abs=0.2)
    assert expected_at(PLAN, JAN - timedelta(days=30)) == 0
    assert expected_at(PLAN, NEXT_JAN + timedelta(days=30)) == 100
    assert expected_at([(JAN, 10), (JUL, 20), (NEXT_JAN, 0)], JUL) == 20
    assert expected_at([], JUL) is None


def test_baseline_and_target_are_the_ends_of_the_plan_when_dated():
    assert plan([(JUL, 40.0)], (JAN, 0.0), (NEXT_JAN, 100.0)) == [(JAN, 0.0), (JUL, 40.0), (NEXT_JAN, 100.0)]
    assert plan([(JAN, 5.0)], (JAN, 0.0), (None, 100.0)) == [(JAN, 5.0)]  # the trajectory's own point wins


def test_bands_of_the_default_tolerance():
    expected = expected_at(PLAN, JUL)
    assert status(expected) == "on_track"
    assert status(expected + 30) == "on_track"        # ahead of plan
    assert status(expected - 4.9) == "on_track"
    assert status(expected - 5.1) == "at_risk"
    assert status(expected - 9.9) == "at_risk"
    assert status(expected - 10.1) == "off_track"


def test_decrease_means_lower_is_better():
    falling = [(JAN, 100.0), (NEXT_JAN, 0.0)]
    expected = expected_at(falling, JUL)
    assert status(expected - 20, direction="decrease", points=falling) == "on_track"
    assert status(expected + 7, direction="decrease", points=falling) == "at_risk"
    assert status(expected + 12, direction="decrease", points=falling) == "off_track"


def test_the_latest_actual_counts_and_missing_data_is_said():
    result = assess(direction="increase", points=PLAN, actuals=[(NEXT_JAN, 100.0), (JUL, 0.0)], tolerance=Tolerance())
    assert (result.status, result.as_at, result.shortfall) == ("on_track", NEXT_JAN, 0)
    assert assess(direction="increase", points=PLAN, actuals=[], tolerance=Tolerance()).status == "no_data"
    assert assess(direction="increase", points=[], actuals=[(JUL, 1.0)], tolerance=Tolerance()).status == "no_data"
    assert assess(direction=None, points=PLAN, actuals=[(JUL, 1.0)], tolerance=Tolerance()).status == "no_data"


def test_tolerance_is_per_programme_and_checked():
    strict = Tolerance.from_settings({"benefit_tolerance": {"at_risk": 0.01, "off_track": 0.02}})
    expected = expected_at(PLAN, JUL)
    assert status(expected - 3, tolerance=strict) == "off_track"
    assert status(expected - 3) == "on_track"
    assert Tolerance.from_settings({}) == Tolerance(0.05, 0.10)
    assert "5%" in Tolerance().describe() and "10%" in Tolerance().describe()
    assert check_tolerance(0.1, 0.05) and check_tolerance(0.05, 1.5) and check_tolerance(0.05, 0.1) is None


def test_baseline_to_target_distance_sets_the_bands():
    # Planned 0 -> 100 but the stated baseline and target are 0 -> 1000: bands of 50 and 100.
    result = assess(direction="increase", points=PLAN, actuals=[(JUL, -5.0)], tolerance=Tolerance(),
                    baseline_value=0, target_value=1000)
    assert (result.at_risk_from, result.off_track_from) == (50, 100) and result.status == "at_risk"


@dataclass
class Rule:
    condition: str
    body_key: str | None


def test_escalation_condition_is_the_least_severe_status_it_sends():
    rules = [Rule("off_track", "board"), Rule("at_risk", "pmo"), Rule("off_track", None), Rule("off_track", "board")]
    assert route("off_track", rules) == ["board", "pmo"]
    assert route("at_risk", rules) == ["pmo"]
    assert route("on_track", rules) == [] and route("no_data", rules) == []


values = st.floats(-1e6, 1e6, allow_nan=False)
days = st.integers(0, 2000)


@st.composite
def trajectories(draw):
    offsets = sorted(draw(st.sets(days, min_size=1, max_size=6)))
    return [(JAN + timedelta(days=o), draw(values)) for o in offsets]


@given(trajectories(), days, values, values, st.sampled_from(["increase", "decrease"]))
def test_status_is_monotone_in_the_actual(points, day, a, b, direction):
    """A better actual never gives a worse status."""
    worse, better = sorted((a, b)) if direction == "increase" else sorted((a, b), reverse=True)
    on = JAN + timedelta(days=day)
    assert SEVERITY[status(better, on, direction, points)] <= SEVERITY[status(worse, on, direction, points)]


@given(trajectories(), days, values)
def test_direction_symmetry(points, day, actual):
    """Mirroring every value and the direction gives the same status and the same shortfall."""
    on = JAN + timedelta(days=day)
    up = assess(direction="increase", points=points, actuals=[(on, actual)], tolerance=Tolerance())
    down = assess(direction="decrease", points=[(d, -v) for d, v in points], actuals=[(on, -actual)],
                  tolerance=Tolerance())
    assert (up.status, up.shortfall) == (down.status, down.shortfall)
