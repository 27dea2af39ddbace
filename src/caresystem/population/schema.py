"""The linked dataset contract: four Parquet files in one folder, their columns and the rules each row keeps.

    persons.parquet     one row per person (pseudonymous person_id); NHS number optional and never written out
    conditions.parquet  one row per person and coded long-term condition, with its first recorded date
    activity.parquet    one row per contact with a service: setting, date, cost
    practices.parquet   the practice > PCN > place lookup, taken from the system model

Condition codes are SNOMED CT or ICD-10 and map to about twenty long-term condition clusters through the packaged
code list (`reference/code_lists/ltc_clusters.csv`). See docs/population.md for the documented schema.
"""

import csv
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyarrow as pa

CODE_LIST = Path(__file__).resolve().parents[1] / "reference" / "code_lists" / "ltc_clusters.csv"
SEXES = ("F", "M")
SETTINGS = ("gp_appointment", "ae_attendance", "emergency_admission", "elective_admission", "outpatient",
            "community", "mental_health", "adult_social_care")
CODE_SYSTEMS = ("snomed", "icd10")
DEPRIVATION_DECILES = range(1, 11)  # 1 = most deprived (English Indices of Deprivation)


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    required: bool = True
    description: str = ""


@dataclass(frozen=True)
class FileContract:
    name: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]

    @property
    def file_name(self) -> str:
        return f"{self.name}.parquet"

    @property
    def schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, c.type, nullable=not c.required) for c in self.columns])


PERSONS = FileContract("persons", ("person_id",), (
    Column("person_id", pa.int64(), description="pseudonymous identifier, unique"),
    Column("nhs_number", pa.string(), False, "optional; ten digits with a valid modulus-11 check digit"),
    Column("sex", pa.string(), description="F or M"),
    Column("birth_month", pa.date32(), description="first day of the month of birth"),
    Column("practice_code", pa.string(), description="registered practice, in practices.parquet"),
    Column("lsoa_code", pa.string(), False, "2011 or 2021 lower super output area of residence (E01...)"),
    Column("deprivation_decile", pa.int8(), description="IMD decile of the LSOA, 1 = most deprived"),
    Column("registration_start", pa.date32(), description="start of registration with the practice"),
    Column("registration_end", pa.date32(), False, "end of registration; empty while registered"),
    Column("date_of_death", pa.date32(), False, "empty while alive"),
))
CONDITIONS = FileContract("conditions", ("person_id", "code_system", "code"), (
    Column("person_id", pa.int64(), description="in persons.parquet"),
    Column("code_system", pa.string(), description="snomed or icd10"),
    Column("code", pa.string(), description="a code of the packaged long-term condition code list"),
    Column("first_recorded", pa.date32(), description="date the condition was first recorded"),
))
ACTIVITY = FileContract("activity", (), (
    Column("person_id", pa.int64(), description="in persons.parquet"),
    Column("setting", pa.string(), description="one of " + ", ".join(SETTINGS)),
    Column("activity_date", pa.date32(), description="date of the contact"),
    Column("cost", pa.float64(), description="cost in pounds, zero or more"),
))
PRACTICES = FileContract("practices", ("practice_code",), (
    Column("practice_code", pa.string(), description="ODS code"),
    Column("practice_name", pa.string()),
    Column("pcn_code", pa.string()),
    Column("pcn_name", pa.string()),
    Column("place_code", pa.string()),
    Column("place_name", pa.string()),
    Column("legacy_ccg_code", pa.string(), False, "the CCG the practice belonged to before mergers, if any"),
))
FILES = (PERSONS, CONDITIONS, ACTIVITY, PRACTICES)
# Parquet key-value metadata that the synthetic generator writes in the footer of every file it makes (with its
# seed and size); a dataset extracted from real records never carries it.
SYNTHETIC_KEY = b"caresystem.synthetic"


def marked_synthetic(file_schema: pa.Schema, generator: dict) -> pa.Schema:
    """A file's schema saying that the synthetic generator made it, and how."""
    return file_schema.with_metadata({SYNTHETIC_KEY: json.dumps(generator, sort_keys=True)})


@dataclass(frozen=True)
class ConditionCode:
    cluster: str
    cluster_name: str
    code_system: str
    code: str
    description: str


@cache
def condition_codes() -> tuple[ConditionCode, ...]:
    """The packaged code list mapping SNOMED CT and ICD-10 codes to long-term condition clusters."""
    text = CODE_LIST.read_text(encoding="utf-8")
    return tuple(ConditionCode(**row) for row in csv.DictReader(text.splitlines()))


@cache
def clusters() -> dict[str, str]:
    """Cluster key -> name, in code-list order."""
    return {c.cluster: c.cluster_name for c in condition_codes()}


def code_list_table() -> pa.Table:
    codes = condition_codes()
    return pa.table({"code_system": [c.code_system for c in codes], "code": [c.code for c in codes],
                     "condition": [c.cluster for c in codes]})


def nhs_number_is_valid(value: str) -> bool:
    """Ten digits whose last is the modulus-11 check digit of the first nine (weights 10 down to 2)."""
    if len(value) != 10 or not value.isdigit():
        return False
    remainder = sum(int(d) * w for d, w in zip(value[:9], range(10, 1, -1))) % 11
    check = 11 - remainder
    if check == 11:
        check = 0
    return check != 10 and check == int(value[9])


def nhs_check_digit(first_nine: str) -> int | None:
    """The check digit that completes nine digits into a valid NHS number, or None when none does (remainder 10)."""
    check = 11 - sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1))) % 11
    return 0 if check == 11 else (None if check == 10 else check)
