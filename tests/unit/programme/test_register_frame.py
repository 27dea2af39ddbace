"""The register frame: a register described as data gets its schemas, overdue rule and spreadsheet layout."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from pydantic import ValidationError

from caresystem.programme.raid.models import Decision
from caresystem.programme.registers import (Register, build_schemas, is_overdue, read_file, register_columns,
                                            register_layout, text_field)

LOG = build_schemas(Register(
    key="decisions", singular="ruling", title="Rulings", prefix="R", model=Decision,
    fields=[text_field("title", "Ruling"), text_field("owner", "Owner", max_length=20),
            text_field("decided_on", "Due", kind="date"),
            text_field("body_key", "Forum", kind="choice", choices={"steb": "STEB", "icp": "ICP board"})],
    statuses={"open": "Open", "done": "Done"}, default_status="open", closed_statuses=frozenset({"done"}),
    overdue_field="decided_on"))


def test_the_schemas_come_from_the_fields():
    created = LOG.create(title="A ruling", decided_on="2026-03-31")
    assert (created.status, created.decided_on, created.reference) == ("open", date(2026, 3, 31), None)
    with pytest.raises(ValidationError):
        LOG.create(title="A ruling", colour="red")          # not a field of the register
    with pytest.raises(ValidationError):
        LOG.create(title="A ruling", owner="x" * 21)        # longer than the field allows
    with pytest.raises(ValidationError):
        LOG.update(title="No version")                      # an update carries the version it read
    assert set(LOG.read.model_fields) >= {"reference", "version", "status", "overdue", "title", "owner"}


def test_an_entry_is_overdue_once_its_date_has_passed_while_it_is_open():
    yesterday, tomorrow = date.today() - timedelta(days=1), date.today() + timedelta(days=1)
    assert is_overdue(LOG, SimpleNamespace(status="open", decided_on=yesterday))
    assert not is_overdue(LOG, SimpleNamespace(status="done", decided_on=yesterday))
    assert not is_overdue(LOG, SimpleNamespace(status="open", decided_on=tomorrow))
    assert not is_overdue(LOG, SimpleNamespace(status="open", decided_on=None))


def test_its_spreadsheet_is_read_by_its_own_headings_and_labels():
    assert register_columns(LOG) == [("reference", "Reference"), ("title", "Ruling"), ("owner", "Owner"),
                                     ("decided_on", "Due"), ("body_key", "Forum"), ("status", "Status")]
    rows = read_file(b"Ruling ID,Ruling,Forum,Due,State\nR001,Keep the board,ICP board,31/03/2026,Done\n",
                     "rulings.csv", register_layout(LOG))
    assert rows[0].data.model_dump(include={"reference", "title", "body_key", "decided_on", "status"}) == {
        "reference": "R001", "title": "Keep the board", "body_key": "icp", "decided_on": date(2026, 3, 31),
        "status": "done"}
