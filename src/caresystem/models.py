"""Every table, imported in one place so migrations and tests see the whole schema."""

from caresystem.auth.audit.models import AuditEntry  # noqa: F401
from caresystem.auth.models import ApiToken, User, UserScope  # noqa: F401
from caresystem.system.functions.models import Function, FunctionAllocation, SubsidiarityTest  # noqa: F401
from caresystem.system.geography.models import Place, SystemProfile  # noqa: F401
from caresystem.system.governance.models import GovernanceBody, Membership, Person, PersonRole  # noqa: F401
from caresystem.system.interests.models import Interest  # noqa: F401
from caresystem.system.oversight.models import OversightLine  # noqa: F401
from caresystem.system.principles.models import Principle, PrincipleSet  # noqa: F401
from caresystem.system.planning.models import PlanningFramework, PlanningItem  # noqa: F401
from caresystem.system.organisations.models import Budget, Organisation, RegisteredPopulation  # noqa: F401
from caresystem.programme.core.models import Programme  # noqa: F401
from caresystem.programme.raid.models import (Action, Assumption, Decision, Dependency, EscalationRule,  # noqa: F401
                                             Issue, Risk, RiskScore)
from caresystem.programme.engagement.models import (Audience, Communication, CommunicationOccurrence,  # noqa: F401
                                                    Stakeholder, YouSaidWeDid)
from caresystem.programme.benefits.models import (Benefit, BenefitActual, BenefitEscalationRule,  # noqa: F401
                                                  BenefitMeasure, TrajectoryPoint)
from caresystem.programme.impact.models import ImpactAssessment, ImpactDomain  # noqa: F401
from caresystem.programme.plan.models import (Deliverable, Milestone, Objective, PlanDependency, PlanRole,  # noqa: F401
                                              Project, ResourceLine, SignOff, Workstream)
from caresystem.meetings.models import (AgendaItem, Attendance, Declaration, Delegation, Meeting,  # noqa: F401
                                        MeetingPack, MemberAccount, MinutedAction, MinutedDecision,
                                        MinutesAmendment, Paper, PaperVersion, TermsOfReference)
from caresystem.programme.highlight.models import HighlightReport, HighlightSubmission  # noqa: F401
from caresystem.assurance.measures.models import (Measure, MeasureEscalationRule, MeasureNarrative,  # noqa: F401
                                                  MeasureValue, MustDo)
from caresystem.assurance.finance.models import FinanceFigure, StatedTotal, WorkforceFigure  # noqa: F401
from caresystem.programme.plan.interchange.models import PlanImportPreview  # noqa: F401
