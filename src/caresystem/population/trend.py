"""A population indicator for one area across every stored run, for other parts to read (the programme's benefits
bound to a population indicator take their actuals from here, one point per run, each saying which run it came
from). Runs are read through `results`; suppressed figures carry no number and are left out.

    indicator_series(data_dir=..., indicator="emergency_admissions", area_code="P1") -> IndicatorSeries | None
    known_indicator(key), known_area(data_dir=..., area_code=...)
"""

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from caresystem.population.results import Run, runs_directory


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    unit: str
    result: str  # the published result the figure is read from
    filters: tuple[tuple[str, str], ...]  # column values that pick the indicator's rows
    direction: str  # which way is better for the area: higher | lower | neutral


# The four headline figures the population overview shows for every area (service._area_figures).
INDICATORS = {i.key: i for i in (
    Indicator("list_size", "Registered list size", "people", "profile", (("breakdown", "list_size"),), "neutral"),
    Indicator("ltc_prevalence", "Long-term condition prevalence", "proportion", "prevalence", (("condition", "any"),),
              "lower"),
    Indicator("emergency_admissions", "Emergency admissions, directly standardised rate", "per 100,000",
              "standardised_rates", (("indicator", "emergency_admissions"),), "lower"),
    Indicator("life_expectancy", "Life expectancy at birth, persons", "years", "life_expectancy",
              (("sex", "persons"),), "higher"),
)}


@dataclass(frozen=True)
class IndicatorPoint:
    period: date  # the end of the run's period
    value: float
    run_id: str
    source: str  # where the figure came from, in words


@dataclass(frozen=True)
class IndicatorSeries:
    indicator: Indicator
    area_code: str
    area_name: str
    points: tuple[IndicatorPoint, ...]

    @property
    def url(self) -> str:
        return "/population" if self.area_code == "system" else f"/population/pcns/{self.area_code}"


def complete_runs(data_dir: Path) -> list[Run]:
    """Every complete run (one with run.json), oldest first."""
    directory = runs_directory(data_dir)
    if not directory.is_dir():
        return []
    return [Run(p, json.loads((p / "run.json").read_text(encoding="utf-8")))
            for p in sorted(directory.iterdir(), key=lambda p: p.name) if (p / "run.json").is_file()]


def known_indicator(key: str) -> bool:
    return key in INDICATORS


def known_area(*, data_dir: Path, area_code: str) -> bool:
    """The area is the system or a practice, PCN or place of the newest run's geography."""
    runs = complete_runs(data_dir)
    if not runs:
        return False
    codes = {"system"} | {a[column] for a in runs[-1].areas() for column in ("practice_code", "pcn_code",
                                                                              "place_code")}
    return area_code in codes


def _figure(run: Run, indicator: Indicator, area_code: str) -> dict | None:
    rows = [r for r in run.rows(indicator.result, area_code=area_code, **dict(indicator.filters))
            if r.get("deprivation_decile") is None]
    return rows[0] if rows else None


def _area_name(run: Run, area_code: str) -> str:
    """Every result is keyed by area code; the profile carries each area's name."""
    rows = run.rows("profile", area_code=area_code, breakdown="list_size")
    return next((r["area_name"] for r in rows if r.get("area_name")), area_code)


def indicator_series(*, data_dir: Path, indicator: str, area_code: str) -> IndicatorSeries | None:
    """One point per run period (the newest run of a period wins); None for an unknown indicator or no runs."""
    chosen = INDICATORS.get(indicator)
    runs = complete_runs(data_dir)
    if chosen is None or not runs:
        return None
    by_period: dict[date, IndicatorPoint] = {}
    area_name = area_code
    for run in runs:
        row = _figure(run, chosen, area_code)
        if row is None or row.get("suppressed") or row.get("value") is None:
            continue
        parameters = run.metadata.get("parameters", {})
        start, end = parameters["period_start"], parameters["period_end"]
        area_name = _area_name(run, area_code)
        by_period[date.fromisoformat(end)] = IndicatorPoint(
            date.fromisoformat(end), float(row["value"]), run.run_id,
            f"population run {run.run_id}: {chosen.label} for {area_name}, {start} to {end}")
    points = tuple(by_period[d] for d in sorted(by_period))
    return IndicatorSeries(chosen, area_code, area_name, points)
