"""Meeting schemas in and out (related records by key or id)."""

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

PURPOSES = {"decision": "For decision", "assurance": "For assurance", "discussion": "For discussion",
            "information": "For information"}
DECLARATION_ACTIONS = {"noted": "Noted", "withdrew": "Withdrew from the item", "did_not_vote": "Did not vote"}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TermsUpdate(Strict):
    version: int | None = None            # none when the body has no terms of reference yet
    frequency: str | None = None
    vice_chair: str | None = Field(None, max_length=300)
    quorum_share: float | None = Field(None, ge=0, le=1)
    quorum_chair_or_vice: bool = False
    quorum_roles: list[str] = []
    paper_deadline_days: int | None = Field(None, ge=0, le=60)
    usual_time: str = Field("10:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    duration_minutes: int = Field(120, ge=15, le=600)
    location: str | None = Field(None, max_length=300)


class TermsRead(BaseModel):
    body_key: str
    body_name: str
    purpose: str | None
    chair: str | None
    vice_chair: str | None
    frequency: str | None
    meets_in_public: bool
    quorum_rule: str
    quorum_share: float | None
    quorum_chair_or_vice: bool
    quorum_roles: list[str]
    paper_deadline_days: int | None
    usual_time: str
    duration_minutes: int
    location: str | None
    version: int | None
    source: str | None


class MemberLink(Strict):
    person: str = Field(min_length=1, max_length=80, description="the person's key in the system model")


class ScheduleRequest(Strict):
    body: str
    first: date
    until: date


class MeetingCreate(Strict):
    body: str
    on: date
    time: str | None = Field(None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    location: str | None = Field(None, max_length=300)


class MeetingMove(Strict):
    version: int
    on: date
    time: str = Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    location: str | None = Field(None, max_length=300)


class MeetingCancel(Strict):
    version: int
    reason: str = Field(min_length=1)


class AttendanceRead(BaseModel):
    id: int
    name: str
    person_key: str | None
    membership_role: str
    voting: bool
    status: str


class QuorumRead(BaseModel):
    known: bool
    met: bool
    voting_members: int
    voting_present: int
    needed: int
    summary: str


class MeetingRead(BaseModel):
    id: int
    uid: str
    body: str
    body_name: str
    title: str
    starts_at: datetime
    local_start: str
    duration_minutes: int
    location: str | None
    status: str
    moved_from: datetime | None
    cancelled_reason: str | None
    sequence: int
    minutes_status: str
    public: bool
    paper_deadline: date | None
    version: int


class MeetingDetail(MeetingRead):
    attendance: list[AttendanceRead]
    quorum: QuorumRead


class AttendanceUpdate(Strict):
    statuses: dict[int, str]              # attendance id -> present | apologies | absent | in_attendance


class GuestCreate(Strict):
    name: str = Field(min_length=1, max_length=300)


class ItemCreate(Strict):
    title: str = Field(min_length=1)
    purpose: str = "information"
    presenter: str | None = Field(None, max_length=300)
    minutes_allowed: int | None = Field(None, ge=1, le=600)


class ItemDecision(Strict):
    version: int
    accept: bool
    reason: str | None = None             # required to remove


class ItemRead(BaseModel):
    id: int
    position: int
    number: str | None
    title: str
    kind: str
    purpose: str
    presenter: str | None
    minutes_allowed: int | None
    source: str | None
    source_ref: str | None
    why: str | None
    state: str
    removed_reason: str | None
    discussion: str | None
    version: int


class MinuteUpdate(Strict):
    version: int
    discussion: str | None = None


class Amendment(Strict):
    discussion: str | None = None
    reason: str = Field(min_length=1)


class DecisionCreate(Strict):
    title: str = Field(min_length=1)
    rationale: str | None = None
    function: str | None = None           # the function key it exercises
    amount: float | None = Field(None, ge=0)
    programme: str | None = None          # whose decisions log; the system's first programme when none is given


class DecisionRead(BaseModel):
    reference: str
    title: str
    rationale: str | None
    function: str | None
    amount: float | None
    decided_on: date | None
    body: str
    delegation: str
    held_by: list[str]
    explanation: str
    meeting_id: int
    item_id: int


class ActionCreate(Strict):
    title: str = Field(min_length=1)
    owner: str | None = Field(None, max_length=200, description="who owns it: a person's name (which links the person "
                              "in the system model) or any other text; give this or owner_person")
    owner_person: str | None = Field(None, max_length=80, description="the key of the person in the system model who "
                                     "owns it")
    due_date: date
    programme: str | None = None          # whose actions log; the system's first programme when none is given


class ActionRead(BaseModel):
    reference: str
    title: str
    owner: str | None
    owner_person: str | None = None
    due_date: date | None
    status: str
    overdue: bool


class DeclarationCreate(Strict):
    person_name: str = Field(min_length=1, max_length=300)
    person_key: str | None = None
    item_id: int | None = None
    interest: str = Field(min_length=1)
    interest_reference: str | None = Field(None, max_length=20, description="its entry in the register of interests")
    action_taken: str


class DeclarationRead(BaseModel):
    id: int
    person_name: str
    person_key: str | None
    item_id: int | None
    item_title: str | None
    interest: str
    interest_reference: str | None
    action_taken: str


class PaperFields(Strict):
    title: str = Field(min_length=1, max_length=300)
    item_id: int | None = None
    public: bool = False
    author: str | None = Field(None, max_length=300)
    purpose: str = "information"
    recommendation: str | None = None
    linked_risks: list[str] = []


class PaperUpdate(PaperFields):
    version: int


class PaperRead(BaseModel):
    id: int
    title: str
    item_id: int | None
    public: bool
    author: str | None
    purpose: str
    recommendation: str | None
    linked_risks: list[str]
    current_version: int | None
    kind: str | None
    size: int | None
    pages: int | None
    version: int


class DelegationRead(BaseModel):
    function: str
    function_name: str
    kind: str
    limit_amount: float | None
    valid_from: date | None
    valid_to: date | None
    notes: str | None
    source: str | None
