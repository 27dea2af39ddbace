"""The person-level table, built once per run: who is in the denominator, their age, morbidity and activity.

Denominator: people registered with a practice and alive on the period's start date, aged at that date.
Conditions count when first recorded on or before the period end. Activity is counted in the period and, for the
risk model, in three 12-month blocks ending with the data: B0 and B1 predict B2 when training, B1 and B2 score
the next twelve months.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import ibis

from caresystem.population import contract
from caresystem.population.engine.dataset import Dataset, Period, months_before

PHE_BAND_STARTS = (0, 1) + tuple(range(5, 95, 5))
MULTIMORBIDITY_BANDS = ("0", "1", "2-3", "4+")
MODEL_SETTINGS = ("emergency_admission", "ae_attendance", "elective_admission", "outpatient", "gp_appointment")


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
    flags = {f"{c}{suffix}": (coded.condition == c).max().cast("int8") for c in contract.clusters()}
    table = coded.group_by("person_id").aggregate(**flags)
    return table.mutate(**{f"conditions{suffix}": sum(table[f"{c}{suffix}"].cast("int16") for c in contract.clusters())})


def activity_summary(ds: Dataset, period: Period, windows: Windows) -> ibis.Table:
    """One scan of activity: per person, what the indicators count in the period and the model in each block.

    Emergency admissions and A&E attendances are counted in all three blocks (the model looks two years back);
    the other settings and cost only in the latest two. When the period is the last block (the default), its
    measures are the block's, not counted twice.
    """
    a = ds.activity
    measures = {}
    for block, (first, after) in {"b0": (windows.b0, windows.b1), "b1": (windows.b1, windows.b2),
                                  "b2": (windows.b2, windows.b3)}.items():
        in_block = (a.activity_date >= ibis.date(first)) & (a.activity_date < ibis.date(after))
        settings = MODEL_SETTINGS if block != "b0" else ("emergency_admission", "ae_attendance")
        for setting in settings:
            measures[f"{block}_{setting}"] = a.count(where=in_block & (a.setting == setting)).cast("int32")
        if block != "b0":
            measures[f"{block}_cost"] = a.cost.sum(where=in_block)
    measures["b2_events"] = a.count(where=(a.activity_date >= ibis.date(windows.b2))
                                    & (a.activity_date < ibis.date(windows.b3))).cast("int32")
    if (period.start, period.end + timedelta(days=1)) != (windows.b2, windows.b3):
        in_period = a.activity_date.between(ibis.date(period.start), ibis.date(period.end))
        measures |= {
            "emergency_admissions": a.count(where=in_period & (a.setting == "emergency_admission")).cast("int32"),
            "ae_attendances": a.count(where=in_period & (a.setting == "ae_attendance")).cast("int32"),
            "events": a.count(where=in_period).cast("int32"),
            "cost": a.cost.sum(where=in_period),
        }
    summary = a.group_by("person_id").aggregate(**measures)
    if "events" not in measures:
        summary = summary.mutate(emergency_admissions=summary.b2_emergency_admission,
                                 ae_attendances=summary.b2_ae_attendance, events=summary.b2_events,
                                 cost=summary.b2_cost)
    return summary


def person_table(ds: Dataset, period: Period, windows: Windows) -> ibis.Table:
    """Every person registered at some cutoff we use, with demography, morbidity and activity (zeros filled)."""
    p = ds.persons
    in_cohort = registered_on(p, period.start)
    in_training = registered_on(p, windows.b2)
    in_scoring = registered_on(p, windows.b3)
    people = p.filter(in_cohort | in_training | in_scoring).select(
        "person_id", "sex", "practice_code", "deprivation_decile", "date_of_death",
        in_cohort=in_cohort, in_training=in_training, in_scoring=in_scoring,
        age=age_at(p.birth_month, period.start), age_training=age_at(p.birth_month, windows.b2),
        age_scoring=age_at(p.birth_month, windows.b3))
    period_flags = condition_flags(ds, period.end)
    training_flags = condition_flags(ds, windows.b2 - timedelta(days=1), "_training")
    activity = activity_summary(ds, period, windows)
    joined = (people.left_join(period_flags, "person_id").drop("person_id_right")
              .left_join(training_flags, "person_id").drop("person_id_right")
              .left_join(activity, "person_id").drop("person_id_right"))
    fill = {c: 0 for c in joined.columns if c not in people.columns}
    joined = joined.fill_null(fill)
    died = joined.date_of_death.between(ibis.date(period.start), ibis.date(period.end))
    return joined.mutate(
        age_start=band_start(joined.age),
        multimorbidity=multimorbidity_band(joined.conditions),
        died_in_period=died.fill_null(False).cast("int8"),
    )
