"""Statistical disclosure control of published outputs: small-number suppression with secondary suppression.

Primary: a row whose numerator (or denominator) is a count from 1 to the threshold (7 by default) is suppressed:
its numerator, value, interval and any activity or cost figures are blanked (and its denominator, when that
is the small count) and `suppressed` is true.

Secondary: rows fall into additive groups, sets of rows whose numerators add up to a published total (the age-sex
bands of an area add up to its list size; the PCNs of a place add up to the place). A group with exactly one
suppressed row would give that row away by subtraction, so the smallest other row of the group is suppressed too;
this repeats until no group has exactly one suppressed row (it ends: each pass only adds suppressions).

Every result leaves a run through `publish` (which groupings each result has, which threshold) and the only
person-level output through `restricted_cohort`; nothing else in `population` writes results.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable

import pyarrow as pa
import pyarrow.compute as pc

BLANKED = ("numerator", "value", "lower_ci95", "upper_ci95", "events", "cost", "cost_per_person")
GroupKey = Callable[[dict], tuple | None]


def is_small(count, threshold: int) -> bool:
    return count is not None and 0 < count <= threshold


def suppress(table: pa.Table, threshold: int, groupings: Iterable[GroupKey] = ()) -> pa.Table:
    rows = table.to_pylist()
    hidden = [is_small(r.get("numerator"), threshold) or is_small(r.get("denominator"), threshold) for r in rows]
    groups: list[list[int]] = []
    for key_of in groupings:
        members = defaultdict(list)
        for i, row in enumerate(rows):
            if (key := key_of(row)) is not None:
                members[key].append(i)
        groups += [m for m in members.values() if len(m) > 1]
    changed = True
    while changed:
        changed = False
        for members in groups:
            if sum(hidden[i] for i in members) == 1:
                visible = [i for i in members if not hidden[i]]
                smallest = min(visible, key=lambda i: (rows[i].get("numerator") or 0, i))
                hidden[smallest] = changed = True
    for row, is_hidden in zip(rows, hidden):
        if is_hidden:
            row.update({c: None for c in BLANKED if c in row})
            if is_small(row.get("denominator"), threshold):
                row["denominator"] = None
        row["suppressed"] = is_hidden
    schema = table.schema.append(pa.field("suppressed", pa.bool_()))
    return pa.Table.from_pylist(rows, schema=schema)


def parent_areas(practices: pa.Table) -> dict[tuple[str, str], tuple[str, str]]:
    """(area_type, code) -> its parent's (area_type, code): practice > pcn > place > system."""
    parents = {}
    for p in practices.to_pylist():
        parents[("practice", p["practice_code"])] = ("pcn", p["pcn_code"])
        parents[("pcn", p["pcn_code"])] = ("place", p["place_code"])
        parents[("place", p["place_code"])] = ("system", "system")
    return parents


def within_area(*fixed: str, when: Callable[[dict], bool] = lambda r: True) -> GroupKey:
    """Rows of one area with the same `fixed` columns: they split the area's total (e.g. its age-sex bands)."""
    def key(row: dict):
        return (row["area_type"], row["area_code"], *(row.get(c) for c in fixed)) if when(row) else None
    return key


def across_children(parents: dict, *dimensions: str, when: Callable[[dict], bool] = lambda r: True) -> GroupKey:
    """Rows of sibling areas (the PCNs of a place, ...) with the same dimensions: they add up to the parent's row."""
    def key(row: dict):
        parent = parents.get((row["area_type"], row["area_code"]))
        if parent is None or not when(row):
            return None
        return (*parent, row["area_type"], *(row.get(c) for c in dimensions))
    return key


def publish(results: dict[str, pa.Table], practices: pa.Table, threshold: int) -> dict[str, pa.Table]:
    """Suppress small numbers in every count-based result (inequalities carry no counts; allocation's only count
    is an area's population, hidden when small)."""
    parents = parent_areas(practices)
    groupings = {
        "profile": [within_area("breakdown", when=lambda r: r["breakdown"] != "list_size"),
                    across_children(parents, "breakdown", "sex", "age_band", "deprivation_decile")],
        "prevalence": [across_children(parents, "condition")],
        "standardised_rates": [across_children(parents, "indicator", "deprivation_decile"),
                               within_area("indicator", when=lambda r: r["deprivation_decile"] is not None)],
        "life_expectancy": [across_children(parents, "sex", "deprivation_decile")],
        "segments": [within_area("breakdown"),
                     across_children(parents, "breakdown", "segment", "multimorbidity")],
        "risk_tiers": [within_area(), across_children(parents, "tier")],
        "allocation": [],
    }
    return {name: suppress(table, threshold, groupings[name]) if name in groupings else table
            for name, table in results.items()}


def restricted_cohort(scored: pa.Table, practices: pa.Table, tiers) -> pa.Table:
    """The people in the given risk tiers with their practice, PCN and place: pseudonymous ids only, for care
    coordinators; never published with the results."""
    cohort = scored.filter(pc.is_in(scored.column("tier"), pa.array(tiers)))
    cohort = cohort.join(practices.select(["practice_code", "pcn_code", "place_code"]), "practice_code")
    return cohort.sort_by([("pcn_code", "ascending"), ("risk", "descending"), ("person_id", "ascending")])
