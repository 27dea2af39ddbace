"""Escalation routing (PID 7.1), score trend and the efficacy of mitigation since a risk was opened."""

from hypothesis import given, strategies as st

from caresystem.programme.raid.escalation import RuleData, route
from caresystem.programme.raid.scoring import efficacy, trend

PID_RULES = [RuleData(8, "system-transformation-executive-board"), RuleData(8, "system-commissioner-steering-group"),
             RuleData(8, "east-kent-icp-steering-group")]


@given(st.integers(1, 25))
def test_pid_rule_eight_or_more_goes_to_every_group(score):
    bodies = route(score, "open", "programme", None, PID_RULES)
    assert bodies == ([r.body_key for r in PID_RULES] if score >= 8 else [])


def test_scope_and_place_narrow_a_rule():
    rules = [RuleData(15, "place-board", scope="place", scope_ref="east-kent"), RuleData(12, "project-board",
                                                                                         scope="project")]
    assert route(16, "open", "place", "east-kent", rules) == ["place-board"]
    assert route(16, "open", "place", "west-kent", rules) == []
    assert route(12, "open", "project", "p1", rules) == ["project-board"]


def test_only_open_assessed_risks_are_escalated():
    assert route(None, "open", "programme", None, PID_RULES) == []
    assert route(25, "closed", "programme", None, PID_RULES) == []
    assert route(25, "accepted", "programme", None, PID_RULES) == []


def test_a_body_named_by_two_rules_appears_once():
    rules = [RuleData(8, "board"), RuleData(15, "board")]
    assert route(20, "open", "programme", None, rules) == ["board"]


def test_trend_follows_the_last_change():
    assert trend([]) == trend([None]) == "not assessed"
    assert trend([12, 12]) == "steady"
    assert trend([20, 10, 10]) == "falling"
    assert trend([8, None, 12]) == "rising"


def test_efficacy_since_opened():
    found = efficacy(20, 10, 5)
    assert (found.reduction, round(found.share_of_target, 2)) == (10, 0.67)
    assert "down 10" in found.summary and "67% of the way to the target of 5" in found.summary
    assert efficacy(8, 12, None).summary.startswith("Score up 4")
    assert efficacy(None, 12, None).reduction is None


@given(st.integers(1, 25), st.integers(1, 25), st.integers(1, 25))
def test_efficacy_reduction_is_opening_minus_current(opening, current, target):
    found = efficacy(opening, current, target)
    assert found.reduction == opening - current
    assert (found.share_of_target is None) == (target >= opening)
