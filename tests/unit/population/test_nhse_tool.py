"""The place-based tool reproduced: checked against the tool's own steps, written independently with pandas."""

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest
import yaml

from caresystem.errors import Invalid
from caresystem.population import nhse_tool

ROOT = Path(__file__).resolve().parents[3]
WEIGHTED = ROOT / "src/caresystem/reference/nhse/practices_weighted_populations_2025_26.csv"
PRACTICES = ROOT / "src/caresystem/reference/kent_and_medway/practices.yaml"


def _excel_round(number, precision):
    return float(Decimal(str(number)).quantize(Decimal(str(precision)), rounding=ROUND_HALF_UP))


def _tool(places: dict[str, list[str]]) -> pd.DataFrame:
    """The tool's method: fillna(1).replace(0, 1); sums per place and ICB rounded to units; index to 0.001."""
    data = pd.read_csv(WEIGHTED).fillna(1).replace(0, 1)
    columns = ["Population", *nhse_tool.COMPONENTS]
    icb = data[data["ICB"] == "QKS"][columns].sum().map(lambda x: _excel_round(x, 1))
    rows = {}
    for place, codes in places.items():
        sums = data[data["Practice_Code"].isin(codes)][columns].sum().map(lambda x: _excel_round(x, 1))
        rows[place] = {c: _excel_round(sums[c] / sums["Population"] / (icb[c] / icb["Population"]), 0.001)
                       for c in nhse_tool.COMPONENTS}
    return pd.DataFrame(rows).T


@pytest.fixture(scope="module")
def places() -> dict[str, list[str]]:
    clusters: dict[str, list[str]] = {}
    for practice in yaml.safe_load(PRACTICES.read_text()):
        clusters.setdefault(practice["place"], []).append(practice["code"])
    return clusters


def test_kent_and_medway_places_match_the_tool_exactly(places):
    result = nhse_tool.place_need_indices(nhse_tool.read_weighted_populations(WEIGHTED), places, budget=1_000_000)
    expected = _tool(places)
    assert result.num_rows == 4
    for row in result.to_pylist():
        for column, (key, _) in nhse_tool.COMPONENTS.items():
            assert row[f"{key}_index"] == expected.loc[row["place"], column], (row["place"], column)
    assert sum(r["share_of_icb"] for r in result.to_pylist()) == pytest.approx(1.0, abs=1e-6)
    assert sum(r["fair_share"] for r in result.to_pylist()) == pytest.approx(1_000_000, rel=1e-6)


def test_a_place_of_one_practice_and_the_rest(places):
    every = [c for codes in places.values() for c in codes]
    split = {"first": every[:1], "rest": every[1:]}
    result = {r["place"]: r for r in nhse_tool.place_need_indices(
        nhse_tool.read_weighted_populations(WEIGHTED), split).to_pylist()}
    expected = _tool(split)
    assert result["first"]["overall_core_index"] == expected.loc["first", "Final WP"]


def test_half_up_rounds_like_excel():
    assert nhse_tool.half_up(2.5) == 3 and nhse_tool.half_up(1.0005, 3) == 1.001 and nhse_tool.half_up(-2.5) == -3


def test_unknown_practice_and_two_icbs_are_refused(tmp_path):
    weighted = nhse_tool.read_weighted_populations(WEIGHTED)
    with pytest.raises(Invalid) as error:
        nhse_tool.place_need_indices(weighted, {"x": ["NOPE01", "G82002"]})
    assert "NOPE01" in str(error.value.errors[0].message)
    with pytest.raises(Invalid) as error:
        nhse_tool.place_need_indices(weighted, {"x": ["G82002"], "y": ["A81001"]})
    assert "more than one ICB" in error.value.errors[-1].message


def test_places_file_needs_its_columns(tmp_path):
    path = tmp_path / "places.csv"
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows([["name", "code"], ["a", "G82002"]])
    with pytest.raises(Invalid) as error:
        nhse_tool.read_places(path)
    assert "place and practice_code" in error.value.errors[0].message
