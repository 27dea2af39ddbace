"""Validation against the system's practice register: people and activity at practices it does not know, or in
another PCN than it has them, are reported by practice code with their counts, as warnings (the dataset stays valid)."""

import pyarrow.parquet as pq
import pytest

from caresystem.population import schema, validation
from tests.spec.tables import table

PERSONS = '''
    person_id | nhs_number | sex | birth_month | practice_code | deprivation_decile | registration_start
    1         |            | F   | 1950-01-01  | P1            | 3                  | 2010-01-01
    2         |            | M   | 1960-01-01  | P2            | 5                  | 2010-01-01
    3         |            | F   | 1970-01-01  | Y90025        | 1                  | 2010-01-01
    4         |            | M   | 1980-01-01  | Y90025        | 2                  | 2010-01-01
'''
ACTIVITY = '''
    person_id | setting             | activity_date | cost
    1         | gp_appointment      | 2018-05-01    | 39
    3         | emergency_admission | 2018-06-01    | 1800
    3         | gp_appointment      | 2018-06-02    | 39
    4         | ae_attendance       | 2018-07-01    | 160
'''
PRACTICES = '''
    practice_code | practice_name | pcn_code | pcn_name | place_code | place_name
    P1            | One           | N1       | North    | north      | North
    P2            | Two           | N1       | North    | north      | North
    Y90025        | Invented      | N2       | South    | south      | South
'''


@pytest.fixture
def folder(tmp_path):
    files = {schema.PERSONS: PERSONS, schema.ACTIVITY: ACTIVITY, schema.PRACTICES: PRACTICES,
             schema.CONDITIONS: "person_id | code_system | code | first_recorded"}
    for contract, text in files.items():
        pq.write_table(table(contract, text), tmp_path / contract.file_name)
    return tmp_path


def test_without_a_register_nothing_is_checked(folder):
    report = validation.validate(folder)
    assert report.ok and not report.register_checked and report.register_warnings == []


def test_a_dataset_that_agrees_with_the_register_has_no_warnings(folder):
    report = validation.validate(folder, {"P1": "N1", "P2": "N1", "Y90025": "N2", "P9": "N9"})
    assert report.ok and report.register_checked and report.register_warnings == []


def test_people_and_activity_at_a_practice_the_register_does_not_know_are_named_and_counted(folder):
    report = validation.validate(folder, {"P1": "N1", "P2": "N1"})
    assert report.ok  # a warning, not a refusal: the dataset's own lookup still places its people
    assert report.register_warnings == [validation.RegisterWarning("Y90025", persons=2, activity=3,
                                                                   dataset_pcn="N2")]
    assert validation.register_summary(report.register_warnings) == [
        "1 practice not in the practice register, with 2 people and 3 activity rows: Y90025 (2 people)"]


def test_a_practice_in_another_pcn_than_the_registers_is_reported(folder):
    report = validation.validate(folder, {"P1": "N1", "P2": "N7", "Y90025": "N2"})
    assert [str(w) for w in report.register_warnings] == [
        "practice P2 is in PCN N7 in the practice register, not N1 as the dataset has it (1 person, 0 activity rows)"]


def test_a_practice_of_the_register_with_no_network_is_not_reported_as_moved(folder):
    assert validation.validate(folder, {"P1": "N1", "P2": None, "Y90025": "N2"}).register_warnings == []
