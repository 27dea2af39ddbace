"""The plain DuckDB connection that checks raw files."""

from caresystem.population.engine.executor import sql_connection


def test_the_plain_connection_draws_no_progress_bar():
    connection = sql_connection()
    try:
        assert connection.execute("SELECT current_setting('enable_progress_bar')").fetchone() == (False,)
    finally:
        connection.close()
