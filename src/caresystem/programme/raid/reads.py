"""What a risk is made of when it leaves the service: the register row, the detail with its score history and efficacy, the export rows; one place for the API, the pages and other parts."""

from caresystem.programme.raid import service
from caresystem.programme.registers import is_overdue
from caresystem.programme.raid.registers import ACTIONS
from caresystem.programme.raid.schemas import EfficacyRead, MitigatingAction, RiskDetail, RiskRead, ScoreRead
from caresystem.programme.raid.models import Assumption
from caresystem.programme.raid.scoring import score
from caresystem.programme.registers import EXPORT_LIMIT
from caresystem.system.names import Names, look_up


def risk_read(risk, programme, rules) -> RiskRead:
    assessed = service.assessment(risk, programme)
    fields = {f: getattr(risk, f) for f in RiskRead.model_fields if hasattr(risk, f) and f not in ("score",)}
    return RiskRead(**fields, score=assessed.score, grade=assessed.grade, rag=assessed.rag,
                    inherent_score=score(risk.inherent_impact, risk.inherent_likelihood),
                    target_score=score(risk.target_impact, risk.target_likelihood),
                    review_overdue=service.is_review_overdue(risk), escalated_to=service.escalated_to(risk, rules),
                    escalation_notes=service.escalation_notes(risk, rules))


def risk_detail(session, risk, programme) -> RiskDetail:
    read = risk_read(risk, programme, service.standings_of(session, programme))
    scores = service.history(session, risk)
    found = service.mitigation_efficacy(risk, scores)
    assumption = session.get(Assumption, risk.assumption_id) if risk.assumption_id else None
    return RiskDetail(
        **read.model_dump(), trend=service.score_trend(scores), assumption=assumption and assumption.reference,
        efficacy=EfficacyRead(opening_score=found.opening, current_score=found.current, target_score=found.target,
                              reduction=found.reduction, share_of_target=found.share_of_target, summary=found.summary),
        actions=[MitigatingAction(reference=a.reference, title=a.title, owner=a.owner, due_date=a.due_date,
                                  status=a.status, overdue=is_overdue(ACTIONS, a))
                 for a in service.mitigating_actions(session, risk)],
        history=[ScoreRead(recorded_at=h.recorded_at.isoformat(), recorded_by=h.recorded_by, impact=h.impact,
                           likelihood=h.likelihood, score=h.score) for h in scores])


def names_in(session, reads) -> Names:
    """The names of the bodies the risks go to and of the places they are scoped to, in one look-up per kind."""
    reads = list(reads)
    return look_up(session, bodies=[key for r in reads for key in r.escalated_to],
                   places=[r.scope_ref for r in reads if r.scope == "place"])


def export_records(session, actor, programme, filters: dict) -> list[dict]:
    """Export rows: the risk as stored (codes, so the file imports back) and the names of its bodies and place."""
    risks, _ = service.list_risks(session, actor=actor, programme=programme, **(filters | {"sort": "reference"}),
                                  limit=EXPORT_LIMIT)
    rules = service.standings_of(session, programme)
    reads = [risk_read(r, programme, rules) for r in risks]
    names = names_in(session, reads)
    return [r.model_dump() | {"place_name": names.place(r.scope_ref) if r.scope == "place" else None,
                              "escalated_to_names": "; ".join(names.body(k) for k in r.escalated_to),
                              "escalated_to": "; ".join(r.escalated_to)} for r in reads]


def escalated_reads(session, found) -> list[RiskRead]:
    rules: dict[int, list] = {}
    for _, prog in found:
        if prog.id not in rules:
            rules[prog.id] = service.standings_of(session, prog)
    return [risk_read(risk, prog, rules[prog.id]) for risk, prog in found]
