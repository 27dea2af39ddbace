"""The integrated performance report: every measure and organisation at a reporting period with its SPC, the
exceptions (special cause concern, failing assurance), and the rules that route them to governance bodies.

SPC over every series is computed once per reporting period and data version and kept in memory, so the report page
stays fast on a system's full catalogue; any import or measure change gives a new version.
"""

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem import clock
from caresystem.assurance.measures import service as measures
from caresystem.assurance.measures.models import Measure, MeasureEscalationRule, MeasureValue
from caresystem.assurance.report.text import value_text
from caresystem.auth import Actor, Permission
from caresystem.stats import SpcResult
from caresystem.system.governance import in_force
from caresystem.system.organisations import Organisation

SPARK_POINTS = 24
CONCERN, FAILING = "special cause concern", "failing assurance"
CACHE_SIZE = 8
_cache: "OrderedDict[tuple, list[Line]]" = OrderedDict()


@dataclass(frozen=True)
class MeasureView:
    """What the report needs of a measure, detached from the session so it can be cached."""

    id: int
    key: str
    name: str
    domain: str
    unit: str
    direction: str
    target: float | None
    target_operator: str | None
    public: bool

    @classmethod
    def of(cls, m: Measure) -> "MeasureView":
        return cls(m.id, m.key, m.name, m.domain, m.unit, m.direction, m.target, m.target_operator, m.public)


@dataclass(frozen=True)
class Line:
    """One measure for one organisation or area at the reporting period."""

    measure: MeasureView
    entity: measures.Entity
    period: date
    value: float
    illustrative: bool
    result: SpcResult | None
    spark: tuple[float, ...]
    periods: tuple[date, ...]

    @property
    def variation(self) -> str | None:
        return self.result.variation if self.result else None

    @property
    def assurance(self) -> str | None:
        return self.result.assurance if self.result else None

    @property
    def reasons(self) -> list[str]:
        if self.result is None:
            return []
        reasons = [CONCERN] if self.result.latest.classification == "special_cause_concern" else []
        return reasons + ([FAILING] if self.result.assurance == "fail" else [])

    @property
    def url(self) -> str:
        return f"/assurance/measures/{self.measure.key}/{self.entity.code}"


@dataclass(frozen=True)
class MeasureException:
    """A measure that needs attention at a period, and why (the contract other parts, such as agendas, read)."""

    measure_key: str
    measure_name: str
    organisation_code: str
    organisation_name: str
    period: date
    reason: str  # "special cause concern" | "failing assurance"
    detail: str
    url: str


def lines(session: Session, *, until: date | None) -> list[Line]:
    """Every series' line at `until` (its latest period on or before it), cached by data version."""
    key = (str(session.get_bind().url), until, measures.data_stamp(session))
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    computed = _compute(session, until)
    _cache[key] = computed
    if len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return computed


def _compute(session: Session, until: date | None) -> list[Line]:
    by_id = {m.id: m for m in session.scalars(select(Measure))}
    known = measures.entities(session)
    found = []
    for (measure_id, code), series in measures.all_series(session, until=until).items():
        measure, entity = by_id[measure_id], known.get(code) or measures.Entity(code, code, "organisation", None)
        found.append(Line(MeasureView.of(measure), entity, series.periods[-1], series.values[-1],
                          series.illustrative[-1], measures.spc_of(measure, series.values),
                          series.values[-SPARK_POINTS:], series.periods))
    return sorted(found, key=lambda line: (line.measure.domain, line.measure.name, line.entity.name))


def periods(session: Session) -> list[date]:
    return list(session.scalars(select(MeasureValue.period).distinct().order_by(MeasureValue.period.desc())))


@dataclass(frozen=True)
class Report:
    period: date | None
    lines: list[Line]
    exceptions: list[MeasureException]
    periods: list[date]


def report(session: Session, *, actor: Actor, period: date | None = None, domain: str | None = None,
           organisation: str | None = None, place: str | None = None) -> Report:
    """The report at `period` (the latest with data when none), filtered by domain, organisation and place; anonymous
    readers see public measures only."""
    available = periods(session)
    period = period or (available[0] if available else None)
    chosen = [line for line in lines(session, until=period) if _keep(line, actor, domain, organisation, place)]
    return Report(period, chosen, exceptions_of(chosen), available)


def _keep(line: Line, actor: Actor, domain, organisation, place) -> bool:
    return ((line.measure.public or actor.can(Permission.VIEW_INTERNAL))
            and (not domain or line.measure.domain == domain)
            and (not organisation or line.entity.code == organisation)
            and (not place or line.entity.place_code == place))


def exceptions_of(chosen: list[Line]) -> list[MeasureException]:
    return [MeasureException(line.measure.key, line.measure.name, line.entity.code, line.entity.name, line.period,
                             reason, explain(line, reason), line.url)
            for line in chosen for reason in line.reasons]


def explain(line: Line, reason: str) -> str:
    """One sentence saying why a line is an exception."""
    result, unit = line.result, line.measure.unit
    if reason == CONCERN:
        rules = ", ".join(result.latest.rules)
        return (f"The latest point ({line.period:%b %Y}, {value_text(line.value, unit)}) is special cause concern "
                f"({rules}).")
    segment = result.last_segment
    return (f"The process limits ({value_text(segment.lower_limit, unit)} to {value_text(segment.upper_limit, unit)}) "
            f"do not reach the target of {value_text(line.measure.target, unit)}, so it will be missed without change.")


def routes(rule: MeasureEscalationRule, line: Line, reason: str) -> bool:
    """A rule matches an exception of its condition (or either), in its domain, measure and organisation (any when
    none)."""
    condition = {CONCERN: "special_cause_concern", FAILING: "failing_assurance"}[reason]
    return (rule.condition in ("either", condition) and (rule.domain is None or rule.domain == line.measure.domain)
            and (rule.measure_key is None or rule.measure_key == line.measure.key)
            and (rule.entity_code is None or rule.entity_code == line.entity.code))


def exceptions_for_body(session: Session, *, body_key: str, since: date | None, until: date,
                        as_at: date | None = None) -> list[MeasureException]:
    """The exceptions the rules send to a governance body: each series read at its latest period on or before
    `until`, kept when that period is on or after `since` (all when `since` is None); none when the body is not in
    force on `as_at` (today by default; a meeting's date for its agenda): a rule naming an ended body routes nowhere."""
    body_rules = [r for r in measures.rules(session) if r.body_key == body_key]
    if not body_rules or not in_force(session, [body_key], as_at or clock.today(session)):
        return []
    found = []
    for line in lines(session, until=until):
        if since is not None and line.period < since:
            continue
        found += [MeasureException(line.measure.key, line.measure.name, line.entity.code, line.entity.name,
                                   line.period, reason, explain(line, reason), line.url)
                  for reason in line.reasons if any(routes(rule, line, reason) for rule in body_rules)]
    return found


def bodies_for(session: Session, line: Line, as_at: date | None = None) -> list[str]:
    """The governance bodies in force on `as_at` (today by default) that a line's exceptions go to, in rule order
    without repeats."""
    rules = measures.rules(session)
    current = in_force(session, {r.body_key for r in rules}, as_at or clock.today(session))
    return list(dict.fromkeys(r.body_key for r in rules for reason in line.reasons
                              if r.body_key in current and routes(r, line, reason)))


def organisations_with_data(session: Session, chosen: list[Line]) -> list[Organisation]:
    codes = {line.entity.code for line in chosen}
    return list(session.scalars(select(Organisation).where(Organisation.code.in_(codes)).order_by(Organisation.name)))
