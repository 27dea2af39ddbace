"""The 2016 planning framework (document 003): the example loads its levels, catchments, taxonomy, work areas and
roles, each citing its paragraph or attachment; the API and pages read it for anyone; the system map as at
2016-06-01 shows the five planning levels and the 2016 bodies; a bad planning file is refused naming the item and
field; on SQLite and PostgreSQL."""

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import select

from caresystem.auth import SYSTEM
from caresystem.errors import Invalid
from caresystem.system import interchange
from caresystem.system.planning import PlanningFramework, levels_in_force

KEY = "stp-planning-framework-2016"
KINDS = {"level": 5, "catchment": 8, "footprint": 4, "strategic_approach": 4, "clinical_priority": 4,
         "focus_area": 13, "enabler": 5, "work_area": 21, "structure_section": 15, "role": 2}


def test_the_example_loads_the_framework_dated_as_its_document_with_each_row_cited(db):
    with db.session() as session:
        framework = session.scalars(select(PlanningFramework)).one()
        assert (framework.key, framework.document_dated, framework.valid_from, framework.valid_to,
                framework.source_document) == (KEY, date(2016, 3, 9), date(2016, 3, 9), None, "003")
        assert Counter(i.kind for i in framework.items) == KINDS
        assert all(i.source_document == "003" and i.source_section for i in framework.items)
        levels = {i.number: i for i in framework.of_kind("level")}
        assert [i.number for i in framework.of_kind("level")] == ["5", "4", "3", "2", "1"]
        assert (levels["2"].name, levels["2"].organisations) == ("Routine Acute", ["RVV", "RWF", "RPA", "RN7"])
        assert "Emergency Care (incl 999)" in levels["2"].services and levels["1"].care_models == [
            "MCPs", "Enhanced care in care homes"]
        catchments = {i.name: (i.parent, i.population, i.beds) for i in framework.of_kind("catchment")}
        assert catchments["East Kent"] == ("1", 695000, None) and catchments["MFT"] == ("2", None, 604)
        assert sum(p for _, p, _ in catchments.values() if p) == 695000 + 480000 + 367000 + 295000
        scales = Counter(i.scale for i in framework.of_kind("work_area"))
        assert scales == {"local": 6, "system": 4, "both": 10, None: 1}  # "Health interventions:" is a heading
        specialist = next(i for i in framework.of_kind("work_area") if i.name.startswith("More specialist"))
        assert (specialist.parent, specialist.scale, specialist.source_section) == ("3", "system", "paragraph 50")
        sro = next(i for i in framework.of_kind("role") if i.number == "sro")
        assert (sro.body_key, sro.source_section, sro.text.split("\n")[0]) == (
            "stp-leadership-group", "paragraph 47", "chair the STP Leadership Group;")


def test_the_levels_in_force_are_the_2016_frameworks_with_their_catchments(db):
    with db.session() as session:
        before = levels_in_force(session, date(2016, 3, 8))
        found = levels_in_force(session, date(2016, 6, 1))
        assert before == []
        assert [f.framework.key for f in found] == [KEY]
        local = found[0].levels[-1]
        assert (local.item.number, [c.name for c in local.catchments]) == (
            "1", ["East Kent", "West Kent", "DGS & Swale", "Medway"])


def test_anyone_reads_the_framework_through_the_api(api):
    listed = api().get("/api/v1/planning-frameworks").json()
    assert [f["key"] for f in listed] == [KEY] and len(listed[0]["items"]) == sum(KINDS.values())
    assert api().get("/api/v1/planning-frameworks", params={"as_at": "2015-01-01"}).json() == []
    work = api().get(f"/api/v1/planning-frameworks/{KEY}", params={"kind": "work_area"}).json()
    assert len(work["items"]) == KINDS["work_area"] and {i["kind"] for i in work["items"]} == {"work_area"}
    first = work["items"][0]
    assert (first["name"], first["scale"], first["source_section"]) == (
        "Developing the case for change", "local", "paragraph 50")
    assert api().get("/api/v1/planning-frameworks/no-such-framework").status_code == 404
    assert api().get("/api/v1/planning-frameworks", params={"as_at": "2016-13-01"}).status_code == 422


def test_the_pages_show_the_framework_and_the_system_map_as_at_2016(client):
    listing = client.get("/planning?as_at=2016-06-01").text
    assert f'href="/planning/{KEY}"' in listing and "1 planning framework in force on 1 June 2016" in listing
    page = client.get(f"/planning/{KEY}").text
    assert "5 planning levels, the most specialised first" in page and "Highly Specialist Services" in page
    assert "695,000 people" in page and "1,038 beds" in page
    assert "21 work areas and where each is planned" in page and "Planned across the system" in page
    assert 'href="/governance/stp-leadership-group">STP Leadership Group</a>' in page
    assert client.get("/planning/no-such-framework").status_code == 404
    map_2016 = client.get("/system-map?as_at=2016-06-01").text
    assert "no places were in force on this date" in map_2016 and "No data registered" not in map_2016
    assert "5 planning levels on 1 June 2016" in map_2016 and "Out of Hospital" in map_2016
    for name in ("STP Leadership Group", "Clinical Reference Group", "STP Finance Group"):
        assert f">{name}</a>" in map_2016, name
    assert ">Kent and Medway Commissioning Assembly</a>" not in map_2016  # it became the Clinical Reference Group
    march = client.get("/system-map?as_at=2016-03-15").text
    assert ">Kent and Medway Commissioning Assembly</a>" in march
    assert ">Kent and Medway Urgent and Emergency Care Board</a>" in march
    assert 'id="planning-levels"' not in client.get("/system-map?as_at=2015-06-01").text


def test_the_2016_bodies_are_dated_and_handed_on_to_their_successors(api):
    def body(key):
        found = api().get(f"/api/v1/governance-bodies/{key}")
        assert found.status_code == 200, key
        return found.json()

    leadership = body("stp-leadership-group")
    assert (leadership["valid_from"], leadership["valid_to"], leadership["succeeded_by"]) == (
        "2016-04-01", "2019-03-31", "stp-programme-board")
    assert ("STP Senior Responsible Officer", "chair") in {(m["role_title"], m["membership_role"])
                                                          for m in leadership["members"]}
    assert body("clinical-reference-group")["reports_to"] == "stp-leadership-group"
    assert body("kent-and-medway-commissioning-assembly")["succeeded_by"] == "clinical-reference-group"
    assert body("kent-and-medway-urgent-and-emergency-care-board")["succeeded_by"] == "stp-leadership-group"
    finance = body("stp-finance-group")
    assert (finance["valid_from"], finance["reports_to_from"]) == ("2016-04-01", "2019-04-01")


def test_a_bad_planning_file_is_refused_naming_the_item_and_field(db, tmp_path):
    (tmp_path / "planning.yaml").write_text(
        "- key: ours\n  title: Our framework\n  items:\n"
        "  - {kind: level, number: '1', name: Local}\n"
        "  - {kind: level, number: '1', name: Local again}\n"
        "  - {kind: catchment, number: c1, parent: '9', organisations: [ZZZ99]}\n"
        "  - {kind: work_area, number: w1, scale: county, body: no-such-body}\n"
        "  - {kind: tier, number: t1}\n")
    with db.session() as session, pytest.raises(Invalid) as caught:
        interchange.import_directory(session, tmp_path, actor=SYSTEM)
    fields = {e.field for e in caught.value.errors}
    where = "planning.yaml (ours).items"
    assert fields == {f"{where}[1].number", f"{where}[2].number", f"{where}[3].parent", f"{where}[3].organisations",
                      f"{where}[4].scale", f"{where}[4].body", f"{where}[5].kind"}
