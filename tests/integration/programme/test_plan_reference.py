"""Loading the plan from YAML: the Kent and Medway counts, idempotence, and errors naming file, record and field."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from caresystem.errors import Invalid
from caresystem.example import load_example
from caresystem.programme.core.service import get_programme
from caresystem.programme.plan import reference
from caresystem.programme.plan.models import (Deliverable, Milestone, Objective, PlanDependency, PlanRole, Project,
                                              ResourceLine, SignOff, Workstream)

# The three programmes: the PID's, the CCG merger's (001 section 5.6) and the ICS transition's (002 sections 5, 7, 10).
COUNTS = {Objective: 9 + 2, PlanRole: 6, Project: 7 + 5, Workstream: 10 + 9 + 10, Deliverable: 49 + 9,
          Milestone: 17 + 3 + 6, ResourceLine: 8, SignOff: 18, PlanDependency: 2 + 1 + 2}


def counts(session) -> dict:
    return {model: session.scalar(select(func.count()).select_from(model)) for model in COUNTS}


def test_kent_and_medway_plan_is_loaded_and_loading_again_changes_nothing(db):
    session = db.session()
    assert counts(session) == COUNTS
    milestone = session.scalar(select(Milestone).where(Milestone.key == "system-commissioner-in-force"))
    assert milestone.status == "complete" and str(milestone.actual_date) == "2020-04-01"
    assert (milestone.source_document, milestone.source_section) == ("000", "4")
    assert [p.key for p in milestone.projects] == ["system-commissioner"]
    frameworks = session.scalar(select(Milestone).where(Milestone.key == "frameworks-agreed"))
    assert {w.key for w in frameworks.workstreams} == {"hr-od", "system-functions", "finance"}
    managers = session.scalar(select(ResourceLine).where(ResourceLine.key == "programme-manager"))
    assert (managers.band, managers.posts, managers.wte) == ("8a", 2, None) and "2 x AfC8a" in managers.notes
    versions = {m.key: m.version for m in session.scalars(select(Milestone))}
    summary = [line for line in load_example(session) if line.startswith("plan")][0]
    session.commit()
    assert summary == ("plan: objectives 0 new 0 changed, plan_roles 0 new 0 changed, projects 0 new 0 changed, "
                       "workstreams 0 new 0 changed, deliverables 0 new 0 changed, milestones 0 new 0 changed, "
                       "resource_lines 0 new 0 changed, sign_offs 0 new 0 changed; 0 new dependencies")
    assert counts(session) == COUNTS
    assert {m.key: m.version for m in session.scalars(select(Milestone))} == versions
    session.close()


def test_a_changed_file_updates_only_what_changed(db, tmp_path):
    source = Path(reference.__file__).parents[2] / "reference" / "kent_and_medway" / "programme"
    for name in ("programme.yaml", *reference.FILES):
        text = (source / name).read_text()
        if name == "milestones.yaml":
            text = text.replace("owner: null\n  baseline_date: '2019-05-31'", "owner: PCN lead\n  baseline_date: "
                                "'2019-05-31'", 1)
        (tmp_path / name).write_text(text)
    session = db.session()
    summary = reference.load(session, tmp_path, get_programme(session))
    assert "milestones 0 new 1 changed" in summary and "deliverables 0 new 0 changed" in summary
    assert session.scalar(select(Milestone).where(Milestone.key == "pcn-registration")).owner == "PCN lead"
    session.rollback()
    session.close()


@pytest.mark.parametrize("name,text,field", [
    ("milestones.yaml", "- key: a\n  title: A\n  depends_on: [b]\n- key: b\n  title: B\n  depends_on: [a]\n",
     "milestones.yaml[2].depends_on"),
    ("milestones.yaml", "- key: a\n  title: A\n  baseline_date: not-a-date\n", "milestones.yaml[1].baseline_date"),
    ("milestones.yaml", "- key: a\n  title: A\n  projects: [nope]\n", "milestones.yaml[1].projects"),
    ("deliverables.yaml", "- key: a\n  title: A\n  workstream: nope\n", "deliverables.yaml[1].workstream"),
    ("resource_plan.yaml", "- key: a\n  role: Analyst\n  band: '12'\n", "resource_plan.yaml[1].band"),
    ("signoffs.yaml", "- key: a\n  organisation_name: X\n  status: maybe\n", "signoffs.yaml[1].status"),
    ("projects.yaml", "- key: a\n  name: A\n  colour: blue\n", "projects.yaml[1].colour"),
])
def test_bad_records_fail_the_load_naming_file_record_and_field(empty_db, tmp_path, name, text, field):
    (tmp_path / name).write_text(text)
    session = empty_db.session()
    from caresystem.programme.core.models import Programme
    programme = Programme(key="p", name="A programme")
    session.add(programme)
    session.flush()
    with pytest.raises(Invalid) as raised:
        reference.load(session, tmp_path, programme)
    assert field in [e.field for e in raised.value.errors]
    assert session.scalar(select(func.count()).select_from(Milestone)) == 0
    session.rollback()
    session.close()
