"""The assumptions, issues, dependencies, decisions and actions logs described once, as data, on the register
frame (`programme/registers`): each one's fields drive its schemas, its API, its pages and its spreadsheets. Risks
are richer (scores, history, escalation) and have their own modules.
"""

from caresystem import clock
from caresystem.programme.core import Completion
from caresystem.programme.links import check_body
from caresystem.programme.raid.models import Action, Assumption, Decision, Dependency, Issue, Risk
from caresystem.programme.registers import Register, build_schemas, text_field

TITLE, DESCRIPTION = text_field("title", "Title"), text_field("description", "Description", kind="textarea")
OWNER = text_field("owner", "Owner", max_length=200)
OWNER_PERSON = text_field("owner_person", "Owner (person key)", kind="person", max_length=80,
                          hint="the key of the person in the system model who owns it; give owner instead for free "
                               "text (a name that is a person's in the system links that person)")
NAV = "raid/_nav.html"

ASSUMPTIONS = Register(
    key="assumptions", singular="assumption", title="Assumptions", prefix="A", model=Assumption,
    fields=[TITLE, DESCRIPTION, OWNER,
            text_field("how_tested", "How it is tested", kind="textarea"),
            text_field("last_tested", "Last tested", kind="date"),
            text_field("next_test_due", "Next test due", kind="date", hint="Overdue once past while not found invalid")],
    nav=NAV, statuses={"untested": "Not yet tested", "valid": "Holds", "invalid": "Found invalid"},
    default_status="untested",
    closed_statuses=frozenset({"invalid"}), overdue_field="next_test_due", source="PID section 2.6",
    detail_extra="raid/_assumption_raised.html")

ISSUES = Register(
    key="issues", singular="issue", title="Issues", prefix="I", model=Issue,
    fields=[TITLE, DESCRIPTION, OWNER,
            text_field("priority", "Priority", kind="choice", choices={"low": "Low", "medium": "Medium", "high": "High"}),
            text_field("raised_on", "Raised on", kind="date"), text_field("resolve_by", "Resolve by", kind="date"),
            text_field("resolution", "Resolution", kind="textarea"),
            text_field("assumption_reference", "From assumption", kind="link", link="assumptions", link_model=Assumption,
                  hint="The reference of the assumption that failed, if this issue came from one")],
    nav=NAV, statuses={"open": "Open", "resolved": "Resolved", "closed": "Closed"}, default_status="open",
    closed_statuses=frozenset({"resolved", "closed"}), overdue_field="resolve_by", source="PID section 7")

DEPENDENCIES = Register(
    key="dependencies", singular="dependency", title="Dependencies", prefix="D", model=Dependency,
    fields=[TITLE, DESCRIPTION, OWNER,
            text_field("direction", "Direction", kind="choice",
                  choices={"inbound": "We depend on it", "outbound": "It depends on us"}),
            text_field("depends_on", "Depends on", kind="textarea", hint="The programme, project or body on the other side"),
            text_field("needed_by", "Needed by", kind="date")],
    nav=NAV, statuses={"open": "Open", "at_risk": "At risk", "met": "Met", "closed": "Closed"}, default_status="open",
    closed_statuses=frozenset({"met", "closed"}), overdue_field="needed_by", source="PID section 7")

ACTION_STATUSES = {"open": "Open", "in_progress": "In progress", "done": "Done", "cancelled": "Cancelled"}
ACTION_DONE = Completion(done_status="done", date_field="completed_on", date_label="a completed on date",
                         statuses=ACTION_STATUSES)


def _action_check(session, values: dict) -> list:
    return ACTION_DONE.errors(values, clock.today(session))


def _decision_check(session, values: dict) -> list:
    return check_body(session, values.get("body_key"))


DECISIONS = Register(
    key="decisions", singular="decision", title="Decisions", prefix="DEC", model=Decision,
    fields=[text_field("title", "Decision"), DESCRIPTION, OWNER,
            text_field("body_key", "Decided by (governance body key)", max_length=80, names="bodies",
                  hint="For example, system-transformation-executive-board"),
            text_field("decided_on", "Decided on", kind="date"), text_field("rationale", "Rationale", kind="textarea")],
    nav=NAV, statuses={"proposed": "Proposed", "agreed": "Agreed", "superseded": "Superseded"}, default_status="agreed",
    closed_statuses=frozenset({"agreed", "superseded"}), source="PID section 3.2",
    detail_extra="principles/_cited.html", check=_decision_check)

ACTIONS = Register(
    key="actions", singular="action", title="Actions", prefix="AC", model=Action,
    fields=[TITLE, DESCRIPTION, OWNER, OWNER_PERSON, text_field("due_date", "Due", kind="date"),
            text_field("completed_on", "Completed on", kind="date"),
            text_field("risk_reference", "Mitigates risk", kind="link", link="risks", link_model=Risk,
                  hint="The reference of the risk this action mitigates, if any")],
    nav=NAV, statuses=ACTION_STATUSES,
    default_status="open", closed_statuses=frozenset({"done", "cancelled"}), overdue_field="due_date",
    source="PID section 7.1", check=_action_check)

REGISTERS = {r.key: build_schemas(r) for r in (ASSUMPTIONS, ISSUES, DEPENDENCIES, DECISIONS, ACTIONS)}
