"""Counts are written with the right form of their noun, on pages (the `pluralise` filter) and in summaries."""

import pytest

from caresystem.web.templating import make_templates
from caresystem.wording import pluralise


@pytest.mark.parametrize("count, expected", [
    (0, "0 assessments"), (1, "1 assessment"), (2, "2 assessments"), (1_204, "1,204 assessments"),
    ("1", "1 assessment"), ("2-3", "2-3 assessments"), ("4+", "4+ assessments"),
])
def test_singular_only_for_exactly_one(count, expected):
    assert pluralise(count, "assessment") == expected


def test_an_irregular_plural_is_given():
    assert pluralise(1, "person", "people") == "1 person"
    assert pluralise(3, "person", "people") == "3 people"


@pytest.mark.parametrize("items, expected", [([], "0 conditions"), (["asthma"], "1 condition"),
                                             (["asthma", "copd"], "2 conditions")])
def test_the_template_filter(items, expected):
    env = make_templates().env
    assert env.from_string('{{ items | length | pluralise("condition") }}').render(items=items) == expected
    assert env.from_string('{{ 1 | pluralise("body", "bodies") }}').render() == "1 body"
