"""Fair shares: weighted capitation per PCN and place, and distance from target.

The formula (every step is an Ibis expression over the cells, or a small table of weights):

1. Age-sex cost weight w_as = mean cost per person in the age-sex band / mean cost per person overall, from the
   period's activity costs (or supplied, e.g. the national formula's weights).
2. Additional-need index for morbidity: each multimorbidity band within an age-sex band has the ratio
   r = mean cost in (age-sex, band) / mean cost in the age-sex band; an area's index is the people-weighted mean
   of r over its people, so it is 1 where morbidity is as the system's at the same ages.
3. Health-inequalities adjustment by deprivation: h_d = 1 + strength x (10 - d) / 9 for decile d (1 = most
   deprived gets 1 + strength; strength defaults to 0.1), normalised so the system's mean is 1.
4. Market-forces factor per place, optional (1 where not supplied).

Weighted population of a cell = people x w_as x r x h_d x MFF(place); an area's is the sum over its cells.
Target share = area weighted population / system weighted population (shares of one level sum to one); fair share
= target share x budget (default the sum of the 2019/20 CCG budgets in document 001, GBP 2,778m); distance from
target = (current allocation - fair share) / fair share when a current allocation is supplied.
"""

from dataclasses import dataclass, field
from functools import partial

import ibis
import pyarrow as pa

from caresystem.population.areas import by_area
from caresystem.population.engine.executor import Computation

DEFAULT_BUDGET = 2_778_000_000.0
DEFAULT_INEQUALITIES_STRENGTH = 0.1


@dataclass(frozen=True)
class AllocationParameters:
    budget: float = DEFAULT_BUDGET
    inequalities_strength: float = DEFAULT_INEQUALITIES_STRENGTH
    market_forces: dict[str, float] = field(default_factory=dict)  # place code -> factor
    current: dict[str, float] = field(default_factory=dict)  # area code -> current allocation
    age_sex_weights: pa.Table | None = None  # sex, age_start, weight: supplied instead of derived

    def __post_init__(self):
        if self.budget <= 0:
            raise ValueError("budget must be positive")
        if not 0 <= self.inequalities_strength <= 1:
            raise ValueError("inequalities_strength must be between 0 and 1")
        if any(f <= 0 for f in self.market_forces.values()):
            raise ValueError("market-forces factors must be positive")


def _cost_weights(cells: ibis.Table) -> ibis.Table:
    overall = cells.aggregate(cost_all=cells.cost.sum(), people_all=cells.people.sum())
    by_age_sex = cells.group_by(["sex", "age_start"]).aggregate(cost_as=cells.cost.sum(), people_as=cells.people.sum())
    w = by_age_sex.cross_join(overall)
    return w.select("sex", "age_start", weight=(w.cost_as / w.people_as) / (w.cost_all / w.people_all))


def _morbidity_ratios(cells: ibis.Table) -> ibis.Table:
    by_band = cells.group_by(["sex", "age_start", "multimorbidity"]).aggregate(
        cost_b=cells.cost.sum(), people_b=cells.people.sum())
    by_age_sex = cells.group_by(["sex", "age_start"]).aggregate(cost_as=cells.cost.sum(), people_as=cells.people.sum())
    r = by_band.join(by_age_sex, ["sex", "age_start"])
    ratio = ((r.cost_b / r.people_b) / (r.cost_as / r.people_as))
    return r.select("sex", "age_start", "multimorbidity", need=(r.cost_as == 0).ifelse(1.0, ratio))


def weighted_cells(cells: ibis.Table, parameters: AllocationParameters) -> ibis.Table:
    weights = (_cost_weights(cells) if parameters.age_sex_weights is None
               else ibis.memtable(parameters.age_sex_weights))
    t = cells.join(weights, ["sex", "age_start"]).join(_morbidity_ratios(cells), ["sex", "age_start", "multimorbidity"])
    raw_h = 1.0 + parameters.inequalities_strength * (10 - t.deprivation_decile.cast("float64")) / 9.0
    totals = t.aggregate(h_mean=(raw_h * t.people).sum() / t.people.sum())
    t = t.mutate(raw_h=raw_h).cross_join(totals)
    mff = ibis.literal(1.0)
    for place, factor in sorted(parameters.market_forces.items()):
        mff = (t.place_code == place).ifelse(float(factor), mff)
    return t.mutate(
        age_sex_weighted=t.people * t.weight,
        need_weighted=t.people * t.weight * t.need,
        weighted=t.people * t.weight * t.need * (t.raw_h / t.h_mean) * mff,
        mff=mff,
    )


def allocation(cells: ibis.Table, parameters: AllocationParameters, system_name: str) -> Computation:
    """Weighted populations and target shares per PCN, place and system; fair shares and distances from them."""
    t = weighted_cells(cells, parameters)
    sums = {"people": lambda x: x.people.sum(), "age_sex_weighted": lambda x: x.age_sex_weighted.sum(),
            "need_weighted": lambda x: x.need_weighted.sum(), "weighted_population": lambda x: x.weighted.sum()}
    areas = by_area(t, sums, levels=("pcn", "place", "system"), system_name=system_name)
    system = areas.filter(areas.area_type == "system").select(system_weighted=areas.weighted_population)
    a = areas.cross_join(system)
    shares = a.select(
        "area_type", "area_code", "area_name",
        numerator=a.weighted_population, denominator=a.people,
        age_sex_index=a.age_sex_weighted / a.people,
        need_index=a.need_weighted / a.age_sex_weighted,
        inequalities_and_mff_index=a.weighted_population / a.need_weighted,
        weighted_population=a.weighted_population,
        target_share=a.weighted_population / a.system_weighted,
    ).order_by(["area_type", "area_code"])
    return Computation({"shares": shares}, partial(_fair_shares, parameters=parameters))


def _fair_shares(shares: pa.Table, parameters: AllocationParameters) -> pa.Table:
    """The budget split by target share, the distance of any current allocation from it, and weighted people per
    person as the value."""
    fair = [s * parameters.budget for s in shares.column("target_share").to_pylist()]
    current = [parameters.current.get(code) for code in shares.column("area_code").to_pylist()]
    distance = [None if c is None else (c - f) / f for c, f in zip(current, fair)]
    relative = [w / p if p else None for w, p in zip(shares.column("weighted_population").to_pylist(),
                                                     shares.column("denominator").to_pylist())]
    return (shares.append_column("fair_share", pa.array(fair, pa.float64()))
            .append_column("current_allocation", pa.array(current, pa.float64()))
            .append_column("distance_from_target", pa.array(distance, pa.float64()))
            .append_column("value", pa.array(relative, pa.float64()))
            .append_column("lower_ci95", pa.nulls(shares.num_rows, pa.float64()))
            .append_column("upper_ci95", pa.nulls(shares.num_rows, pa.float64()))
            .append_column("unit", pa.array(["weighted people per person"] * shares.num_rows, pa.string())))
