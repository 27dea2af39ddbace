"""Reference data: the example loads idempotently, export and import round-trip, a bad file changes nothing."""

import shutil

import pytest
import yaml
from sqlalchemy import func, select

from caresystem.auth import SYSTEM
from caresystem.auth.audit import AuditEntry
from caresystem.errors import Invalid
from caresystem.example import load_example
from caresystem.system import interchange
from caresystem.system.organisations.models import Organisation


def _counts(session):
    return (session.scalar(select(func.count()).select_from(Organisation)),
            session.scalar(select(func.count()).select_from(AuditEntry)))


def test_loading_the_example_again_changes_nothing(db):
    with db.session() as s:
        before = _counts(s)
        load_example(s)
        s.commit()
        assert _counts(s) == before


def test_every_example_record_cites_its_source(db):
    with db.session() as s:
        missing = s.scalars(select(Organisation.code).where(Organisation.source_document.is_(None))).all()
    assert missing == []


def test_export_then_import_into_an_empty_database_gives_the_same_data(db, empty_db, tmp_path):
    with db.session() as s:
        interchange.export_directory(s, tmp_path / "first")
    with empty_db.session() as s:
        interchange.import_directory(s, tmp_path / "first", actor=SYSTEM)
        s.commit()
        interchange.export_directory(s, tmp_path / "second")
    for path in (tmp_path / "first").iterdir():
        assert yaml.safe_load(path.read_text()) == yaml.safe_load((tmp_path / "second" / path.name).read_text()), path


def test_a_bad_file_names_file_record_and_field_and_changes_nothing(db, tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(interchange.EXAMPLE, pack, ignore=shutil.ignore_patterns("programme"))
    orgs = yaml.safe_load((pack / "organisations.yaml").read_text())
    orgs[0]["type"] = "castle"
    orgs[1]["successor"] = "ZZZ999"
    orgs.append({"code": "bad code", "name": "Bad", "type": "vcs", "colour": "red"})
    (pack / "organisations.yaml").write_text(yaml.safe_dump(orgs))
    with db.session() as s:
        before = _counts(s)
        with pytest.raises(Invalid) as caught:
            interchange.import_directory(s, pack, actor=SYSTEM)
        s.rollback()
        assert _counts(s) == before
    fields = [e.field for e in caught.value.errors]
    assert any(f.endswith(".colour") and "organisations.yaml" in f for f in fields), fields
    orgs.pop()
    (pack / "organisations.yaml").write_text(yaml.safe_dump(orgs))
    with db.session() as s, pytest.raises(Invalid) as caught:
        interchange.import_directory(s, pack, actor=SYSTEM)
    fields = [e.field for e in caught.value.errors]
    assert f"organisations.yaml ({orgs[0]['code']}).type" in fields
    assert f"organisations.yaml ({orgs[1]['code']}).successor" in fields
