"""The assumptions, issues, dependencies, decisions and actions logs described once, as data.

Each register's fields drive its schemas, its API, its pages and its spreadsheets, so a log is added or changed
in one place. Risks are richer (scores, history, escalation) and have their own modules.
"""

from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, create_model

from caresystem.programme.raid.models import Action, Assumption, Decision, Dependency, Issue


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: str = "text"                 # text | textarea | date | choice | link
    choices: dict[str, str] | None = None
    hint: str | None = None
    max_length: int | None = None
    link: str | None = None            # for kind "link": the register it points at ("risks", "assumptions")


@dataclass(frozen=True)
class Register:
    key: str                           # URL segment and table name
    singular: str
    title: str
    prefix: str                        # references are numbered PREFIX001, PREFIX002...
    model: type
    fields: list[FieldSpec]
    statuses: dict[str, str]
    default_status: str
    closed_statuses: frozenset[str]
    overdue_field: str | None = None   # a date that, once past while the entry is not closed, flags it overdue
    source: str = ""                   # where the register comes from in the documents
    schemas: dict[str, type[BaseModel]] = field(default_factory=dict, compare=False)

    @property
    def create(self) -> type[BaseModel]:
        return self.schemas["create"]

    @property
    def update(self) -> type[BaseModel]:
        return self.schemas["update"]

    @property
    def read(self) -> type[BaseModel]:
        return self.schemas["read"]

    def field(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)


def _text(name, label, **kw):
    return FieldSpec(name, label, **kw)


TITLE, DESCRIPTION = _text("title", "Title"), _text("description", "Description", kind="textarea")
OWNER = _text("owner", "Owner", max_length=200)

ASSUMPTIONS = Register(
    key="assumptions", singular="assumption", title="Assumptions", prefix="A", model=Assumption,
    fields=[TITLE, DESCRIPTION, OWNER,
            _text("how_tested", "How it is tested", kind="textarea"),
            _text("last_tested", "Last tested", kind="date"),
            _text("next_test_due", "Next test due", kind="date", hint="Overdue once past while not found invalid")],
    statuses={"untested": "Not yet tested", "valid": "Holds", "invalid": "Found invalid"}, default_status="untested",
    closed_statuses=frozenset({"invalid"}), overdue_field="next_test_due", source="PID section 2.6")

ISSUES = Register(
    key="issues", singular="issue", title="Issues", prefix="I", model=Issue,
    fields=[TITLE, DESCRIPTION, OWNER,
            _text("priority", "Priority", kind="choice", choices={"low": "Low", "medium": "Medium", "high": "High"}),
            _text("raised_on", "Raised on", kind="date"), _text("resolve_by", "Resolve by", kind="date"),
            _text("resolution", "Resolution", kind="textarea"),
            _text("assumption_reference", "From assumption", kind="link", link="assumptions",
                  hint="The reference of the assumption that failed, if this issue came from one")],
    statuses={"open": "Open", "resolved": "Resolved", "closed": "Closed"}, default_status="open",
    closed_statuses=frozenset({"resolved", "closed"}), overdue_field="resolve_by", source="PID section 7")

DEPENDENCIES = Register(
    key="dependencies", singular="dependency", title="Dependencies", prefix="D", model=Dependency,
    fields=[TITLE, DESCRIPTION, OWNER,
            _text("direction", "Direction", kind="choice",
                  choices={"inbound": "We depend on it", "outbound": "It depends on us"}),
            _text("depends_on", "Depends on", kind="textarea", hint="The programme, project or body on the other side"),
            _text("needed_by", "Needed by", kind="date")],
    statuses={"open": "Open", "at_risk": "At risk", "met": "Met", "closed": "Closed"}, default_status="open",
    closed_statuses=frozenset({"met", "closed"}), overdue_field="needed_by", source="PID section 7")

DECISIONS = Register(
    key="decisions", singular="decision", title="Decisions", prefix="DEC", model=Decision,
    fields=[_text("title", "Decision"), DESCRIPTION, OWNER,
            _text("body_key", "Decided by (governance body key)", max_length=80,
                  hint="For example, system-transformation-executive-board"),
            _text("decided_on", "Decided on", kind="date"), _text("rationale", "Rationale", kind="textarea")],
    statuses={"proposed": "Proposed", "agreed": "Agreed", "superseded": "Superseded"}, default_status="agreed",
    closed_statuses=frozenset({"agreed", "superseded"}), source="PID section 3.2")

ACTIONS = Register(
    key="actions", singular="action", title="Actions", prefix="AC", model=Action,
    fields=[TITLE, DESCRIPTION, OWNER, _text("due_date", "Due", kind="date"),
            _text("completed_on", "Completed on", kind="date"),
            _text("risk_reference", "Mitigates risk", kind="link", link="risks",
                  hint="The reference of the risk this action mitigates, if any")],
    statuses={"open": "Open", "in_progress": "In progress", "done": "Done", "cancelled": "Cancelled"},
    default_status="open", closed_statuses=frozenset({"done", "cancelled"}), overdue_field="due_date",
    source="PID section 7.1")

REGISTERS = {r.key: r for r in (ASSUMPTIONS, ISSUES, DEPENDENCIES, DECISIONS, ACTIONS)}


def _annotation(spec: FieldSpec):
    return date if spec.kind == "date" else str


def _pydantic_field(spec: FieldSpec, *, required: bool = False):
    if spec.name == "title":
        return (str, Field(min_length=3)) if required else (str | None, Field(None, min_length=3))
    return (_annotation(spec) | None, Field(None, max_length=spec.max_length, description=spec.hint))


def _build(register: Register) -> None:
    config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    name = register.singular.capitalize()
    fields = {f.name: _pydantic_field(f, required=True) for f in register.fields}
    register.schemas["create"] = create_model(
        f"{name}Create", __config__=config, **fields, status=(str, register.default_status),
        reference=(str | None, Field(None, max_length=20, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")))
    register.schemas["update"] = create_model(
        f"{name}Update", __config__=config, version=(int, Field(ge=1)), status=(str | None, None),
        **{f.name: _pydantic_field(f) for f in register.fields})
    register.schemas["read"] = create_model(
        f"{name}Read", reference=(str, ...), version=(int, ...), status=(str, ...), overdue=(bool, False),
        source_document=(str | None, None), source_section=(str | None, None),
        **{f.name: (_annotation(f) | None, None) for f in register.fields})


for _register in REGISTERS.values():
    _build(_register)
