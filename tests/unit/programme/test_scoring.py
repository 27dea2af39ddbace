"""The NHS 5x5 matrix, grades and configurable bands (PID section 7.1)."""

import pytest
from hypothesis import given, strategies as st

from caresystem.programme.core.models import DEFAULT_RISK_GRADES
from caresystem.programme.raid.scoring import UNASSESSED, assess, check_bands, score

ratings = st.integers(1, 5)


@given(ratings, ratings)
def test_score_is_impact_times_likelihood_and_always_graded(impact, likelihood):
    result = assess(impact, likelihood, DEFAULT_RISK_GRADES)
    assert result.score == impact * likelihood
    expected = ("low" if result.score <= 3 else "moderate" if result.score <= 6 else "high" if result.score <= 12
                else "extreme")
    assert result.grade == expected


@pytest.mark.parametrize("impact,likelihood,grade,rag", [(4, 3, "high", "amber"), (4, 4, "extreme", "red"),
                                                         (5, 3, "extreme", "red"), (1, 3, "low", "green"),
                                                         (2, 3, "moderate", "amber")])
def test_document_002_section_9_ratings(impact, likelihood, grade, rag):
    result = assess(impact, likelihood, DEFAULT_RISK_GRADES)
    assert (result.grade, result.rag) == (grade, rag)


def test_unassessed_risks_are_allowed():
    assert assess(None, None, DEFAULT_RISK_GRADES) == UNASSESSED
    assert score(3, None) is None


def test_a_trust_may_use_other_bands():
    bands = [{"grade": "low", "min": 1, "max": 4, "rag": "green"}, {"grade": "medium", "min": 5, "max": 11, "rag": "amber"},
             {"grade": "high", "min": 12, "max": 25, "rag": "red"}]
    assert check_bands(bands) is None
    assert assess(4, 3, bands).rag == "red"


def test_bands_must_cover_every_score_once():
    assert "score 12" in check_bands([{"grade": "x", "min": 1, "max": 10, "rag": "green"}])
    overlapping = DEFAULT_RISK_GRADES + [{"grade": "y", "min": 10, "max": 10, "rag": "red"}]
    assert "2 bands" in check_bands(overlapping)
    with pytest.raises(ValueError):
        score(6, 1)
