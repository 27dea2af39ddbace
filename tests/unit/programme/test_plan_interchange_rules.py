"""Plan interchange rules without a database: spreadsheet predecessors like "12FS+5d", reading a spreadsheet plan's
outline, bad cells named by row and column, refused files, and the outline rules that make a task a project,
workstream, deliverable or milestone."""

import io
from datetime import date

import pytest
from openpyxl import Workbook

from caresystem.errors import Invalid
from caresystem.programme.plan.interchange import sheets
from caresystem.programme.plan.interchange.mapping import map_plan
from caresystem.programme.plan.interchange.plan_file import FilePlan, FileTask, Link


@pytest.mark.parametrize("text, expected", [
    ("12", [("12", "FS", 0)]),
    ("12FS+5d", [("12", "FS", 5)]),
    ("12 ss + 2 days; 14FF-1w", [("12", "SS", 2), ("14", "FF", -5)]),
    ("3SF+1ew, 4FS+4h", [("3", "SF", 7), ("4", "FS", 0.5)]),
])
def test_predecessors_as_planning_tools_write_them(text, expected):
    assert [(k.predecessor, k.type, k.lag_days) for k in sheets.parse_links(text)] == expected


@pytest.mark.parametrize("text", ["12XX", "after 12", "12FS+", "FS+5d"])
def test_a_predecessor_not_like_12FS_plus_5d_is_refused(text):
    with pytest.raises(ValueError, match="is not like 12FS\\+5d"):
        sheets.parse_links(text)


def _workbook(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_spreadsheet_plan_reads_its_outline_dates_and_links():
    content = _workbook([
        ["ID", "Task name", "Outline level", "Resource names", "Baseline finish", "Start", "Finish", "% Complete",
         "Predecessors"],
        [1, "Urgent care redesign", 1, None, None, None, None, None, None],
        [2, "Clinical model", 2, None, None, None, None, None, None],
        [3, "Model written", 3, "Ann Lead", date(2027, 3, 31), date(2027, 1, 11), date(2027, 4, 14), 0.5, None],
        [4, "Go live", 3, None, "30/06/2027", None, "30/06/2027", 0, "3FS+5d"],
    ])
    plan = sheets.read(content)
    assert [(t.id, t.outline_level, t.parent, t.summary) for t in plan.tasks] == [
        ("1", 1, None, True), ("2", 2, "1", True), ("3", 3, "2", False), ("4", 3, "2", False)]
    three, four = plan.tasks[2], plan.tasks[3]
    assert three.percent_complete == 50 and three.resources == ["Ann Lead"] and three.external_id == "xlsx:3"
    assert four.milestone and not three.milestone, "no start, or start equal to finish, is a milestone"
    assert four.predecessors == [Link(predecessor="3", type="FS", lag_days=5)]
    mapped = map_plan(plan)
    assert [i.kind for i in mapped.items] == ["project", "workstream", "deliverable", "milestone"]
    assert mapped.items[2].fields["status"] == "in_progress" and mapped.items[2].workstream_task == "2"


def test_bad_cells_are_named_by_row_and_column_with_the_plans_other_problems():
    content = _workbook([["Name", "Finish", "% complete", "Predecessors", "Outline level", "Type"],
                         ["A task", "next week", 150, "2XX", "top", None],
                         ["Another task", None, None, None, 1, "gizmo"]])
    cells = {("row 2, forecast finish", "must be a date like 31/03/2026"),
             ("row 2, % complete", "must be a number from 0 to 100"),
             ("row 2, predecessors", "'2XX' is not like 12FS+5d"),
             ("row 2, outline level", "must be a whole number, 1 or more")}
    plan = sheets.read(content)
    assert set(plan.problems) == cells
    problems = {(e.field, e.message) for e in map_plan(plan).errors}  # every bad row in one pass
    assert cells < problems and any(field == "task 2, type" for field, _ in problems)


def test_unknown_headings_and_a_missing_name_column_are_refused():
    with pytest.raises(Invalid) as raised:
        sheets.read(_workbook([["ID", "Colour"], [1, "red"]]))
    assert [e.field for e in raised.value.errors] == ["header 'Colour'", "header"]


def test_encrypted_damaged_and_empty_workbooks_are_refused_plainly():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
    with pytest.raises(Invalid, match="password protected"):
        sheets.read(ole)
    with pytest.raises(Invalid, match="not a readable XLSX workbook"):
        sheets.read(b"PK\x03\x04 broken")
    with pytest.raises(Invalid, match="is empty"):
        sheets.read(b"")


def _task(id, level, parent=None, **values) -> FileTask:
    return FileTask(id=id, name=f"Task {id}", outline_level=level, parent=parent, **values)


def test_outline_rules_types_links_and_warnings():
    plan = FilePlan(format="test", tasks=[
        _task("1", 1, summary=True),
        _task("2", 2, "1", summary=True),
        _task("3", 3, "2", summary=True),                       # deeper summaries are deliverables
        _task("4", 4, "3", milestone=True, active=False,
              predecessors=[Link(predecessor="2", type="FS"), Link(predecessor="3", type="SS", lag_days=-3)]),
        _task("5", 1, type="Workstream"),
        _task("6", 1, type="phase", resources=["A", "B"], predecessors=[Link(predecessor="99")]),
    ])
    mapped = map_plan(plan)
    assert [i.kind for i in mapped.items] == ["project", "workstream", "deliverable", "milestone", "workstream",
                                              "deliverable"]
    four = mapped.items[3]
    assert (four.project_task, four.workstream_task, four.fields["status"]) == ("1", "2", "cancelled")
    assert [(k.predecessor, k.successor, k.link_type, k.lag_days) for k in mapped.links] == [("3", "4", "SS", 0)]
    warnings = {e.field + ": " + e.message for e in mapped.warnings}
    assert warnings == {"task 6, resources: B also assigned; A is the owner",
                        "task 4, predecessors: the link from task 2 touches a workstream; only projects, deliverables "
                        "and milestones are linked, so it is left out",
                        "task 4, predecessors: the lead of 3 days on the link from task 3 is kept as no lag"}
    assert [(e.field, e.message) for e in mapped.errors] == [
        ("task 6, type", "'phase' is not one of project, workstream, deliverable, milestone"),
        ("task 6, predecessors", "there is no task 99 in the file")]
