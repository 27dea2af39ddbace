"""Engagement rules: the influence/interest quadrant and the dates a communication falls due."""

from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from caresystem.programme.engagement.rules import (FREQUENCIES, SCHEDULED, add_months, occurrence_dates,
                                                   plan_occurrences, quadrant)


@pytest.mark.parametrize("influence,interest,expected", [
    (5, 5, "manage_closely"), (3, 3, "manage_closely"), (5, 1, "keep_satisfied"), (3, 2, "keep_satisfied"),
    (1, 5, "keep_informed"), (2, 3, "keep_informed"), (1, 1, "monitor"), (2, 2, "monitor"),
    (None, 4, None), (4, None, None)])
def test_quadrant(influence, interest, expected):
    assert quadrant(influence, interest) == expected


@given(st.integers(1, 5), st.integers(1, 5), st.integers(1, 5))
def test_more_influence_never_moves_a_stakeholder_down_the_map(influence, interest, more):
    rank = {"monitor": 0, "keep_informed": 1, "keep_satisfied": 1, "manage_closely": 2}
    assert rank[quadrant(max(influence, more), interest)] >= rank[quadrant(influence, interest)]


def test_weekly_fortnightly_and_monthly_dates():
    start = date(2026, 1, 31)
    assert occurrence_dates("weekly", start, date(2026, 2, 21)) == [
        date(2026, 1, 31), date(2026, 2, 7), date(2026, 2, 14), date(2026, 2, 21)]
    assert occurrence_dates("fortnightly", start, date(2026, 2, 27)) == [date(2026, 1, 31), date(2026, 2, 14)]
    # the month's last day when it is shorter, then back to the 31st: no drift to the 28th
    assert occurrence_dates("monthly", start, date(2026, 5, 31)) == [
        date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 31)]
    assert occurrence_dates("quarterly", date(2026, 4, 1), date(2027, 3, 31)) == [
        date(2026, 4, 1), date(2026, 7, 1), date(2026, 10, 1), date(2027, 1, 1)]
    assert occurrence_dates("annual", date(2024, 2, 29), date(2026, 3, 1)) == [
        date(2024, 2, 29), date(2025, 2, 28), date(2026, 2, 28)]


@pytest.mark.parametrize("frequency", ["per_meeting", "ongoing", "tbc", "in_development", "never"])
def test_frequencies_without_a_calendar_generate_nothing(frequency):
    assert occurrence_dates(frequency, date(2026, 1, 1), date(2027, 1, 1)) == []


def test_no_start_or_an_end_before_the_start_generates_nothing():
    assert occurrence_dates("monthly", None, date(2027, 1, 1)) == []
    assert occurrence_dates("monthly", date(2027, 1, 2), date(2027, 1, 1)) == []


def test_add_months_keeps_the_anchor_day():
    assert add_months(date(2026, 2, 28), 1, anchor_day=31) == date(2026, 3, 31)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@given(st.sampled_from(sorted(SCHEDULED)), dates, st.integers(0, 3 * 366))
def test_occurrences_fall_between_start_and_end_in_order_without_repeats(frequency, start, days):
    end = start + timedelta(days=days)
    found = occurrence_dates(frequency, start, end)
    assert found and found[0] == start
    assert all(start <= d <= end for d in found)
    assert found == sorted(set(found))
    gap = {"weekly": 7, "fortnightly": 14}.get(frequency)
    if gap:
        assert len(found) == days // gap + 1
    else:
        months = {"monthly": 1, "quarterly": 3, "annual": 12}[frequency]
        assert all(28 * months <= (b - a).days <= 31 * months + 3 for a, b in zip(found, found[1:]))


@given(st.sampled_from(sorted(FREQUENCIES)), dates, st.integers(0, 800), st.integers(0, 800),
       st.data())
def test_regeneration_is_idempotent_and_keeps_what_was_done(frequency, start, days, new_days, data):
    """Generate, mark some done, change the end date, regenerate twice: done ones survive and the second pass is a
    no-op."""
    first = occurrence_dates(frequency, start, start + timedelta(days=days))
    done = set(data.draw(st.lists(st.sampled_from(first), unique=True)) if first else [])
    existing = {d: d in done for d in first}
    wanted = occurrence_dates(frequency, start, start + timedelta(days=new_days))
    add, remove = plan_occurrences(existing, wanted)
    after = {d: v for d, v in existing.items() if d not in remove} | {d: False for d in add}
    assert done <= set(after) and all(after[d] for d in done)
    assert set(after) == set(wanted) | done
    assert plan_occurrences(after, wanted) == ([], [])
