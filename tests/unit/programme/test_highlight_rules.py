"""Pure rules of highlight reports: reporting months, the moment a month ends, audit values given back their types."""

from datetime import date, datetime, timezone

import pytest
from sqlalchemy import Column, Date, DateTime, Integer, String

from caresystem.errors import Invalid
from caresystem.programme.highlight import live, period


@pytest.mark.parametrize("text, first, last", [("2019-06", date(2019, 6, 1), date(2019, 6, 30)),
                                                ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
                                                ("2023-02", date(2023, 2, 1), date(2023, 2, 28)),
                                                ("2019-12", date(2019, 12, 1), date(2019, 12, 31))])
def test_a_period_is_a_calendar_month(text, first, last):
    assert period.bounds(text) == (first, last)


@pytest.mark.parametrize("text", ["2019-13", "2019-00", "2019-6", "June 2019", "", "2019-06-01"])
def test_anything_else_is_refused_naming_the_field(text):
    with pytest.raises(Invalid) as refused:
        period.bounds(text, field="period")
    assert refused.value.errors[0].field == "period" and "YYYY-MM" in refused.value.errors[0].message


def test_labels_and_the_month_containing_a_day():
    assert period.label("2019-06") == "June 2019"
    assert period.containing(date(2019, 6, 30)) == "2019-06"


def test_a_day_ends_at_the_next_midnight_utc():
    assert live.end_of(date(2019, 6, 30)) == datetime(2019, 7, 1, tzinfo=timezone.utc)


def test_audit_values_get_their_column_types_back():
    assert live._restore("2019-05-31", Column("d", Date)) == date(2019, 5, 31)
    assert live._restore("2019-05-31T10:00:00+00:00", Column("t", DateTime(timezone=True))) == \
        datetime(2019, 5, 31, 10, tzinfo=timezone.utc)
    assert live._restore(12, Column("n", Integer)) == 12 and live._restore("open", Column("s", String)) == "open"
    assert live._restore(None, Column("d", Date)) is None
