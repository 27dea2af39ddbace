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


def seat(name, role="member", status="present", voting=True):
    return quorum.Seat(name, role, voting, status)


def test_quorum_needs_the_share_the_chair_and_a_clinician():
    rule = quorum.Rule(0.5, True, ("clinical",))
    seats = [seat("Chair", "chair"), seat("Clinical Chair, West Kent"), seat("Director", status="apologies"),
             seat("Finance", status="absent"), seat("Guest", "attendee", "in_attendance", False)]
    assert quorum.assess(rule, seats).met
    without = quorum.assess(rule, [s if s.name != "Chair" else seat("Chair", "chair", "apologies") for s in seats])
    assert not without.met and "neither the chair nor the vice chair is present" in without.reasons
    assert quorum.assess(quorum.Rule(0.75, False, ()), seats).reasons == ("1 more voting member(s) needed",)
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
