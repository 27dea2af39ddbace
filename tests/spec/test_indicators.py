"""Spec: cells written as tables in, each indicator's rows out, hand-computed here; on every backend (`backend`).

Three practices: P1 (PCN N1) and P2 (PCN N2) in place A, P3 (PCN N3) in place B. Intervals are 95%: Wilson for
proportions, Dobson with exact Poisson limits for standardised rates (the limits for 1 to 4 events are in EXACT),
Chiang II for life expectancy. Expected numbers are to six significant figures.
"""

import math

import pytest

from caresystem.population import indicators
from caresystem.population.engine.executor import compute
from tests.spec.tables import cells_in_practices, rows

CELLS = """
    practice_code | sex | age_start | deprivation_decile | segment            | multimorbidity | people | emergency_admissions | deaths | events | cost | people_with_condition | condition_diabetes
    P1            | F   | 40        | 1                  | healthy            | 0              | 6      | 0                    | 0      | 6      | 300  | 0                     | 0
    P1            | M   | 70        | 1                  | chronic_conditions | 2-3            | 4      | 2                    | 1      | 20     | 4000 | 4                     | 3
    P2            | F   | 40        | 9                  | chronic_conditions | 1              | 10     | 1                    | 0      | 15     | 1500 | 10                    | 2
    P2            | M   | 70        | 9                  | healthy            | 0              | 5      | 0                    | 0      | 5      | 250  | 0                     | 0
    P3            | F   | 0         | 5                  | maternal_infant    | 0              | 3      | 1                    | 0      | 4      | 400  | 0                     | 0
"""
EXACT = {1: (0.0253178, 5.57164), 2: (0.242209, 7.22469), 4: (1.08987, 10.2416)}  # exact Poisson 95% limits
SYSTEM = "Test system"


@pytest.fixture(scope="module")
def on_backend(backend):
    """Puts cells written in a test on the backend with the practices' geography, as a run's cells are."""
    return lambda name, text: cells_in_practices(backend, f"indicators_{name}", text)


@pytest.fixture(scope="module")
def shared(on_backend):
    return on_backend("shared", CELLS)


def _check(found: list[dict], expected: list[dict], keys: tuple[str, ...]) -> None:
    """Each expected row equals the found row with the same keys, numbers to six significant figures."""
    index = {tuple(r[k] for k in keys): r for r in found}
    for row in expected:
        got = index[tuple(row[k] for k in keys)]
        assert {c: got[c] for c in row} == pytest.approx(row, rel=1e-5), row


def _dobson(rate: float, variance: float, events: int) -> tuple[float, float]:
    """Dobson's limits per 100,000 of a rate per person with the variance of its standardised sum."""
    low, high = EXACT[events]
    spread = math.sqrt(variance / events)
    return (rate + (low - events) * spread) * 100_000, (rate + (high - events) * spread) * 100_000


def test_the_profile_is_each_areas_list_size_and_its_age_sex_and_deprivation_shares(shared):
    # shares of the 28 people of the system, Wilson intervals: 16/28, 9/28, 3/28, 10/28, 15/28
    expected = rows("""
        area_type | area_code | breakdown   | sex | age_band | deprivation_decile | numerator | denominator | value    | lower_ci95 | upper_ci95 | unit
        practice  | P1        | list_size   |     |          |                    | 10        | 10          | 10       |            |            | people
        pcn       | N2        | list_size   |     |          |                    | 15        | 15          | 15       |            |            | people
        place     | A         | list_size   |     |          |                    | 25        | 25          | 25       |            |            | people
        place     | B         | list_size   |     |          |                    | 3         | 3           | 3        |            |            | people
        system    | system    | list_size   |     |          |                    | 28        | 28          | 28       |            |            | people
        system    | system    | age_sex     | F   | 40-44    |                    | 16        | 28          | 0.571429 | 0.390708   | 0.734915   | proportion
        system    | system    | age_sex     | M   | 70-74    |                    | 9         | 28          | 0.321429 | 0.179332   | 0.506612   | proportion
        system    | system    | age_sex     | F   | 0-4      |                    | 3         | 28          | 0.107143 | 0.0371184  | 0.271959   | proportion
        system    | system    | deprivation |     |          | 1                  | 10        | 28          | 0.357143 | 0.207058   | 0.541697   | proportion
        system    | system    | deprivation |     |          | 9                  | 15        | 28          | 0.535714 | 0.358127   | 0.704684   | proportion
    """)
    found = compute(indicators.profile(shared, SYSTEM)).to_pylist()
    _check(found, expected, ("area_type", "area_code", "breakdown", "sex", "age_band", "deprivation_decile"))
    system = [r for r in found if r["area_type"] == "system"]
    assert len(system) == 1 + 3 + 3  # the list size, three age-sex bands, three deciles: no empty groups


def test_prevalence_is_people_with_a_condition_over_the_list_with_wilson_intervals(shared):
    expected = rows("""
        area_type | area_code | condition | numerator | denominator | value    | lower_ci95 | upper_ci95
        pcn       | N1        | diabetes  | 3         | 10          | 0.3      | 0.107791   | 0.603222
        pcn       | N2        | diabetes  | 2         | 15          | 0.133333 | 0.0373613  | 0.378820
        pcn       | N3        | diabetes  | 0         | 3           | 0        | 0          | 0.561497
        place     | A         | diabetes  | 5         | 25          | 0.2      | 0.0886058  | 0.391310
        system    | system    | diabetes  | 5         | 28          | 0.178571 | 0.0787849  | 0.355914
        pcn       | N1        | any       | 4         | 10          | 0.4      | 0.168180   | 0.687326
        pcn       | N2        | any       | 10        | 15          | 0.666667 | 0.417135   | 0.848237
        system    | system    | any       | 14        | 28          | 0.5      | 0.326331   | 0.673669
    """)
    found = compute(indicators.prevalence(shared, SYSTEM)).to_pylist()
    _check(found, expected, ("area_type", "area_code", "condition"))
    assert not [r for r in found if r["area_type"] == "practice"]  # prevalence is published from PCNs up


def test_standardised_rates_weight_each_populated_esp_band_and_leave_out_empty_ones(shared):
    # N1: bands 40-44 (0 of 6) and 70-74 (2 of 4) with ESP weights 7000 and 5000:
    #     (7000 x 0/6 + 5000 x 2/4) / 12000 = 0.208333; variance 5000^2 x 2/4^2 / 12000^2
    n1 = 5000 * 2 / 4 / 12000
    n1_low, n1_high = _dobson(n1, 5000 ** 2 * 2 / 16 / 12000 ** 2, 2)
    # the system: 0-4 (1 of 3), 40-44 (1 of 16), 70-74 (2 of 9), weights 5000, 7000, 5000
    system = (5000 / 3 + 7000 / 16 + 5000 * 2 / 9) / 17000
    system_low, system_high = _dobson(system, (5000 ** 2 / 9 + 7000 ** 2 / 256 + 5000 ** 2 * 2 / 81) / 17000 ** 2, 4)
    # deaths under 75 in N1: 1 of 4 at 70-74
    d1 = 5000 / 4 / 12000
    d1_low, d1_high = _dobson(d1, 5000 ** 2 / 16 / 12000 ** 2, 1)
    # decile 9 (P2): 40-44 (1 of 10), 70-74 (0 of 5)
    d9 = 7000 / 10 / 12000
    d9_low, d9_high = _dobson(d9, 7000 ** 2 / 100 / 12000 ** 2, 1)
    expected = [
        _rate("emergency_admissions", "pcn", "N1", None, 2, 10, n1, n1_low, n1_high),
        _rate("emergency_admissions", "system", "system", None, 4, 28, system, system_low, system_high),
        _rate("emergency_admissions", "system", "system", 9, 1, 15, d9, d9_low, d9_high),
        _rate("deaths_under_75", "pcn", "N1", None, 1, 10, d1, d1_low, d1_high),
        # no deaths: the rate is 0 and Dobson's upper limit is left blank, as PHE does
        {"indicator": "deaths_under_75", "area_type": "pcn", "area_code": "N3", "deprivation_decile": None,
         "numerator": 0, "denominator": 3, "value": 0, "lower_ci95": 0, "upper_ci95": None},
    ]
    found = compute(indicators.standardised_rates(shared, SYSTEM)).to_pylist()
    _check(found, expected, ("indicator", "area_type", "area_code", "deprivation_decile"))
    deciles = [r for r in found if r["deprivation_decile"] is not None]
    assert {r["area_type"] for r in deciles} == {"system"} and {r["unit"] for r in found} == {"per 100,000"}


def _rate(indicator, area_type, area_code, decile, events, people, rate, low, high) -> dict:
    return {"indicator": indicator, "area_type": area_type, "area_code": area_code, "deprivation_decile": decile,
            "numerator": events, "denominator": people, "value": rate * 100_000, "lower_ci95": low,
            "upper_ci95": high}


def test_segments_count_people_activity_and_cost_per_segment_and_multimorbidity_band(shared):
    expected = rows("""
        area_type | area_code | breakdown      | segment            | segment_name          | multimorbidity | numerator | denominator | events | cost | cost_per_person
        system    | system    | segment        | healthy            | Healthy               |                | 11        | 28          | 11     | 550  | 50
        system    | system    | segment        | chronic_conditions | Long-term conditions  |                | 14        | 28          | 35     | 5500 | 392.857
        system    | system    | segment        | maternal_infant    | Maternal and infant health |           | 3         | 28          | 4      | 400  | 133.333
        pcn       | N1        | segment        | chronic_conditions | Long-term conditions  |                | 4         | 10          | 20     | 4000 | 1000
        system    | system    | multimorbidity |                    |                       | 0              | 14        | 28          | 15     | 950  | 67.8571
        system    | system    | multimorbidity |                    |                       | 2-3            | 4         | 28          | 20     | 4000 | 1000
    """)
    for row in expected:
        row["multimorbidity"] = None if row["multimorbidity"] is None else str(row["multimorbidity"])
    found = compute(indicators.segments(shared, SYSTEM)).to_pylist()
    _check(found, expected, ("area_type", "area_code", "breakdown", "segment", "multimorbidity"))
    healthy = next(r for r in found if r["area_code"] == "system" and r["segment"] == "healthy")
    assert (healthy["value"], healthy["lower_ci95"], healthy["upper_ci95"]) == pytest.approx(
        (0.392857, 0.235657, 0.575910), rel=1e-5)  # Wilson, 11 of 28


def _every_band(practice: str, sex: str, people: int, oldest: tuple[int, int]) -> str:
    """Cell rows of one practice and sex: `people` in each of the 20 life-table bands with no deaths, but the
    oldest band (90+) holding `oldest` (people, deaths)."""
    lines = [f"{practice} | {sex} | {age} | 3 | healthy | 0 | {people} | 0"
             for age in (0, 1, *range(5, 90, 5))]
    lines.append(f"{practice} | {sex} | 90 | 3 | healthy | 0 | {oldest[0]} | {oldest[1]}")
    return "\n".join(lines)


def test_life_expectancy_follows_the_life_table_to_the_open_last_band_with_chiangs_interval(on_backend):
    # Nobody dies before 90, so life expectancy at birth is 90 + 1/M(90+), M being deaths / people there; its
    # variance is then the open band's term alone, 1 / (people x M^3) (the radix cancels).
    written = "\n".join(["practice_code | sex | age_start | deprivation_decile | segment | multimorbidity | people | deaths",
                         _every_band("P1", "F", 10, (10, 5)), _every_band("P1", "M", 10, (8, 2)),
                         "P3 | F | 40 | 7 | healthy | 0 | 12 | 1"])  # place B and decile 7: one band, nothing published

    def expected(people, deaths):
        m = deaths / people
        value, spread = 90 + 1 / m, 1.959964 * math.sqrt(1 / (people * m ** 3))
        return pytest.approx((value, value - spread, value + spread), rel=1e-5)

    found = compute(indicators.life_expectancy(on_backend("life", written), SYSTEM)).to_pylist()
    by_key = {(r["area_type"], r["area_code"], r["sex"], r["deprivation_decile"]): r for r in found}

    def measured(*key):
        row = by_key[key]
        return row["value"], row["lower_ci95"], row["upper_ci95"]

    assert measured("place", "A", "F", None) == expected(10, 5)  # 92.0 (90.2470 to 93.7530)
    assert measured("place", "A", "M", None) == expected(8, 2)  # 94.0 (88.4564 to 99.5436)
    assert measured("place", "A", "persons", None) == expected(18, 7)  # 92.5714 (90.6665 to 94.4763)
    assert measured("system", "system", "persons", 3) == expected(18, 7)  # decile 3 is P1's people alone
    assert by_key[("place", "A", "F", None)]["numerator"] == 5 and by_key[("place", "A", "F", None)]["unit"] == "years"
    assert measured("place", "B", "persons", None) == (None, None, None)  # a band without people: not published
    assert measured("system", "system", "persons", 7) == (None, None, None)
    assert not [k for k in by_key if k[0] in ("practice", "pcn")]


def test_inequalities_give_the_slope_across_deciles_and_its_ratio_to_the_mean(on_backend):
    # Three deciles of 1,000 people aged 40-44 with 30, 20 and 10 emergency admissions (3, 2 and 1 deaths): rates
    # 3000, 2000 and 1000 per 100,000 at cumulative population midpoints 1/6, 1/2 and 5/6, most deprived first.
    # The line through them falls 2000 over 2/3 of the range: SII = -3000 from most to least deprived end; RII =
    # SII / mean = -3000 / 2000. Deaths under 75 are a tenth of that: SII -300, the same RII.
    written = """
        practice_code | sex | age_start | deprivation_decile | segment | multimorbidity | people | emergency_admissions | deaths
        P1            | F   | 40        | 1                  | healthy | 0              | 1000   | 30                   | 3
        P2            | F   | 40        | 5                  | healthy | 0              | 1000   | 20                   | 2
        P3            | F   | 40        | 9                  | healthy | 0              | 1000   | 10                   | 1
    """
    t = on_backend("inequalities", written)
    rates = compute(indicators.standardised_rates(t, SYSTEM))
    life = compute(indicators.life_expectancy(t, SYSTEM))  # one age band only: no life expectancy, no series
    expected = rows("""
        indicator            | sex     | measure | value  | unit
        emergency_admissions | persons | sii     | -3000  | per 100,000
        emergency_admissions | persons | rii     | -1.5   | ratio
        deaths_under_75      | persons | sii     | -300   | per 100,000
        deaths_under_75      | persons | rii     | -1.5   | ratio
    """)
    found = indicators.inequalities(rates, life, SYSTEM).to_pylist()
    assert len(found) == len(expected)
    _check(found, expected, ("indicator", "sex", "measure"))
    for r in found:
        assert r["area_code"] == "system" and r["lower_ci95"] < r["value"] < r["upper_ci95"]
