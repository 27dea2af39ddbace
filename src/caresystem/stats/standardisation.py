"""Directly standardised rates with Dobson confidence intervals, and the European Standard Population 2013.

Sources: PHE "Technical guide: calculating directly standardised rates" (2017); Dobson et al. (1991),
Statistics in Medicine 10:457-62; Eurostat, Revision of the European Standard Population (2013).
"""

import math
from collections.abc import Sequence

from caresystem.stats.intervals import byars

ESP2013_BANDS = ("0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54",
                 "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+")
ESP2013_AGE_STARTS = tuple(range(0, 95, 5))
ESP2013_WEIGHTS = (5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000,
                   2500, 1500, 1000)
esp2013 = dict(zip(ESP2013_BANDS, ESP2013_WEIGHTS))


def esp2013_band(age: int) -> str:
    """The five-year ESP 2013 band of an age in whole years (90 and over share one band)."""
    if age < 0:
        raise ValueError("age must not be negative")
    return ESP2013_BANDS[min(age // 5, len(ESP2013_BANDS) - 1)]


def dsr(counts: Sequence[float], populations: Sequence[float], standard: Sequence[float] = ESP2013_WEIGHTS,
        multiplier: float = 100_000, confidence: float = 0.95) -> tuple[float, float, float]:
    """Directly standardised rate per `multiplier` with Dobson limits: (value, lower, upper).

    `counts`, `populations` and `standard` are aligned by age band. Bands with no population are left out of the
    rate and of the standard's total.
    """
    if not len(counts) == len(populations) == len(standard):
        raise ValueError("counts, populations and standard must have one value per age band")
    bands = [(o, n, w) for o, n, w in zip(counts, populations, standard) if n > 0]
    if not bands:
        raise ValueError("at least one age band needs a population")
    if any(o < 0 for o, _, _ in bands):
        raise ValueError("counts must not be negative")
    total_weight = sum(w for _, _, w in bands)
    value = sum(w * o / n for o, n, w in bands) / total_weight
    variance = sum(w * w * o / (n * n) for o, n, w in bands) / (total_weight * total_weight)
    observed = sum(o for o, _, _ in bands)
    if observed == 0:
        return 0.0, 0.0, math.nan  # Dobson's method needs at least one event; PHE leaves the upper limit blank
    low_count, high_count = byars(observed, confidence)
    spread = math.sqrt(variance / observed)
    return (value * multiplier, (value + (low_count - observed) * spread) * multiplier,
            (value + (high_count - observed) * spread) * multiplier)
