"""Risk stratification: the chance of an emergency admission in the next 12 months, from the previous 24.

Design (documented in docs/population.md):
- Temporal split. The model learns on the cutoff twelve months before the data ends: predictors from the 24 months
  before it (blocks B0 and B1), the outcome from the 12 after (B2). People registered and alive at that cutoff
  are split by person_id (last digit 0-6 train, 7-9 test) for the AUC and the calibration by decile. The fitted
  model then scores everyone registered at the end of the data from the latest 24 months (B1, B2): a forecast for
  the coming 12 months, which no data can check yet.
- Predictors: age band, sex, deprivation (0 for the least deprived decile to 1 for the most), each long-term
  condition cluster, emergency admissions and A&E attendances in each of the two years (capped at 5), elective
  admissions, outpatient and GP contacts and cost in the latest year (log 1 + x; cost to the penny).
- Logistic regression by iteratively reweighted least squares with a tiny ridge for stability, on a
  deterministic sample by person_id of at most about 250,000 people (70% fit, 30% test).
- Tiers by rank of risk: very high (top 0.5%), high (0.5-5%), moderate (5-20%), low (the rest); ties are broken
  by person_id so tiers are reproducible.
"""

from dataclasses import dataclass

import ibis
import numpy as np
import pyarrow as pa

from caresystem.population import schema
from caresystem.population.engine.executor import execute

AGE_BANDS = ((18, "age_18_44"), (45, "age_45_64"), (65, "age_65_74"), (75, "age_75_84"), (85, "age_85_plus"))
TIERS = (("very_high", 0.005, "Very high (top 0.5%)"), ("high", 0.05, "High (0.5-5%)"),
         ("moderate", 0.20, "Moderate (5-20%)"), ("low", 1.0, "Low (the rest)"))
COHORT_TIERS = ("very_high", "high", "moderate")
MAX_MODEL_PEOPLE = 250_000
ONE_THREAD_PRODUCT = 65_536 * 4  # OpenBLAS multiplies matrices on one thread up to this m x n x k


def _features(p: ibis.Table, older: str, recent: str) -> dict:
    capped = {f"{name}_{label}": ibis.least(p[f"{block}_{setting}"], 5).cast("float64")
              for block, label in ((older, "older"), (recent, "recent"))
              for setting, name in (("emergency_admission", "emergency"), ("ae_attendance", "ae"))}
    logged = {f"log_{s}": (p[f"{recent}_{s}"].cast("float64") + 1).ln()
              for s in ("elective_admission", "outpatient", "gp_appointment")}
    return {
        **{name: (p.age >= lower).cast("float64") for lower, name in AGE_BANDS},
        "male": (p.sex == "M").cast("float64"),
        "deprivation": (10 - p.deprivation_decile.cast("float64")) / 9,
        **{f"has_{c}": p[c].cast("float64") for c in schema.clusters()},
        **capped, **logged,
        "log_cost": (p[f"{recent}_cost"].round(2) + 1).ln(),
    }


def training_features(training: ibis.Table) -> ibis.Table:
    """The sample's features (B0 and B1) and outcome (B2), from persons.training_table, in person_id order."""
    return training.select("person_id", **_features(training, "b0", "b1"),
                           outcome=(training.b2_emergency_admission > 0).cast("float64")).order_by("person_id")


def scoring_features(scoring: ibis.Table) -> ibis.Table:
    """Everyone's features from the latest two blocks (B1 and B2), from persons.scoring_table."""
    return scoring.select("person_id", "practice_code", **_features(scoring, "b1", "b2"))


def sample_per_mille(people: int) -> int:
    """The model's deterministic sample is the people whose person_id % 1000 is below this: about
    MAX_MODEL_PEOPLE of `people` (everyone when fewer), enough for ~40 coefficients, and it keeps the fit's time
    and memory flat at any scale."""
    return max(1, min(1000, -(-MAX_MODEL_PEOPLE * 1000 // max(people, 1))))


@dataclass(frozen=True)
class Model:
    names: tuple[str, ...]
    coefficients: np.ndarray  # intercept first

    def predict(self, x: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-(self.coefficients[0] + x @ self.coefficients[1:])))


def fit(x: np.ndarray, y: np.ndarray, names: tuple[str, ...], ridge: float = 1e-6, iterations: int = 30) -> Model:
    design = np.column_stack([np.ones(len(x)), x])
    beta = np.zeros(design.shape[1])
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-(design @ beta)))
        hessian = weighted_gram(design, p * (1 - p)) + ridge * np.eye(design.shape[1])
        step = np.linalg.solve(hessian, design.T @ (y - p) - ridge * beta)
        beta += step
        if np.max(np.abs(step)) < 1e-10:
            break
    return Model(names, beta)


def weighted_gram(design: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """design' diag(weights) design, summed over blocks of rows small enough for OpenBLAS to multiply each on one
    thread: on a shared, loaded machine its threads wait on each other and one product of every row took 10-40
    times as long."""
    rows = max(1, ONE_THREAD_PRODUCT // design.shape[1] ** 2)
    gram = np.zeros((design.shape[1], design.shape[1]))
    for start in range(0, len(design), rows):
        block = design[start:start + rows]
        gram += block.T @ (block * weights[start:start + rows, None])
    return gram


def auc(scores: np.ndarray, outcomes: np.ndarray) -> float:
    """Area under the ROC curve by the Mann-Whitney statistic, ties given their average rank."""
    _, inverse, counts = np.unique(scores, return_inverse=True, return_counts=True)
    upper = np.cumsum(counts)
    ranks = (upper - (counts - 1) / 2)[inverse]
    positives = outcomes == 1
    n_pos, n_neg = positives.sum(), (~positives).sum()
    if not n_pos or not n_neg:
        return float("nan")
    return float((ranks[positives].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def calibration(scores: np.ndarray, outcomes: np.ndarray, groups: int = 10) -> list[dict]:
    order = np.lexsort((np.arange(len(scores)), scores))
    result = []
    for decile, part in enumerate(np.array_split(order, groups), start=1):
        result.append({"decile": decile, "people": int(len(part)), "mean_predicted": float(scores[part].mean()),
                       "observed": float(outcomes[part].mean())})
    return result


def tiers(scored: ibis.Table) -> ibis.Table:
    """`scored` (person_id, risk, ...) with each person's tier by rank of risk (highest first, ties by person_id),
    ranked where the data is."""
    rank = ibis.row_number().over(order_by=[ibis.desc(scored.risk), scored.person_id]) + 1  # Ibis counts from 0
    share = rank.cast("float64") / scored.person_id.count().over()
    tier = ibis.cases(*((share <= bound, name) for name, bound, _ in TIERS[:-1]), else_=TIERS[-1][0])
    return scored.mutate(tier=tier)


def _matrix(table: pa.Table, names: tuple[str, ...]) -> np.ndarray:
    return np.column_stack([table.column(n).to_numpy(zero_copy_only=False) for n in names]).astype(np.float64)


def score_expression(scoring: ibis.Table, model: "Model") -> ibis.Table:
    """Risk and tier computed where the data is: only ids, practices, risks and tiers come back."""
    linear = ibis.literal(float(model.coefficients[0]))
    for name, coefficient in zip(model.names, model.coefficients[1:]):
        linear = linear + scoring[name] * float(coefficient)
    return tiers(scoring.select("person_id", "practice_code", risk=1 / (1 + (-linear).exp()))).order_by("person_id")


def stratify(training_people: ibis.Table, scoring_people: ibis.Table) -> tuple[pa.Table, dict]:
    """Fit and evaluate on the sample (persons.training_table) and score everyone (persons.scoring_table):
    (per-person scores with tiers, the model's summary for run.json)."""
    training = execute(training_features(training_people))
    names = tuple(c for c in training.column_names if c not in ("person_id", "outcome"))
    ids = training.column("person_id").to_numpy()
    x, y = _matrix(training, names), training.column("outcome").to_numpy()
    train = ids % 10 < 7
    model = fit(x[train], y[train], names)
    test_scores = model.predict(x[~train])
    scored = execute(score_expression(scoring_features(scoring_people), model))
    summary = {
        "outcome": "an emergency admission in the following 12 months",
        "training_people": int(train.sum()), "test_people": int((~train).sum()),
        "training_outcome_rate": float(y[train].mean()) if train.any() else None,
        "auc": auc(test_scores, y[~train]), "calibration": calibration(test_scores, y[~train]),
        "coefficients": {"intercept": float(model.coefficients[0]),
                         **{n: float(c) for n, c in zip(names, model.coefficients[1:])}},
    }
    return scored, summary
