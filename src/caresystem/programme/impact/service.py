"""The rules of impact assessments: ratings on the programme's domains and the equality groups, the suggested
outcome (see `rules`), and an outcome that a person sets and signs off."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from caresystem.auth import Actor
from caresystem.errors import FieldError, Invalid
from caresystem.programme.core import OwnedItem, Programme, matches, owned_by
from caresystem.programme.impact import rules
from caresystem.programme.impact.models import ImpactAssessment, ImpactDomain
from caresystem.programme.impact.schemas import AssessmentCreate, AssessmentUpdate
from caresystem.programme.links import check_plan_record
from caresystem.programme.plan import Project
from caresystem.programme.registers import (add_entry, changes_of, claim_reference, live_entry, remove, require_edit,
                                            require_view, rows_and_total, save_changes)
from caresystem.system.principles import cite


@dataclass(frozen=True)
class Domain:
    key: str
    name: str
    description: str | None


def domains_of(session: Session, programme: Programme) -> list[Domain]:
    """The programme's domains as loaded, or PID 6.2's six when it has none of its own."""
    rows = session.scalars(select(ImpactDomain).where(ImpactDomain.programme_id == programme.id)
                           .order_by(ImpactDomain.position, ImpactDomain.id)).all()
    if rows:
        return [Domain(d.key, d.name, d.description) for d in rows]
    return [Domain(k, name, text) for k, (name, text) in rules.DEFAULT_DOMAINS.items()]


def suggestion(assessment: ImpactAssessment, domains: list[Domain]) -> rules.Suggestion:
    return rules.suggest({d.key: (assessment.domain_ratings.get(d.key) or {}).get("rating") for d in domains},
                         {g: (assessment.equality_ratings.get(g) or {}).get("rating") for g in rules.EQUALITY_GROUPS},
                         {d.key: d.name for d in domains})


def list_assessments(session: Session, *, actor: Actor, programme: Programme, outcome: str | None = None,
                     q: str | None = None, offset: int = 0, limit: int = 50) -> tuple[list[ImpactAssessment], int]:
    require_view(actor)
    conditions = [ImpactAssessment.programme_id == programme.id, ImpactAssessment.deleted_at.is_(None)]
    if outcome == "none":
        conditions.append(ImpactAssessment.outcome.is_(None))
    elif outcome:
        if outcome not in rules.OUTCOMES:
            raise Invalid.one("outcome", f"must be none or one of {', '.join(rules.OUTCOMES)}")
        conditions.append(ImpactAssessment.outcome == outcome)
    if q:
        pattern = f"%{q.strip().lower()}%"
        conditions.append(func.lower(ImpactAssessment.title).like(pattern) |
                          func.lower(ImpactAssessment.key).like(pattern))
    return rows_and_total(session, ImpactAssessment, conditions, (ImpactAssessment.key,), offset, limit)


def get_assessment(session: Session, *, actor: Actor, programme: Programme, key: str) -> ImpactAssessment:
    require_view(actor)
    return live_entry(session, ImpactAssessment, programme, key, what="impact assessment", column="key")


def _ratings(given: dict, allowed: set[str], field: str, errors: list[FieldError]) -> dict:
    """Plain {key: {rating, narrative}}, every key and rating checked."""
    plain = {}
    for key, value in given.items():
        if key not in allowed:
            errors.append(FieldError(f"{field}.{key}", f"is not one of {', '.join(sorted(allowed))}"))
        elif value["rating"] not in rules.RATINGS:
            errors.append(FieldError(f"{field}.{key}.rating", f"must be one of {', '.join(rules.RATINGS)}"))
        else:
            plain[key] = {"rating": value["rating"], "narrative": value.get("narrative") or None}
    return plain


def _check_outcome(values: dict, domains: list[Domain], errors: list[FieldError]) -> None:
    """An outcome is a person's decision, signed off; departing from the suggested outcome needs a reason."""
    outcome = values.get("outcome")
    if outcome is None:
        for name in ("signed_off_by", "signed_off_on"):
            if values.get(name):
                errors.append(FieldError(name, "record the outcome that was signed off"))
        return
    if outcome not in rules.OUTCOMES:
        errors.append(FieldError("outcome", f"must be one of {', '.join(rules.OUTCOMES)}"))
        return
    for domain in domains:
        if domain.key not in values["domain_ratings"]:
            errors.append(FieldError(f"domains.{domain.key}", f"rate {domain.name.lower()} before setting the outcome"))
    if not values.get("signed_off_by"):
        errors.append(FieldError("signed_off_by", "say who signed off the outcome"))
    if not values.get("signed_off_on"):
        errors.append(FieldError("signed_off_on", "give the date the outcome was signed off"))
    suggested = rules.suggest({d.key: (values["domain_ratings"].get(d.key) or {}).get("rating") for d in domains},
                              {g: (values["equality_ratings"].get(g) or {}).get("rating")
                               for g in rules.EQUALITY_GROUPS})
    if outcome != suggested.outcome and not values.get("outcome_rationale"):
        errors.append(FieldError("outcome_rationale", f"explain why the outcome is not the suggested "
                                                      f"{suggested.label.lower()}"))


def create_assessment(session: Session, *, actor: Actor, programme: Programme,
                      data: AssessmentCreate) -> ImpactAssessment:
    require_edit(actor)
    domains = domains_of(session, programme)
    errors: list[FieldError] = []
    values = data.model_dump(exclude={"key", "domains", "equality"})
    values["domain_ratings"] = _ratings(data.model_dump()["domains"], {d.key for d in domains}, "domains", errors)
    values["equality_ratings"] = _ratings(data.model_dump()["equality"], set(rules.EQUALITY_GROUPS), "equality",
                                          errors)
    _check_outcome(values, domains, errors)
    errors += check_plan_record(session, programme, Project, data.project, "project", "a project")
    key = claim_reference(session, ImpactAssessment, programme, data.key, prefix="IA", what="impact assessment",
                          errors=errors, column="key")
    if errors:
        raise Invalid(errors)
    return add_entry(session, ImpactAssessment(programme_id=programme.id, key=key, **values),
                     f"Impact assessment {key}")


def update_assessment(session: Session, *, actor: Actor, programme: Programme, key: str,
                      data: AssessmentUpdate) -> ImpactAssessment:
    assessment = get_assessment(session, actor=actor, programme=programme, key=key)
    require_edit(actor)
    domains = domains_of(session, programme)
    errors: list[FieldError] = []
    given = changes_of(data)
    changes = {k: v for k, v in given.items() if k not in ("domains", "equality")}
    if "title" in changes and not changes["title"]:
        errors.append(FieldError("title", "enter the proposal"))
    if "domains" in given:
        changes["domain_ratings"] = _ratings(given["domains"] or {}, {d.key for d in domains}, "domains", errors)
    if "equality" in given:
        changes["equality_ratings"] = _ratings(given["equality"] or {}, set(rules.EQUALITY_GROUPS), "equality",
                                               errors)
    merged = {name: getattr(assessment, name) for name in ("outcome", "outcome_rationale", "signed_off_by",
                                                           "signed_off_on", "domain_ratings", "equality_ratings")}
    _check_outcome(merged | changes, domains, errors)
    if "project" in changes:
        errors += check_plan_record(session, programme, Project, changes["project"], "project", "a project")
    if errors:
        raise Invalid(errors)
    save_changes(session, assessment, changes, version=data.version, label=f"Impact assessment {key}")
    return assessment


def delete_assessment(session: Session, *, actor: Actor, programme: Programme, key: str, version: int) -> None:
    remove(session, get_assessment(session, actor=actor, programme=programme, key=key), actor=actor,
           version=version, label=f"Impact assessment {key}")


def items_owned_by(session: Session, name: str) -> list[OwnedItem]:
    """Impact assessments whose owner is `name` (ignoring case and surrounding spaces), for "my items"."""
    wanted = matches(name)
    if not wanted:
        return []
    found = session.scalars(select(ImpactAssessment).where(ImpactAssessment.deleted_at.is_(None),
                                                           owned_by(ImpactAssessment.owner, wanted))
                            .order_by(ImpactAssessment.key))
    return [OwnedItem("impact assessment", a.key, a.title, f"/programme/impact-assessments/{a.key}",
                      status=rules.OUTCOMES[a.outcome] if a.outcome else "Awaiting outcome") for a in found]


def cite_principles(session: Session, *, actor: Actor, programme: Programme, key: str, keys: list[str],
                    version: int) -> ImpactAssessment:
    """The assessment cites exactly the principles `keys` ("applies design principle 4"); audited on it."""
    assessment = get_assessment(session, actor=actor, programme=programme, key=key)
    require_edit(actor)
    cite(session, assessment, keys=keys, version=version, label=f"Impact assessment {key}")
    return assessment
