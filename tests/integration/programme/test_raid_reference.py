"""Loading RAID reference data from YAML: grades, rules, risks, assumptions and logs; idempotent; all or nothing."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from caresystem.errors import Invalid
from caresystem.programme.core.models import Programme
from caresystem.programme.raid import reference
from caresystem.programme.raid.models import Action, Assumption, EscalationRule, Risk, RiskScore

FILES = {
    "risk_matrix.yaml": """
grades:
  - {grade: low, min: 1, max: 3, rag: green}
  - {grade: moderate, min: 4, max: 6, rag: amber}
  - {grade: high, min: 8, max: 12, rag: amber}
  - {grade: extreme, min: 15, max: 25, rag: red}
""",
    "escalation_rules.yaml": """
- min_score: 8
  bodies: [board-a, board-b]
  source: {document: '000', section: '7.1'}
""",
    "risks.yaml": """
- key: T-1
  title: Unscored risk from the PID
  mitigation: Engage early
  source: {document: '000', section: '7.2'}
- reference: T-2
  title: Scored transition risk
  current_impact: 4
  current_likelihood: 4
  opened_on: '2021-06-30'
""",
    "assumptions.yaml": """
- reference: A-1
  title: Support from CCGs and membership
  description: Assumes there will be support for the proposed system model
  how_tested: Governing body resolutions
  source: {document: '000', section: '2.6'}
""",
    "actions.yaml": """
- reference: AC-1
  title: Early engagement with NHSE/I
  risk_reference: T-1
""",
}


def write(directory: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (directory / name).write_text(text)
    return directory


@pytest.fixture
def programme_in(empty_db):
    session = empty_db.session()
    programme = Programme(key="test", name="Test programme")
    session.add(programme)
    session.flush()
    yield session, programme
    session.close()


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_load_is_idempotent(programme_in, tmp_path):
    session, programme = programme_in
    directory = write(tmp_path, FILES)
    first = reference.load(session, directory, programme=programme)
    assert "2 escalation rules" in first and "risks 2 new" in first
    assert {r.body_key for r in session.scalars(select(EscalationRule))} == {"board-a", "board-b"}
    t1 = session.scalar(select(Risk).where(Risk.reference == "T-1"))
    t2 = session.scalar(select(Risk).where(Risk.reference == "T-2"))
    assert t1.current_score is None and (t1.source_document, t1.source_section) == ("000", "7.2")
    assert t2.current_score == 16 and str(t2.opened_on) == "2021-06-30"
    assert session.scalar(select(Action)).risk is t1
    before = {m: count(session, m) for m in (Risk, RiskScore, Assumption, Action, EscalationRule)}
    second = reference.load(session, directory, programme=programme)
    assert "risks 0 new 0 changed" in second
    assert {m: count(session, m) for m in before} == before


def test_a_changed_score_is_kept_in_history(programme_in, tmp_path):
    session, programme = programme_in
    reference.load(session, write(tmp_path, FILES), programme=programme)
    write(tmp_path, {"risks.yaml": FILES["risks.yaml"].replace("current_likelihood: 4", "current_likelihood: 2")})
    assert "risks 0 new 1 changed" in reference.load(session, tmp_path, programme=programme)
    t2 = session.scalar(select(Risk).where(Risk.reference == "T-2"))
    assert [s.score for s in t2.history] == [16, 8]


def test_bad_files_load_nothing_and_name_the_record(programme_in, tmp_path):
    session, programme = programme_in
    files = FILES | {"risks.yaml": "- reference: T-9\n  title: Bad\n  current_impact: 7\n  current_likelihood: 1\n",
                     "risk_matrix.yaml": "- {grade: low, min: 1, max: 10, rag: green}\n"}
    with pytest.raises(Invalid) as caught:
        reference.load(session, write(tmp_path, files), programme=programme)
    fields = [e.field for e in caught.value.errors]
    assert "risks.yaml[1].current_impact" in fields and "risk_matrix.yaml" in fields
    assert count(session, Risk) == 0 and count(session, EscalationRule) == 0


def test_the_kent_and_medway_example_is_loaded(db):
    with db.session() as session:
        risks = {r.reference: r.current_score for r in session.scalars(select(Risk))}
    scored = sorted(s for s in risks.values() if s is not None)
    assert scored == [12, 12, 12, 12, 15, 16, 16]
    assert sum(1 for s in risks.values() if s is None) >= 15
