"""Reporting lines hold only while the body reported to is in force: the loader refuses a line that starts before
it, and "as at" views draw no line before `reports_to_from`; on SQLite and PostgreSQL."""

import shutil
from datetime import date

import pytest
from sqlalchemy import select

from caresystem.auth import SYSTEM
from caresystem.errors import Invalid
from caresystem.system import interchange
from caresystem.system.governance import service
from caresystem.system.governance.models import GovernanceBody


def test_a_line_to_a_body_not_yet_in_force_fails_the_load(db, tmp_path):
    folder = tmp_path / "system"
    shutil.copytree(interchange.EXAMPLE, folder)
    text = (folder / "governance.yaml").read_text()
    line = "  reports_to: ics-nhs-body-board\n  reports_to_from: '2022-07-01'\n"
    start = text.index("- key: dgs-icp\n")
    assert text.index(line, start) - start < 400
    (folder / "governance.yaml").write_text(text[:start] + text[start:].replace(line, "  reports_to: ics-nhs-body-board\n", 1))
    with db.session() as session:
        with pytest.raises(Invalid) as failed:
            interchange.import_directory(session, folder, actor=SYSTEM)
        [error] = failed.value.errors
        assert error.field == "governance.yaml (dgs-icp).reports_to"
        assert "before that body comes into force on 2022-07-01" in error.message


def _parents(tree, parent=None, found=None) -> dict[str, str | None]:
    found = {} if found is None else found
    for body, children in tree:
        found[body.key] = parent
        _parents(children, body.key, found)
    return found


def test_as_at_views_show_the_icps_under_the_icb_board_only_once_it_exists(db):
    with db.session() as session:
        icp = session.scalar(select(GovernanceBody).where(GovernanceBody.key == "dgs-icp"))
        assert (icp.reports_to.key, icp.reports_to_from) == ("ics-nhs-body-board", date(2022, 7, 1))
        for as_at, parent in ((date(2021, 6, 1), None), (date(2023, 1, 1), "ics-nhs-body-board")):
            bodies = service.list_bodies(session, actor=SYSTEM, as_at=as_at)
            parents = _parents(service.structure(bodies, as_at))
            assert parents["dgs-icp"] == parent and parents["east-kent-icp"] == parent
            assert all(parents[b.key] is None or parents[b.key] in parents for b in bodies)
