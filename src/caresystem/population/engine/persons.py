"""The person-level tables, built once per run: who is in the denominator, their age, morbidity and activity.

Denominator: people registered with a practice and alive on the period's start date, aged at that date.
Conditions count when first recorded on or before the period end; activity when in the period. The risk model has
its own tables (`training_table`, `scoring_table`): three 12-month blocks ending with the data, B0 and B1 predicting
B2 when training, B1 and B2 scoring the next twelve months.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

import ibis

from caresystem.population import schema
from caresystem.population.engine.dataset import Dataset, Period, months_before

PHE_BAND_STARTS = (0, 1) + tuple(range(5, 95, 5))
MODEL_SETTINGS = ("emergency_admission", "ae_attendance", "elective_admission", "outpatient", "gp_appointment")
TWO_YEAR_SETTINGS = ("emergency_admission", "ae_attendance")  # the model counts these in both years it looks back


@dataclass(frozen=True)
class Windows:
    """Three consecutive 12-month blocks ending on the last day of data (`b3` is the day after)."""
    b0: date
    b1: date
    b2: date
    b3: date

    @classmethod
    def ending(cls, last_day: date) -> "Windows":
        b3 = last_day + timedelta(days=1)
        return cls(months_before(b3, 36), months_before(b3, 24), months_before(b3, 12), b3)

    def last_block_is(self, period: Period) -> bool:
        return (period.start, period.end + timedelta(days=1)) == (self.b2, self.b3)


def age_at(birth_month: ibis.Column, day: date) -> ibis.Column:
    """Whole years between the month of birth (its first day) and `day`."""
    months = (day.year * 12 + day.month) - (birth_month.year() * 12 + birth_month.month())
    return (months // 12).cast("int32")


def band_start(age: ibis.Column) -> ibis.Column:
    """The PHE life-table band an age falls in: 0, 1, 5, 10, ..., 90 (90 and over)."""
    return ibis.cases((age < 1, 0), (age < 5, 1), (age >= 90, 90), else_=(age // 5) * 5).cast("int16")


def multimorbidity_band(count: ibis.Column) -> ibis.Column:
    return ibis.cases((count == 0, "0"), (count == 1, "1"), (count <= 3, "2-3"), else_="4+")


def registered_on(persons: ibis.Table, day: date) -> ibis.Expr:
    d = ibis.date(day)
    return ((persons.registration_start <= d)
            & (persons.registration_end.isnull() | (persons.registration_end >= d))
            & (persons.date_of_death.isnull() | (persons.date_of_death >= d)))


def condition_flags(ds: Dataset, on_or_before: date, suffix: str = "") -> ibis.Table:
    """One row per person with a condition: a 0/1 column per cluster and `conditions`, the count of clusters."""
    coded = ds.conditions.join(ds.codes, ["code_system", "code"])
    coded = coded.filter(coded.first_recorded <= ibis.date(on_or_before))
    flags = {f"{c}{suffix}": (coded.condition == c).max().cast("int8") for c in schema.clusters()}
    table = coded.group_by("person_id").aggregate(**flags)
    return table.mutate(**{f"conditions{suffix}": sum(table[f"{c}{suffix}"].cast("int16") for c in schema.clusters())})


def period_activity(ds: Dataset, period: Period) -> ibis.Table:
    """Per person, their contacts in the period in each setting the model uses, all their contacts, and cost."""
    a = ds.activity
    a = a.filter(a.activity_date.between(ibis.date(period.start), ibis.date(period.end)))
    return a.group_by("person_id").aggregate(
        **{setting: a.count(where=a.setting == setting).cast("int32") for setting in MODEL_SETTINGS},
        events=a.count().cast("int32"), cost=a.cost.sum())


def block_activity(activity: ibis.Table, windows: Windows, counts: Mapping[int, Sequence[str]],
                   costed: Sequence[int] = ()) -> ibis.Table:
    """Per person, their contacts in each block's settings (`counts`: block number -> settings) and their cost in
    the `costed` blocks, from `activity` (the dataset's, or a sample of it).

    Each row's block and setting are coded once as a small integer, so each count is one integer comparison.
    """
    bounds = (windows.b0, windows.b1, windows.b2, windows.b3)
    blocks = sorted({*counts, *costed})
    a = activity.filter((activity.activity_date >= ibis.date(bounds[blocks[0]]))
                        & (activity.activity_date < ibis.date(bounds[blocks[-1] + 1])))
    block = ibis.cases((a.activity_date < ibis.date(windows.b1), 0), (a.activity_date < ibis.date(windows.b2), 1),
                       else_=2)
    setting = ibis.cases(*((a.setting == s, i) for i, s in enumerate(MODEL_SETTINGS)), else_=len(MODEL_SETTINGS))
    coded = a.select("person_id", "cost", block=block, slot=block * 8 + setting)
    measures = {}
    for number in blocks:
        for name in counts.get(number, ()):
            slot = number * 8 + MODEL_SETTINGS.index(name)
            measures[f"b{number}_{name}"] = coded.count(where=coded.slot == slot).cast("int32")
        if number in costed:
            measures[f"b{number}_cost"] = coded.cost.sum(where=coded.block == number)
    return coded.group_by("person_id").aggregate(**measures)


def _with(people: ibis.Table, *tables: ibis.Table) -> ibis.Table:
    """People left-joined to per-person tables, a person absent from one having zeros there."""
    joined = people
    for table in tables:
        joined = joined.left_join(table, "person_id").drop("person_id_right")
    return joined.fill_null({c: 0 for c in joined.columns if c not in people.columns})


def person_table(ds: Dataset, period: Period, activity: ibis.Table | None = None) -> ibis.Table:
    """The period's denominator, one row per person: demography, conditions and the period's activity
    (`activity`, from period_activity, when the caller has it already)."""
    p = ds.persons
    people = p.filter(registered_on(p, period.start)).select(
        "person_id", "sex", "practice_code", "deprivation_decile", "date_of_death",
        age=age_at(p.birth_month, period.start))
    activity = period_activity(ds, period) if activity is None else activity
    activity = activity.select("person_id", "events", "cost", emergency_admissions=activity.emergency_admission,
                               ae_attendances=activity.ae_attendance)
    joined = _with(people, condition_flags(ds, period.end), activity)
    died = joined.date_of_death.between(ibis.date(period.start), ibis.date(period.end))
    return joined.mutate(
        age_start=band_start(joined.age),
        multimorbidity=multimorbidity_band(joined.conditions),
        died_in_period=died.fill_null(False).cast("int8"),
    )


def last_block(ds: Dataset, windows: Windows, latest: ibis.Table | None = None) -> ibis.Table:
    """period_activity of the last block, B2, as b2_<setting> and b2_cost (`latest` when the caller has it: the
    default period is that block, so it is not counted twice)."""
    if latest is None:
        latest = period_activity(ds, Period(windows.b2, windows.b3 - timedelta(days=1)))
    return latest.select("person_id", b2_cost=latest.cost,
                         **{f"b2_{setting}": latest[setting] for setting in MODEL_SETTINGS})


def _model_people(persons: ibis.Table, cutoff: date) -> ibis.Table:
    p = persons.filter(registered_on(persons, cutoff))
    return p.select("person_id", "sex", "practice_code", "deprivation_decile", age=age_at(p.birth_month, cutoff))


def training_table(ds: Dataset, windows: Windows, per_mille: int, latest: ibis.Table | None = None) -> ibis.Table:
    """The model's sample (person_id % 1000 below `per_mille`) of the people registered at the training cutoff,
    the start of B2: their conditions then, their contacts in B0 and B1, their cost in B1 and their emergency
    admissions in B2 (the outcome). Only the sample's rows are aggregated."""
    def sampled(table: ibis.Table) -> ibis.Table:
        return table.filter(table.person_id % 1000 < per_mille)

    history = block_activity(sampled(ds.activity), windows, {0: TWO_YEAR_SETTINGS, 1: MODEL_SETTINGS}, costed=(1,))
    outcome = sampled(last_block(ds, windows, latest)).select("person_id", "b2_emergency_admission")
    conditions = condition_flags(replace(ds, conditions=sampled(ds.conditions)), windows.b2 - timedelta(days=1))
    return _with(_model_people(sampled(ds.persons), windows.b2), conditions, history, outcome)


def scoring_table(ds: Dataset, windows: Windows, latest: ibis.Table | None = None) -> ibis.Table:
    """People registered at the end of the data (the scoring cutoff): their conditions then, their emergency
    admissions and A&E attendances in B1, and their contacts and cost in B2."""
    older = block_activity(ds.activity, windows, {1: TWO_YEAR_SETTINGS})
    conditions = condition_flags(ds, windows.b3 - timedelta(days=1))
    return _with(_model_people(ds.persons, windows.b3), conditions, older, last_block(ds, windows, latest))
