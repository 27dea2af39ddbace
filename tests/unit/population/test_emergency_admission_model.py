"""The risk model's parts: AUC, tiers by rank (on DuckDB), calibration and the IRLS fit."""

from collections import Counter

import ibis
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


def _tiers(scores, person_ids) -> dict[int, str]:
    """Person id -> tier, ranked on DuckDB as a run ranks them."""
    scored = ibis.memtable({"person_id": np.asarray(person_ids, np.int64), "risk": np.asarray(scores, np.float64)})
    result = ibis.duckdb.connect().to_pyarrow(emergency_admission_model.tiers(scored))
    return dict(zip(result.column("person_id").to_pylist(), result.column("tier").to_pylist()))


def test_tiers_split_by_rank_with_ties_broken_by_person_id():
    tiers = _tiers(np.linspace(1, 0, 1000), np.arange(1000))
    assert all(tiers[i] == "very_high" for i in range(5)) and tiers[5] == "high"
    counts = Counter(tiers.values())
    assert (counts["very_high"], counts["high"], counts["moderate"], counts["low"]) == (5, 45, 150, 800)
    tied = _tiers(np.zeros(200), np.arange(200)[::-1])
    assert tied[0] == "very_high" and tied[1] == "high"  # the lowest person_id ranks first among equals


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(0, 1, allow_nan=False), min_size=10, max_size=300), st.randoms(use_true_random=False))
def test_tiers_do_not_depend_on_row_order(scores, random):
    scores = np.array(scores)
    ids = np.arange(len(scores))
    order = list(range(len(scores)))
    random.shuffle(order)
    assert _tiers(scores, ids) == _tiers(scores[order], ids[order])


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
