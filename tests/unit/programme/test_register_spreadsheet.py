"""Reading the assumptions, issues, dependencies, decisions and actions logs from spreadsheets."""

from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from caresystem.errors import Invalid
from caresystem.programme.raid.registers import ACTIONS, ASSUMPTIONS, DECISIONS, DEPENDENCIES, ISSUES, REGISTERS
from caresystem.programme.registers import (map_headers, parse_rows, read_file, register_columns, register_csv,
                                            register_layout, register_xlsx)


@pytest.mark.parametrize("register,headings,expected", [
    (ACTIONS, ["Action ID", "Action", "Lead", "Deadline", "Date completed", "Linked risk", "Progress"],
     ["reference", "title", "owner", "due_date", "completed_on", "risk_reference", "status"]),
    (ISSUES, ["Ref", "Issue", "Details", "Priority", "Date raised", "Target resolution date", "Action taken"],
     ["reference", "title", "description", "priority", "raised_on", "resolve_by", "resolution"]),
    (ASSUMPTIONS, ["ID", "Assumption", "Owner", "How tested", "Last test", "Next review", "State"],
     ["reference", "title", "owner", "how_tested", "last_tested", "next_test_due", "status"]),
    (DEPENDENCIES, ["Dependency ref", "Dependency", "Type", "Dependent on", "Required by"],
     ["reference", "title", "direction", "depends_on", "needed_by"]),
    (DECISIONS, ["No", "Decision", "Decided by", "Date of decision", "Reason", "Overdue"],
     ["reference", "title", "body_key", "decided_on", "rationale"]),
])
def test_header_variants(register, headings, expected):
    assert list(map_headers(headings, register_layout(register)).values()) == expected


@pytest.mark.parametrize("register", list(REGISTERS.values()), ids=list(REGISTERS))
def test_exported_headings_read_back(register):
    headings = [h for _, h in register_columns(register)]
    assert list(map_headers(headings, register_layout(register)).values()) == [f for f, _ in register_columns(register)]


def test_unknown_headers_and_missing_title_are_refused():
    with pytest.raises(Invalid) as caught:
        map_headers(["Owner", "Colour"], register_layout(ACTIONS))
    assert {(e.field, e.message) for e in caught.value.errors} == {
        ("header 'Colour'", "is not a column of the actions log"), ("header", "needs a Title column")}


def test_every_bad_row_is_reported_with_its_row_and_field():
    with pytest.raises(Invalid) as caught:
        parse_rows(["Ref", "Action", "Due", "Status"], [
            ["AC1", "Good action", "31/03/2026", "In progress"],
            ["AC2", "Bad date", "next week", "open"],
            [None, None, None, None],
            ["AC1", "x", "2026-01-01", "finished"],
        ], register_layout(ACTIONS))
    found = {(e.field, e.message) for e in caught.value.errors}
    assert [e.field for e in caught.value.errors] == ["row 3, due_date", "row 5, reference", "row 5, title"]
    assert caught.value.errors[0].message.startswith("must be a real date like")
    assert ("row 5, reference", "'AC1' is also on row 2") in found
    assert ("row 5, title", "must be at least 3 characters") in found
    # an unknown status is left for the service to refuse, so it is reported with the other row errors there
    assert not any(e.field.startswith("row 2") for e in caught.value.errors)


def test_uk_dates_and_status_labels_are_read():
    [row] = parse_rows(["Assumption", "Next test due", "Status"], [["Funding holds", "01/02/2027", "Not yet tested"]],
                       register_layout(ASSUMPTIONS))
    assert (row.data.next_test_due, row.data.status) == (date(2027, 2, 1), "untested")


text = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=30).map(
    str.strip).filter(bool)
dates = st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))


@st.composite
def entries(draw, register):
    record = {"reference": draw(st.from_regex(r"[A-Z][A-Z0-9]{0,6}", fullmatch=True)),
              "status": draw(st.sampled_from(list(register.statuses)))}
    for spec in register.fields:
        if spec.name == "title":
            record["title"] = draw(text.filter(lambda s: len(s) >= 3))
        elif spec.kind == "date":
            record[spec.name] = draw(dates)
        elif spec.kind == "choice":
            record[spec.name] = draw(st.one_of(st.none(), st.sampled_from(list(spec.choices))))
        elif spec.kind == "link":
            record[spec.name] = draw(st.one_of(st.none(), st.from_regex(r"[A-Z]{1,3}-?[0-9]{1,3}", fullmatch=True)))
        else:
            record[spec.name] = draw(st.one_of(st.none(), text))
    return record


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(list(REGISTERS.values())), st.sampled_from(["xlsx", "csv"]), st.data())
def test_export_then_parse_gives_back_the_same_fields(register, kind, data):
    records = data.draw(st.lists(entries(register), min_size=1, max_size=5, unique_by=lambda r: r["reference"]))
    columns = register_columns(register)
    content = register_xlsx(register.title, columns, records, register.statuses) if kind == "xlsx" else \
        register_csv(columns, records).encode()
    parsed = read_file(content, f"log.{kind}", register_layout(register))
    assert [p.data.model_dump() for p in parsed] == [{f: r[f] for f, _ in columns} for r in records]
