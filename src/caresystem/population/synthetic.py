"""A synthetic linked dataset for the Kent and Medway example, deterministic by seed, in the dataset contract.

`generate(persons, seed, out)` writes persons, conditions, activity and practices Parquet files (see
`schema`) for `persons` people registered at any time in a window of `years` years ending on `end_date`
(default 1 April 2016 to 31 March 2019). Same seed and size give byte-identical files; numpy is vectorised
throughout and people are made and written in chunks of 250,000 (one Parquet row group each) so full scale
(1,886,511 people, ~31 million activity rows) stays well under 2.5 GiB. Every number below is an assumption of
the generator, not a fact about real people; where a figure comes from a document it is named.

Practices and list sizes (document 001 section 3; the system's practice register)
    Exactly the practices of the register, `reference/kent_and_medway/practices.yaml` (183, NHS England's April
    2025 list), each in its PCN (pcns.yaml, 42 illustrative PCNs) and place as the register has it: the
    dataset's practices.parquet is the register's, so every person is registered at a practice the system
    knows. Document 001 counts 211 practices in 2019, but it does not name them; none are invented to make up
    the difference. Each legacy CCG's 001 population (2019) is split over its register practices in proportion
    to the practice's April 2025 registered patients, everything scaled by persons / 1,886,511 and rounded by
    largest remainder so the list sizes sum to `persons`. So at full scale the dataset holds the 2019 CCG
    populations (1,886,511 people registered at any time in the window), not the April 2025 list total
    (2,036,790). A practice's list size is its number of rows in persons.parquet (everyone registered at any
    time in the window).
Age and sex (ONS mid-2018 England, approximate)
    Five-year band counts (thousands) 3346 3547 3258 3052 3476 3833 3851 3645 3471 3852 3920 3526 3060 2907
    2788 1965 1455 876 527 (90+ spread over 90-104 falling by 20% a year): 18.7% aged 65+, 2.5% 85+, at the
    window start (three years on, among those still registered: 19.3% and 3.1%). Female share by band 48.8% in
    childhood rising to 52.5% at 70-74, 57% at 80-84, 70% at 90+. Birth month uniform within the year of age.
Registration
    85% are registered before the window starts (registration start exponential with mean 12 years before it,
    never before birth); 3.3% are born in the window (1.1% a year, about England's birth rate; registered
    14-70 days after the first of their birth month); 11.7% move in, on a uniform day, with ages weighted
    towards young adults (x0.7 at 5-14, x1.3 at 15-19 and 35-44, x2.5 at 20-34, x0.6 at 45-64, x0.5 at 65+).
    Leaving: 3% a year, 7% a year at ages 18-34 (exponential from entry). A death ends registration on the
    date of death; deaths after leaving are not seen. People who died or left stay in persons.parquet.
NHS numbers
    Nine-digit stems in the 900-999 million block (not the 400-499 and 600-799 million blocks issued to
    patients in England and Wales), a seeded bijection of the person index; a stem whose check digit would be
    10 is replaced by the next stem, which always has a valid one (stems are even and the last weight is 2).
    The check digit is `schema.nhs_check_digit`'s rule, vectorised; at most 50 million people.
Deprivation (IMD 2019-like; 1 = most deprived)
    Synthetic LSOAs ('E0190' + 4 digits) of about 1,500 people of the full-scale population (round(CCG 001
    population / 1,500) per CCG, fixed whatever `persons` is), each with one decile; each CCG's LSOAs take
    deciles in the shares of `Ccg.deprivation_mix` in CCGS (largest remainder), chosen so Thanet, Swale and
    Medway are the most deprived and West Kent and Ashford the least (mean decile Thanet 4.55, Swale 5.10,
    Medway 5.15, South Kent Coast 5.33, Canterbury 5.79, Dartford/Gravesham/Swanley 5.94, Ashford 6.42, West
    Kent 7.01; Thanet has 20% of its LSOAs in the most deprived national decile, West Kent 2%). A CCG's LSOAs
    are ordered by decile and its practices (in seeded order) take consecutive slices in proportion to list
    size: 75% of a practice's patients live in its slice and 25% anywhere in the CCG, so practices and PCNs
    differ.
Mortality (Gompertz-Makeham)
    Hazard at exact age x: k_ccg * exp(0.65 * (10 - decile) / 9) * (1.45 if male) * exp(0.6 F - 0.18) * (0.0001
    + 2.06e-5 * exp(0.095 x) + 0.0035 if x < 1), F the latent frailty (below; the lognormal factor has mean
    1). Gompertz slope 0.095 a year and level from England 2016-18 death rates (about 0.0024 at 50, 0.016 at
    70, 0.1 at 90); male hazard ratio 1.45 (a gap of about 4 years). The deprivation gradient (hazard ratio
    1.9 most vs least deprived decile) gives a life-expectancy gap of about 9 years between deciles 1 and 10
    (001 section 4.1: eight years for men). k_ccg is solved when generating so that the model's life
    expectancy at birth, measured as an analyst would (expected deaths and population in the PHE abridged
    bands of the England-like age structure, Chiang II via `caresystem.stats.life_expectancy`), equals the 003
    table for the CCG's deprivation mix: Ashford 82.6, West Kent 82.3, Canterbury 81.6, DGS 80.9, South Kent
    Coast 80.7, Medway 80.3, Swale 79.8, Thanet 79.4. Deaths are drawn by inverting the cumulative hazard over
    each person's time registered in the window (crude rate about 8.9 per 1,000 a year); realised life
    expectancies scatter round the table by a few tenths of a year (sampling), so close neighbours can swap.
Long-term conditions (reference/code_lists/ltc_clusters.csv, 20 clusters)
    Present at the end of follow-up with probability logistic(alpha + slope * (age - 50) / 10 + dep * (10 -
    decile) / 9 + male + load * F), zero below a minimum age; F ~ N(0, 1) is a latent frailty shared by all
    clusters (correlated multimorbidity), mortality and activity. alpha is solved when generating
    (Gauss-Hermite over F, England age-sex structure aged 2.5 years, K&M deprivation mix) so that prevalence
    in the cluster's denominator meets its target: see CLUSTERS (target, denominator minimum age, minimum age,
    slope, dep, male, load, mean years since first recorded). Targets are for everyone in the file, including
    those who died or left, so they sit about 10% above QOF 2018/19 England for conditions of old age; among
    people registered and alive at the end of the window the result is near QOF: hypertension 13.8% of all
    ages, diabetes 6.9% of 17+, asthma 5.9% (diagnosed from age 4), COPD 1.9%, CHD 3.1%, AF 2.0%, stroke/TIA
    1.8%, heart failure 0.9%, CKD 3.0%, cancer 2.9%, depression 10.7% of 18+ (from age 16), SMI 0.9%, epilepsy
    0.8%, learning disability 0.5%, dementia 0.7% (target 0.95% of everyone: about 12,000 people registered
    and alive at full scale, 001 section 4.1). Hypothyroidism (3.8%), osteoporosis (1.7%) and osteoarthritis
    (4.5%) are not QOF registers since 2013 and are rough diagnosed-prevalence figures. The result at full
    scale: about 600,000 people with a condition and about 19,000 under-16s (001 section 4.1: over half a
    million; 19,000 children). First recorded: age at end of follow-up minus an exponential with the cluster's
    mean duration, not before the minimum age, never after the end of follow-up. Code: ICD-10 with probability
    15% where the cluster has one, else SNOMED CT; uniform among that system's codes of the cluster. One code
    per person and cluster.
Activity (one row per contact; counts Poisson given a person-level gamma propensity, i.e. negative binomial)
    Rate per day registered = base * age-sex relative rate (SETTING_MODELS.by_age over age bands 0, 1, 5, 15,
    25, 45, 65, 75, 85 at the middle of the time registered; adult social care 18+ only) * exp(per-condition
    coefficient * number of conditions + condition-specific terms + deprivation * (10 - decile) / 9 + load *
    F) * G, G ~ Gamma(2, 1/2) shared by all settings; in the last 365 days before death the rate is multiplied
    by the setting's end-of-life factor (x4 emergency admissions, x3 community and social care, x2.5 A&E, x1.8
    GP) and those contacts cluster towards the death. base is solved after the people are made so overall
    rates per person-year registered are: GP appointment 3.55, outpatient 1.25, community 0.65, A&E 0.38,
    elective admission (incl. day case) 0.13, mental health 0.12, adult social care 0.12 and emergency
    admission 0.10 (NHS Digital appointments in general practice, HES 2017/18 per head of England,
    approximately; emergency admissions run from about 0.08 a year in children to 0.26 at 80-89 and 0.6 at
    90+). Dates uniform over the time registered (no seasonality or trend). Cost: lognormal around NHS
    reference-cost-like unit costs (National Cost Collection 2017/18, PSSRU Unit Costs 2018): GP £39 (sd of
    log 0.25), A&E £160 (0.5), emergency admission £1,800 (0.8, x(1 + 1% per year of age over 50)), elective
    £1,400 (0.8), outpatient £135 (0.35), community £70 (0.45), mental health £165 (0.5), adult social care
    £1,700 (0.9; a month of long-term support or a short-term episode), rounded to pence.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from caresystem.population import schema
from caresystem.population.synthetic_assumptions import (ACTIVITY_AGE_BANDS, BAND_COUNTS, BAND_FEMALE, BIRTH_SHARE,
                                                        CCGS, CLUSTERS, DEPRIVATION_LOG_HR, EMERGENCY_COST_AGE,
                                                        FRAILTY_SD, GOMPERTZ_B, GOMPERTZ_SLOPE, ICD10_SHARE, INFANT,
                                                        MAKEHAM, MALE_HR, MAX_AGE, PROPENSITY_SHAPE, REFERENCE,
                                                        SETTING_MODELS, START_SHARE, TOTAL_001)
from caresystem.stats import PHE_AGE_STARTS, life_expectancy

CHUNK = 250_000
PEOPLE_PER_LSOA = 1_500
EPOCH = date(1970, 1, 1)
YEAR = 365.25


# ----------------------------------------------------------------------------------------------------
# Reference: practices, LSOAs, age structure, calibrated coefficients

@dataclass(frozen=True)
class Setup:
    practices: pa.Table
    practice_codes: pa.Array
    practice_ccg: np.ndarray      # CCG index per practice
    list_cumulative: np.ndarray   # cumulative list sizes (persons are ordered by practice)
    slice_start: np.ndarray       # practice's slice of its CCG's LSOAs (global LSOA index, float)
    slice_length: np.ndarray
    ccg_lsoa_start: np.ndarray
    ccg_lsoa_count: np.ndarray
    lsoa_codes: pa.Array
    lsoa_decile: np.ndarray


def _load(name: str) -> list[dict]:
    return yaml.safe_load((REFERENCE / name).read_text(encoding="utf-8"))


def _largest_remainder(shares: np.ndarray, total: int) -> np.ndarray:
    exact = shares / shares.sum() * total
    whole = np.floor(exact).astype(np.int64)
    order = np.argsort(-(exact - whole), kind="stable")
    whole[order[: total - whole.sum()]] += 1
    return whole


PRACTICE_LIST = "practices.yaml"  # the register the dataset follows, the one source of its practices


@cache
def practice_rows() -> tuple[dict, ...]:
    """The practices of the system's register, each in its PCN and place, grouped by legacy CCG (CCGS order)."""
    places = {p["code"]: p["name"] for p in _load("places.yaml")}
    pcn_by_code = {p["code"]: p for p in _load("pcns.yaml")}
    register = sorted(_load(PRACTICE_LIST), key=lambda p: p["code"])
    ccgs = {c.code for c in CCGS}
    if stray := sorted(p["code"] for p in register if p["legacy_ccg"] not in ccgs):
        raise ValueError(f"{PRACTICE_LIST}: practices {', '.join(stray)} are in no legacy CCG of the generator")
    if empty := [c.name for c in CCGS if not any(p["legacy_ccg"] == c.code for p in register)]:
        raise ValueError(f"{PRACTICE_LIST}: no practice in the legacy CCG {', '.join(empty)}")
    rows = []
    for ccg in CCGS:
        for p in (p for p in register if p["legacy_ccg"] == ccg.code):
            pcn = pcn_by_code[p["pcn"]]
            rows.append(dict(practice_code=p["code"], practice_name=p["name"], pcn_code=pcn["code"],
                             pcn_name=pcn["name"], place_code=p["place"], place_name=places[p["place"]],
                             legacy_ccg_code=ccg.code, weight=float(p["registered_patients"])))
    return tuple(rows)


def practice_list() -> dict:
    """What the dataset follows, for its files' footers and so the pages: the register's practices (how many, their
    registered patients and as at when) and where its people's numbers come from."""
    register = _load(PRACTICE_LIST)
    dates = sorted({str(p["population_as_at"]) for p in register if p.get("population_as_at")})
    return {"practices": len(register), "practice_list_patients": sum(p["registered_patients"] for p in register),
            "practice_list_as_at": dates[-1] if dates else None, "full_scale_persons": TOTAL_001,
            "people_from": "the legacy CCG populations of 2019 (document 001 section 3)"}


def list_sizes(persons: int) -> np.ndarray:
    """Persons per practice (practice_rows order): each CCG's 001 population over its practices, scaled."""
    rows = practice_rows()
    ccg_population = {c.code: c.population for c in CCGS}
    ccg_weight: dict[str, float] = {}
    for r in rows:
        ccg_weight[r["legacy_ccg_code"]] = ccg_weight.get(r["legacy_ccg_code"], 0.0) + r["weight"]
    shares = np.array([ccg_population[r["legacy_ccg_code"]] * r["weight"] / ccg_weight[r["legacy_ccg_code"]]
                       for r in rows])
    return _largest_remainder(shares, persons)


def _setup(persons: int, seed: int) -> Setup:
    rows = practice_rows()
    ccg_index = {c.code: i for i, c in enumerate(CCGS)}
    practice_ccg = np.array([ccg_index[r["legacy_ccg_code"]] for r in rows])
    sizes = list_sizes(persons)
    columns = [c.name for c in schema.PRACTICES.columns]
    practices = pa.Table.from_pylist([{k: r[k] for k in columns} for r in rows],
                                     schema=schema.PRACTICES.schema)
    # LSOAs: a fixed geography of about 1,500 people each (full scale), deciles by each CCG's mix.
    counts = np.array([max(1, round(c.population / PEOPLE_PER_LSOA)) for c in CCGS])
    deciles = np.concatenate([np.repeat(np.arange(1, 11),
                                        _largest_remainder(np.array(c.deprivation_mix, float), n))
                              for c, n in zip(CCGS, counts)]).astype(np.int8)
    lsoa_start = np.concatenate([[0], np.cumsum(counts)[:-1]])
    codes = pa.array([f"E0190{i:04d}" for i in range(1, counts.sum() + 1)])
    # Practices take consecutive slices of their CCG's LSOAs (ordered by decile) in a seeded order.
    rng = np.random.default_rng([seed, 0, 0])
    slice_start, slice_length = np.zeros(len(rows)), np.zeros(len(rows))
    for c in range(len(CCGS)):
        members = np.flatnonzero(practice_ccg == c)
        members = members[rng.permutation(len(members))]
        total = sizes[members].sum()
        share = sizes[members] / total if total else np.full(len(members), 1 / len(members))
        edges = np.concatenate([[0], np.cumsum(share)]) * counts[c]
        slice_start[members] = lsoa_start[c] + edges[:-1]
        slice_length[members] = np.diff(edges)
    return Setup(practices, practices.column("practice_code").combine_chunks(), practice_ccg,
                 np.cumsum(sizes), slice_start, slice_length, lsoa_start, counts, codes, deciles)


@cache
def age_weights(movers: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Weights of single years of age 0..104 (England mid-2018-like) and the female share at each."""
    per_year = np.repeat(np.array(BAND_COUNTS[:-1], float) / 5, 5)
    old = 0.8 ** np.arange(MAX_AGE - 89)
    weights = np.concatenate([per_year, BAND_COUNTS[-1] * old / old.sum()])
    female = np.array(BAND_FEMALE)[np.minimum(np.arange(MAX_AGE + 1) // 5, len(BAND_FEMALE) - 1)]
    if movers:
        age = np.arange(MAX_AGE + 1)
        weights = weights * np.select([age < 5, age < 15, age < 20, age < 35, age < 45, age < 65],
                                      [1.0, .7, 1.3, 2.5, 1.3, .6], .5)
    return weights / weights.sum(), female


def _deprivation_weights() -> np.ndarray:
    mix = sum(np.array(c.deprivation_mix, float) / 100 * c.population for c in CCGS)
    return mix / mix.sum()


def _bisect(f: Callable[[np.ndarray], np.ndarray], low: np.ndarray, high: np.ndarray,
            steps: int = 60) -> np.ndarray:
    """Root of an increasing function f, elementwise."""
    for _ in range(steps):
        mid = (low + high) / 2
        above = f(mid) > 0
        high, low = np.where(above, mid, high), np.where(above, low, mid)
    return (low + high) / 2


def _baseline_hazard(age: np.ndarray) -> np.ndarray:
    return MAKEHAM + GOMPERTZ_B * np.exp(GOMPERTZ_SLOPE * age) + INFANT * (age < 1)


def model_life_expectancy(log_k: float, mix: np.ndarray) -> float:
    """Life expectancy at birth of the mortality model for one CCG (mix: decile shares), measured as an
    analyst would: expected deaths and population in the PHE abridged bands of the England-like age structure,
    Chiang II."""
    weights, female = age_weights()
    age = np.arange(MAX_AGE + 1) + 0.5
    deprivation = mix @ np.exp(DEPRIVATION_LOG_HR * (10 - np.arange(1, 11)) / 9)
    hazard = math.exp(log_k) * deprivation * (female + (1 - female) * MALE_HR) * _baseline_hazard(age)
    band = np.searchsorted(PHE_AGE_STARTS, np.arange(MAX_AGE + 1), side="right") - 1
    deaths = np.bincount(band, weights * hazard, len(PHE_AGE_STARTS))
    population = np.bincount(band, weights, len(PHE_AGE_STARTS))
    return life_expectancy(deaths, population)[0]


@cache
def ccg_mortality_factors() -> np.ndarray:
    """log k per CCG so that the model's life expectancy at birth equals the document 003 table."""
    factors = []
    for ccg in CCGS:
        mix = np.array(ccg.deprivation_mix, float) / sum(ccg.deprivation_mix)
        low, high = -3.0, 3.0
        for _ in range(60):
            mid = (low + high) / 2
            low, high = (mid, high) if model_life_expectancy(mid, mix) > ccg.life_expectancy else (low, mid)
        factors.append((low + high) / 2)
    return np.array(factors)


@cache
def cluster_intercepts() -> np.ndarray:
    """alpha per cluster so that expected prevalence in its denominator meets its target."""
    weights, female = age_weights()
    nodes, node_weights = np.polynomial.hermite_e.hermegauss(16)
    node_weights = node_weights / node_weights.sum()
    age = np.arange(MAX_AGE + 1) + 2.5  # age at the end of follow-up, about 2.5 years after the window start
    deprivation = (10 - np.arange(1, 11)) / 9
    dep_weights = _deprivation_weights()
    p = np.array
    slope, dep, male, load = (p([getattr(c, a) for c in CLUSTERS])[:, None, None, None, None]
                              for a in ("slope", "deprivation", "male", "load"))
    base = (slope * (age[:, None, None, None] - 50) / 10 + dep * deprivation[None, :, None, None]
            + male * np.array([0, 1])[None, None, :, None] + load * nodes[None, None, None, :])
    cell = (weights[:, None, None, None] * dep_weights[None, :, None, None]
            * np.stack([female, 1 - female], axis=1)[:, None, :, None] * node_weights[None, None, None, :])
    eligible = age[None, :] - 2.5 >= p([c.min_age for c in CLUSTERS])[:, None]
    denominator = age[None, :] - 2.5 >= p([c.denominator_age for c in CLUSTERS])[:, None]
    target = p([c.target for c in CLUSTERS])

    def excess(alpha: np.ndarray) -> np.ndarray:
        prob = 1 / (1 + np.exp(-(alpha[:, None, None, None, None] + base)))
        per_age = (prob * cell[None]).sum(axis=(2, 3, 4)) * eligible
        return (per_age * denominator).sum(axis=1) / (weights[None, :] * denominator).sum(axis=1) - target

    return _bisect(excess, np.full(len(CLUSTERS), -25.0), np.full(len(CLUSTERS), 10.0))


@cache
def code_table() -> tuple[pa.Array, pa.Array, np.ndarray, np.ndarray]:
    """Codes in cluster order; per cluster and system (snomed, icd10) the first code's index and how many."""
    codes = schema.condition_codes()
    index = {c.key: i for i, c in enumerate(CLUSTERS)}
    order = sorted(range(len(codes)), key=lambda i: (index[codes[i].cluster],
                                                     schema.CODE_SYSTEMS.index(codes[i].code_system), i))
    ordered = [codes[i] for i in order]
    first = np.zeros((len(CLUSTERS), 2), np.int64)
    count = np.zeros((len(CLUSTERS), 2), np.int64)
    for i, c in enumerate(ordered):
        k, s = index[c.cluster], schema.CODE_SYSTEMS.index(c.code_system)
        if count[k, s] == 0:
            first[k, s] = i
        count[k, s] += 1
    return (pa.array([c.code_system for c in ordered]), pa.array([c.code for c in ordered]), first, count)


# ----------------------------------------------------------------------------------------------------
# People

def _month_to_day(month_index: np.ndarray) -> np.ndarray:
    """Days since 1970-01-01 of the first of a month counted from January 1970."""
    return month_index.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


def _day_to_month(day: np.ndarray) -> np.ndarray:
    return day.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


def _sample_ages(rng: np.random.Generator, n: int, movers: bool) -> tuple[np.ndarray, np.ndarray]:
    """Age in completed months and sex (True = male)."""
    weights, female = age_weights(movers)
    years = np.minimum(np.searchsorted(np.cumsum(weights), rng.random(n), side="right"), MAX_AGE)
    male = rng.random(n) >= female[years]
    return years * 12 + rng.integers(0, 12, n), male


def nhs_numbers(index: np.ndarray, seed: int) -> np.ndarray:
    """Valid ten-digit NHS numbers (as integers) for 0-based person indices, in the unissued 9xx block."""
    span = 50_000_000
    stem = 900_000_000 + 2 * ((index.astype(np.int64) * 7_368_787 + seed % span) % span)
    weights = np.arange(10, 1, -1)
    digits = (stem[:, None] // 10 ** np.arange(8, -1, -1)) % 10
    remainder = (digits @ weights) % 11
    stem = stem + (remainder == 1)  # check digit would be 10: the next stem's sum is 2 more, so valid
    remainder = np.where(remainder == 1, 3, remainder)
    check = (11 - remainder) % 11
    return stem * 10 + check


def _window(end_date: date, years: int) -> tuple[int, int]:
    try:
        start = end_date.replace(year=end_date.year - years)
    except ValueError:  # 29 February
        start = end_date.replace(year=end_date.year - years, day=28)
    return (start + timedelta(days=1) - EPOCH).days, (end_date - EPOCH).days


def _cumulative_hazard(t, x0, scale):
    """Integral of the Gompertz-Makeham hazard from age x0 over t years, times scale."""
    infant = INFANT * np.clip(np.minimum(t, 1 - x0), 0, None)
    return scale * (MAKEHAM * t + GOMPERTZ_B / GOMPERTZ_SLOPE * np.exp(GOMPERTZ_SLOPE * x0)
                    * np.expm1(GOMPERTZ_SLOPE * t) + infant)


def _people(rng: np.random.Generator, setup: Setup, first: int, last: int, seed: int, start: int,
            end: int) -> dict:
    """People first..last-1: practice, sex, birth, registration, LSOA and deprivation, frailty, death."""
    n = last - first
    index = np.arange(first, last)
    practice = np.searchsorted(setup.list_cumulative, index, side="right")
    ccg = setup.practice_ccg[practice]
    # 0: registered before the window, 1: born in it, 2: moved in during it
    kind = np.searchsorted([START_SHARE, START_SHARE + BIRTH_SHARE], rng.random(n), side="right")
    age_months, male = _sample_ages(rng, n, movers=False)
    mover_months, mover_male = _sample_ages(rng, n, movers=True)
    born, mover = kind == 1, kind == 2
    male = np.where(mover, mover_male, np.where(born, rng.random(n) < 0.513, male))
    start_month = _day_to_month(np.array([start]))[0]
    end_month = _day_to_month(np.array([end]))[0]
    mover_entry = rng.integers(start, end + 1, n)
    birth_joiner_month = rng.integers(start_month, end_month + 1, n)
    birth_month = np.where(born, birth_joiner_month,
                           np.where(mover, _day_to_month(mover_entry) - mover_months - 1,
                                    start_month - age_months - 1))
    birth = _month_to_day(birth_month)
    history = np.minimum(np.floor(rng.exponential(12 * YEAR, n)).astype(np.int64), start - 1 - birth)
    registration_start = np.where(born, np.minimum(birth + rng.integers(14, 71, n), end),
                                  np.where(mover, mover_entry, start - 1 - history))
    entry = np.maximum(registration_start, start)
    x0 = (entry - birth) / YEAR
    # Leaving the practice.
    leave_rate = np.where((x0 >= 18) & (x0 < 35), 0.07, 0.03)
    leave = entry + np.floor(rng.exponential(1, n) / leave_rate * YEAR).astype(np.int64)
    censor = np.minimum(leave, end)
    # Deaths: invert the cumulative hazard over time registered in the window.
    lsoa = _lsoa(rng, setup, practice, ccg)
    decile = setup.lsoa_decile[lsoa]
    frailty = rng.standard_normal(n)
    scale = (np.exp(ccg_mortality_factors()[ccg] + DEPRIVATION_LOG_HR * (10 - decile) / 9
                    + FRAILTY_SD * frailty - FRAILTY_SD ** 2 / 2) * np.where(male, MALE_HR, 1.0))
    span = (censor - entry + 1) / YEAR
    draw = rng.exponential(1, n)
    dies = _cumulative_hazard(span, x0, scale) > draw
    time = _bisect(lambda t: _cumulative_hazard(t, x0[dies], scale[dies]) - draw[dies], np.zeros(dies.sum()),
                   span[dies], steps=40)
    death = np.full(n, -1, np.int64)
    death[dies] = np.minimum(entry[dies] + np.floor(time * YEAR).astype(np.int64), censor[dies])
    left = ~dies & (leave <= end)
    exit_day = np.where(dies, death, np.where(left, leave, end))
    registration_end = np.where(dies, death, np.where(left, leave, -1))
    return dict(index=index, practice=practice, ccg=ccg, male=male, birth=birth,
                registration_start=registration_start, registration_end=registration_end, death=death,
                entry=entry, exit=exit_day, lsoa=lsoa, decile=decile, frailty=frailty, nhs=nhs_numbers(index, seed))


def _lsoa(rng: np.random.Generator, setup: Setup, practice: np.ndarray, ccg: np.ndarray) -> np.ndarray:
    """75% of a practice's patients live in its slice of the CCG's LSOAs, the rest anywhere in the CCG."""
    n = len(practice)
    own = rng.random(n) < 0.75
    u = rng.random(n)
    position = np.where(own, setup.slice_start[practice] + u * setup.slice_length[practice],
                        setup.ccg_lsoa_start[ccg] + u * setup.ccg_lsoa_count[ccg])
    upper = setup.ccg_lsoa_start[ccg] + setup.ccg_lsoa_count[ccg] - 1
    return np.minimum(np.floor(position).astype(np.int64), upper)


def _persons_table(people: dict, setup: Setup) -> pa.Table:
    def dates(days: np.ndarray, missing: np.ndarray | None = None) -> pa.Array:
        return pa.array(days.astype(np.int32), type=pa.date32(), mask=missing)

    birth_month = _month_to_day(_day_to_month(people["birth"]))
    columns = {
        "person_id": pa.array(people["index"] + 1, type=pa.int64()),
        "nhs_number": pa.array(people["nhs"]).cast(pa.string()),
        "sex": pa.array(["F", "M"]).take(pa.array(people["male"].astype(np.int8))),
        "birth_month": dates(birth_month),
        "practice_code": setup.practice_codes.take(pa.array(people["practice"])),
        "lsoa_code": setup.lsoa_codes.take(pa.array(people["lsoa"])),
        "deprivation_decile": pa.array(people["decile"], type=pa.int8()),
        "registration_start": dates(people["registration_start"]),
        "registration_end": dates(people["registration_end"], people["registration_end"] < 0),
        "date_of_death": dates(people["death"], people["death"] < 0),
    }
    return pa.table(columns, schema=schema.PERSONS.schema)


def _conditions(rng: np.random.Generator, people: dict) -> tuple[pa.Table, np.ndarray]:
    """Conditions rows for a chunk of people and each person's clusters as a 0/1 matrix."""
    age = (people["exit"] - people["birth"]) / YEAR
    p = np.array
    fields = ("slope", "deprivation", "male", "load", "min_age", "duration")
    slope, dep, male, load, min_age, duration = (p([getattr(c, a) for c in CLUSTERS]) for a in fields)
    logit = (cluster_intercepts() + slope * (age[:, None] - 50) / 10
             + dep * ((10 - people["decile"]) / 9)[:, None] + male * people["male"][:, None]
             + load * people["frailty"][:, None])
    has = (rng.random(logit.shape) * (1 + np.exp(-logit)) < 1) & (age[:, None] >= min_age)
    person, cluster = np.nonzero(has)
    onset = np.maximum(age[person] - rng.exponential(duration[cluster]), min_age[cluster])
    birth, exit_day = people["birth"][person], people["exit"][person]
    first_recorded = np.clip(birth + np.floor(onset * YEAR).astype(np.int64), birth, exit_day)
    systems, codes, first, count = code_table()
    system = ((rng.random(len(person)) < ICD10_SHARE) & (count[cluster, 1] > 0)).astype(np.int64)
    within = np.floor(rng.random(len(person)) * count[cluster, system]).astype(np.int64)
    code = first[cluster, system] + within
    code_index = pa.array(code)
    table = pa.table({
        "person_id": pa.array(people["index"][person] + 1, type=pa.int64()),
        "code_system": systems.take(code_index),
        "code": codes.take(code_index),
        "first_recorded": pa.array(first_recorded.astype(np.int32), type=pa.date32()),
    }, schema=schema.CONDITIONS.schema)
    return table, has


@dataclass
class _Exposure:
    """What activity needs of a chunk of people, kept between the two passes."""
    first: int
    age: np.ndarray          # years, at the middle of the time registered in the window
    log_rate: np.ndarray     # per setting (rows) and person, before the base rate
    entry: np.ndarray
    normal_days: np.ndarray  # days registered before the last year of life (all of them for survivors)
    death: np.ndarray        # -1 when alive
    last_year_days: np.ndarray


def _exposure(rng: np.random.Generator, people: dict, has: np.ndarray) -> _Exposure:
    entry, exit_day, death = people["entry"], people["exit"], people["death"]
    age = ((entry + exit_day) / 2 - people["birth"]) / YEAR
    band = np.searchsorted(ACTIVITY_AGE_BANDS, age, side="right") - 1
    conditions = has.sum(axis=1)
    deprivation = (10 - people["decile"]) / 9
    propensity = np.log(rng.gamma(PROPENSITY_SHAPE, 1 / PROPENSITY_SHAPE, len(age)))
    index = {c.key: i for i, c in enumerate(CLUSTERS)}
    log_rate = np.empty((len(SETTING_MODELS), len(age)))
    with np.errstate(divide="ignore"):
        for s, m in enumerate(SETTING_MODELS):
            relative = np.array(m.by_age)[band]
            if m.key == "adult_social_care":
                relative = np.where(age >= 18, relative, 0.0)
            extra = sum((w * has[:, index[k]] for k, w in m.conditions), np.zeros(len(age)))
            log_rate[s] = (np.log(relative) + m.female * ~people["male"] + m.per_condition * conditions
                           + extra + m.deprivation * deprivation + m.load * people["frailty"] + propensity)
    last_year_start = np.where(death >= 0, np.maximum(entry, death - 364), exit_day + 1)
    last_year_days = np.where(death >= 0, death - last_year_start + 1, 0)
    return _Exposure(int(people["index"][0]), age, log_rate, entry, last_year_start - entry, death, last_year_days)


def _base_rates(exposures: list[_Exposure]) -> np.ndarray:
    """Base rate per day per setting so that overall rates per person-year meet SETTING_MODELS."""
    weighted = np.zeros(len(SETTING_MODELS))
    days = 0.0
    eol = np.array([m.end_of_life for m in SETTING_MODELS])[:, None]
    for e in exposures:
        weighted += (np.exp(e.log_rate) * (e.normal_days + eol * e.last_year_days)).sum(axis=1)
        days += float((e.normal_days + e.last_year_days).sum())
    return np.array([m.rate for m in SETTING_MODELS]) / YEAR * days / weighted


def _activity(rng: np.random.Generator, e: _Exposure, base: np.ndarray) -> pa.Table:
    ids, settings, days, costs = [], [], [], []
    for s, m in enumerate(SETTING_MODELS):
        rate = base[s] * np.exp(e.log_rate[s])
        weighted_days = e.normal_days + m.end_of_life * e.last_year_days
        person = np.repeat(np.arange(len(rate)), rng.poisson(rate * weighted_days))
        late = rng.random(len(person)) * weighted_days[person] < m.end_of_life * e.last_year_days[person]
        u = rng.random(len(person))
        day = np.where(late, e.death[person] - np.floor(u * u * e.last_year_days[person]),
                       e.entry[person] + np.floor(u * e.normal_days[person])).astype(np.int32)
        cost = m.unit_cost * np.exp(m.cost_sd * rng.standard_normal(len(person)) - m.cost_sd ** 2 / 2)
        if m.key == "emergency_admission":
            cost *= 1 + EMERGENCY_COST_AGE * np.clip(e.age[person] - 50, 0, None)
        ids.append(person + e.first + 1)
        settings.append(np.full(len(person), s, np.int8))
        days.append(day)
        costs.append(np.round(cost, 2))
    return pa.table({
        "person_id": pa.array(np.concatenate(ids), type=pa.int64()),
        "setting": pa.array(schema.SETTINGS).take(pa.array(np.concatenate(settings))),
        "activity_date": pa.array(np.concatenate(days), type=pa.date32()),
        "cost": pa.array(np.concatenate(costs), type=pa.float64()),
    }, schema=schema.ACTIVITY.schema)


def generate(persons: int, seed: int, out: Path, *, end_date: date = date(2019, 3, 31), years: int = 3,
             progress: Callable[[int, int], None] | None = None) -> dict:
    """Write the four files of the dataset contract into out; return the rows written per file."""
    if seed < 0:
        raise ValueError("seed must be zero or more")
    if persons < 1:
        raise ValueError("persons must be at least 1")
    if persons > 50_000_000:
        raise ValueError("persons must be at most 50 million (the NHS number block)")
    if years < 1:
        raise ValueError("years must be at least 1")
    if (tuple(m.key for m in SETTING_MODELS) != schema.SETTINGS
            or {c.key for c in CLUSTERS} != set(schema.clusters())):
        raise RuntimeError("the generator's settings or clusters differ from the dataset contract")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    start, end = _window(end_date, years)
    setup = _setup(persons, seed)
    generator = {"generator": "caresystem.population.synthetic", "persons": persons, "seed": seed,
                 "window_start": (EPOCH + timedelta(days=start)).isoformat(),
                 "window_end": (EPOCH + timedelta(days=end)).isoformat(), **practice_list()}

    def marked(file_schema: pa.Schema) -> pa.Schema:
        return schema.marked_synthetic(file_schema, generator)

    pq.write_table(setup.practices.cast(marked(setup.practices.schema)), out / schema.PRACTICES.file_name)
    counts = {"persons": 0, "conditions": 0, "activity": 0, "practices": setup.practices.num_rows}
    chunks = [(first, min(first + CHUNK, persons)) for first in range(0, persons, CHUNK)]
    total = 2 * persons
    exposures = []
    persons_file, conditions_file = out / schema.PERSONS.file_name, out / schema.CONDITIONS.file_name
    with (pq.ParquetWriter(persons_file, marked(schema.PERSONS.schema)) as person_writer,
          pq.ParquetWriter(conditions_file, marked(schema.CONDITIONS.schema)) as condition_writer):
        for number, (first, last) in enumerate(chunks):
            rng = np.random.default_rng([seed, 1, number])
            people = _people(rng, setup, first, last, seed, start, end)
            table = _persons_table(people, setup)
            person_writer.write_table(table, row_group_size=CHUNK)
            conditions, has = _conditions(rng, people)
            condition_writer.write_table(conditions, row_group_size=len(conditions) or 1)
            exposures.append(_exposure(rng, people, has))
            counts["persons"] += table.num_rows
            counts["conditions"] += conditions.num_rows
            if progress:
                progress(last, total)
    base = _base_rates(exposures)
    with pq.ParquetWriter(out / schema.ACTIVITY.file_name, marked(schema.ACTIVITY.schema)) as activity_writer:
        for number, ((first, last), exposure) in enumerate(zip(chunks, exposures)):
            activity = _activity(np.random.default_rng([seed, 2, number]), exposure, base)
            activity_writer.write_table(activity)
            counts["activity"] += activity.num_rows
            exposures[number] = None  # free as we go
            if progress:
                progress(persons + last, total)
    return counts
