"""Spec: a few people written as tables in, the person-level table, the cells and the indicators out.

The person table and the cells are computed on every backend (the `backend` fixture: DuckDB and Spark); the
indicators are rolled up from those cells on the in-process DuckDB, as a run does.

The period is 1 April 2018 to 31 March 2019. Ages are at the period start; conditions count when first recorded
by its end; activity counts inside it (both ends included).
"""

from datetime import date

import pytest

from caresystem.population import areas, indicators, schema
from caresystem.population.engine.cells import cells
from caresystem.population.engine.dataset import Dataset, Period
from caresystem.population.engine.executor import Local, compute, execute
from caresystem.population.engine.persons import person_table
from tests.spec.tables import rows, table

PERIOD = Period(date(2018, 4, 1), date(2019, 3, 31))

PERSONS = """
    person_id | sex | birth_month | practice_code | deprivation_decile | registration_start | registration_end | date_of_death
    1         | F   | 1950-06-01  | P1            | 2                  | 2000-01-01         |                  |
    2         | M   | 2018-01-01  | P1            | 2                  | 2018-02-01         |                  |
    3         | F   | 1930-01-01  | P2            | 9                  | 1990-01-01         |                  | 2018-10-15
    4         | M   | 1980-01-01  | P2            | 9                  | 2019-01-01         |                  |
    5         | M   | 1970-03-01  | P1            | 2                  | 2000-01-01         | 2017-12-31       |
    6         | M   | 1990-07-01  | P2            | 9                  | 2010-01-01         |                  |
    7         | M   | 2018-02-01  | P1            | 2                  | 2018-03-01         |                  |
"""
CONDITIONS = """
    person_id | code_system | code     | first_recorded
    1         | snomed      | 38341003 | 2010-01-01
    1         | snomed      | 44054006 | 2019-06-01
    3         | icd10       | F03      | 2015-01-01
    3         | snomed      | 38341003 | 2005-01-01
"""
ACTIVITY = """
    person_id | setting             | activity_date | cost
    1         | gp_appointment      | 2018-05-01    | 39
    1         | gp_appointment      | 2019-03-31    | 41
    1         | outpatient          | 2019-04-01    | 135
    3         | emergency_admission | 2018-10-10    | 2000
    6         | emergency_admission | 2018-06-01    | 1800
    6         | ae_attendance       | 2018-05-01    | 160
    6         | gp_appointment      | 2017-01-01    | 39
    7         | ae_attendance       | 2018-12-01    | 160
"""
PRACTICES = """
    practice_code | practice_name | pcn_code | pcn_name | place_code | place_name
    P1            | Practice one  | N1       | North    | A          | Place A
    P2            | Practice two  | N2       | South    | A          | Place A
"""


@pytest.fixture(scope="module")
def dataset(backend) -> Dataset:
    prefix = "spec_persons"
    files = {"persons": (schema.PERSONS, PERSONS), "conditions": (schema.CONDITIONS, CONDITIONS),
             "activity": (schema.ACTIVITY, ACTIVITY), "practices": (schema.PRACTICES, PRACTICES)}
    tables = {name: backend.create_table(f"{prefix}_{name}", table(contract, text), overwrite=True)
              for name, (contract, text) in files.items()}
    return Dataset(codes=backend.create_table(f"{prefix}_codes", schema.code_list_table(), overwrite=True), **tables)


def _select(found: list[dict], expected: list[dict], order: tuple[str, ...]) -> list[dict]:
    """The found rows with only the expected columns, in the expected order."""
    columns = list(expected[0])
    return sorted(({c: r[c] for c in columns} for r in found), key=lambda r: tuple(r[c] for c in order))


def test_the_person_table_is_the_periods_denominator_with_its_conditions_and_activity(dataset):
    expected = rows("""
        person_id | sex | age | age_start | conditions | hypertension | dementia | diabetes | multimorbidity | events | cost | emergency_admissions | ae_attendances | died_in_period
        1         | F   | 67  | 65        | 1          | 1            | 0        | 0        | 1              | 2      | 80   | 0                    | 0              | 0
        2         | M   | 0   | 0         | 0          | 0            | 0        | 0        | 0              | 0      | 0    | 0                    | 0              | 0
        3         | F   | 88  | 85        | 2          | 1            | 1        | 0        | 2-3            | 1      | 2000 | 1                    | 0              | 1
        6         | M   | 27  | 25        | 0          | 0            | 0        | 0        | 0              | 2      | 1960 | 1                    | 1              | 0
        7         | M   | 0   | 0         | 0          | 0            | 0        | 0        | 0              | 1      | 160  | 0                    | 1              | 0
    """)
    for row in expected:
        row["multimorbidity"] = str(row["multimorbidity"])
    found = execute(person_table(dataset, PERIOD)).to_pylist()
    assert _select(found, expected, ("person_id",)) == expected


def test_cells_count_people_activity_and_conditions_per_practice_sex_band_decile_and_segment(cell_table):
    expected = rows("""
        practice_code | sex | age_start | deprivation_decile | segment            | multimorbidity | people | emergency_admissions | people_admitted | ae_attendances | events | cost | deaths | people_with_condition | condition_hypertension | condition_dementia
        P1            | F   | 65        | 2                  | chronic_conditions | 1              | 1      | 0                    | 0               | 0              | 2      | 80   | 0      | 1                     | 1                      | 0
        P1            | M   | 0         | 2                  | maternal_infant    | 0              | 2      | 0                    | 0               | 1              | 1      | 160  | 0      | 0                     | 0                      | 0
        P2            | F   | 85        | 9                  | frailty_dementia   | 2-3            | 1      | 1                    | 1               | 0              | 1      | 2000 | 1      | 1                     | 1                      | 1
        P2            | M   | 25        | 9                  | acute_illness      | 0              | 1      | 1                    | 1               | 1              | 2      | 1960 | 0      | 0                     | 0                      | 0
    """)
    for row in expected:
        row["multimorbidity"] = str(row["multimorbidity"])
    found = cell_table.to_pylist()
    assert _select(found, expected, ("practice_code", "sex", "age_start")) == expected


@pytest.fixture(scope="module")
def cell_table(dataset):
    return execute(cells(person_table(dataset, PERIOD)))


@pytest.fixture
def area_cells(cell_table):
    local = Local()
    yield areas.with_geography(local.table("cells", cell_table), local.table("practices", table(schema.PRACTICES,
                                                                                                 PRACTICES)))
    local.close()


def test_prevalence_counts_people_with_a_condition_over_the_denominator_per_pcn_place_and_system(area_cells):
    expected = rows("""
        area_type | area_code | condition    | numerator | denominator
        pcn       | N1        | any          | 1         | 3
        pcn       | N1        | dementia     | 0         | 3
        pcn       | N1        | hypertension | 1         | 3
        pcn       | N2        | any          | 1         | 2
        pcn       | N2        | dementia     | 1         | 2
        pcn       | N2        | hypertension | 1         | 2
        place     | A         | any          | 2         | 5
        place     | A         | dementia     | 1         | 5
        place     | A         | hypertension | 2         | 5
        system    | system    | any          | 2         | 5
        system    | system    | dementia     | 1         | 5
        system    | system    | hypertension | 2         | 5
    """)
    found = [r for r in compute(indicators.prevalence(area_cells, "Test system")).to_pylist()
             if r["condition"] in ("any", "dementia", "hypertension")]
    assert _select(found, expected, ("area_type", "area_code", "condition")) == expected
    for r in found:
        assert r["value"] == pytest.approx(r["numerator"] / r["denominator"])
        assert r["lower_ci95"] <= r["value"] <= r["upper_ci95"]


def test_the_profile_gives_each_areas_list_size_and_its_deprivation_mix(area_cells):
    expected = rows("""
        area_type | area_code | breakdown   | deprivation_decile | numerator | denominator
        pcn       | N1        | deprivation | 2                  | 3         | 3
        pcn       | N1        | list_size   |                    | 3         | 3
        pcn       | N2        | deprivation | 9                  | 2         | 2
        pcn       | N2        | list_size   |                    | 2         | 2
        system    | system    | deprivation | 2                  | 3         | 5
        system    | system    | deprivation | 9                  | 2         | 5
        system    | system    | list_size   |                    | 5         | 5
    """)
    found = [r for r in compute(indicators.profile(area_cells, "Test system")).to_pylist()
             if r["area_type"] in ("pcn", "system") and r["breakdown"] in ("list_size", "deprivation")]
    assert _select(found, expected, ("area_type", "area_code", "breakdown", "deprivation_decile")) == expected


def test_segments_count_people_events_and_cost_in_each_bridges_to_health_segment(area_cells):
    expected = rows("""
        area_type | area_code | segment            | numerator | denominator | events | cost
        pcn       | N1        | chronic_conditions | 1         | 3           | 2      | 80
        pcn       | N1        | maternal_infant    | 2         | 3           | 1      | 160
        pcn       | N2        | acute_illness      | 1         | 2           | 2      | 1960
        pcn       | N2        | frailty_dementia   | 1         | 2           | 1      | 2000
    """)
    found = [r for r in compute(indicators.segments(area_cells, "Test system")).to_pylist()
             if r["area_type"] == "pcn" and r["breakdown"] == "segment"]
    assert _select(found, expected, ("area_type", "area_code", "segment")) == expected
