"""The slope and relative index of inequality across ordered deprivation groups.

Source: PHE "Technical guide: slope index of inequality" (2018) and the PHEindicatormethods `phe_sii` function.
Groups are ordered from most to least deprived; each sits at the midpoint of its cumulative population share
(0 = most deprived end, 1 = least deprived end). A population-weighted least-squares line through the group values
gives the SII as the modelled value at the least deprived end minus that at the most deprived end. So a positive
SII for life expectancy means the least deprived live longer; for a rate of harm, inequality shows as a negative SII.
RII = SII divided by the population-weighted mean value.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from caresystem.stats.distributions import z_for


@dataclass(frozen=True)
class Inequality:
    sii: float
    sii_lower: float
    sii_upper: float
    rii: float
    rii_lower: float
    rii_upper: float


def midpoint_ranks(populations: Sequence[float]) -> np.ndarray:
    share = np.asarray(populations, dtype=float) / float(np.sum(populations))
    return np.cumsum(share) - share / 2


def _slopes(values: np.ndarray, ranks: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Weighted least squares slopes and weighted means of the values along the last axis (one row per draw)."""
    centred_rank = ranks - np.average(ranks, weights=weights)
    mean_value = values @ weights / weights.sum()
    slope = ((values - mean_value[..., None]) * (weights * centred_rank)).sum(axis=-1) / np.sum(
        weights * centred_rank ** 2)
    return slope, mean_value


def _slope(values: np.ndarray, ranks: np.ndarray, weights: np.ndarray) -> tuple[float, float]:
    slope, mean_value = _slopes(values, ranks, weights)
    return float(slope), float(mean_value)


def sii(values: Sequence[float], populations: Sequence[float], *, lower: Sequence[float] | None = None,
        upper: Sequence[float] | None = None, value_confidence: float = 0.95, confidence: float = 0.95,
        repetitions: int = 10_000, seed: int = 1) -> Inequality:
    """SII and RII with confidence intervals.

    With each group's confidence limits (`lower`, `upper`), the interval comes from a seeded simulation that
    redraws each value from a normal distribution with the standard error those limits imply, as PHE does.
    Without them, from the standard error of the weighted regression slope.
    """
    y, pops = np.asarray(values, dtype=float), np.asarray(populations, dtype=float)
    if y.shape != pops.shape or y.size < 3:
        raise ValueError("give a value and a population for each of at least three groups")
    if np.any(pops <= 0):
        raise ValueError("every group needs a positive population")
    ranks = midpoint_ranks(pops)
    slope, mean = _slope(y, ranks, pops)
    z = z_for(confidence)
    if lower is not None and upper is not None:
        se = (np.asarray(upper, dtype=float) - np.asarray(lower, dtype=float)) / (2 * z_for(value_confidence))
        draws = np.random.default_rng(seed).normal(y, se, size=(repetitions, y.size))
        slopes, means = _slopes(draws, ranks, pops)
        alpha = (1 - confidence) / 2
        sii_low, sii_high = np.quantile(slopes, [alpha, 1 - alpha])
        rii_low, rii_high = np.quantile(slopes / means, [alpha, 1 - alpha])
        return Inequality(slope, float(sii_low), float(sii_high), _ratio(slope, mean), float(rii_low), float(rii_high))
    residuals = y - (mean + slope * (ranks - np.average(ranks, weights=pops)))
    weights = pops / pops.mean()
    dof = y.size - 2
    sigma2 = float(np.sum(weights * residuals ** 2) / dof)
    se = math.sqrt(sigma2 / float(np.sum(weights * (ranks - np.average(ranks, weights=pops)) ** 2)))
    return Inequality(slope, slope - z * se, slope + z * se, _ratio(slope, mean), _ratio(slope - z * se, mean),
                      _ratio(slope + z * se, mean))


def _ratio(slope: float, mean: float) -> float:
    """RII is undefined when the mean value is zero."""
    return slope / mean if mean else math.nan
