"""Population health analytics over a linked person-level dataset (Parquet), on Ibis: DuckDB by default, Spark at scale.

`schema` describes the dataset (the data dictionary), `validation` checks one, `synthetic` generates one, `engine` computes every
result and `results` reads the latest run back for the pages and the API; `trend` reads one indicator of an area across
every run, for other parts (the programme's benefits).
"""

from caresystem.population.trend import (INDICATORS, IndicatorSeries, indicator_series, known_area,
                                         known_indicator)

__all__ = ["INDICATORS", "IndicatorSeries", "indicator_series", "known_area", "known_indicator"]
