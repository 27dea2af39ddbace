"""The indicators as an analyst would write them in pandas: the baseline the engine is measured against.

Same rules as the engine (denominator registered and alive on the period start, aged at that date; conditions
recorded by the period end; events in the period), written the straightforward way: read the Parquet files into
DataFrames, merge, group by. It also serves the engine's tests as an independent calculation.
"""

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from caresystem import stats
from caresystem.population import schema

PHE_STARTS = np.array((0, 1) + tuple(range(5, 95, 5)))


def _read(directory: Path, name: str, columns=None) -> pd.DataFrame:
    return pd.read_parquet(directory / f"{name}.parquet", columns=columns)


def cohort(directory: Path, start: date, end: date) -> pd.DataFrame:
    persons = _read(directory, "persons")
    practices = _read(directory, "practices")
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    for column in ("birth_month", "registration_start", "registration_end", "date_of_death"):
        persons[column] = pd.to_datetime(persons[column])
    registered = ((persons.registration_start <= s)
                  & (persons.registration_end.isna() | (persons.registration_end >= s))
                  & (persons.date_of_death.isna() | (persons.date_of_death >= s)))
    people = persons[registered].copy()
    months = (s.year * 12 + s.month) - (people.birth_month.dt.year * 12 + people.birth_month.dt.month)
    people["age"] = months // 12
    people["age_start"] = PHE_STARTS[np.searchsorted(PHE_STARTS, people.age.clip(upper=90), side="right") - 1]
    people["died"] = people.date_of_death.between(s, e)
    activity = _read(directory, "activity", ["person_id", "setting", "activity_date", "cost"])
    activity["activity_date"] = pd.to_datetime(activity.activity_date)
    in_period = activity[activity.activity_date.between(s, e)]
    emergency = (in_period[in_period.setting == "emergency_admission"].groupby("person_id").size()
                 .rename("emergency_admissions"))
    people = people.merge(emergency, left_on="person_id", right_index=True, how="left")
    people["emergency_admissions"] = people.emergency_admissions.fillna(0)
    return people.merge(practices, on="practice_code")


def prevalence(directory: Path, people: pd.DataFrame, end: date) -> pd.DataFrame:
    conditions = _read(directory, "conditions")
    codes = pd.DataFrame([c.__dict__ for c in schema.condition_codes()])[["code_system", "code", "cluster"]]
    coded = conditions.merge(codes, on=["code_system", "code"])
    coded = coded[pd.to_datetime(coded.first_recorded) <= pd.Timestamp(end)][["person_id", "cluster"]].drop_duplicates()
    merged = coded.merge(people[["person_id", "pcn_code"]], on="person_id")
    numerators = merged.groupby(["pcn_code", "cluster"]).size().rename("numerator").reset_index()
    sizes = people.groupby("pcn_code").size().rename("denominator").reset_index()
    result = numerators.merge(sizes, on="pcn_code")
    result["value"] = result.numerator / result.denominator
    return result


def standardised_rate(people: pd.DataFrame, by: str, column: str, under: int | None = None) -> pd.DataFrame:
    t = people if under is None else people[people.age < under]
    t = t.assign(band=np.minimum(np.where(t.age_start < 5, 0, t.age_start), 90))
    grouped = t.groupby([by, "band"]).agg(events=(column, "sum"), people=("person_id", "size")).reset_index()
    bands = list(range(0, 95, 5)) if under is None else list(range(0, under, 5))
    rows = []
    for key, part in grouped.groupby(by):
        part = part.set_index("band").reindex(bands, fill_value=0)
        value = stats.dsr(part.events.tolist(), part.people.tolist(), stats.ESP2013_WEIGHTS[:len(bands)])
        rows.append({by: key, "numerator": part.events.sum(), "denominator": part.people.sum(), "value": value[0],
                     "lower_ci95": value[1], "upper_ci95": value[2]})
    return pd.DataFrame(rows)


def life_expectancy_by_decile(people: pd.DataFrame) -> pd.DataFrame:
    grouped = people.groupby(["deprivation_decile", "age_start"]).agg(deaths=("died", "sum"),
                                                                       people=("person_id", "size"))
    rows = []
    for decile, part in grouped.groupby(level=0):
        part = part.droplevel(0).reindex(PHE_STARTS, fill_value=0)
        if part.people.min() > 0 and part.deaths.iloc[-1] > 0:
            rows.append({"deprivation_decile": decile,
                         "value": stats.life_expectancy(part.deaths.tolist(), part.people.tolist())[0]})
    return pd.DataFrame(rows)


def indicators(directory: Path, start: date, end: date) -> dict[str, pd.DataFrame]:
    """Every indicator stage of the baseline: list sizes, prevalence, rates, life expectancy by decile."""
    people = cohort(directory, start, end)
    people["died_under_75"] = people.died & (people.age < 75)
    return {
        "list_sizes": people.groupby("pcn_code").size().rename("people").reset_index(),
        "prevalence": prevalence(directory, people, end),
        "emergency_by_place": standardised_rate(people, "place_code", "emergency_admissions"),
        "emergency_by_decile": standardised_rate(people, "deprivation_decile", "emergency_admissions"),
        "deaths_under_75_by_place": standardised_rate(people, "place_code", "died", under=75),
        "life_expectancy_by_decile": life_expectancy_by_decile(people),
    }
