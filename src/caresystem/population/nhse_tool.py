"""NHS England's ICB place-based allocation tool, reproduced: relative need indices of places made of practices.

The tool (nhsengland/ICB_Allocation_Tool_update, OGL v3) reads practice-level weighted populations, treats blank
and zero values as 1, sums each component over a place's practices and over the whole ICB, rounds each sum half
up to a whole number, and divides: index = (place weighted / place GP population) / (ICB weighted / ICB GP
population), rounded half up to three decimals. The fair share of a budget is the place's share of the ICB's
overall weighted population (`Final WP`).
"""

import csv
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pyarrow as pa

from caresystem.errors import FieldError, Invalid

PACKAGED = Path(__file__).resolve().parents[1] / "reference" / "nhse" / "practices_weighted_populations_2025_26.csv"
GP_POPULATION = "Population"
COMPONENTS = {
    "G&A WP": ("general_and_acute", "General and acute"),
    "CS WP": ("community_services", "Community services"),
    "MH WP": ("mental_health", "Mental health"),
    "Mat WP": ("maternity", "Maternity"),
    "Prescr WP": ("prescribing", "Prescribing"),
    "Final WP": ("overall_core", "Overall core"),
    "Final PMC WP": ("primary_care", "Primary care"),
    "Primary Medical Care WP": ("primary_medical_care_need", "Primary medical care need"),
    "Health Ineq WP": ("health_inequalities", "Health inequalities"),
}


@dataclass(frozen=True)
class Practice:
    code: str
    icb: str
    values: dict[str, float]


def half_up(value: float, places: int = 0) -> float:
    """Excel-style rounding, half away from zero, on the decimal text of the number (as the tool does)."""
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def _number(text: str | None) -> float:
    """Blank or zero counts as 1 (the tool's fillna(1).replace(0, 1))."""
    if text is None or text.strip() == "":
        return 1.0
    value = float(text)
    return 1.0 if value == 0 else value


def read_weighted_populations(path: Path) -> dict[str, Practice]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in ("Practice_Code", "ICB", GP_POPULATION, *COMPONENTS) if c not in (reader.fieldnames or [])]
        if missing:
            raise Invalid([FieldError(path.name, f"missing column {c!r}") for c in missing])
        practices = {}
        for line, row in enumerate(reader, start=2):
            try:
                values = {c: _number(row[c]) for c in (GP_POPULATION, *COMPONENTS)}
            except ValueError as exc:
                raise Invalid([FieldError(f"{path.name} row {line}", f"not a number: {exc}")]) from None
            practices[row["Practice_Code"]] = Practice(row["Practice_Code"], row["ICB"], values)
    return practices


def read_places(path: Path) -> dict[str, list[str]]:
    """A CSV of `place` and `practice_code`, one row per practice: the places as clusters of practices."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not {"place", "practice_code"} <= set(reader.fieldnames or []):
            raise Invalid([FieldError(path.name, "needs the columns place and practice_code")])
        places: dict[str, list[str]] = {}
        for row in reader:
            places.setdefault(row["place"].strip(), []).append(row["practice_code"].strip())
    return places


def _rounded_sums(practices: list[Practice]) -> dict[str, float]:
    return {c: half_up(math.fsum(p.values[c] for p in practices)) for c in (GP_POPULATION, *COMPONENTS)}


def place_need_indices(weighted: dict[str, Practice], places: dict[str, list[str]],
                       budget: float | None = None) -> pa.Table:
    errors = [FieldError(f"places.{place}", f"practice {code} is not in the weighted populations")
              for place, codes in places.items() for code in codes if code not in weighted]
    seen: dict[str, str] = {}
    for place, codes in places.items():
        for code in codes:
            if code in seen and seen[code] != place:
                errors.append(FieldError(f"places.{place}", f"practice {code} is also in place {seen[code]}"))
            seen[code] = place
    icbs = {weighted[c].icb for c in seen if c in weighted}
    if len(icbs) > 1:
        errors.append(FieldError("places", f"places span more than one ICB: {', '.join(sorted(icbs))}"))
    if errors:
        raise Invalid(errors)
    icb = icbs.pop()
    icb_sums = _rounded_sums([p for p in weighted.values() if p.icb == icb])
    rows = []
    for place, codes in places.items():
        sums = _rounded_sums([weighted[c] for c in codes])
        row = {"place": place, "icb": icb, "practices": len(codes), "gp_population": sums[GP_POPULATION]}
        for column, (key, _) in COMPONENTS.items():
            row[f"{key}_weighted"] = sums[column]
            row[f"{key}_index"] = half_up((sums[column] / sums[GP_POPULATION])
                                          / (icb_sums[column] / icb_sums[GP_POPULATION]), 3)
        row["share_of_icb"] = sums["Final WP"] / icb_sums["Final WP"]
        row["fair_share"] = row["share_of_icb"] * budget if budget is not None else None
        rows.append(row)
    return pa.Table.from_pylist(rows)
