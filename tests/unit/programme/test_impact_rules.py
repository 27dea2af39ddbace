"""The suggested outcome of an impact assessment (PID 6.2, Equality Act 2010): a documented rule, never the decision."""

from hypothesis import given, strategies as st

from caresystem.programme.impact.rules import (DEFAULT_DOMAINS, EQUALITY_GROUPS, PROTECTED_CHARACTERISTICS, RATINGS,
                                               suggest)

NEUTRAL_DOMAINS = {d: "neutral" for d in DEFAULT_DOMAINS}
NEUTRAL_GROUPS = {g: "neutral" for g in EQUALITY_GROUPS}


def test_the_groups_are_the_nine_protected_characteristics_and_three_more():
    assert len(PROTECTED_CHARACTERISTICS) == 9
    assert set(EQUALITY_GROUPS) - set(PROTECTED_CHARACTERISTICS) == {"deprivation", "carers", "rural-communities"}
    assert list(DEFAULT_DOMAINS) == ["safety", "effectiveness", "experience", "other-impacts",
                                     "equality-and-diversity", "prevention"]


def test_no_harm_to_anyone_proceeds():
    assert suggest(NEUTRAL_DOMAINS, NEUTRAL_GROUPS).outcome == "proceed"
    assert suggest(NEUTRAL_DOMAINS | {"other-impacts": "negative"}, NEUTRAL_GROUPS).outcome == "proceed"


def test_any_negative_equality_impact_needs_a_full_eia():
    found = suggest(NEUTRAL_DOMAINS, NEUTRAL_GROUPS | {"rural-communities": "negative"})
    assert found.outcome == "full_equality_impact_assessment" and "rural communities" in found.reasons[0]
    assert suggest(NEUTRAL_DOMAINS | {"equality-and-diversity": "negative"},
                   NEUTRAL_GROUPS).outcome == "full_equality_impact_assessment"


def test_unknown_or_unrated_groups_need_a_full_eia():
    assert suggest(NEUTRAL_DOMAINS, NEUTRAL_GROUPS | {"age": "unknown"}).outcome == "full_equality_impact_assessment"
    found = suggest(NEUTRAL_DOMAINS, {g: "positive" for g in list(EQUALITY_GROUPS)[:-1]})
    assert found.outcome == "full_equality_impact_assessment" and found.reasons == ["Not yet rated: rural communities."]


def test_harm_to_patients_suggests_public_consultation():
    found = suggest(NEUTRAL_DOMAINS | {"safety": "negative", "experience": "negative"}, NEUTRAL_GROUPS)
    assert found.outcome == "public_consultation" and found.reasons == ["Negative impact on safety, experience."]


ratings = st.sampled_from(list(RATINGS) + [None])


@given(st.fixed_dictionaries({d: ratings for d in DEFAULT_DOMAINS}),
       st.fixed_dictionaries({g: ratings for g in EQUALITY_GROUPS}), st.sampled_from(list(EQUALITY_GROUPS)))
def test_a_negative_equality_impact_never_proceeds(domains, groups, group):
    assert suggest(domains, groups | {group: "negative"}).outcome != "proceed"
