"""Reading registers from spreadsheets: header variants, every bad row reported, derived columns ignored."""

from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from caresystem.errors import Invalid
from caresystem.programme.raid.spreadsheet import map_headers, parse_rows, read_file, to_csv, to_xlsx


@pytest.mark.parametrize("impact,likelihood", [("Impact", "Likelihood"), ("Consequence", "Probability"),
                                               ("SEVERITY", "likelihood"), ("current_impact", "Current likelihood")])
def test_header_variants(impact, likelihood):
    mapping = map_headers(["Ref", "Risk description", impact, likelihood, "Score", "RAG"])
    assert mapping == {0: "reference", 1: "title", 2: "current_impact", 3: "current_likelihood"}


@given(st.sampled_from(["Impact", "Consequence", "Severity"]), st.sampled_from(["Likelihood", "Probability"]),
       st.sampled_from([str.lower, str.upper, str.title, lambda s: f"  {s} "]))
def test_header_matching_ignores_case_and_spacing(impact, likelihood, style):
    mapping = map_headers(["Title", style(impact), style(likelihood)])
    assert set(mapping.values()) == {"title", "current_impact", "current_likelihood"}


def test_every_bad_row_is_reported_with_row_and_field():
    with pytest.raises(Invalid) as caught:
        parse_rows(["Title", "Impact", "Likelihood", "Review date"], [
            ["Good risk", 3, 4, "2026-01-01"],
            ["Bad impact", 7, 2, None],
            ["", None, None, None],                 # blank rows are skipped
            ["x", "high", 2, "next week"],
        ])
    fields = [e.field for e in caught.value.errors]
    assert "row 3, current_impact" in fields
    assert "row 5, title" in fields and "row 5, current_impact" in fields and "row 5, review_date" in fields


def test_unknown_headers_and_missing_title_are_refused():
    with pytest.raises(Invalid) as caught:
        map_headers(["Impact", "Colour"])
    assert {e.field for e in caught.value.errors} == {"header 'Colour'", "header"}


def test_xlsx_and_csv_round_trip():
    records = [{"reference": "R1", "title": "A risk", "current_impact": 4, "current_likelihood": 3, "score": 12,
                "grade": "high", "rag": "amber", "status": "open", "scope": "programme"}]
    for name, content in (("r.xlsx", to_xlsx(records)), ("r.csv", to_csv(records).encode())):
        [row] = read_file(content, name)
        assert (row.data.reference, row.data.current_impact, row.data.current_likelihood) == ("R1", 4, 3)
    with pytest.raises(Invalid, match="xlsx or .csv"):
        read_file(b"x", "risks.txt")


text = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=40).map(
    str.strip).filter(bool)
rating = st.one_of(st.none(), st.integers(1, 5))


@st.composite
def risk_records(draw):
    impact, likelihood = draw(rating), draw(rating)
    if (impact is None) != (likelihood is None):
        likelihood = impact
    return {"reference": draw(st.from_regex(r"[A-Z][A-Z0-9]{0,6}", fullmatch=True)),
            "title": draw(text.filter(lambda s: len(s) >= 3)), "owner": draw(st.one_of(st.none(), text)),
            "current_impact": impact, "current_likelihood": likelihood,
            "review_date": draw(st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))),
            "status": draw(st.sampled_from(["open", "closed", "accepted"])),
            "scope": draw(st.sampled_from(["programme", "project", "workstream", "place"]))}


@settings(max_examples=40, deadline=None)
@given(st.lists(risk_records(), min_size=1, max_size=5, unique_by=lambda r: r["reference"]),
       st.sampled_from(["xlsx", "csv"]))
def test_export_then_parse_gives_back_the_same_fields(records, kind):
    content = to_xlsx(records) if kind == "xlsx" else to_csv(records).encode()
    parsed = read_file(content, f"risks.{kind}")
    fields = ["reference", "title", "owner", "current_impact", "current_likelihood", "review_date", "status", "scope"]
    assert [{f: getattr(p.data, f) for f in fields} for p in parsed] == [{f: r[f] for f in fields} for r in records]


def test_text_that_looks_like_a_formula_stays_text():
    records = [{"reference": "R1", "title": "=HYPERLINK(\"http://example.org\")", "owner": "=1+1"}]
    [row] = read_file(to_xlsx(records), "r.xlsx")
    assert (row.data.title, row.data.owner) == (records[0]["title"], "=1+1")
