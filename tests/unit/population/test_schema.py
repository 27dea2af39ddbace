"""The NHS number check digit, in Python and in the SQL the validator runs: the same answer for any text."""

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from caresystem.population import schema
from caresystem.population.validation import NHS_NUMBER_IS_VALID


def test_known_numbers():
    assert schema.nhs_number_is_valid("9434765919")
    assert not schema.nhs_number_is_valid("9434765918")  # wrong check digit
    assert not schema.nhs_number_is_valid("943476591")  # nine digits
    assert not schema.nhs_number_is_valid("94347659l9")
    assert schema.nhs_check_digit("943476591") == 9


def _completed(first_nine: int) -> str:
    stem = f"{first_nine:09d}"
    check = schema.nhs_check_digit(stem)
    return stem + ("0" if check is None else str(check))  # a stem with no check digit stays invalid


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.integers(0, 10**9 - 1).map(_completed), st.from_regex(r"[0-9]{10}", fullmatch=True),
                 st.from_regex(r"[0-9 x-]{8,12}", fullmatch=True)))
def test_the_sql_check_agrees_with_the_python_one(text):
    con = duckdb.connect()
    found = con.execute(f"select {NHS_NUMBER_IS_VALID} from (select ? as nhs_number)", [text]).fetchone()[0]
    assert found == schema.nhs_number_is_valid(text)
