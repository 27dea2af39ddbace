"""Public statistics for analysts, mirroring the public-health indicator methods (see docs/stats.md).

    from caresystem.stats import wilson, byars, dsr, life_expectancy, sii
    wilson(81, 263)            # (0.308, 0.255, 0.366)
    byars(5)                   # exact Poisson limits below 10
"""

from caresystem.stats.distributions import chi2_quantile, z_for
from caresystem.stats.inequality import Inequality, midpoint_ranks, sii
from caresystem.stats.intervals import byars, exact_poisson, wilson
from caresystem.stats.life_tables import PHE_AGE_STARTS, life_expectancy, life_table
from caresystem.stats.spc import Point, Segment, SpcResult, XmR, assurance_icon, classify, spc, variation_icon, xmr
from caresystem.stats.standardisation import ESP2013_AGE_STARTS, ESP2013_BANDS, ESP2013_WEIGHTS, dsr, esp2013, esp2013_band

__all__ = ["chi2_quantile", "z_for", "Inequality", "midpoint_ranks", "sii", "byars", "exact_poisson", "wilson",
           "PHE_AGE_STARTS", "life_expectancy", "life_table", "XmR", "xmr", "spc", "SpcResult", "Point", "Segment",
           "assurance_icon", "classify", "variation_icon", "ESP2013_AGE_STARTS", "ESP2013_BANDS",
           "ESP2013_WEIGHTS", "dsr", "esp2013", "esp2013_band"]
