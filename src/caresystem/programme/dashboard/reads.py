"""The dashboard and its lines as the API and the page show them."""

from caresystem.programme import raid
from caresystem.programme.dashboard import service
from caresystem.programme.dashboard.schemas import (ActionLine, BenefitLine, DashboardRead, MilestoneBar,
                                                    RiskLine)


def risk_line(risk, programme) -> RiskLine:
    assessed = raid.assessment(risk, programme)
    return RiskLine(reference=risk.reference, title=risk.title, owner=risk.owner, score=assessed.score,
                    rag=assessed.rag, review_date=risk.review_date)


def dashboard_read(found: service.Dashboard) -> DashboardRead:
    programme = found.programme
    return DashboardRead(
        programme=programme.key, programme_name=programme.name, as_at=found.as_at,
        milestone_rags=found.milestones.counts, milestone_rules=found.milestones.rules,
        milestones=[MilestoneBar(**{f: getattr(r, f) for f in MilestoneBar.model_fields})
                    for r in found.milestones.timeline],
        risk_rags=found.risk_rags, top_risks=[risk_line(r, programme) for r in found.top_risks],
        overdue_reviews=[risk_line(r, programme) for r in found.overdue_reviews],
        overdue_actions=[ActionLine(reference=a.reference, title=a.title, owner=a.owner, due=a.due_date)
                         for a in found.overdue_actions],
        benefit_statuses=found.benefits.counts,
        off_track_benefits=[BenefitLine(key=a.benefit.key, title=a.benefit.title, owner=a.benefit.owner,
                                        reason=a.status.reason) for a in found.benefits.off_track])
