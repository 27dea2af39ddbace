"""The test databases themselves: a PostgreSQL copy a test only read is handed on, one it wrote to never is."""

from sqlalchemy import text

from caresystem.db import make_engine


def _use(url: str, statement: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text(statement))
    engine.dispose()


def test_a_copy_only_read_is_handed_on_and_a_written_one_is_dropped(templates):
    pg = templates("postgresql")
    read, _ = pg.fresh("example")
    _use(read, "SELECT count(*) FROM organisations")
    pg.release(read)
    assert pg.fresh("example")[0] == read

    _use(read, "UPDATE organisations SET name = name || ' (renamed)'")
    pg.release(read)
    again, _ = pg.fresh("example")
    assert again != read
    pg.release(again)


def test_a_select_that_moves_a_sequence_counts_as_a_write(templates):
    pg = templates("postgresql")
    url, _ = pg.fresh("example")
    _use(url, "SELECT nextval(pg_get_serial_sequence('audit_entries', 'id'))")
    pg.release(url)
    other, _ = pg.fresh("example")
    assert other != url
    pg.release(other)
