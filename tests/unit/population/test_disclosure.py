"""Small-number suppression: primary cells hidden, and no hidden cell can be recovered from published totals."""

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from caresystem.population.disclosure import across_children, parent_areas, suppress, within_area

PRACTICES = pa.table({"practice_code": ["A1", "A2", "B1"], "pcn_code": ["A", "A", "B"], "place_code": ["p", "p", "p"]})


def _profile(counts: list[list[int]]) -> pa.Table:
    """Age-band rows of PCNs A and B (whose totals are published as list_size rows)."""
    rows = []
    for pcn, bands in zip("AB", counts):
        rows.append({"area_type": "pcn", "area_code": pcn, "breakdown": "list_size", "band": None,
                     "numerator": float(sum(bands)), "denominator": float(sum(bands)), "value": 1.0})
        for band, n in enumerate(bands):
            rows.append({"area_type": "pcn", "area_code": pcn, "breakdown": "age", "band": band, "numerator": float(n),
                         "denominator": float(sum(bands)), "value": n / max(sum(bands), 1)})
    return pa.Table.from_pylist(rows)


GROUPINGS = [within_area("breakdown", when=lambda r: r["breakdown"] != "list_size"),
             across_children(parent_areas(PRACTICES), "breakdown", "band")]


def test_small_counts_are_blanked_with_their_value():
    result = suppress(_profile([[5, 100, 200], [50, 60, 70]]), 7, GROUPINGS).to_pylist()
    row = next(r for r in result if r["area_code"] == "A" and r["band"] == 0)
    assert row["suppressed"] and row["numerator"] is None and row["value"] is None
    assert row["denominator"] == 305  # the list size is not small and stays


def test_a_lone_suppressed_cell_takes_a_second_with_it():
    result = suppress(_profile([[5, 100, 200], [50, 60, 70]]), 7, GROUPINGS).to_pylist()
    hidden_in_a = [r["band"] for r in result if r["area_code"] == "A" and r["breakdown"] == "age" and r["suppressed"]]
    assert hidden_in_a == [0, 1]  # the next smallest band of A
    # band 0 of A and of B add up to the place's band 0: B's band 0 (and then B's next) must go too
    assert any(r["suppressed"] for r in result if r["area_code"] == "B")


def test_zero_and_large_counts_are_published():
    result = suppress(_profile([[0, 100, 200], [50, 60, 70]]), 7, GROUPINGS).to_pylist()
    assert not any(r["suppressed"] for r in result)


def _recoverable(rows: list[dict], groupings) -> bool:
    """True when some group has exactly one hidden cell: it would follow from the total minus the rest."""
    for key_of in groupings:
        groups = {}
        for r in rows:
            if (key := key_of(r)) is not None:
                groups.setdefault(key, []).append(r)
        if any(len(g) > 1 and sum(r["suppressed"] for r in g) == 1 for g in groups.values()):
            return True
    return False


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.integers(0, 40), min_size=3, max_size=3), min_size=2, max_size=2),
       st.integers(1, 10))
def test_no_suppressed_count_can_be_derived_and_every_small_count_is_hidden(counts, threshold):
    result = suppress(_profile(counts), threshold, GROUPINGS).to_pylist()
    original = _profile(counts).to_pylist()
    assert not _recoverable(result, GROUPINGS)
    for before, after in zip(original, result):
        if 0 < before["numerator"] <= threshold:
            assert after["suppressed"] and after["numerator"] is None
        if not after["suppressed"]:
            assert after["numerator"] == before["numerator"]
