"""The only calls in `population` that execute: Ibis expressions are handed here and Arrow tables come back.

Everything else builds expressions. Person-level expressions run on the run's backend (DuckDB or Spark, see
`backends`); the small tables that come back (cells, counts per area) are put on an in-process DuckDB for the
rollups that follow, so the indicators read the same whichever backend computed the cells.
"""

import duckdb
import ibis
import pyarrow as pa


def execute(expression: ibis.Table) -> pa.Table:
    """Run an expression where its data is and bring the (small) result back as Arrow."""
    return expression.to_pyarrow()


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
    """A plain DuckDB connection, for checking raw files row by row before any expression is built."""
    return duckdb.connect()
