"""The words shown for Pydantic's errors on pages, in the API and in import reports."""

import pytest
from pydantic import BaseModel, Field, ValidationError, field_validator

from caresystem.validation_messages import readable


class Sample(BaseModel):
    score: int = Field(0, ge=1, le=25)
    key: str = Field("a", pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field("abc", min_length=3, max_length=10)
    title: str = Field("t", min_length=1)
    reference: str = Field("R1", pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    code: str = Field("X", pattern=r"^X\d$")
    starts: str | None = None

    @field_validator("starts")
    @classmethod
    def _plain(cls, value):
        if value == "bad":
            raise ValueError("must be after the end date")
        return value


def _message(**values) -> str:
    with pytest.raises(ValidationError) as caught:
        Sample.model_validate(values)
    (error,) = caught.value.errors()
    return readable(error)


@pytest.mark.parametrize(("values", "words"), [
    ({"score": 26}, "must be 25 or less"),
    ({"score": 0}, "must be 1 or more"),
    ({"score": "many"}, "must be a whole number"),
    ({"key": "Bad Key"}, "must use only lower-case letters, digits and hyphens"),
    ({"reference": "-x"}, "must start with a letter or digit and use only letters, digits, dots, hyphens and "
                          "underscores"),
    ({"code": "Y"}, "is not in the right format"),
    ({"name": "ab"}, "must be at least 3 characters"),
    ({"name": "a" * 11}, "must be 10 characters or fewer"),
    ({"title": ""}, "must not be empty"),
    ({"starts": "bad"}, "must be after the end date"),
])
def test_each_error_reads_as_words_after_the_label(values, words):
    assert _message(**values) == words


def test_a_missing_field_and_a_bad_date_read_plainly():
    class Dated(BaseModel):
        on: __import__("datetime").date

    with pytest.raises(ValidationError) as caught:
        Dated.model_validate({})
    assert readable(caught.value.errors()[0]) == "is required"
    with pytest.raises(ValidationError) as caught:
        Dated.model_validate({"on": "2024-02-31"})
    assert readable(caught.value.errors()[0]) == "must be a real date like 2022-07-01"


def test_an_unknown_error_falls_back_to_pydantics_words_lower_cased():
    assert readable({"type": "something_new", "msg": "Input is odd", "loc": ("x",)}) == "input is odd"
