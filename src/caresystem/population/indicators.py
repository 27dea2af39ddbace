"""Indicators from the cells, in the public-health indicator convention.

Every table has `area_type`, `area_code`, `area_name`, its own dimensions, then `numerator`, `denominator`,
`value`, `lower_ci95`, `upper_ci95` and `unit`. Each indicator is a `Computation` for the engine: rollups of the
(small) cells as Ibis expressions, and a pure function of their executed tables that adds the intervals, from
`caresystem.stats` so they are the library's methods exactly. Nothing here executes.
"""

import math

import ibis
import pyarrow as pa

from caresystem import stats
from caresystem.population import schema
from caresystem.population.areas import by_area
from caresystem.population.engine.executor import Computation
from caresystem.population.engine.persons import PHE_BAND_STARTS
from caresystem.population.segments import SEGMENTS

RATES = {
    "emergency_admissions": ("Emergency admissions", "emergency_admissions", None),
    "deaths_under_75": ("Deaths under 75", "deaths", 75),
}


def esp_band(age_start: ibis.Column) -> ibis.Column:
    """The ESP 2013 five-year band label of a PHE band start (0 and 1 both fall in 0-4)."""
    start = ibis.cases((age_start < 5, 0), else_=age_start)
    return ibis.cases((start >= 90, "90+"), else_=start.cast("string") + "-" + (start + 4).cast("string"))


def _sort_key(key: tuple) -> tuple:
    """Order rows by their key columns, missing values last, numbers as numbers."""
    return tuple((v is None, v if v is not None else 0) for v in key)


def _people(t):
    return t.people.sum()


def _finish(table: pa.Table, rows: list[tuple], unit: str) -> pa.Table:
    """Append numerator..upper_ci95 computed per row, and the unit."""
    numerator, denominator, value, lower, upper = (list(c) for c in zip(*rows)) if rows else ([], [], [], [], [])
    return (table.append_column("numerator", pa.array(numerator, pa.float64()))
            .append_column("denominator", pa.array(denominator, pa.float64()))
            .append_column("value", pa.array(value, pa.float64()))
            .append_column("lower_ci95", pa.array(lower, pa.float64()))
            .append_column("upper_ci95", pa.array(upper, pa.float64()))
            .append_column("unit", pa.array([unit] * table.num_rows, pa.string())))


def proportions(table: pa.Table, numerators: str, denominators: str, unit: str = "proportion") -> pa.Table:
    """Replace two count columns by the convention's numerator, denominator, value and Wilson interval."""
    rows = []
    for n, d in zip(table.column(numerators).to_pylist(), table.column(denominators).to_pylist()):
        rows.append((n, d, *stats.wilson(n, d)) if d else (n, d, None, None, None))
    return _finish(table.drop_columns([numerators, denominators]), rows, unit)


def profile(cells: ibis.Table, system_name: str) -> Computation:
    """List size, age-sex structure and deprivation mix of every practice, PCN, place and the system."""
    t = cells.mutate(age_band=esp_band(cells.age_start))
    sizes = by_area(t, {"total": _people}, system_name=system_name)
    parts = [
        by_area(t, {"people": _people}, system_name=system_name).mutate(
            breakdown=ibis.literal("list_size"), sex=ibis.null("string"), age_band=ibis.null("string"),
            deprivation_decile=ibis.null("int8")),
        by_area(t, {"people": _people}, ["sex", "age_band"], system_name=system_name).mutate(
            breakdown=ibis.literal("age_sex"), deprivation_decile=ibis.null("int8")),
        by_area(t, {"people": _people}, ["deprivation_decile"], system_name=system_name).mutate(
            breakdown=ibis.literal("deprivation"), sex=ibis.null("string"), age_band=ibis.null("string")),
    ]
    columns = ["area_type", "area_code", "area_name", "breakdown", "sex", "age_band", "deprivation_decile", "people"]
    joined = ibis.union(*[p.select(columns) for p in parts]).join(sizes, ["area_type", "area_code", "area_name"])
    counts = joined.select(*columns, "total").order_by(["area_type", "area_code", "breakdown", "sex", "age_band",
                                                        "deprivation_decile"])
    return Computation({"counts": counts}, _profile_from)


def _profile_from(counts: pa.Table) -> pa.Table:
    """List sizes as people; the age-sex and deprivation parts as shares of the list, Wilson intervals."""
    breakdowns = counts.column("breakdown").to_pylist()
    rows = []
    for breakdown, n, d in zip(breakdowns, counts.column("people").to_pylist(), counts.column("total").to_pylist()):
        rows.append((n, d, float(n), None, None) if breakdown == "list_size" else (n, d, *stats.wilson(n, d)))
    units = ["people" if b == "list_size" else "proportion" for b in breakdowns]
    finished = _finish(counts.drop_columns(["people", "total"]), rows, "")
    return finished.set_column(finished.schema.get_field_index("unit"), "unit", pa.array(units, pa.string()))


def prevalence(cells: ibis.Table, system_name: str) -> Computation:
    """Recorded prevalence of each condition cluster (and of any) per PCN, place and system, Wilson intervals."""
    conditions = {"any": "people_with_condition", **{c: f"condition_{c}" for c in schema.clusters()}}
    sums = {"denominator_": _people, **{f"n_{k}": (lambda t, col=col: t[col].sum()) for k, col in conditions.items()}}
    wide = by_area(cells, sums, levels=("pcn", "place", "system"), system_name=system_name)
    long = ibis.union(*[wide.select("area_type", "area_code", "area_name", condition=ibis.literal(k),
                                    numerator_=wide[f"n_{k}"], denominator_=wide.denominator_)
                        for k in conditions])
    return Computation({"counts": long.order_by(["area_type", "area_code", "condition"])},
                       lambda counts: proportions(counts, "numerator_", "denominator_"))


def _rate_counts(cells: ibis.Table, count_column: str, under: int | None, keys: list[str], system_name: str):
    t = cells if under is None else cells.filter(cells.age_start < under)
    t = t.mutate(esp_band=esp_band(t.age_start))
    return by_area(t, {"events": lambda x: x[count_column].sum(), "people": _people}, [*keys, "esp_band"],
                   levels=("pcn", "place", "system"), system_name=system_name)


def _per_band(rows: list[dict], key_of, band: str, bands, counted: str) -> list[tuple[tuple, list, list]]:
    """Per-band rows gathered per group: (group key, counts aligned with `bands`, people aligned with `bands`),
    a band missing from a group counting zero; groups in key order."""
    groups: dict[tuple, dict] = {}
    for row in rows:
        groups.setdefault(key_of(row), {})[row[band]] = (row[counted], row["people"])
    return [(key, [float(groups[key].get(b, (0, 0))[0]) for b in bands],
             [float(groups[key].get(b, (0, 0))[1]) for b in bands]) for key in sorted(groups, key=_sort_key)]


def _standardise(counts: pa.Table, keys: list[str], under: int | None) -> tuple[pa.Table, list[tuple]]:
    """Group the per-band rows by area and keys and apply Dobson's DSR with the ESP 2013."""
    bands = stats.ESP2013_BANDS if under is None else stats.ESP2013_BANDS[:under // 5]
    standard = stats.ESP2013_WEIGHTS[:len(bands)]
    group_columns = ["area_type", "area_code", "area_name", *keys]
    groups = _per_band(counts.to_pylist(), lambda r: tuple(r[c] for c in group_columns), "esp_band", bands, "events")
    rows = []
    for _, events, people in groups:
        value = stats.dsr(events, people, standard) if sum(people) else (None, None, None)
        rows.append((sum(events), sum(people), *(None if v is None or math.isnan(v) else v for v in value)))
    table = pa.table({c: [key[i] for key, _, _ in groups] for i, c in enumerate(group_columns)})
    return table, rows


RATE_BREAKDOWNS = {"": [], "_by_decile": ["deprivation_decile"]}  # per area; per decile (system only)


def standardised_rates(cells: ibis.Table, system_name: str) -> Computation:
    """Directly age-standardised rates per 100,000 (ESP 2013, Dobson) per PCN, place, system and decile."""
    expressions = {}
    for indicator, (_, column, under) in RATES.items():
        for suffix, keys in RATE_BREAKDOWNS.items():
            counts = _rate_counts(cells, column, under, keys, system_name)
            expressions[indicator + suffix] = counts.filter(counts.area_type == "system") if keys else counts
    return Computation(expressions, _rates_from)


def _rates_from(**counts: pa.Table) -> pa.Table:
    parts = []
    for indicator, (_, _, under) in RATES.items():
        for suffix, keys in RATE_BREAKDOWNS.items():
            table, rows = _standardise(counts[indicator + suffix], keys, under)
            if not keys:
                table = table.append_column("deprivation_decile", pa.nulls(table.num_rows, pa.int8()))
            table = table.add_column(3, "indicator", pa.array([indicator] * table.num_rows, pa.string()))
            parts.append(_finish(table.cast(_rate_schema(table)), rows, "per 100,000"))
    return pa.concat_tables(parts)


def _rate_schema(table: pa.Table) -> pa.Schema:
    return pa.schema([pa.field(n, pa.int8() if n == "deprivation_decile" else table.schema.field(n).type)
                      for n in table.schema.names])


LIFE_BREAKDOWNS = {  # name -> (keys beside the age band, levels)
    "persons": ([], ("place", "system")),
    "persons_by_decile": (["deprivation_decile"], ("system",)),
    "by_sex": (["sex"], ("place", "system")),
    "by_sex_by_decile": (["sex", "deprivation_decile"], ("system",)),
}


def life_expectancy(cells: ibis.Table, system_name: str) -> Computation:
    """Life expectancy at birth (Chiang II abridged life table) per place, system and decile, by sex and persons."""
    sums = {"deaths": lambda t: t.deaths.sum(), "people": _people}
    return Computation({name: by_area(cells, sums, [*keys, "age_start"], levels=levels, system_name=system_name)
                        for name, (keys, levels) in LIFE_BREAKDOWNS.items()}, _life_expectancy_from)


def _life_expectancy_from(**counts: pa.Table) -> pa.Table:
    def key_of(r):
        return r["area_type"], r["area_code"], r["area_name"], r.get("sex") or "persons", r.get("deprivation_decile")

    keys, rows = [], []
    for name in LIFE_BREAKDOWNS:
        for key, deaths, people in _per_band(counts[name].to_pylist(), key_of, "age_start", PHE_BAND_STARTS,
                                             "deaths"):
            keys.append(key)
            rows.append((sum(deaths), sum(people), *_safe_life_expectancy(deaths, people)))
    table = pa.table({"area_type": [k[0] for k in keys], "area_code": [k[1] for k in keys],
                      "area_name": [k[2] for k in keys], "sex": [k[3] for k in keys],
                      "deprivation_decile": pa.array([k[4] for k in keys], pa.int8())})
    return _finish(table, rows, "years")


def _safe_life_expectancy(deaths: list[float], people: list[float]) -> tuple:
    """PHE does not publish life expectancy where a band has no population or the oldest band no deaths."""
    if min(people) <= 0 or deaths[-1] <= 0:
        return None, None, None
    return stats.life_expectancy(deaths, people)


def inequalities(rates: pa.Table, life: pa.Table, system_name: str) -> pa.Table:
    """Slope and relative index of inequality across deprivation deciles, for each rate and life expectancy."""
    series = []
    for indicator in RATES:
        rows = [r for r in rates.to_pylist() if r["indicator"] == indicator and r["deprivation_decile"] is not None]
        series.append((indicator, "persons", rows))
    for sex in ("persons", "F", "M"):
        rows = [r for r in life.to_pylist() if r["sex"] == sex and r["deprivation_decile"] is not None]
        series.append(("life_expectancy", sex, rows))
    out = []
    for indicator, sex, rows in series:
        rows = sorted((r for r in rows if None not in (r["value"], r["lower_ci95"], r["upper_ci95"])),
                      key=lambda r: r["deprivation_decile"])
        if len(rows) < 3:
            continue
        result = stats.sii([r["value"] for r in rows], [r["denominator"] for r in rows],
                           lower=[r["lower_ci95"] for r in rows], upper=[r["upper_ci95"] for r in rows])
        unit = rows[0]["unit"]
        out.append((indicator, sex, "sii", result.sii, result.sii_lower, result.sii_upper, unit))
        out.append((indicator, sex, "rii", result.rii, result.rii_lower, result.rii_upper, "ratio"))
    return pa.table({
        "area_type": ["system"] * len(out), "area_code": ["system"] * len(out), "area_name": [system_name] * len(out),
        "indicator": [o[0] for o in out], "sex": [o[1] for o in out], "measure": [o[2] for o in out],
        "numerator": pa.nulls(len(out), pa.float64()), "denominator": pa.nulls(len(out), pa.float64()),
        "value": pa.array([o[3] for o in out], pa.float64()), "lower_ci95": pa.array([o[4] for o in out], pa.float64()),
        "upper_ci95": pa.array([o[5] for o in out], pa.float64()), "unit": [o[6] for o in out]})


def segments(cells: ibis.Table, system_name: str) -> Computation:
    """People, activity and cost per Bridges to Health segment and per multimorbidity band, per PCN, place, system."""
    sums = {"people_": _people, "events": lambda t: t.events.sum(), "cost": lambda t: t.cost.sum()}
    levels = ("pcn", "place", "system")
    sizes = by_area(cells, {"total": _people}, levels=levels, system_name=system_name)
    by_segment = by_area(cells, sums, ["segment"], levels=levels, system_name=system_name).mutate(
        breakdown=ibis.literal("segment"), multimorbidity=ibis.null("string"))
    by_band = by_area(cells, sums, ["multimorbidity"], levels=levels, system_name=system_name).mutate(
        breakdown=ibis.literal("multimorbidity"), segment=ibis.null("string"))
    columns = ["area_type", "area_code", "area_name", "breakdown", "segment", "multimorbidity", "events", "cost",
               "people_"]
    counts = (ibis.union(by_segment.select(columns), by_band.select(columns))
              .join(sizes, ["area_type", "area_code", "area_name"]).select(*columns, "total")
              .order_by(["area_type", "area_code", "breakdown", "segment", "multimorbidity"]))
    return Computation({"counts": counts}, _segments_from)


def _segments_from(counts: pa.Table) -> pa.Table:
    names = [SEGMENTS.get(s) if s else None for s in counts.column("segment").to_pylist()]
    table = counts.add_column(5, "segment_name", pa.array(names, pa.string()))
    people = table.column("people_").to_pylist()
    cost_per_person = [c / p if p else None for c, p in zip(table.column("cost").to_pylist(), people)]
    table = table.append_column("cost_per_person", pa.array(cost_per_person, pa.float64()))
    return proportions(table, "people_", "total")


def risk_tiers(tier_counts: ibis.Table, system_name: str) -> Computation:
    """People per risk tier per PCN, place and system, from people per practice and tier (with its geography)."""
    levels = ("pcn", "place", "system")
    counts = by_area(tier_counts, {"people_": _people}, ["tier"], levels=levels, system_name=system_name)
    sizes = by_area(tier_counts, {"total": _people}, levels=levels, system_name=system_name)
    table = (counts.join(sizes, ["area_type", "area_code", "area_name"])
             .select("area_type", "area_code", "area_name", "tier", "people_", "total")
             .order_by(["area_type", "area_code", "tier"]))
    return Computation({"counts": table}, lambda counts: proportions(counts, "people_", "total"))
