"""The rules of the benefits register: validation, status against the trajectory, escalation, actuals, summaries.

Status depends on every actual and trajectory point and on the programme's tolerance, so it is computed when a
benefit is read, never stored; registers hold tens or hundreds of benefits, so lists are filtered in Python.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.auth import Actor, Permission, require
from caresystem.auth.audit import record_event
from caresystem.db.base import utcnow
from caresystem.db.versioning import apply_changes, check_version, flush_or_conflict
from caresystem.errors import FieldError, Invalid, NotFound
from caresystem.assurance import known_entity, known_measure
from caresystem.population import INDICATORS, known_area
from caresystem import clock
from caresystem.programme.benefits import measured, trajectory
from caresystem.programme.benefits.bounds import actual_errors
from caresystem.programme.benefits.models import (Benefit, BenefitActual, BenefitEscalationRule, BenefitMeasure,
                                                  TrajectoryPoint)
from caresystem.programme.benefits.schemas import (MEASURE_SOURCES, TYPES, ActualCreate, BenefitCreate,
                                                   BenefitUpdate, Measure, Point)
from caresystem.programme.benefits.trajectory import DIRECTIONS, STATUSES, Status, Tolerance
from caresystem.programme.core import Found, OwnedItem, Programme, matches, owned_by
from caresystem.programme.links import check_plan_record
from caresystem.programme.plan import Project
from caresystem.programme.registers import (changes_of, claim_reference, find_in_programmes, found_entry, live_entry,
                                            remove, require_edit, require_view)
from caresystem.system.governance import in_force

ENTITY = "benefits"
# A benefit type is stored as its code; people may give its label instead, and are told the labels when it is wrong.
TYPE_CODES = {code: code for code in TYPES} | {label.lower(): code for code, label in TYPES.items()}
*_OTHER_TYPES, _LAST_TYPE = TYPES.values()
TYPE_ERROR = FieldError("type", f"must be one of {', '.join(_OTHER_TYPES)} or {_LAST_TYPE}")
SORTS = {"status": lambda b, s: (-trajectory.SEVERITY[s.status], s.status == "no_data", b.key),
         "key": lambda b, s: (b.key,), "title": lambda b, s: (b.title.lower(), b.key),
         "owner": lambda b, s: ((b.owner or "~").lower(), b.key)}


@dataclass(frozen=True)
class Assessed:
    """A benefit with its computed status and where its rules escalate it."""

    benefit: Benefit
    status: Status
    escalated_to: list[str]
    escalated_to_text: list[str]


def tolerance_of(programme: Programme) -> Tolerance:
    return Tolerance.from_settings(programme.settings)


def rules_of(session: Session, programme: Programme) -> list[BenefitEscalationRule]:
    return list(session.scalars(select(BenefitEscalationRule).where(BenefitEscalationRule.programme_id == programme.id)
                                .order_by(BenefitEscalationRule.id)))


def routing_rules(session: Session, programme: Programme, as_at: date | None = None) -> list[BenefitEscalationRule]:
    """The rules that route on the date: those naming a body in force then (governance standing), and those whose
    recipients are only described (`to_text`)."""
    rules = rules_of(session, programme)
    current = in_force(session, {r.body_key for r in rules}, as_at or clock.today(session))
    return [r for r in rules if r.body_key is None or r.body_key in current]


def status_of(benefit: Benefit, tolerance: Tolerance) -> Status:
    """Status at the latest actual against the trajectory (baseline and target are its ends when dated); for a
    benefit measured from performance data, qualified by the series' SPC (see `measured`)."""
    points = trajectory.plan([(p.on_date, p.value) for p in benefit.trajectory],
                             (benefit.baseline_date, benefit.baseline_value),
                             (benefit.target_date, benefit.target_value))
    status = trajectory.assess(direction=benefit.measure.direction if benefit.measure else None, points=points,
                               actuals=measured.actuals_of(benefit), tolerance=tolerance,
                               baseline_value=benefit.baseline_value, target_value=benefit.target_value)
    return measured.combine(status, measured.series_of(benefit))


def assessed(benefit: Benefit, tolerance: Tolerance, rules: list[BenefitEscalationRule]) -> Assessed:
    status = status_of(benefit, tolerance)
    matching = [r for r in rules if trajectory.applies(r.condition, status.status)]
    return Assessed(benefit, status, trajectory.route(status.status, rules),
                    list(dict.fromkeys(r.to_text for r in matching if r.to_text)))


def _all(session: Session, programme: Programme) -> list[Benefit]:
    return measured.attach(session, list(session.scalars(select(Benefit).where(
        Benefit.programme_id == programme.id, Benefit.deleted_at.is_(None)).order_by(Benefit.key))))


def list_benefits(session: Session, *, actor: Actor, programme: Programme, status: str | None = None,
                  type: str | None = None, owner: str | None = None, q: str | None = None, sort: str = "status",
                  offset: int = 0, limit: int = 50) -> tuple[list[Assessed], int]:
    require_view(actor)
    if status and status not in STATUSES:
        raise Invalid.one("status", f"must be one of {', '.join(STATUSES)}")
    type = _type_code(type)
    if type and type not in TYPES:
        raise Invalid([TYPE_ERROR])
    if sort not in SORTS:
        raise Invalid.one("sort", f"must be one of {', '.join(SORTS)}")
    tolerance, rules = tolerance_of(programme), routing_rules(session, programme)
    found = [assessed(b, tolerance, rules) for b in _all(session, programme)]
    needle = (q or "").strip().lower()
    found = [a for a in found if (not status or a.status.status == status) and (not type or a.benefit.type == type)
             and (not owner or (a.benefit.owner or "").lower() == owner.strip().lower())
             and (not needle or needle in a.benefit.title.lower() or needle in a.benefit.key.lower())]
    found.sort(key=lambda a: SORTS[sort](a.benefit, a.status))
    return found[offset:offset + limit], len(found)


def find_benefit(session: Session, *, actor: Actor, programme: Programme, key: str) -> Benefit:
    """The live benefit, its measured series not read (`get_benefit` reads it)."""
    require_view(actor)
    return live_entry(session, Benefit, programme, key, what="benefit", column="key")


def get_benefit(session: Session, *, actor: Actor, programme: Programme, key: str) -> Benefit:
    return measured.attach(session, [find_benefit(session, actor=actor, programme=programme, key=key)])[0]


def _for_edit(session: Session, *, actor: Actor, programme: Programme, key: str) -> Benefit:
    """The benefit an editor is changing (missing is a 404 before any refusal)."""
    benefit = get_benefit(session, actor=actor, programme=programme, key=key)
    require_edit(actor)
    return benefit


def assessed_now(session: Session, programme: Programme, benefit: Benefit) -> Assessed:
    """The benefit's status as it stands, its measured series read afresh (a create or a new measure changes it)."""
    return assessed(measured.attach(session, [benefit])[0], tolerance_of(programme), routing_rules(session, programme))


def get_assessed(session: Session, *, actor: Actor, programme: Programme, key: str) -> Assessed:
    return assessed_now(session, programme, find_benefit(session, actor=actor, programme=programme, key=key))


def _type_code(value: str | None) -> str | None:
    """A benefit type given by its code or by its label ("Cash-releasing", any case), as its code; anything else as
    given, for the check to refuse."""
    return TYPE_CODES.get(value.strip().lower(), value) if value else value


def _check(values: dict) -> list[FieldError]:
    errors = []
    if values.get("type") is not None and values["type"] not in TYPES:
        errors.append(TYPE_ERROR)
    if "title" in values and not values["title"]:
        errors.append(FieldError("title", "enter the benefit"))
    measure = values.get("measure")
    if measure:
        if measure.get("direction") is not None and measure["direction"] not in DIRECTIONS:
            errors.append(FieldError("measure.direction", f"must be one of {', '.join(DIRECTIONS)}"))
        if measure.get("source") not in MEASURE_SOURCES:
            errors.append(FieldError("measure.source", f"must be one of {', '.join(MEASURE_SOURCES)}"))
        elif measure["source"] == "indicator" and not measure.get("indicator"):
            errors.append(FieldError("measure.indicator", "name the analytics indicator that supplies the actuals"))
        elif measure["source"] == "measure":
            errors += [FieldError(f"measure.{name}", f"name the performance {what} whose data supplies the actuals")
                       for name, what in (("measure", "measure"), ("organisation", "organisation or area"))
                       if not measure.get(name)]
        elif measure["source"] == "population":
            errors += [FieldError(f"measure.{name}", f"name the population {what} whose runs supply the actuals")
                       for name, what in (("indicator", "indicator"), ("organisation", "area")) if not measure.get(name)]
    ranged = values.get("target_low") is not None or values.get("target_high") is not None
    for end in ("baseline", "target"):
        if values.get(f"{end}_date") is not None and values.get(f"{end}_value") is None \
                and not (end == "target" and ranged):
            errors.append(FieldError(f"{end}_value", f"give the {end} value (or its range) for its date"
                                     if end == "target" else f"give the {end} value for its date"))
    if (values.get("baseline_date") and values.get("target_date")
            and values["target_date"] <= values["baseline_date"]):
        errors.append(FieldError("target_date", "must be after the baseline date"))
    return errors + _range_errors(values.get("target_low"), values.get("target_high"))


def _range_errors(low: float | None, high: float | None) -> list[FieldError]:
    """An estimate range has both ends, the high estimate no less than the low (document 001 section 5.3)."""
    if low is None and high is None:
        return []
    if high is None:
        return [FieldError("target_high", "give the high estimate too: a range has a low and a high estimate")]
    if low is None:
        return [FieldError("target_low", "give the low estimate too: a range has a low and a high estimate")]
    if low > high:
        return [FieldError("target_high", f"must be at least the low estimate ({low:g}), not {high:g}")]
    return []


def _check_population(session: Session, measure: Measure) -> list[FieldError]:
    """A benefit bound to a population indicator names an indicator the runs publish and an area of their geography."""
    errors = [] if measure.indicator in INDICATORS else [
        FieldError("measure.indicator", f"'{measure.indicator}' is not a population indicator; there are "
                                        f"{', '.join(INDICATORS)}")]
    data_dir = session.info.get(measured.DATA_DIR)
    if not (data_dir and known_area(data_dir=data_dir, area_code=measure.organisation)):
        errors.append(FieldError("measure.organisation", f"'{measure.organisation}' is not an area of the latest "
                                                         "population run (use 'system' for the whole system)"))
    return errors


def _check_bound(session: Session, measure: Measure | None) -> list[FieldError]:
    """A bound benefit names a measure and an organisation the performance data knows, or a population indicator
    and an area of the population runs."""
    if measure is not None and measure.source == "population" and measure.indicator and measure.organisation:
        return _check_population(session, measure)
    if measure is None or measure.source != "measure" or not measure.measure or not measure.organisation:
        return []
    errors = [] if known_measure(session, measure.measure) else [
        FieldError("measure.measure", f"'{measure.measure}' is not a performance measure")]
    return errors + ([] if known_entity(session, measure.organisation) else [
        FieldError("measure.organisation", f"'{measure.organisation}' is not an organisation or area code")])


def _check_project(session: Session, programme: Programme, key: str | None) -> list[FieldError]:
    return check_plan_record(session, programme, Project, key, "project", "a project")


def _check_points(points: list[Point], field: str) -> list[FieldError]:
    dates = [p.date for p in points]
    repeated = sorted({d for d in dates if dates.count(d) > 1})
    return [FieldError(field, f"has more than one value for {d.isoformat()}") for d in repeated]


def _set_measure(benefit: Benefit, measure: Measure | None) -> bool:
    """Create, change or remove the measure; True when anything changed."""
    if measure is None:
        if benefit.measure is None:
            return False
        benefit.measure = None
        return True
    values = {"name": measure.name, "unit": measure.unit, "direction": measure.direction, "source": measure.source,
              "indicator_key": measure.indicator if measure.source in ("indicator", "population") else None,
              "measure_key": measure.measure if measure.source == "measure" else None,
              "measure_entity": measure.organisation if measure.source in ("measure", "population") else None}
    if benefit.measure is None:
        benefit.measure = BenefitMeasure(**values)
        return True
    changed = False
    for name, value in values.items():
        if getattr(benefit.measure, name) != value:
            setattr(benefit.measure, name, value)
            changed = True
    return changed


def create_benefit(session: Session, *, actor: Actor, programme: Programme, data: BenefitCreate) -> Benefit:
    require_edit(actor)
    values = data.model_dump(exclude={"key", "measure", "trajectory"})
    values["type"] = _type_code(values["type"])
    errors = _check(data.model_dump() | {"type": values["type"]}) + _check_points(data.trajectory, "trajectory") \
        + _check_bound(session, data.measure) + _check_project(session, programme, data.project)
    key = claim_reference(session, Benefit, programme, data.key, prefix="B", what="benefit", errors=errors,
                          column="key")
    if errors:
        raise Invalid(errors)
    benefit = Benefit(programme_id=programme.id, key=key, **values)
    benefit.trajectory = [TrajectoryPoint(on_date=p.date, value=p.value) for p in data.trajectory]
    benefit.actuals = []
    session.add(benefit)
    _set_measure(benefit, data.measure)
    flush_or_conflict(session, f"Benefit {key}")
    return benefit


def update_benefit(session: Session, *, actor: Actor, programme: Programme, key: str,
                   data: BenefitUpdate) -> Benefit:
    benefit = _for_edit(session, actor=actor, programme=programme, key=key)
    changes = changes_of(data)
    changes.pop("measure", None)
    if "type" in changes:
        changes["type"] = _type_code(changes["type"])
    for name in ("sub_items", "beneficiaries"):
        if name in changes and changes[name] is None:
            changes[name] = []
    merged = {k: getattr(benefit, k) for k in ("baseline_value", "baseline_date", "target_value", "target_date",
                                               "target_low", "target_high")}
    merged |= changes | {"measure": data.measure.model_dump() if data.measure else None}
    errors = _check(merged) + _check_bound(session, data.measure)
    if "project" in changes:
        errors += _check_project(session, programme, changes["project"])
    if errors:
        raise Invalid(errors)
    apply_changes(benefit, changes, expected_version=data.version, label=f"Benefit {key}")
    if "measure" in data.model_fields_set and _set_measure(benefit, data.measure):
        _touch(benefit)
    flush_or_conflict(session, f"Benefit {key}")
    return benefit


def _touch(benefit: Benefit) -> None:
    """A change to the measure, trajectory or actuals is a change to the benefit: its version moves on, so an editor
    holding the old version cannot overwrite what they have not seen."""
    benefit.updated_at = utcnow()


def delete_benefit(session: Session, *, actor: Actor, programme: Programme, key: str, version: int) -> None:
    """Soft delete: the benefit leaves the register; its history and audit trail are kept."""
    remove(session, get_benefit(session, actor=actor, programme=programme, key=key), actor=actor, version=version,
           label=f"Benefit {key}")


def set_trajectory(session: Session, *, actor: Actor, programme: Programme, key: str, version: int,
                   points: list[Point]) -> Benefit:
    """Replace the dated trajectory as a whole (the form and the API send every point)."""
    benefit = _for_edit(session, actor=actor, programme=programme, key=key)
    if errors := _check_points(points, "points"):
        raise Invalid(errors)
    check_version(benefit, version, f"Benefit {key}")
    before = [[p.on_date.isoformat(), p.value] for p in benefit.trajectory]
    after = sorted([[p.date.isoformat(), p.value] for p in points])
    if before == after:
        return benefit
    benefit.trajectory.clear()
    session.flush()  # old points go before new ones arrive: a date may be in both
    benefit.trajectory.extend(TrajectoryPoint(on_date=p.date, value=p.value) for p in sorted(points,
                                                                                             key=lambda p: p.date))
    _touch(benefit)
    record_event(session, action="trajectory set", entity_type=ENTITY, entity_id=benefit.id,
                 details={"trajectory": [before, after]})
    flush_or_conflict(session, f"Benefit {key}")
    return benefit


def add_actual(session: Session, *, actor: Actor, programme: Programme, key: str,
               data: ActualCreate) -> Benefit:
    """Record a measured value; one per date (remove a wrong one first, so corrections show in the history)."""
    benefit = _for_edit(session, actor=actor, programme=programme, key=key)
    if measured.is_measured(benefit):
        where = ("each population run" if benefit.measure.source == "population"
                 else "its performance measure's data")
        raise Invalid.one("date", f"this benefit's actuals come from {where}, not typed in")
    if any(a.on_date == data.date for a in benefit.actuals):
        raise Invalid.one("date", f"an actual for {data.date.isoformat()} is already recorded; remove it first")
    if errors := actual_errors(on_date=data.date, value=data.value, unit=benefit.measure and benefit.measure.unit,
                               today=clock.today(session)):
        raise Invalid(errors)
    benefit.actuals.append(BenefitActual(on_date=data.date, value=data.value, source=data.source, note=data.note,
                                         recorded_by=session.info.get("actor", actor.username)))
    _touch(benefit)
    record_event(session, action="actual recorded", entity_type=ENTITY, entity_id=benefit.id,
                 details={f"actual {data.date.isoformat()}": [None, data.value]})
    flush_or_conflict(session, f"Benefit {key}")
    return benefit


def remove_actual(session: Session, *, actor: Actor, programme: Programme, key: str, on_date: date) -> Benefit:
    benefit = _for_edit(session, actor=actor, programme=programme, key=key)
    actual = next((a for a in benefit.actuals if a.on_date == on_date), None)
    if actual is None:
        raise NotFound(f"Benefit {key} has no actual for {on_date.isoformat()}.")
    benefit.actuals.remove(actual)
    _touch(benefit)
    record_event(session, action="actual removed", entity_type=ENTITY, entity_id=benefit.id,
                 details={f"actual {on_date.isoformat()}": [actual.value, None]})
    flush_or_conflict(session, f"Benefit {key}")
    return benefit


def set_tolerance(session: Session, *, actor: Actor, programme: Programme, at_risk: float, off_track: float,
                  version: int) -> Programme:
    """The tolerance is programme configuration (PID 6.1 leaves it to the PMO): administrators change it."""
    require(actor, Permission.ADMIN_PROGRAMME)
    if problem := trajectory.check_tolerance(at_risk, off_track):
        raise Invalid.one("at_risk", problem)
    settings = dict(programme.settings or {}) | {"benefit_tolerance": {"at_risk": at_risk, "off_track": off_track}}
    apply_changes(programme, {"settings": settings}, expected_version=version, label=f"Programme {programme.key}")
    flush_or_conflict(session, f"Programme {programme.key}")
    return programme


def escalations_for(session: Session, *, actor: Actor, body_key: str, as_at: date | None = None) -> list[Assessed]:
    """Benefits that any programme's benefit rules send to this governance body, worst first; none when the body is
    not in force on `as_at` (today by default)."""
    require_view(actor)
    when = as_at or clock.today(session)
    rules = session.scalars(select(BenefitEscalationRule).where(BenefitEscalationRule.body_key == body_key)).all()
    if not rules or not in_force(session, [body_key], when):
        return []
    found = []
    for programme_id in dict.fromkeys(r.programme_id for r in rules):
        programme = session.get(Programme, programme_id)
        tolerance, all_rules = tolerance_of(programme), routing_rules(session, programme, when)
        found += [(a, programme) for a in (assessed(b, tolerance, all_rules) for b in _all(session, programme))
                  if body_key in a.escalated_to]
    found.sort(key=lambda pair: (-trajectory.SEVERITY[pair[0].status.status], pair[1].key, pair[0].benefit.key))
    return [a for a, _ in found]


@dataclass(frozen=True)
class Summary:
    counts: dict[str, int]      # every status, zeros included
    off_track: list[Assessed]


def benefits_summary(session: Session, programme: Programme) -> Summary:
    """Counts per status and the off-track benefits, for the programme dashboard (the caller checks the actor)."""
    tolerance, rules = tolerance_of(programme), routing_rules(session, programme)
    found = [assessed(b, tolerance, rules) for b in _all(session, programme)]
    counts = Counter(a.status.status for a in found)
    return Summary({s: counts.get(s, 0) for s in STATUSES}, [a for a in found if a.status.status == "off_track"])


SEARCHED = ("description", "objective", "owner", "project", "target_text", "notes")


def search_benefits(session: Session, *, actor: Actor, wanted: str, offset: int = 0,
                    limit: int = 10) -> tuple[list[Found], int]:
    """Benefits in every programme whose key, title, description, objective, owner, project, target or notes
    contain `wanted`."""
    require_view(actor)
    columns = [Benefit.key, Benefit.title, *(getattr(Benefit, name) for name in SEARCHED)]
    rows, total = find_in_programmes(session, model=Benefit, columns=columns, wanted=wanted, key=Benefit.key,
                                     offset=offset, limit=limit)
    return [found_entry("benefit", b.key, b.title, f"/programme/benefits/{b.key}", p,
                        [getattr(b, name) for name in SEARCHED], wanted) for b, p in rows], total


def items_owned_by(session: Session, name: str) -> list[OwnedItem]:
    """Benefits whose owner is `name` (ignoring case and spacing), in every programme, for "my items"."""
    wanted = matches(name)
    if not wanted:
        return []
    rows = session.execute(select(Benefit, Programme).join(Programme, Programme.id == Benefit.programme_id)
                           .where(Benefit.deleted_at.is_(None), owned_by(Benefit.owner, wanted))
                           .order_by(Benefit.key))
    return [_owned_item(b, p, status_of(b, tolerance_of(p))) for b, p in rows]


def _owned_item(benefit: Benefit, programme: Programme, status) -> OwnedItem:
    return OwnedItem("benefit", benefit.key, benefit.title, f"/programme/benefits/{benefit.key}", programme.key,
                     status=status.label, overdue=status.status == "off_track")
