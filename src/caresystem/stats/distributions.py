"""Quantiles the public-health methods need, without SciPy: normal (stdlib) and chi-square (via the gamma function)."""

import math
from statistics import NormalDist

_STANDARD_NORMAL = NormalDist()


def z_for(confidence: float) -> float:
    """Two-sided standard normal quantile: 1.959964 for 95%."""
    if not 0 < confidence < 1:
        raise ValueError("confidence must be between 0 and 1, e.g. 0.95")
    return _STANDARD_NORMAL.inv_cdf(1 - (1 - confidence) / 2)


def regularized_gamma_p(a: float, x: float) -> float:
    """P(a, x), the regularised lower incomplete gamma function (series or continued fraction, Numerical Recipes 6.2)."""
    if x <= 0:
        return 0.0
    if x < a + 1:
        term = total = 1.0 / a
        n = a
        while abs(term) > abs(total) * 1e-15:
            n += 1
            term *= x / n
            total += term
        return total * math.exp(-x + a * math.log(x) - math.lgamma(a))
    return 1.0 - _gamma_q_continued_fraction(a, x)


def _gamma_q_continued_fraction(a: float, x: float) -> float:
    tiny = 1e-300
    b = x + 1 - a
    c, d = 1 / tiny, 1 / b
    h = d
    for i in range(1, 1000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-15:
            break
    return math.exp(-x + a * math.log(x) - math.lgamma(a)) * h


def chi2_quantile(p: float, degrees_of_freedom: float) -> float:
    """The chi-square quantile, by bisection on P(k/2, x/2): exact to about 1e-12."""
    if degrees_of_freedom <= 0:
        return 0.0
    a = degrees_of_freedom / 2
    low, high = 0.0, max(1.0, degrees_of_freedom)
    while regularized_gamma_p(a, high / 2) < p:
        high *= 2
    for _ in range(200):
        mid = (low + high) / 2
        if regularized_gamma_p(a, mid / 2) < p:
            low = mid
        else:
            high = mid
        if high - low < 1e-12 * max(1.0, high):
            break
    return (low + high) / 2
