"""The synthetic generator's assumptions: the legacy CCGs (from the example's reference data), England's age
structure, mortality, long-term condition clusters and activity settings. See `synthetic` for what each means and
where a figure comes from."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

REFERENCE = Path(__file__).resolve().parents[1] / "reference" / "kent_and_medway"


@dataclass(frozen=True)
class Ccg:
    """A legacy CCG as document 001 section 3 and document 003 (SII table) give it, read from the example's
    reference data (`synthetic_population.yaml`)."""
    code: str
    name: str
    population: int
    practices: int
    budget_m: float
    life_expectancy: float
    sii: float
    deprivation_mix: tuple[int, ...]  # % of LSOAs in national IMD deciles 1..10


@cache
def _population_reference() -> dict:
    return yaml.safe_load((REFERENCE / "synthetic_population.yaml").read_text(encoding="utf-8"))


CCGS = tuple(Ccg(**{k: tuple(v) if k == "deprivation_mix" else v for k, v in c.items() if k != "source"})
             for c in _population_reference()["ccgs"])
TOTAL_001 = _population_reference()["total_population"]

BAND_COUNTS = (3346, 3547, 3258, 3052, 3476, 3833, 3851, 3645, 3471, 3852, 3920, 3526, 3060, 2907, 2788, 1965,
               1455, 876, 527)
BAND_FEMALE = (.488, .488, .487, .486, .49, .5, .505, .505, .505, .505, .505, .505, .51, .515, .525, .545,
               .57, .62, .7)
MAX_AGE = 104
START_SHARE, BIRTH_SHARE = 0.85, 0.033

# Gompertz-Makeham mortality, see the module docstring.
MAKEHAM, GOMPERTZ_B, GOMPERTZ_SLOPE, INFANT = 1e-4, 2.06e-5, 0.095, 0.0035
DEPRIVATION_LOG_HR, MALE_HR, FRAILTY_SD = 0.65, 1.45, 0.6


@dataclass(frozen=True)
class Cluster:
    key: str
    target: float          # prevalence in the denominator
    denominator_age: int   # denominator: people aged this or over
    min_age: int           # no one younger has it
    slope: float           # log-odds per 10 years of age
    deprivation: float     # log-odds, most vs least deprived decile
    male: float            # log-odds, male vs female
    load: float            # log-odds per SD of the latent frailty
    duration: float        # mean years from first recorded to the end of follow-up


CLUSTERS = (
    Cluster("hypertension", .153, 0, 18, .80, .35, .15, .5, 10),
    Cluster("diabetes", .077, 17, 1, .55, .60, .30, .5, 8),
    Cluster("asthma", .060, 0, 4, .00, .25, .00, .3, 15),
    Cluster("copd", .022, 0, 35, .70, 1.1, .10, .6, 7),
    Cluster("chd", .036, 0, 30, .85, .60, .70, .6, 8),
    Cluster("heart_failure", .0115, 0, 30, 1.0, .50, .40, .8, 4),
    Cluster("atrial_fibrillation", .024, 0, 30, 1.1, .00, .40, .5, 6),
    Cluster("stroke_tia", .021, 0, 20, .90, .40, .20, .6, 6),
    Cluster("ckd", .046, 18, 18, 1.1, .30, -.20, .6, 6),
    Cluster("cancer", .034, 0, 0, .80, -.10, .00, .4, 5),
    Cluster("dementia", .0095, 0, 40, 1.5, .30, -.10, .8, 3),
    Cluster("depression", .110, 18, 16, .10, .50, -.60, .4, 6),
    Cluster("smi", .0095, 0, 15, .10, 1.0, .10, .3, 15),
    Cluster("epilepsy", .008, 18, 0, .05, .50, .10, .3, 20),
    Cluster("rheumatoid_arthritis", .0085, 16, 16, .50, .20, -.80, .3, 10),
    Cluster("osteoporosis", .017, 0, 45, 1.0, .10, -1.3, .5, 6),
    Cluster("peripheral_arterial_disease", .007, 0, 40, .90, .70, .50, .6, 6),
    Cluster("learning_disability", .005, 0, 2, -.10, .50, .40, .2, 40),
    Cluster("hypothyroidism", .038, 0, 10, .50, .10, -1.6, .3, 12),
    Cluster("osteoarthritis", .045, 0, 35, .80, .30, -.30, .4, 8),
)
ICD10_SHARE = 0.15


@dataclass(frozen=True)
class Setting:
    key: str
    rate: float                   # contacts per person-year registered, overall
    by_age: tuple[float, ...]     # relative rate in ACTIVITY_AGE_BANDS, before conditions
    female: float                 # log rate ratio, female vs male
    per_condition: float          # log rate ratio per long-term condition
    deprivation: float            # log rate ratio, most vs least deprived decile
    load: float                   # log rate ratio per SD of the latent frailty
    end_of_life: float            # rate ratio in the last 365 days of life
    unit_cost: float
    cost_sd: float                # sd of log cost
    conditions: tuple[tuple[str, float], ...] = ()  # extra log rate ratios for particular clusters


ACTIVITY_AGE_BANDS = (0, 1, 5, 15, 25, 45, 65, 75, 85)
SETTING_MODELS = (
    Setting("gp_appointment", 3.55, (3.0, 1.4, .8, .8, 1.0, 1.0, 1.0, 1.0, .9), .25, .18, .15, .15, 1.8, 39,
            .25),
    Setting("ae_attendance", .38, (2.0, 1.3, .8, 1.1, 1.0, .8, .7, .8, 1.0), -.05, .12, .45, .2, 2.5, 160, .5,
            (("smi", .5), ("epilepsy", .4))),
    Setting("emergency_admission", .10, (3.0, 1.0, .6, .8, .8, .8, .8, .8, .8), -.05, .22, .4, .35, 4.0, 1800,
            .8,
            (("heart_failure", .5), ("copd", .5), ("dementia", .4))),
    Setting("elective_admission", .13, (.2, .3, .3, .4, .7, 1.0, 1.4, 1.3, .7), .05, .12, -.1, .15, 1.0, 1400,
            .8,
            (("cancer", .6), ("osteoarthritis", .5))),
    Setting("outpatient", 1.25, (1.0, .6, .5, .6, .8, 1.0, 1.1, 1.0, .7), .15, .18, -.05, .15, 1.5, 135, .35,
            (("cancer", .8), ("rheumatoid_arthritis", .4), ("ckd", .2))),
    Setting("community", .65, (3.0, .8, .5, .3, .4, .6, .9, 1.1, 1.3), .1, .25, .2, .3, 3.0, 70, .45,
            (("dementia", .6), ("heart_failure", .5), ("copd", .3), ("diabetes", .2))),
    Setting("mental_health", .12, (0., .05, .8, 1.5, 1.2, 1.0, .6, .7, .8), 0., .05, .5, .1, 1.0, 165, .5,
            (("smi", 1.6), ("depression", .9), ("dementia", .7), ("learning_disability", .5))),
    Setting("adult_social_care", .12, (0., 0., 0., .15, .15, .3, .6, 1.2, 2.2), .2, .20, .35, .3, 3.0, 1700,
            .9,
            (("dementia", 1.4), ("learning_disability", 1.8), ("stroke_tia", .4), ("heart_failure", .3))),
)
PROPENSITY_SHAPE = 2.0
EMERGENCY_COST_AGE = 0.01
