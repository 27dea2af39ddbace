"""Life expectancy from an abridged life table by Chiang's method II, as the PHE life expectancy calculator does.

Sources: Chiang C.L. (1984) The Life Table and its Applications; PHE "Life expectancy calculator" (2018):
20 age bands starting 0, 1, 5, 10, ..., 90; the fraction of the interval lived by those dying is 0.1 in the
first year of life and 0.5 otherwise; the last band is open (its person-years are l / M); the variance of life
expectancy at birth sums each band's contribution through the variance of its probability of dying.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from caresystem.stats.distributions import z_for

PHE_AGE_STARTS = (0, 1) + tuple(range(5, 95, 5))
RADIX = 100_000


@dataclass(frozen=True)
class LifeTableRow:
    age_start: int
    width: float | None  # None for the open last band
    deaths: float
    population: float
    m: float   # death rate
    q: float   # probability of dying in the band
    l: float   # survivors at the start of the band
    d: float   # deaths in the band, of the radix
    big_l: float  # person-years lived in the band
    t: float   # person-years lived from the band on
    e: float   # life expectancy at the start of the band


def life_table(deaths: Sequence[float], populations: Sequence[float],
               age_starts: Sequence[int] = PHE_AGE_STARTS) -> list[LifeTableRow]:
    if not len(deaths) == len(populations) == len(age_starts):
        raise ValueError("deaths, populations and age_starts must have one value per band")
    if any(p <= 0 for p in populations):
        raise ValueError("every band needs a positive population")
    if list(age_starts) != sorted(age_starts) or age_starts[0] != 0:
        raise ValueError("age_starts must rise from 0")
    widths = [b - a for a, b in zip(age_starts, age_starts[1:])] + [None]
    rows, survivors = [], float(RADIX)
    for age, width, dead, pop in zip(age_starts, widths, deaths, populations):
        m = dead / pop
        a = 0.1 if age == 0 else 0.5
        q = 1.0 if width is None else min(1.0, width * m / (1 + width * (1 - a) * m))
        d = survivors * q
        big_l = (survivors / m if m > 0 else math.inf) if width is None else width * (survivors - d + a * d)
        rows.append([age, width, dead, pop, m, q, survivors, d, big_l])
        survivors -= d
    total, table = 0.0, []
    for row in reversed(rows):
        total += row[8]
        table.append(LifeTableRow(*row, t=total, e=total / row[6] if row[6] else 0.0))
    return list(reversed(table))


def life_expectancy(deaths: Sequence[float], populations: Sequence[float],
                    age_starts: Sequence[int] = PHE_AGE_STARTS, confidence: float = 0.95) -> tuple[float, float, float]:
    """Life expectancy at birth with its confidence interval: (value, lower, upper)."""
    table = life_table(deaths, populations, age_starts)
    variance = 0.0
    for i, row in enumerate(table[:-1]):
        a = 0.1 if row.age_start == 0 else 0.5
        following = table[i + 1].e
        var_q = (row.width ** 2 * row.m * (1 - a * row.width * row.m)
                 / (row.population * (1 + (1 - a) * row.width * row.m) ** 3)) if 0 < row.m and row.q < 1 else 0.0
        # q capped at 1 (a band where the rate passes 1 / (a * width)) is certain: it adds no variance, where the
        # formula would turn negative
        variance += row.l ** 2 * ((1 - a) * row.width + following) ** 2 * var_q
    last = table[-1]
    if last.m > 0:
        variance += last.l ** 2 / (last.population * last.m ** 3)
    se = math.sqrt(variance) / RADIX
    z = z_for(confidence)
    value = table[0].e
    return value, value - z * se, value + z * se
