"""The plan in and out of the API and forms: create, update (carries `version`), read. Related records by key."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from caresystem.web.pagination import Page

KEY = Field(None, max_length=80, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
            description="stable reference, unique in the programme; the next number is given when left out")
EXTERNAL_ID = Field(None, max_length=200, description="the record's id in the plan file it was imported from")
LINK_TYPES = {"FS": "Finish to start", "SS": "Start to start", "FF": "Finish to finish", "SF": "Start to finish"}
LEVELS = {"ics": "ICS", "system_commissioner": "System commissioner", "icp": "ICP", "pcn": "PCN"}
OBJECTIVE_KINDS = {"aim": "Aim", "primary": "Primary", "secondary": "Secondary", "enabling": "Enabling"}
STATUSES = {"not_started": "Not started", "in_progress": "In progress", "complete": "Complete",
            "on_hold": "On hold", "cancelled": "Cancelled"}
DELIVERABLE_KINDS = {"workstream_deliverable": "Workstream deliverable", "early_priority": "Early priority"}
SIGN_OFF_STATUSES = {"awaiting": "Awaiting", "signed": "Signed", "declined": "Declined"}
ItemType = Literal["milestone", "deliverable", "project"]


class In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Out(BaseModel):
    key: str
    version: int
    notes: str | None = None
    source_document: str | None = None
    source_section: str | None = None


# Projects and workstreams

class ProjectFields(In):
    name: str = Field(min_length=3, max_length=300)
    level: str | None = Field(None, description=f"one of {', '.join(LEVELS)}")
    place: str | None = Field(None, max_length=40, description="place code")
    governance_body: str | None = Field(None, max_length=80, description="governance body key (steering group)")
    senior_sponsor: str | None = None
    project_lead_director: str | None = None
    icp_gp_lead: str | None = None
    non_executive_lead: str | None = None
    objectives: list[str] = Field([], description="objective keys")
    notes: str | None = None


class ProjectCreate(ProjectFields):
    key: str | None = KEY
    external_id: str | None = EXTERNAL_ID


class ProjectUpdate(In):
    version: int = Field(ge=1)
    name: str | None = Field(None, min_length=3, max_length=300)
    level: str | None = None
    place: str | None = Field(None, max_length=40)
    governance_body: str | None = Field(None, max_length=80)
    senior_sponsor: str | None = None
    project_lead_director: str | None = None
    icp_gp_lead: str | None = None
    non_executive_lead: str | None = None
    objectives: list[str] | None = None
    notes: str | None = None


class ProjectRead(Out, ProjectFields):
    model_config = ConfigDict(extra="ignore")


class WorkstreamFields(In):
    name: str = Field(min_length=3, max_length=300)
    lead: str | None = None
    levels: list[str] = Field([], description=f"the levels it serves: {', '.join(LEVELS)}")
    governance_body: str | None = Field(None, max_length=80)
    notes: str | None = None


class WorkstreamCreate(WorkstreamFields):
    key: str | None = KEY
    external_id: str | None = EXTERNAL_ID


class WorkstreamUpdate(In):
    version: int = Field(ge=1)
    name: str | None = Field(None, min_length=3, max_length=300)
    lead: str | None = None
    levels: list[str] | None = None
    governance_body: str | None = Field(None, max_length=80)
    notes: str | None = None


class WorkstreamRead(Out, WorkstreamFields):
    model_config = ConfigDict(extra="ignore")
    deliverables: int = Field(0, description="how many deliverables it has")


class ObjectiveRead(BaseModel):
    key: str
    kind: str
    number: str | None
    text: str
    sub_items: list[dict]
    projects: list[str] = Field(description="keys of the projects delivering it")


class RoleRead(BaseModel):
    key: str
    title: str
    applies_to: str
    responsibility: str | None


# Deliverables and milestones

OWNER_PERSON = Field(None, max_length=80, description="the key of the person in the system model who owns it; give "
                     "owner instead for free text (a name that is a person's in the system links that person)")


class ScheduleFields(In):
    title: str = Field(min_length=3)
    owner: str | None = Field(None, max_length=200)
    owner_person: str | None = OWNER_PERSON
    baseline_date: date | None = None
    forecast_date: date | None = None
    actual_date: date | None = None
    status: str = Field("not_started", description=f"one of {', '.join(STATUSES)}")
    projects: list[str] = Field([], description="project keys")
    notes: str | None = None


class ScheduleUpdate(In):
    version: int = Field(ge=1)
    title: str | None = Field(None, min_length=3)
    owner: str | None = Field(None, max_length=200)
    owner_person: str | None = OWNER_PERSON
    baseline_date: date | None = None
    forecast_date: date | None = None
    actual_date: date | None = None
    status: str | None = None
    projects: list[str] | None = None
    notes: str | None = None


class Derived(BaseModel):
    due_date: date | None = Field(description="forecast, else baseline (derived)")
    slip_days: int | None = Field(description="forecast minus baseline in days (derived)")
    rag: str = Field(description="red, amber, green, complete, no_date or cancelled (derived from slippage)")
    rag_reason: str
    overdue: bool


class MilestoneCreate(ScheduleFields):
    key: str | None = KEY
    external_id: str | None = EXTERNAL_ID
    workstreams: list[str] = Field([], description="workstream keys")
    date_text: str | None = Field(None, max_length=100, description="the date as the source document gives it")


class MilestoneUpdate(ScheduleUpdate):
    workstreams: list[str] | None = None
    date_text: str | None = Field(None, max_length=100)


class MilestoneRead(Out, MilestoneCreate, Derived):
    model_config = ConfigDict(extra="ignore")
    key: str


class DeliverableCreate(ScheduleFields):
    key: str | None = KEY
    external_id: str | None = EXTERNAL_ID
    kind: str | None = Field(None, description=f"one of {', '.join(DELIVERABLE_KINDS)}")
    number: str | None = Field(None, max_length=10)
    workstream: str | None = Field(None, description="workstream key")


class DeliverableUpdate(ScheduleUpdate):
    kind: str | None = None
    number: str | None = Field(None, max_length=10)
    workstream: str | None = None


class DeliverableRead(Out, DeliverableCreate, Derived):
    model_config = ConfigDict(extra="ignore")
    key: str


class RagCounts(BaseModel):
    counts: dict[str, int]
    rules: list[str]


# The dependency network

class DependencyCreate(In):
    predecessor_type: ItemType = "milestone"
    predecessor: str = Field(min_length=1, description="key of the item that must come first")
    successor_type: ItemType = "milestone"
    successor: str = Field(min_length=1, description="key of the item that depends on it")
    lag_days: int = Field(0, ge=0, le=3650, description="days the successor needs after the predecessor")
    link_type: Literal["FS", "SS", "FF", "SF"] = Field("FS", description="the link type planning tools give it")
    note: str | None = None


class ItemRef(BaseModel):
    type: str
    key: str
    title: str
    due_date: date | None = None


class DependencyRead(BaseModel):
    id: int
    version: int
    predecessor: ItemRef
    successor: ItemRef
    lag_days: int
    link_type: str = "FS"
    note: str | None


class MovedRead(BaseModel):
    item: ItemRef
    current_due: date | None
    new_forecast: date | None
    moved_by_days: int
    via: list[str] = Field(description="the chain of items that pushes it most, from the slipped item")


class WhatMoves(BaseModel):
    item: ItemRef
    days: int
    new_forecast: date | None
    moves: list[MovedRead] = Field(description="every downstream item, in dependency order")
    summary: str


# Resource plan and sign-off

class ResourceFields(In):
    role: str = Field(min_length=2, max_length=300)
    description: str | None = None
    holder: str | None = None
    posts: int | None = Field(None, ge=0)
    wte: float | None = Field(None, ge=0, le=1000, description="whole-time equivalent, in total")
    band: str | None = Field(None, description="an Agenda for Change band ('7', '8a') or 'existing'")
    additional: bool | None = Field(None, description="new resource (true) or existing (false)")
    source_organisation: str | None = Field(None, max_length=20, description="organisation code")
    source_organisation_text: str | None = Field(None, max_length=300)
    projects: list[str] = []
    notes: str | None = None


class ResourceCreate(ResourceFields):
    key: str | None = KEY


class ResourceUpdate(In):
    version: int = Field(ge=1)
    role: str | None = Field(None, min_length=2, max_length=300)
    description: str | None = None
    holder: str | None = None
    posts: int | None = Field(None, ge=0)
    wte: float | None = Field(None, ge=0, le=1000)
    band: str | None = None
    additional: bool | None = None
    source_organisation: str | None = Field(None, max_length=20)
    source_organisation_text: str | None = Field(None, max_length=300)
    projects: list[str] | None = None
    notes: str | None = None


class ResourceRead(Out, ResourceFields):
    model_config = ConfigDict(extra="ignore")
    annual_cost: float | None = Field(description="derived from the pay-band table; null when not costed")
    costed_wte: float | None
    cost_basis: str


class ResourceTotals(BaseModel):
    lines: int
    wte: float = Field(description="WTE of every line that gives one (posts assumed full time where WTE is not given)")
    additional_wte: float
    existing_wte: float
    annual_cost: float = Field(description="the cost of the new (costed) resource a year")
    not_costed: int
    pay_table: str
    pay_table_source: str
    on_cost_percent: float


class ResourcePlan(Page[ResourceRead]):
    totals: ResourceTotals


class SignOffFields(In):
    organisation_name: str = Field(min_length=2, max_length=300)
    organisation: str | None = Field(None, max_length=20, description="organisation code")
    signatory: str | None = Field(None, max_length=300)
    signed_on: date | None = None
    status: str = Field("awaiting", description=f"one of {', '.join(SIGN_OFF_STATUSES)}")
    notes: str | None = None


class SignOffCreate(SignOffFields):
    key: str | None = KEY


class SignOffUpdate(In):
    version: int = Field(ge=1)
    organisation_name: str | None = Field(None, min_length=2, max_length=300)
    organisation: str | None = Field(None, max_length=20)
    signatory: str | None = Field(None, max_length=300)
    signed_on: date | None = None
    status: str | None = None
    notes: str | None = None


class SignOffRead(Out, SignOffFields):
    model_config = ConfigDict(extra="ignore")


class Tracker(BaseModel):
    total: int
    signed: int
    declined: int
    awaiting: int
    summary: str


class SignOffs(Page[SignOffRead]):
    tracker: Tracker


class PlanSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description="the programme's version, for optimistic concurrency")
    milestone_rag: dict[str, int] = Field(description="red_after_days, amber_after_days")
    pay_bands: dict | None = Field(None, description="override of the packaged pay-band table (or null)")
