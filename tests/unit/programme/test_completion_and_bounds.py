"""The pure rules behind refusing bad data: when work counts as done, and what a benefit's actual may be."""

from datetime import date

import pytest

from caresystem.programme.benefits.bounds import actual_errors, value_range
from caresystem.programme.plan.service import DONE

TODAY = date(2022, 7, 1)


@pytest.mark.parametrize("status, actual, fields", [
    ("complete", TODAY, []), ("not_started", None, []), ("cancelled", None, []), ("on_hold", None, []),
    ("complete", None, ["actual_date"]), ("not_started", TODAY, ["status"]), ("in_progress", TODAY, ["status"]),
    ("cancelled", TODAY, ["status"]), ("complete", date(2022, 7, 2), ["actual_date"]),
    ("not_started", date(2030, 1, 1), ["actual_date", "status"]), ("nonsense", TODAY, []),
])
def test_status_and_actual_date_agree_and_the_date_is_not_after_today(status, actual, fields):
    assert [e.field for e in DONE.errors({"status": status, "actual_date": actual}, TODAY)] == fields


def test_messages_read_as_sentences_after_the_label():
    future = DONE.errors({"status": "complete", "actual_date": date(2030, 1, 1)}, TODAY)
    assert [e.message for e in future] == ["must not be in the future (today is 1 July 2022)"]
    contradicting = DONE.errors({"status": "not_started", "actual_date": TODAY}, TODAY)
    assert [e.message for e in contradicting] == [
        "cannot be Not started when an actual date is given: make it Complete, or clear the date"]


@pytest.mark.parametrize("unit, expected", [
    ("percent", (0, 100)), ("%", (0, 100)), ("admissions", (0, None)), ("Patients", (0, None)),
    ("days", (0, None)), ("per 1,000 population", (0, None)), ("admissions per 1,000", (0, None)),
    ("GBP million", None), (None, None), ("", None), ("index", None),
])
def test_the_unit_sets_the_range(unit, expected):
    assert value_range(unit) == expected


def test_actual_errors_name_date_and_value():
    errors = actual_errors(on_date=date(2031, 1, 1), value=-99999, unit="admissions", today=TODAY)
    assert [e.field for e in errors] == ["date", "value"]
    assert errors[1].message == "must be 0 or more: the measure is in admissions"
    assert actual_errors(on_date=TODAY, value=-0.4, unit="GBP million", today=TODAY) == []
    assert [e.message for e in actual_errors(on_date=TODAY, value=100.5, unit="percent", today=TODAY)] == [
        "must be from 0 to 100: the measure is in percent"]
