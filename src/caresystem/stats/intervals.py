"""Confidence intervals for proportions and counts, as the public-health indicator methods compute them.

Sources: Public Health England, "Technical guide: confidence intervals" (2018) and the PHEindicatormethods R
package: Wilson score interval for proportions; Byars' approximation for Poisson counts, with exact limits from
the chi-square distribution for counts below 10.
"""

import math

from caresystem.stats.distributions import chi2_quantile, z_for

EXACT_BELOW = 10


def wilson(numerator: float, denominator: float, confidence: float = 0.95) -> tuple[float, float, float]:
    """Proportion (0-1) with its Wilson score interval: (value, lower, upper)."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    if not 0 <= numerator <= denominator:
        raise ValueError("numerator must be between 0 and the denominator")
    z = z_for(confidence)
    p = numerator / denominator
    centre = 2 * numerator + z * z
    spread = z * math.sqrt(z * z + 4 * numerator * (1 - p))
    scale = 2 * (denominator + z * z)
    return p, max(0.0, (centre - spread) / scale), min(1.0, (centre + spread) / scale)


def exact_poisson(count: int, confidence: float = 0.95) -> tuple[float, float]:
    """Exact Poisson limits for an observed count, from chi-square quantiles."""
    alpha = 1 - confidence
    lower = 0.0 if count == 0 else chi2_quantile(alpha / 2, 2 * count) / 2
    return lower, chi2_quantile(1 - alpha / 2, 2 * count + 2) / 2


def byars(count: float, confidence: float = 0.95) -> tuple[float, float]:
    """Limits for a Poisson count: exact below 10, Byars' approximation from 10 on."""
    if count < 0:
        raise ValueError("count must not be negative")
    if count < EXACT_BELOW:
        return exact_poisson(int(round(count)), confidence)
    z = z_for(confidence)
    lower = count * (1 - 1 / (9 * count) - z / (3 * math.sqrt(count))) ** 3
    above = count + 1
    upper = above * (1 - 1 / (9 * above) + z / (3 * math.sqrt(above))) ** 3
    return lower, upper
