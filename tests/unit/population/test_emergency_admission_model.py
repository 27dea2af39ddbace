"""The risk model's pure parts: AUC, tiers by rank, calibration and the IRLS fit."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caresystem.population import emergency_admission_model


def test_auc_of_a_perfect_a_useless_and_a_tied_score():
    outcomes = np.array([0, 0, 1, 1])
    assert emergency_admission_model.auc(np.array([0.1, 0.2, 0.8, 0.9]), outcomes) == 1.0
    assert emergency_admission_model.auc(np.array([0.9, 0.8, 0.2, 0.1]), outcomes) == 0.0
    assert emergency_admission_model.auc(np.array([0.5, 0.5, 0.5, 0.5]), outcomes) == 0.5
    # one discordant pair of four: 3/4
    assert emergency_admission_model.auc(np.array([0.1, 0.6, 0.5, 0.9]), outcomes) == pytest.approx(0.75)


def test_tiers_split_by_rank_with_ties_broken_by_person_id():
    scores = np.linspace(1, 0, 1000)
    ids = np.arange(1000)
    tiers = emergency_admission_model.tiers(scores, ids)
    assert (tiers[:5] == "very_high").all() and tiers[5] == "high"
    assert (tiers == "high").sum() == 45 and (tiers == "moderate").sum() == 150 and (tiers == "low").sum() == 800
    tied = emergency_admission_model.tiers(np.zeros(200), np.arange(200)[::-1])
    assert tied[-1] == "very_high"  # the lowest person_id ranks first among equals


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(0, 1, allow_nan=False), min_size=10, max_size=300), st.randoms(use_true_random=False))
def test_tiers_do_not_depend_on_row_order(scores, random):
    scores = np.array(scores)
    ids = np.arange(len(scores))
    order = list(range(len(scores)))
    random.shuffle(order)
    first = dict(zip(ids, emergency_admission_model.tiers(scores, ids)))
    second = dict(zip(ids[order], emergency_admission_model.tiers(scores[order], ids[order])))
    assert first == second


def test_fit_recovers_known_coefficients():
    rng = np.random.default_rng(3)
    x = rng.normal(size=(20_000, 2))
    truth = np.array([-1.0, 0.8, -0.5])
    y = (rng.random(20_000) < 1 / (1 + np.exp(-(truth[0] + x @ truth[1:])))).astype(float)
    model = emergency_admission_model.fit(x, y, ("a", "b"))
    assert model.coefficients == pytest.approx(truth, abs=0.08)
    assert emergency_admission_model.auc(model.predict(x), y) > 0.65
    calibration = emergency_admission_model.calibration(model.predict(x), y)
    assert len(calibration) == 10 and sum(c["people"] for c in calibration) == 20_000
    for c in calibration:
        assert c["observed"] == pytest.approx(c["mean_predicted"], abs=0.03)


def test_weighted_gram_over_blocks_of_rows_equals_the_whole_product():
    rng = np.random.default_rng(5)
    design, weights = rng.normal(size=(1_001, 40)), rng.random(1_001)  # blocks of 163 rows, the last one short
    gram = emergency_admission_model.weighted_gram(design, weights)
    assert gram == pytest.approx(design.T @ (design * weights[:, None]), rel=1e-12, abs=1e-12)
