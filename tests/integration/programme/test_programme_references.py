"""A programme folder's references resolve or the load fails (governance keys, benefits' aims and projects), and the
Kent and Medway example's do; on SQLite and PostgreSQL."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from caresystem.errors import Invalid
from caresystem.programme.benefits.models import Benefit
from caresystem.programme.core.service import get_programme
from caresystem.programme.plan.models import Objective
from caresystem.programme.reference import load_programme
from caresystem.system.governance.models import GovernanceBody
from caresystem.system.interchange import EXAMPLE


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "programme"
    shutil.copytree(EXAMPLE / "programme", folder)
    return folder


@pytest.mark.parametrize("name,old,new,field", [
    ("workstreams.yaml", "governance_body: stp-finance-group", "governance_body: no-such-group",
     "workstreams.yaml[3] (finance).governance_body"),
    ("escalation_rules.yaml", "body: west-kent-icp-steering-group", "body: west-kent-icp-steering-grup",
     "escalation_rules.yaml[6].body"),
    ("benefits.yaml", "objective: improve-use-of-resources", "objective: improve-resources",
     "benefits.yaml[5] (management-cost-reduction).objective"),
])
def test_a_dangling_reference_fails_the_load_and_changes_nothing(db, tmp_path, name, old, new, field):
    folder = _copy(tmp_path)
    text = (folder / name).read_text()
    assert old in text
    (folder / name).write_text(text.replace(old, new, 1))
    session = db.session()
    before = session.scalar(select(func.count()).select_from(Benefit))
    with pytest.raises(Invalid) as failed:
        load_programme(session, folder)
    assert field in [e.field for e in failed.value.errors]
    assert all("not in the system's data" in e.message or "does not define" in e.message
               for e in failed.value.errors)
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Benefit)) == before
    session.close()


def test_the_example_defines_what_it_refers_to(db):
    with db.session() as session:
        bodies = set(session.scalars(select(GovernanceBody.key)))
        assert {"ics-executive-group", "stp-finance-group", "merger-executive-group"} <= bodies
        programme = get_programme(session)
        aims = {o.key: o for o in session.scalars(select(Objective).where(Objective.programme_id == programme.id,
                                                                          Objective.kind == "aim"))}
        assert set(aims) == {"improve-quality-and-outcomes", "improve-use-of-resources"}  # PID 2.5 a and b
        assert aims["improve-use-of-resources"].text.startswith("improve the use of available resources")
        assert programme.vision.startswith("We want the population of Kent and Medway to be as healthy")
        pointed = set(session.scalars(select(Benefit.objective).where(Benefit.programme_id == programme.id)))
        assert pointed == set(aims)


def test_the_plan_page_shows_the_vision_and_the_aims(client):
    from tests.conftest import login

    login(client, "viewer")
    page = client.get("/programme/plan", params={"programme": "system-transformation"}).text
    assert "<h3>Vision</h3>" in page and "We want Kent and Medway to be a great place to live, work and" in page
    assert "<h3>Aims</h3>" in page and "deliver improved quality and provision of care" in page
