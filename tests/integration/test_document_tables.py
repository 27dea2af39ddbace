"""Every row of the documents' tables the example claims to load is loaded: a walk over the list kept with the
example (`reference/kent_and_medway/document_tables.yaml`, each table with its document and section); on SQLite and
PostgreSQL."""

from collections import Counter

import pytest
import yaml
from sqlalchemy import select

from caresystem.db import Base
from caresystem.programme.core.models import Programme
from caresystem.system.interchange import EXAMPLE

TABLES = yaml.safe_load((EXAMPLE / "document_tables.yaml").read_text(encoding="utf-8"))


def _loaded(session, entry: dict) -> list:
    table = Base.metadata.tables[entry["db_table"]]
    query = select(table.c[entry["field"]])
    if entry["programme"]:
        programme_id = session.scalar(select(Programme.id).where(Programme.key == entry["programme"]))
        assert programme_id is not None, f"no programme {entry['programme']!r}"
        query = query.where(table.c.programme_id == programme_id)
    if "deleted_at" in table.c:
        query = query.where(table.c.deleted_at.is_(None))
    return list(session.scalars(query))


def test_the_list_names_document_and_section_of_each_table():
    assert TABLES and all(e["document"] in {"000", "001", "002", "003", "004"} and e["section"] for e in TABLES)
    assert all(e["rows"] for e in TABLES)


@pytest.mark.parametrize("entry", TABLES, ids=[f"{e['document']}-{e['section']}-{e['db_table']}" for e in TABLES])
def test_every_row_of_the_table_is_loaded(db, entry):
    with db.session() as session:
        loaded = _loaded(session, entry)
    missing = list((Counter(entry["rows"]) - Counter(loaded)).elements())  # a row given twice is loaded twice
    assert missing == [], f"{entry['table']} (document {entry['document']} section {entry['section']}): {missing}"
