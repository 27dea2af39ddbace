"""Loading benefits, benefit escalation rules and impact domains from YAML: the Kent and Medway example, idempotence,
updates by key, and errors that name the file, the record and the field."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from caresystem.auth.audit import AuditEntry
from caresystem.errors import Invalid
from caresystem.example import load_example
from caresystem.programme.benefits import reference, service
from caresystem.programme.benefits.models import Benefit, BenefitEscalationRule
from caresystem.programme.core.service import get_programme
from caresystem.programme.impact import reference as impact_reference
from caresystem.programme.impact.models import ImpactDomain
from caresystem.programme.raid.models import EscalationRule

BENEFITS = """
- key: fewer-admissions
  objective: improve-quality-and-outcomes
  title: Fewer emergency admissions
  beneficiaries: [Patients]
  type: non_cash_releasing
  measure: {text: Emergency admissions per 1000, unit: per 1000, direction: decrease, indicator: emergency-admissions}
  baseline: {value: 100, date: '2024-01-01'}
  target: {value: 80, unit: per 1000, date: '2025-01-01', date_text: null, text: a fifth fewer}
  trajectory: [{date: '2024-07-01', value: 90}]
  actuals: [{date: '2024-07-01', value: 99, source: SUS}]
  owner: Director of Strategy
  project: null
  notes: null
  source: {document: '000', section: '6.1'}
"""
RULES = """
- min_score: 8
  body: board-a
- key: late-benefits
  applies_to: benefit
  condition: off_track
  bodies: [board-a, board-b]
  to_text: null
  source: {document: '001', section: '5.3'}
"""


def _audit_count(session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEntry))


def test_kent_and_medway_is_loaded_once(db):
    with db.session() as session:
        programme = get_programme(session)
        assert session.scalar(select(func.count()).select_from(Benefit)) == 10  # 7 of the PID, 3 of the merger
        assert service.rules_of(session, programme) == []
        rules = service.rules_of(session, get_programme(session, "ccg-merger"))
        assert [(r.condition, r.body_key, r.to_text, r.source_document) for r in rules] == [
            ("off_track", None, "the CCG, PCN and ICP leadership", "001")]
        # the risk rules are intact: the PID's six and five to the bodies in force since, and the transition's two
        assert session.scalar(select(func.count()).select_from(EscalationRule)) == 13
        assert session.scalar(select(func.count()).select_from(ImpactDomain)) == 6
        before = _audit_count(session)
        summary = load_example(session)
        session.flush()
        assert "benefits: 0 new 0 changed; 1 benefit escalation rules" in summary
        assert "impact domains: 0 new 0 changed 0 removed" in summary
        assert _audit_count(session) == before


def test_a_folder_loads_updates_and_stays_still(db, tmp_path: Path):
    (tmp_path / "benefits.yaml").write_text(BENEFITS)
    (tmp_path / "escalation_rules.yaml").write_text(RULES)
    with db.session() as session:
        programme = get_programme(session)
        assert reference.load(session, tmp_path, programme=programme) == \
            "benefits: 1 new 0 changed; 2 benefit escalation rules"
        benefit = session.scalar(select(Benefit).where(Benefit.key == "fewer-admissions"))
        found = service.assessed(benefit, service.tolerance_of(programme), service.rules_of(session, programme))
        # expected about 90 on 1 July, actual 99: 9 behind on a distance of 20 -> off track, to both boards
        assert found.status.status == "off_track" and found.escalated_to == ["board-a", "board-b"]
        assert benefit.measure.source == "indicator" and benefit.measure.indicator_key == "emergency-admissions"
        assert benefit.actuals[0].source == "SUS"
        assert reference.load(session, tmp_path, programme=programme).startswith("benefits: 0 new 0 changed")
        (tmp_path / "benefits.yaml").write_text(BENEFITS.replace("value: 99", "value: 91").replace(
            "[{date: '2024-07-01', value: 90}]", "[{date: '2024-07-01', value: 92}]"))
        (tmp_path / "escalation_rules.yaml").write_text(RULES.replace("[board-a, board-b]", "[board-b]"))
        assert reference.load(session, tmp_path, programme=programme) == \
            "benefits: 0 new 1 changed; 1 benefit escalation rules"
        session.refresh(benefit)
        assert [p.value for p in benefit.trajectory] == [92] and benefit.actuals[0].value == 91
        assert [r.body_key for r in session.scalars(select(BenefitEscalationRule).where(
            BenefitEscalationRule.programme_id == programme.id))] == ["board-b"]


def test_errors_name_file_record_and_field(db, tmp_path: Path):
    (tmp_path / "benefits.yaml").write_text(BENEFITS + """
- key: Bad Key
  title: Second
  colour: blue
- key: fewer-admissions
  title: Fewer emergency admissions again
  type: priceless
""")
    (tmp_path / "escalation_rules.yaml").write_text(RULES + "- applies_to: benefit\n  condition: sometimes\n")
    with db.session() as session:
        with pytest.raises(Invalid) as caught:
            reference.load(session, tmp_path, programme=get_programme(session))
        fields = {e.field for e in caught.value.errors}
        assert {"benefits.yaml[2].key", "benefits.yaml[2].colour", "benefits.yaml[3].key",
                "escalation_rules.yaml[3].condition"} <= fields
        assert session.scalar(select(func.count()).select_from(Benefit).where(Benefit.key == "fewer-admissions")) == 0


def test_a_bad_value_in_a_good_shape_names_its_record(db, tmp_path: Path):
    (tmp_path / "benefits.yaml").write_text(BENEFITS.replace("type: non_cash_releasing", "type: priceless"))
    with db.session() as session:
        with pytest.raises(Invalid) as caught:
            reference.load(session, tmp_path, programme=get_programme(session))
        assert [e.field for e in caught.value.errors] == ["benefits.yaml[1].type"]


def test_impact_domains_follow_the_file(db, tmp_path: Path):
    (tmp_path / "impact_domains.yaml").write_text("- {key: safety, name: Patient safety}\n- {key: cost, name: Cost}\n")
    with db.session() as session:
        programme = get_programme(session)
        assert impact_reference.load(session, tmp_path, programme=programme) == \
            "impact domains: 1 new 1 changed 5 removed"
        assert impact_reference.load(session, tmp_path, programme=programme) == \
            "impact domains: 0 new 0 changed 0 removed"
        (tmp_path / "impact_domains.yaml").write_text("- key: safety\n  name: Safety\n  colour: red\n")
        with pytest.raises(Invalid) as caught:
            impact_reference.load(session, tmp_path, programme=programme)
        assert caught.value.errors[0].field == "impact_domains.yaml[1].colour"
