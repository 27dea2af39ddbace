"""The resource plan (PID 5) with costs from the pay-band table, the sign-off tracker (PID 9), and the plan's
settings on the programme (slippage thresholds, pay-band override)."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caresystem.auth import Actor, Permission, require
from caresystem.db.versioning import apply_changes, flush_or_conflict
from caresystem.errors import FieldError, Invalid
from caresystem.programme.core import Programme
from caresystem.programme.plan import costs, slippage
from caresystem.programme.plan.models import ResourceLine, SignOff
from caresystem.programme.plan.schemas import ResourceRead, ResourceTotals, SignOffRead, Tracker
from caresystem.programme.plan.service import RESOURCES, SIGN_OFFS, create_record, require_view, update_record


def pay_table(programme: Programme) -> costs.PayTable:
    return costs.pay_table(programme.settings)


def band_check(table: costs.PayTable):
    def check(values: dict) -> list[FieldError]:
        band = values.get("band")
        if band is not None and band not in table.band_choices():
            return [FieldError("band", f"must be one of {', '.join(table.band_choices())}")]
        return []
    return check


def sign_off_check(values: dict) -> list[FieldError]:
    if values.get("status") != "signed":
        return []
    return ([FieldError("signed_on", "give the date the document was signed")] if not values.get("signed_on") else []) \
        + ([FieldError("signatory", "give who signed for the organisation")] if not values.get("signatory") else [])


def save_resource(session: Session, *, actor: Actor, programme: Programme, data, key: str | None = None):
    check = band_check(pay_table(programme))
    if key is None:
        return create_record(session, actor=actor, programme=programme, kind=RESOURCES, data=data, check=check)
    return update_record(session, actor=actor, programme=programme, kind=RESOURCES, key=key, data=data, check=check)


def save_sign_off(session: Session, *, actor: Actor, programme: Programme, data, key: str | None = None):
    if key is None:
        return create_record(session, actor=actor, programme=programme, kind=SIGN_OFFS, data=data,
                             check=sign_off_check)
    return update_record(session, actor=actor, programme=programme, kind=SIGN_OFFS, key=key, data=data,
                         check=sign_off_check)


def read_resource(line: ResourceLine, table: costs.PayTable) -> ResourceRead:
    cost = costs.cost_line(band=line.band, wte=line.wte, posts=line.posts, table=table)
    return ResourceRead(key=line.key, version=line.version, notes=line.notes, source_document=line.source_document,
                        source_section=line.source_section, role=line.role, description=line.description,
                        holder=line.holder, posts=line.posts, wte=line.wte, band=line.band,
                        additional=line.additional, source_organisation=line.source_organisation,
                        source_organisation_text=line.source_organisation_text,
                        projects=[p.key for p in line.projects], annual_cost=cost.annual, costed_wte=cost.wte,
                        cost_basis=cost.basis)


def resource_plan(session: Session, *, actor: Actor, programme: Programme) -> tuple[list[ResourceRead],
                                                                                  ResourceTotals]:
    """Every line with its derived cost, and the totals (WTE new and existing, the annual cost of new resource)."""
    require_view(actor)
    table = pay_table(programme)
    lines = session.scalars(select(ResourceLine).where(ResourceLine.programme_id == programme.id,
                                                       ResourceLine.deleted_at.is_(None))
                            .options(selectinload(ResourceLine.projects)).order_by(ResourceLine.id)).all()
    reads = [read_resource(line, table) for line in lines]
    wte = [(r.costed_wte if r.costed_wte is not None else r.wte, r) for r in reads]
    totals = ResourceTotals(
        lines=len(reads), wte=round(sum(w for w, _ in wte if w is not None), 2),
        additional_wte=round(sum(w for w, r in wte if w is not None and r.additional), 2),
        existing_wte=round(sum(w for w, r in wte if w is not None and r.additional is False), 2),
        annual_cost=round(sum(r.annual_cost for r in reads if r.annual_cost is not None), 2),
        not_costed=sum(1 for r in reads if r.annual_cost is None), pay_table=table.name,
        pay_table_source=table.source, on_cost_percent=table.on_cost_percent)
    return reads, totals


def read_sign_off(s: SignOff) -> SignOffRead:
    return SignOffRead(key=s.key, version=s.version, notes=s.notes, source_document=s.source_document,
                       source_section=s.source_section, organisation_name=s.organisation_name,
                       organisation=s.organisation, signatory=s.signatory, signed_on=s.signed_on, status=s.status)


def sign_offs(session: Session, *, actor: Actor, programme: Programme) -> tuple[list[SignOff], Tracker]:
    """Every organisation asked to sign the programme document, in order, and the tally (x of y signed)."""
    require_view(actor)
    found = list(session.scalars(select(SignOff).where(SignOff.programme_id == programme.id,
                                                       SignOff.deleted_at.is_(None)).order_by(SignOff.id)))
    return found, tracker(found)


def tracker(found: list[SignOff]) -> Tracker:
    tally = {s: sum(1 for f in found if f.status == s) for s in ("signed", "declined", "awaiting")}
    total = len(found)
    summary = (f"{tally['signed']} of {total} organisation{'s' * (total != 1)} "
               f"{'has' if total == 1 else 'have'} signed" + (f"; {tally['declined']} declined" if tally["declined"]
                                                             else "") + f"; {tally['awaiting']} awaiting.")
    return Tracker(total=total, summary=summary, **tally)




@dataclass(frozen=True)
class PlanConfig:
    version: int
    milestone_rag: dict
    pay_bands: dict | None


def plan_settings(session: Session, *, actor: Actor, programme: Programme) -> PlanConfig:
    require_view(actor)
    rules = slippage.SlipRules.from_settings(programme.settings)
    return PlanConfig(programme.version, {"red_after_days": rules.red_after_days,
                                          "amber_after_days": rules.amber_after_days},
                      (programme.settings or {}).get("pay_bands"))


def set_plan_settings(session: Session, *, actor: Actor, programme: Programme, version: int, milestone_rag: dict,
                      pay_bands: dict | None) -> PlanConfig:
    """Slippage thresholds and the pay-band override are programme configuration: administrators only."""
    require(actor, Permission.ADMIN_PROGRAMME)
    errors = []
    if problem := slippage.check_rules(milestone_rag):
        errors.append(FieldError("milestone_rag", problem))
    if pay_bands is not None and (problem := costs.check_pay_bands(pay_bands)):
        errors.append(FieldError("pay_bands", problem))
    if errors:
        raise Invalid(errors)
    settings = dict(programme.settings or {}) | {"milestone_rag": dict(milestone_rag)}
    if pay_bands is None:
        settings.pop("pay_bands", None)
    else:
        settings["pay_bands"] = dict(pay_bands)
    apply_changes(programme, {"settings": settings}, expected_version=version, label=f"Programme {programme.key}")
    flush_or_conflict(session, f"Programme {programme.key}")
    return plan_settings(session, actor=actor, programme=programme)
