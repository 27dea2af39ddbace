"""The rules of the risk register: validation, derived scores, score history, escalation, the heat map."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, or_, select, true
from sqlalchemy.orm import Session

from caresystem import clock
from caresystem.auth import Actor, Permission, may_add_somewhere, require
from caresystem.db.versioning import apply_changes, flush_or_conflict
from caresystem.errors import FieldError, Invalid, NotFound
from caresystem.programme.core import Found, Programme
from caresystem.programme.links import check_place, check_plan_record
from caresystem.programme.plan import Project, Workstream
from caresystem.programme.raid import escalation, spreadsheet
from caresystem.programme.raid.models import Action, EscalationRule, Risk, RiskScore
from caresystem.system.governance import GovernanceBody, Standing, in_force, rule_body_errors, standings
from caresystem.system.names import link_owner
from caresystem.programme.raid.schemas import SCOPES, STATUSES, RiskCreate, RiskUpdate
from caresystem.programme.registers import import_rows
from caresystem.programme.raid.scoring import Assessment, Efficacy, assess, check_bands, efficacy, score, trend
from caresystem.programme.registers import (changes_of, claim_reference, find_in_programmes, found_entry, live_entry,
                                            require_view, rows_and_total, soft_delete)

SORTS = {"score": (Risk.current_score.desc().nulls_last(), Risk.reference),
         "review_date": (Risk.review_date.asc().nulls_last(), Risk.reference),
         "reference": (Risk.reference,), "title": (Risk.title,)}


def assessment(risk: Risk, programme: Programme) -> Assessment:
    """Score, grade and RAG of the current assessment, in the programme's bands (NHS 5x5 matrix, PID 7.1)."""
    return assess(risk.current_impact, risk.current_likelihood, programme.risk_grades)


def rules_of(session: Session, programme: Programme) -> list[EscalationRule]:
    return list(session.scalars(select(EscalationRule).where(EscalationRule.programme_id == programme.id)
                                .order_by(EscalationRule.min_score, EscalationRule.id)))


ONWARD = "onward_escalation"  # programme.settings key, written by the RAID loader from escalation_rules.yaml


def onward_escalation(programme: Programme) -> list[dict]:
    """Where an escalated risk goes next, as necessary and not automatically: [{min_score, bodies, text, source_*}]
    (PID 7.1). Escalation to the rules' bodies is automatic; this onward route is a judgement of those bodies."""
    return list((programme.settings or {}).get(ONWARD, []))


@dataclass(frozen=True)
class RuleStanding:
    """An escalation rule with the standing of its governance body on a date (see governance.standing).

    A rule whose body has ended is reported, never followed: nothing is escalated to a body that no longer meets, and
    its successor receives the risk only when a rule names the successor."""

    rule: EscalationRule
    body: Standing

    @property
    def routes(self) -> bool:
        return self.body.in_force


def standings_of(session: Session, programme: Programme, as_at: date | None = None) -> list[RuleStanding]:
    """The programme's rules, each with whether its body is in force on `as_at` (today by default)."""
    rules = rules_of(session, programme)
    bodies = standings(session, [r.body_key for r in rules], as_at or clock.today(session))
    return [RuleStanding(r, bodies[r.body_key]) for r in rules]


def routing_rules(session: Session, programme: Programme, as_at: date | None = None) -> list[EscalationRule]:
    """The rules that route on the date: those whose body is in force then."""
    return [s.rule for s in standings_of(session, programme, as_at) if s.routes]


def escalated_to(risk: Risk, rules: list[RuleStanding]) -> list[str]:
    """The governance bodies in force that an open risk goes to under the programme's rules (PID 7.1: 8 or more)."""
    return escalation.route(risk.current_score, risk.status, risk.scope, risk.scope_ref,
                            [s.rule for s in rules if s.routes])


def escalation_notes(risk: Risk, rules: list[RuleStanding]) -> list[str]:
    """Rules the risk meets that route nowhere, each as "body: why" (e.g. ended on D; succeeded by X), once each."""
    notes = [f"{s.body.name}: {s.body.problem}" for s in rules
             if not s.routes and escalation.route(risk.current_score, risk.status, risk.scope, risk.scope_ref,
                                                  [s.rule])]
    return list(dict.fromkeys(notes))


def is_review_overdue(risk: Risk, today: date | None = None) -> bool:
    return (risk.status == "open" and risk.review_date is not None
            and risk.review_date < (today or clock.today_of(risk)))


_visible = require_view


def list_risks(session: Session, *, actor: Actor, programme: Programme, status: str | None = None,
               scope: str | None = None, min_score: int | None = None, impact: int | None = None,
               likelihood: int | None = None, q: str | None = None, overdue: bool = False, sort: str = "score",
               offset: int = 0, limit: int = 50) -> tuple[list[Risk], int]:
    _visible(actor)
    conditions = [Risk.programme_id == programme.id, Risk.deleted_at.is_(None)]
    if status:
        conditions.append(Risk.status == _choice("status", status, STATUSES))
    if scope:
        conditions.append(Risk.scope == _choice("scope", scope, SCOPES))
    if min_score is not None:
        conditions.append(Risk.current_score >= min_score)
    if impact is not None:
        conditions.append(Risk.current_impact == impact)
    if likelihood is not None:
        conditions.append(Risk.current_likelihood == likelihood)
    if q:
        pattern = f"%{q.strip().lower()}%"
        conditions.append(or_(func.lower(Risk.title).like(pattern), func.lower(Risk.reference).like(pattern)))
    if overdue:
        conditions += [Risk.status == "open", Risk.review_date < clock.today(session)]
    if sort not in SORTS:
        raise Invalid.one("sort", f"must be one of {', '.join(SORTS)}")
    return rows_and_total(session, Risk, conditions, SORTS[sort], offset, limit)


SEARCHED = ("cause", "event", "effect", "controls", "mitigation", "category", "owner")


def search_risks(session: Session, *, actor: Actor, wanted: str, offset: int = 0,
                 limit: int = 10) -> tuple[list[Found], int]:
    """Risks in every programme whose reference, title, cause, event, effect, controls, mitigation, category or
    owner contain `wanted` (see `db.search.needle`)."""
    _visible(actor)
    columns = [Risk.reference, Risk.title, *(getattr(Risk, name) for name in SEARCHED)]
    rows, total = find_in_programmes(session, model=Risk, columns=columns, wanted=wanted, offset=offset, limit=limit)
    return [found_entry("risk", r.reference, r.title, f"/programme/risks/{r.reference}", p,
                        [getattr(r, name) for name in SEARCHED], wanted) for r, p in rows], total


def get_risk(session: Session, *, actor: Actor, programme: Programme, reference: str) -> Risk:
    _visible(actor)
    return live_entry(session, Risk, programme, reference, what="risk")


def heat_map(session: Session, *, actor: Actor, programme: Programme) -> Counter:
    """Open risks counted by (current impact, current likelihood)."""
    _visible(actor)
    rows = session.execute(select(Risk.current_impact, Risk.current_likelihood, func.count())
                           .where(Risk.programme_id == programme.id, Risk.deleted_at.is_(None), Risk.status == "open",
                                  Risk.current_score.is_not(None))
                           .group_by(Risk.current_impact, Risk.current_likelihood))
    return Counter({(i, l): n for i, l, n in rows})


def body_name(session: Session, body_key: str) -> str:
    """The governance body's name; NotFound when neither the system model nor any rule knows the key."""
    name = session.scalar(select(GovernanceBody.name).where(GovernanceBody.key == body_key))
    if name is None and not session.scalar(select(EscalationRule.id).where(EscalationRule.body_key == body_key)):
        raise NotFound(f"No governance body with key {body_key!r}.")
    return name or body_key


def escalations_for(session: Session, *, actor: Actor, body_key: str, offset: int = 0, limit: int = 50,
                    as_at: date | None = None) -> tuple[list[tuple[Risk, Programme]], int]:
    """Open risks that any programme's rules send to this governance body, highest score first, one page of them;
    none when the body is not in force on `as_at` (today by default).

    The rules are turned into one SQL condition (escalation.applies, as a query) so the database filters and counts.
    """
    _visible(actor)
    body_name(session, body_key)
    rules = session.scalars(select(EscalationRule).where(EscalationRule.body_key == body_key)).all()
    if not rules or not in_force(session, [body_key], as_at or clock.today(session)):
        return [], 0
    matches = or_(*[and_(Risk.programme_id == r.programme_id, Risk.current_score >= r.min_score,
                         true() if r.scope is None else Risk.scope == r.scope,
                         true() if r.scope_ref is None else Risk.scope_ref == r.scope_ref) for r in rules])
    conditions = [matches, Risk.deleted_at.is_(None), Risk.status.in_(escalation.ESCALATED_STATUSES)]
    total = session.scalar(select(func.count()).select_from(Risk).where(*conditions))
    rows = session.execute(select(Risk, Programme).join(Programme, Programme.id == Risk.programme_id)
                           .where(*conditions).order_by(Risk.current_score.desc(), Risk.reference)
                           .offset(offset).limit(limit))
    return [(risk, programme) for risk, programme in rows], total


def _choice(field: str, value: str, choices: dict) -> str:
    if value not in choices:
        raise Invalid.one(field, f"must be one of {', '.join(choices)}")
    return value


def _check(values: dict) -> list[FieldError]:
    errors = []
    if "scope" in values and values["scope"] not in SCOPES:
        errors.append(FieldError("scope", f"must be one of {', '.join(SCOPES)}"))
    if "status" in values and values["status"] not in STATUSES:
        errors.append(FieldError("status", f"must be one of {', '.join(STATUSES)}"))
    for kind in ("inherent", "current", "target"):
        i, l = values.get(f"{kind}_impact"), values.get(f"{kind}_likelihood")
        if (i is None) != (l is None):
            missing = f"{kind}_likelihood" if l is None else f"{kind}_impact"
            errors.append(FieldError(missing, f"must be given with {kind} {'impact' if missing.endswith('likelihood') else 'likelihood'}: give both or neither"))
    return errors


def check_scope_ref(session: Session, programme: Programme, scope: str | None, scope_ref: str | None,
                    field: str = "scope_ref") -> list[FieldError]:
    """What a risk (or an escalation rule) is scoped to exists: the place in the system, the project or workstream in
    the programme's plan."""
    if scope == "place":
        return check_place(session, scope_ref, field)
    if scope in ("project", "workstream"):
        model = Project if scope == "project" else Workstream
        return check_plan_record(session, programme, model, scope_ref, field, f"a {scope}")
    return []


def _edit_scope(scope: str | None, scope_ref: str | None) -> dict:
    """Place risks are in an editor's scope when the place is; other risks need an unscoped editor."""
    return {"places": {scope_ref}} if scope == "place" and scope_ref else {}


def _require_edit(actor: Actor, scope: str | None, scope_ref: str | None) -> None:
    require(actor, Permission.EDIT_PROGRAMME, **_edit_scope(scope, scope_ref))


def require_edit(actor: Actor, risk: Risk) -> None:
    """Refuse unless the actor may change this risk (a form checks it before reading what was posted)."""
    _require_edit(actor, risk.scope, risk.scope_ref)


def may_edit(actor: Actor, risk: Risk) -> bool:
    """Whether the actor may change or remove this risk (pages offer only that)."""
    return actor.may(Permission.EDIT_PROGRAMME, **_edit_scope(risk.scope, risk.scope_ref))


def may_add(actor: Actor) -> bool:
    """Whether to offer "Add a risk": a scoped editor adds risks of its places."""
    return may_add_somewhere(actor, Permission.EDIT_PROGRAMME, by="places")


def _record_score(session: Session, risk: Risk) -> None:
    risk.current_score = score(risk.current_impact, risk.current_likelihood)
    session.add(RiskScore(risk=risk, recorded_by=session.info.get("actor", "system"), impact=risk.current_impact,
                          likelihood=risk.current_likelihood, score=risk.current_score))


def create_risk(session: Session, *, actor: Actor, programme: Programme, data: RiskCreate) -> Risk:
    _require_edit(actor, data.scope, data.scope_ref)
    values = data.model_dump()
    errors = (_check(values) + check_scope_ref(session, programme, values["scope"], values["scope_ref"])
              + link_owner(session, values))
    reference = claim_reference(session, Risk, programme, values.pop("reference"), prefix="R", what="risk",
                                errors=errors)
    if errors:
        raise Invalid(errors)
    risk = Risk(programme_id=programme.id, reference=reference, **values)
    session.add(risk)
    _record_score(session, risk)
    flush_or_conflict(session, f"Risk {reference}")
    return risk


def update_risk(session: Session, *, actor: Actor, programme: Programme, reference: str,
                data: RiskUpdate) -> Risk:
    risk = get_risk(session, actor=actor, programme=programme, reference=reference)
    _require_edit(actor, risk.scope, risk.scope_ref)
    changes = changes_of(data)
    if "title" in changes and not changes["title"]:
        raise Invalid.one("title", "enter a title")
    merged = {k: getattr(risk, k) for k in ("scope", "scope_ref", "status", "inherent_impact", "inherent_likelihood",
                                            "current_impact", "current_likelihood", "target_impact",
                                            "target_likelihood")} | changes
    errors = _check(merged) + link_owner(session, changes, current=risk.owner)
    if "scope" in changes or "scope_ref" in changes:
        errors += check_scope_ref(session, programme, merged["scope"], merged["scope_ref"])
    if errors:
        raise Invalid(errors)
    if merged["scope"] != risk.scope or changes.get("scope_ref", risk.scope_ref) != risk.scope_ref:
        _require_edit(actor, merged["scope"], changes.get("scope_ref", risk.scope_ref))
    before = (risk.current_impact, risk.current_likelihood)
    apply_changes(risk, changes, expected_version=data.version, label=f"Risk {reference}")
    if (risk.current_impact, risk.current_likelihood) != before:
        _record_score(session, risk)
    flush_or_conflict(session, f"Risk {reference}")
    return risk


def delete_risk(session: Session, *, actor: Actor, programme: Programme, reference: str, version: int) -> None:
    """Soft delete: the risk leaves the register, keeps its history and audit trail."""
    risk = get_risk(session, actor=actor, programme=programme, reference=reference)
    _require_edit(actor, risk.scope, risk.scope_ref)
    soft_delete(session, risk, version=version, label=f"Risk {reference}")


def history(session: Session, risk: Risk) -> list[RiskScore]:
    return list(session.scalars(select(RiskScore).where(RiskScore.risk_id == risk.id).order_by(RiskScore.id)))


def score_trend(scores: list[RiskScore]) -> str:
    return trend([s.score for s in scores])


def mitigation_efficacy(risk: Risk, scores: list[RiskScore]) -> Efficacy:
    """Since the risk was opened: its inherent score if assessed, else its first assessed current score."""
    first = next((s.score for s in scores if s.score is not None), None)
    opening = score(risk.inherent_impact, risk.inherent_likelihood) or first
    return efficacy(opening, risk.current_score, score(risk.target_impact, risk.target_likelihood))


def mitigating_actions(session: Session, risk: Risk) -> list[Action]:
    return list(session.scalars(select(Action).where(Action.risk_id == risk.id, Action.deleted_at.is_(None))
                                .order_by(Action.due_date.asc().nulls_last(), Action.reference)))


def add_rule(session: Session, *, actor: Actor, programme: Programme, min_score: int, body_key: str,
             scope: str | None = None, scope_ref: str | None = None) -> EscalationRule:
    """Escalation rules are programme configuration: only a programme administrator changes them."""
    require(actor, Permission.ADMIN_PROGRAMME)
    errors = []
    if not 1 <= min_score <= 25:
        errors.append(FieldError("min_score", "must be a score from 1 to 25"))
    if scope is not None and scope not in SCOPES:
        errors.append(FieldError("scope", f"must be one of {', '.join(SCOPES)}"))
    if not body_key.strip():
        errors.append(FieldError("body_key", "enter the governance body's key"))
    else:  # exists and is in force today (governance standing); names the successor of a body that has ended
        errors += rule_body_errors(session, body_key.strip())
    errors += check_scope_ref(session, programme, scope, scope_ref)
    if errors:
        raise Invalid(errors)
    rule = EscalationRule(programme_id=programme.id, min_score=min_score, body_key=body_key.strip(), scope=scope,
                          scope_ref=scope_ref)
    session.add(rule)
    flush_or_conflict(session, "Escalation rule")
    return rule


def remove_rule(session: Session, *, actor: Actor, programme: Programme, rule_id: int) -> None:
    require(actor, Permission.ADMIN_PROGRAMME)
    rule = session.get(EscalationRule, rule_id)
    if rule is None or rule.programme_id != programme.id:
        raise NotFound(f"No escalation rule {rule_id} in {programme.name}.")
    session.delete(rule)
    session.flush()


def set_risk_grades(session: Session, *, actor: Actor, programme: Programme, grades: list[dict],
                    version: int) -> Programme:
    """Bands and RAG are configurable per programme (trusts differ); every score 1-25 must fall in one band."""
    require(actor, Permission.ADMIN_PROGRAMME)
    if problem := check_bands(grades):
        raise Invalid.one("risk_grades", problem)
    apply_changes(programme, {"risk_grades": [dict(g) for g in grades]}, expected_version=version,
                  label=f"Programme {programme.key}")
    flush_or_conflict(session, f"Programme {programme.key}")
    return programme


def import_risks(session: Session, *, actor: Actor, programme: Programme, rows: list) -> dict[str, int]:
    """Create or update each parsed row by reference, in the caller's transaction; any bad row fails them all.
    A column the sheet does not have leaves that field of an existing risk as it is."""

    def upsert(row) -> str:
        data = row.data
        existing = data.reference and session.scalar(select(Risk).where(
            Risk.programme_id == programme.id, Risk.reference == data.reference, Risk.deleted_at.is_(None)))
        if not existing:
            create_risk(session, actor=actor, programme=programme, data=data)
            return "created"
        before = existing.version
        update_risk(session, actor=actor, programme=programme, reference=data.reference,
                    data=RiskUpdate(version=existing.version, **row.changes()))
        return "updated" if existing.version != before else "unchanged"

    return import_rows(rows, upsert)


def import_file(session: Session, *, actor: Actor, programme: Programme, content: bytes,
                filename: str) -> dict[str, int]:
    """An XLSX or CSV risk register imported, all rows or none; the API, the upload page and the CLI call this."""
    rows = spreadsheet.read_file(content, filename)
    return {"rows": len(rows), **import_risks(session, actor=actor, programme=programme, rows=rows)}
