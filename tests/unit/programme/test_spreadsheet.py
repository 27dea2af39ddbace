"""Reading registers from spreadsheets: header variants, every bad row reported, derived columns ignored."""

import pytest
from hypothesis import given, strategies as st

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
        assert (row.risk.reference, row.risk.current_impact, row.risk.current_likelihood) == ("R1", 4, 3)
    with pytest.raises(Invalid, match="xlsx or .csv"):
        read_file(b"x", "risks.txt")
