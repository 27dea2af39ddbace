"""The rules of measures: the catalogue, who may change what, the organisations and areas data can be for, series
and their SPC, narratives and exception rules. Plain functions taking a session; the caller commits."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from caresystem.assurance.measures import data
from caresystem.assurance.measures.models import Measure, MeasureEscalationRule, MeasureNarrative, MeasureValue, MustDo
from caresystem.assurance.measures.schemas import MeasureIn, NarrativeIn, RuleIn
from caresystem.auth import Actor, Permission, require
from caresystem.db.versioning import check_version
from caresystem.errors import FieldError, Invalid, NotFound
from caresystem.stats import SpcResult, spc
from caresystem.system.geography import Place, SystemProfile
from caresystem.system.governance import GovernanceBody, rule_body_errors
from caresystem.system.organisations import Organisation


@dataclass(frozen=True)
class Entity:
    """An organisation, place or the whole system: what a measure's figures can be for."""

    code: str
    name: str
    kind: str  # organisation | place | system
    place_code: str | None


def require_edit(actor: Actor) -> None:
    """Performance data is system-wide: an editor of the system model (or above) loads and comments on it."""
    require(actor, Permission.EDIT_SYSTEM)


def entities(session: Session) -> dict[str, Entity]:
    found = {o.code: Entity(o.code, o.short_name or o.name, "organisation", o.place_code)
             for o in session.scalars(select(Organisation))}
    found |= {p.code: Entity(p.code, p.name, "place", p.code) for p in session.scalars(select(Place))}
    found |= {s.code: Entity(s.code, s.name, "system", None) for s in session.scalars(select(SystemProfile))}
    return found


def list_measures(session: Session, *, actor: Actor, domain: str | None = None) -> list[Measure]:
    query = select(Measure).order_by(Measure.domain, Measure.name)
    if domain:
        query = query.where(Measure.domain == domain)
    if not actor.can(Permission.VIEW_INTERNAL):
        query = query.where(Measure.public.is_(True))
    return list(session.scalars(query))


def get_measure(session: Session, key: str, *, actor: Actor) -> Measure:
    measure = session.scalar(select(Measure).where(Measure.key == key))
    if measure is None or (not measure.public and not actor.can(Permission.VIEW_INTERNAL)):
        raise NotFound(f"No measure '{key}'.")
    return measure


def must_dos(session: Session) -> list[MustDo]:
    return list(session.scalars(select(MustDo).order_by(MustDo.number)))


def save_measure(session: Session, *, actor: Actor, data_in: MeasureIn, source: tuple[str | None, str | None]
                 = (None, None)) -> Measure:
    """Create a measure or bring it up to date by key (reference data; the audit listener records changes)."""
    require(actor, Permission.MANAGE_REFERENCE)
    if (data_in.target is None) != (data_in.target_operator is None):
        raise Invalid.one("target_operator", "a target needs its operator (>=, <= or =), and an operator its target")
    measure = session.scalar(select(Measure).where(Measure.key == data_in.key)) or Measure(key=data_in.key)
    values = data_in.model_dump(exclude={"key"}) | {"source_document": source[0], "source_section": source[1]}
    for name, value in values.items():
        if getattr(measure, name, None) != value:
            setattr(measure, name, value)
    session.add(measure)
    return measure


def import_file(session: Session, *, actor: Actor, content: bytes, filename: str) -> dict[str, int]:
    """Import measure data from CSV or XLSX: all rows or none (see `data`)."""
    require_edit(actor)
    raw = data.read_table(content, filename)
    measures = {m.key: m for m in session.scalars(select(Measure))}
    rows = data.check_rows(raw, measures, set(entities(session)))
    return data.import_rows(session, actor=actor, rows=rows, source=filename)


def data_stamp(session: Session) -> tuple:
    """Changes whenever measure data, a measure or an organisation (whose name a report shows) changes: a cheap key
    for cached results."""
    return tuple(value for model in (MeasureValue, Measure, Organisation)
                 for value in session.execute(select(func.count(model.id), func.max(model.updated_at))).one())


@dataclass(frozen=True)
class Series:
    measure_id: int
    entity_code: str
    periods: tuple[date, ...]
    values: tuple[float, ...]
    illustrative: tuple[bool, ...]


def all_series(session: Session, *, until: date | None = None, measure_ids: list[int] | None = None,
               entity_codes: list[str] | None = None) -> dict[tuple[int, str], Series]:
    """Every (measure, organisation) series up to `until`, in period order, read in one query."""
    query = select(MeasureValue.measure_id, MeasureValue.entity_code, MeasureValue.period, MeasureValue.value,
                   MeasureValue.illustrative).order_by(MeasureValue.measure_id, MeasureValue.entity_code,
                                                       MeasureValue.period)
    if until is not None:
        query = query.where(MeasureValue.period <= until)
    if measure_ids is not None:
        query = query.where(MeasureValue.measure_id.in_(measure_ids))
    if entity_codes is not None:
        query = query.where(MeasureValue.entity_code.in_(entity_codes))
    grouped: dict[tuple[int, str], list] = defaultdict(list)
    for measure_id, code, period, value, illustrative in session.execute(query):
        grouped[(measure_id, code)].append((period, value, illustrative))
    return {key: Series(key[0], key[1], tuple(r[0] for r in rows), tuple(r[1] for r in rows),
                        tuple(r[2] for r in rows)) for key, rows in grouped.items()}


def spc_of(measure: Measure, values) -> SpcResult | None:
    """The measure's SPC over its values (None for a single point), with its direction and target."""
    if len(values) < 2:
        return None
    return spc(values, direction=measure.direction, target=measure.target, target_operator=measure.target_operator)


def values_of(session: Session, measure: Measure, entity_code: str) -> list[MeasureValue]:
    return list(session.scalars(select(MeasureValue).where(MeasureValue.measure_id == measure.id,
                                                           MeasureValue.entity_code == entity_code)
                                .order_by(MeasureValue.period)))


def entities_with_data(session: Session, measure: Measure) -> list[str]:
    return list(session.scalars(select(MeasureValue.entity_code).where(MeasureValue.measure_id == measure.id)
                                .distinct().order_by(MeasureValue.entity_code)))


def narratives(session: Session, measure: Measure, entity_code: str) -> list[MeasureNarrative]:
    """Every narrative for the series, newest period first: the history of what was said and done."""
    return list(session.scalars(select(MeasureNarrative).where(MeasureNarrative.measure_id == measure.id,
                                                               MeasureNarrative.entity_code == entity_code)
                                .order_by(MeasureNarrative.written_for.desc())))


def save_narrative(session: Session, *, actor: Actor, measure: Measure, data_in: NarrativeIn) -> MeasureNarrative:
    """Add the narrative for a period, or change it (the version read must be current; every change is audited)."""
    require_edit(actor)
    if data_in.entity_code not in entities(session):
        raise Invalid.one("entity_code", f"'{data_in.entity_code}' is not an organisation or area code")
    found = session.scalar(select(MeasureNarrative).where(MeasureNarrative.measure_id == measure.id,
                                                          MeasureNarrative.entity_code == data_in.entity_code,
                                                          MeasureNarrative.written_for == data_in.written_for))
    if found is None:
        found = MeasureNarrative(measure_id=measure.id, entity_code=data_in.entity_code,
                                 written_for=data_in.written_for)
        session.add(found)
    elif data_in.version is not None:
        check_version(found, data_in.version, "narrative")
    found.what_it_shows, found.actions = data_in.what_it_shows, data_in.actions
    found.linked_risks = [r.strip() for r in data_in.linked_risks if r.strip()]
    session.flush()
    return found


def rules(session: Session) -> list[MeasureEscalationRule]:
    return list(session.scalars(select(MeasureEscalationRule).order_by(MeasureEscalationRule.id)))


def bodies_in_force(session: Session, on: date) -> list[GovernanceBody]:
    """Governance bodies a new exception rule may name."""
    return [b for b in session.scalars(select(GovernanceBody).order_by(GovernanceBody.name)) if b.is_valid_at(on)]


def add_rule(session: Session, *, actor: Actor, data_in: RuleIn,
             source: tuple[str | None, str | None] = (None, None)) -> MeasureEscalationRule:
    """Routing is configuration: administrators change it, as they do the risks' escalation rules."""
    require(actor, Permission.ADMIN_PROGRAMME)
    # a rule loaded from a document may name a body of its time; one entered now must name a body in force today
    errors = rule_body_errors(session, data_in.body_key, must_be_in_force=not source[0])
    if data_in.measure_key and not session.scalar(select(Measure.id).where(Measure.key == data_in.measure_key)):
        errors.append(FieldError("measure_key", f"'{data_in.measure_key}' is not a measure"))
    if data_in.entity_code and data_in.entity_code not in entities(session):
        errors.append(FieldError("entity_code", f"'{data_in.entity_code}' is not an organisation or area code"))
    if errors:
        raise Invalid(errors)
    rule = MeasureEscalationRule(**data_in.model_dump(), source_document=source[0], source_section=source[1])
    session.add(rule)
    session.flush()
    return rule


def remove_rule(session: Session, *, actor: Actor, rule_id: int) -> None:
    require(actor, Permission.ADMIN_PROGRAMME)
    rule = session.get(MeasureEscalationRule, rule_id)
    if rule is None:
        raise NotFound(f"No exception rule {rule_id}.")
    session.delete(rule)
    session.flush()
