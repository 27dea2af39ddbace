"""The meetings part's pure rules: frequencies, dates, working days, quorum, paper content checks."""

from datetime import date

import pytest

from caresystem.errors import Invalid
from caresystem.meetings import cadence, quorum
from caresystem.meetings.papers import check_file


def test_frequencies_are_read_from_the_pid_wording():
    assert cadence.frequency_from_text("Monthly") == "monthly"
    assert cadence.frequency_from_text("Bi-monthly") == "bi-monthly"
    assert cadence.frequency_from_text("As per local agreement") is None


def test_monthly_dates_keep_the_day_and_skip_weekends():
    assert cadence.occurrences("monthly", date(2027, 1, 31), date(2027, 4, 30)) == [
        date(2027, 2, 1), date(2027, 3, 1), date(2027, 3, 31), date(2027, 4, 30)]
    assert cadence.occurrences("fortnightly", date(2027, 1, 4), date(2027, 2, 1)) == [
        date(2027, 1, 4), date(2027, 1, 18), date(2027, 2, 1)]


def test_paper_deadline_counts_working_days():
    assert cadence.working_days_before(date(2027, 1, 12), 5) == date(2027, 1, 5)  # Tuesday to Tuesday


def test_paper_deadline_skips_bank_holidays_in_england():
    # Easter 2027: Good Friday 26 March and Easter Monday 29 March are not working days
    assert cadence.working_days_before(date(2027, 4, 1), 5) == date(2027, 3, 23)
    # Christmas 2027 falls on a Saturday: the substitute days are Monday 27 and Tuesday 28 December
    assert cadence.working_days_before(date(2027, 12, 30), 3) == date(2027, 12, 23)
    assert cadence.working_days_before(date(2027, 6, 1), 1) == date(2027, 5, 28)  # spring bank holiday 31 May


@pytest.mark.parametrize(("year", "expected"), [
    (2026, ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"]),
    (2027, ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"]),
    (2028, ["01-03", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26"]),
])
def test_bank_holidays_follow_the_standing_rules_with_substitute_days(year, expected):
    assert sorted(f"{d:%m-%d}" for d in cadence.bank_holidays(year)) == expected


def seat(name, role="member", status="present", voting=True):
    return quorum.Seat(name, role, voting, status)


def test_quorum_needs_the_share_the_chair_and_a_clinician():
    rule = quorum.Rule(0.5, True, ("clinical",))
    seats = [seat("Chair", "chair"), seat("Clinical Chair, West Kent"), seat("Director", status="apologies"),
             seat("Finance", status="absent"), seat("Guest", "attendee", "in_attendance", False)]
    assert quorum.assess(rule, seats).met
    without = quorum.assess(rule, [s if s.name != "Chair" else seat("Chair", "chair", "apologies") for s in seats])
    assert not without.met and "neither the chair nor the vice chair is present" in without.reasons
    assert quorum.assess(quorum.Rule(0.75, False, ()), seats).reasons == ("1 more voting member needed",)
    assert not quorum.assess(quorum.Rule(None, False, ()), seats).known


def test_papers_are_recognised_by_content():
    with pytest.raises(Invalid) as refused:
        check_file(b"%PDF-1.7 but nothing else")
    assert refused.value.errors[0].field == "file"
    with pytest.raises(Invalid):
        check_file(b"PK\x03\x04 not really a zip")


def test_papers_over_the_size_limit_are_refused_by_name():
    from caresystem.meetings.papers import MAX_BYTES

    with pytest.raises(Invalid) as refused:
        check_file(b"%PDF-" + b"0" * MAX_BYTES)
    assert refused.value.errors[0].field == "file" and "at most 25 MB" in refused.value.errors[0].message
