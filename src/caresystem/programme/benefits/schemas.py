"""Benefits in and out of the API, forms and spreadsheets."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

TYPES = {"cash_releasing": "Cash-releasing", "non_cash_releasing": "Non-cash-releasing",
         "qualitative": "Qualitative"}
MEASURE_SOURCES = {"manual": "Typed in", "indicator": "An analytics indicator",
                   "measure": "A performance measure (assurance data)",
                   "population": "A population indicator (each population run)"}
KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"


def Value(default=..., **kw):  # noqa: N802 - reads as a field type
    """A finite number: JSON has no infinity, and a trajectory cannot be drawn through one."""
    return Field(default, allow_inf_nan=False, **kw)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Measure(Strict):
    name: str = Field(min_length=1, description="what is measured")
    unit: str | None = Field(None, max_length=40)
    direction: str | None = Field(None, description="increase or decrease: which way is better")
    source: str = Field("manual", description="where actuals come from: manual (typed in) or indicator")
    indicator: str | None = Field(None, max_length=120, description="the analytics indicator's key, for source "
                                                                     "indicator; the population indicator's key "
                                                                     "for source population")
    measure: str | None = Field(None, max_length=80, description="the performance measure's key, for source measure")
    organisation: str | None = Field(None, max_length=40, description="the organisation or area whose data of that "
                                                                      "measure (or population indicator) supplies "
                                                                      "the actuals")


class Point(Strict):
    date: date
    value: float = Value()


class ActualCreate(Point):
    source: str = Field("manual", max_length=120, description="manual, indicator, or where the figure comes from")
    note: str | None = None


class BenefitFields(Strict):
    title: str = Field(min_length=3, description="the benefit")
    objective: str | None = Field(None, max_length=300, description="the programme aim or objective it serves")
    description: str | None = None
    sub_items: list[str] = []
    beneficiaries: list[str] = []
    type: str | None = Field(None, description="cash_releasing, non_cash_releasing or qualitative")
    owner: str | None = Field(None, max_length=200)
    project: str | None = Field(None, max_length=80)
    baseline_value: float | None = Value(None)
    baseline_date: date | None = None
    target_value: float | None = Value(None)
    target_date: date | None = None
    target_text: str | None = None
    target_low: float | None = Value(None, description="the low estimate, where the target is estimated as a range")
    target_high: float | None = Value(None, description="the high estimate; at least the low estimate")
    notes: str | None = None
    measure: Measure | None = None


class BenefitCreate(BenefitFields):
    key: str | None = Field(None, max_length=80, pattern=KEY_PATTERN, description="left out, the next B-number")
    trajectory: list[Point] = Field([], description="dated values the benefit is planned to reach")


class BenefitUpdate(Strict):
    version: int = Field(ge=1)
    title: str | None = Field(None, min_length=3)
    objective: str | None = Field(None, max_length=300)
    description: str | None = None
    sub_items: list[str] | None = None
    beneficiaries: list[str] | None = None
    type: str | None = None
    owner: str | None = Field(None, max_length=200)
    project: str | None = Field(None, max_length=80)
    baseline_value: float | None = Value(None)
    baseline_date: date | None = None
    target_value: float | None = Value(None)
    target_date: date | None = None
    target_text: str | None = None
    target_low: float | None = Value(None)
    target_high: float | None = Value(None)
    notes: str | None = None
    measure: Measure | None = None


class TrajectoryUpdate(Strict):
    version: int = Field(ge=1, description="the benefit's version, for optimistic concurrency")
    points: list[Point]


class ActualRead(Point):
    source: str
    note: str | None = None
    recorded_by: str


class BenefitRead(BenefitFields):
    key: str
    version: int
    status: str = Field(description="on_track, at_risk, off_track or no_data: computed, never typed")
    status_label: str
    status_reason: str
    target_range: str | None = Field(None, description="the estimate range in words, like £3.2m to £4.7m (read only)")
    latest_actual: float | None = None
    latest_actual_date: date | None = None
    expected: float | None = Field(None, description="the trajectory's value on the latest actual's date")
    shortfall: float | None = Field(None, description="behind the trajectory in the measure's unit (negative: ahead)")
    escalated_to: list[str] = Field([], description="governance bodies the benefit rules send it to")
    escalated_to_text: list[str] = Field([], description="recipients that are not governance bodies")
    source_document: str | None = None
    source_section: str | None = None


class BenefitDetail(BenefitRead):
    trajectory: list[Point] = []
    actuals: list[ActualRead] = []
    rule: str = Field(description="the status rule with this programme's tolerance, in words")


class Tolerance(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description="the programme's version, for optimistic concurrency")
    at_risk: float = Field(ge=0, le=1, description="share of the baseline-to-target distance behind plan that is "
                                                   "still on track")
    off_track: float = Field(ge=0, le=1, description="share behind plan beyond which the benefit is off track")
    rule: str | None = Field(None, description="the rule in words (read only)")


class BenefitsSummary(BaseModel):
    counts: dict[str, int]
    off_track: list[BenefitRead]
