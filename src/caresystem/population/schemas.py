"""What the population pages and API read: the latest run's published figures in the indicator convention."""

from datetime import date, datetime

from pydantic import BaseModel

INDICATORS = {
    "emergency_admissions": "Emergency admissions",
    "deaths_under_75": "Deaths under 75",
    "life_expectancy": "Life expectancy at birth",
}
SEXES = {"persons": "Persons", "F": "Females", "M": "Males"}


class Measure(BaseModel):
    """One published figure in the public-health indicator convention; suppressed figures carry no numbers."""

    value: float | None = None
    lower_ci95: float | None = None
    upper_ci95: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    unit: str | None = None
    suppressed: bool = False


class RunInfo(BaseModel):
    run_id: str
    engine: str
    system_name: str
    period_start: date
    period_end: date
    dataset_fingerprint: str | None
    synthetic: bool = False  # the dataset was made by the synthetic generator (runs before the flag read as real)
    started_at: datetime | None
    finished_at: datetime | None
    suppression_threshold: int
    risk_model_auc: float | None
    generator: dict | None = None  # how the synthetic generator made the dataset: size, window, practice list
    register_checked: bool = False  # the run checked the dataset's practices against the practice register
    register_warnings: list[str] = []  # practices the register does not know or puts in another PCN


class RunDetail(RunInfo):
    versions: dict[str, str]
    rows: dict[str, int]
    timings_seconds: dict[str, float]
    risk_model: dict
    allocation_parameters: dict


class AreaFigures(BaseModel):
    area_type: str
    code: str
    name: str
    parent_code: str | None = None
    list_size: Measure | None = None
    ltc_prevalence: Measure | None = None
    emergency_admissions: Measure | None = None
    life_expectancy: Measure | None = None


class TierFigure(BaseModel):
    tier: str
    label: str
    people: Measure
    cohort_available: bool


class Overview(BaseModel):
    run: RunInfo
    system: AreaFigures
    places: list[AreaFigures]
    pcns: list[AreaFigures]
    risk_tiers: list[TierFigure]


class PyramidBand(BaseModel):
    age_band: str
    female: Measure
    male: Measure


class Comparison(BaseModel):
    key: str
    label: str
    area: Measure | None
    place: Measure | None = None
    system: Measure | None = None


class SegmentFigure(BaseModel):
    key: str
    label: str
    people: Measure
    events: int | None
    cost_per_person: float | None


class AllocationRow(BaseModel):
    area_type: str
    code: str
    name: str
    parent_code: str | None = None
    list_size: int | None
    age_sex_index: float | None
    need_index: float | None
    inequalities_and_mff_index: float | None
    weighted_population: float | None
    target_share: float | None
    fair_share: float | None
    current_allocation: float | None
    distance_from_target: float | None


class PcnProfile(BaseModel):
    run: RunInfo
    pcn: AreaFigures
    place: AreaFigures | None
    system: AreaFigures
    pyramid: list[PyramidBand]
    deprivation: list[Comparison]
    prevalence: list[Comparison]
    segments: list[SegmentFigure]
    multimorbidity: list[SegmentFigure]
    risk_tiers: list[TierFigure]
    fair_share: AllocationRow | None


class DecileSeries(BaseModel):
    indicator: str
    label: str
    sex: str
    unit: str | None
    overall: Measure | None
    deciles: list[Comparison]


class InequalityIndex(BaseModel):
    indicator: str
    label: str
    sex: str
    measure: str
    value: float | None
    lower_ci95: float | None
    upper_ci95: float | None
    unit: str | None


class Inequalities(BaseModel):
    run: RunInfo
    rates: list[DecileSeries]
    life_expectancy: list[DecileSeries]
    indices: list[InequalityIndex]


class Allocation(BaseModel):
    run: RunInfo
    budget: float | None
    system: AllocationRow | None
    places: list[AllocationRow]
    pcns: list[AllocationRow]


class CohortMember(BaseModel):
    person_id: int | str
    practice_code: str
    risk: float


class Cohort(BaseModel):
    run: RunInfo
    pcn_code: str
    pcn_name: str
    tier: str
    tier_label: str
    total: int
    people: list[CohortMember]
