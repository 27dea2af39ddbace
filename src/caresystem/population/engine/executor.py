"""The only calls in `population` that execute: Ibis expressions are handed here and Arrow tables come back.

Everything else builds expressions. Person-level expressions run on the run's backend (DuckDB or Spark, see
`backends`); the small tables that come back (cells, counts per area) are put on an in-process DuckDB for the
rollups that follow, so the indicators read the same whichever backend computed the cells. An indicator is a
`Computation`: the rollups it needs, as expressions, and a pure function of their results that adds the
statistics (intervals, standardisation, life tables), which are not expressible in SQL.

One stated exception: `validation` checks the raw files row by row with SQL on a plain DuckDB connection
(`sql_connection`), before any dataset is opened as expressions, whichever engine the run then uses.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import duckdb
import ibis
import pyarrow as pa


def execute(expression: ibis.Table) -> pa.Table:
    """Run an expression where its data is and bring the (small) result back as Arrow."""
    return expression.to_pyarrow()


@dataclass(frozen=True)
class Computation:
    """What to compute, apart from running it: named aggregate expressions (small results), and `finish`, a pure
    function called with their executed tables as keyword arguments that returns the result table."""
    expressions: Mapping[str, ibis.Table]
    finish: Callable[..., pa.Table]


def compute(computation: Computation) -> pa.Table:
    """Execute a computation's expressions and hand their tables to its `finish`."""
    return computation.finish(**{name: execute(e) for name, e in computation.expressions.items()})


def keep(expression: ibis.Table) -> ibis.Table:
    """Materialise an expression that several later expressions read (released with `release`)."""
    return expression.cache()


def release(kept: ibis.Table) -> None:
    kept.release()


class Local:
    """An in-process DuckDB holding small Arrow tables as Ibis tables, for rollups after the heavy part."""

    def __init__(self):
        self.backend = ibis.duckdb.connect()

    def table(self, name: str, table: pa.Table) -> ibis.Table:
        return self.backend.create_table(name, table, overwrite=True)

    def close(self) -> None:
        self.backend.disconnect()


def sql_connection() -> duckdb.DuckDBPyConnection:
    """A plain DuckDB connection, for checking raw files row by row before any expression is built; without DuckDB's
    progress bar, which would draw over the command line's own."""
    connection = duckdb.connect()
    connection.execute("SET enable_progress_bar = false")
    return connection
