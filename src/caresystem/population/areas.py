"""Rolling cells up the geography: practice > PCN > place > system, as Ibis expressions on the local backend."""

import ibis

LEVELS = ("practice", "pcn", "place", "system")
SYSTEM_CODE = "system"


def with_geography(cells: ibis.Table, practices: ibis.Table) -> ibis.Table:
    geography = practices.select("practice_code", "practice_name", "pcn_code", "pcn_name", "place_code", "place_name")
    return cells.join(geography, "practice_code")


def by_area(table: ibis.Table, sums: dict, keys=(), levels=LEVELS, system_name: str = "Whole system") -> ibis.Table:
    """One row per area of each level (and per `keys`), in the indicator convention's area columns."""
    parts = []
    for level in levels:
        if level == "system":
            code, name = ibis.literal(SYSTEM_CODE), ibis.literal(system_name)
        else:
            code, name = table[f"{level}_code"], table[f"{level}_name"]
        grouped = table.mutate(area_type=ibis.literal(level), area_code=code, area_name=name)
        parts.append(grouped.group_by(["area_type", "area_code", "area_name", *keys])
                     .aggregate(**{k: f(grouped) for k, f in sums.items()}))
    return ibis.union(*parts)
