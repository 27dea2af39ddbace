"""Engagement records in and out of the API and forms: Create, Update (carries `version`) and Read per record."""

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from caresystem.programme.engagement.rules import FREQUENCIES

CATEGORIES = {"programme_reporting": "Programme reporting", "existing": "Existing channel",
              "potential_new": "Potential new activity"}
FEEDBACK_STATUSES = {"open": "Open", "in_progress": "In progress", "done": "Done",
                     "not_taken_forward": "Not taken forward"}
KEY = Field(None, max_length=80, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
            description="a stable lower-case slug; made from the name when left out")
Rating = Field(None, ge=1, le=5, description="1 (low) to 5 (high)")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Read(BaseModel):
    version: int
    source_document: str | None = None
    source_section: str | None = None


# Audiences (PID 8.2)

class AudienceFields(Strict):
    name: str = Field(min_length=2, max_length=300)
    includes: str | None = None
    rationale: str | None = None
    notes: str | None = None


class AudienceCreate(AudienceFields):
    key: str | None = KEY


class AudienceUpdate(Strict):
    version: int = Field(ge=1)
    name: str | None = Field(None, min_length=2, max_length=300)
    includes: str | None = None
    rationale: str | None = None
    notes: str | None = None


class AudienceRead(AudienceFields, Read):
    key: str


# Stakeholders (PID 8.2)

class Forum(Strict):
    forum: str = Field(min_length=1, description="the forum as named")
    body: str | None = Field(None, max_length=80, description="the governance body key it is, if any")
    filled_by: list[str] = Field([], description="who fills the role there")
    tbc: bool = False
    notes: str | None = None


class StakeholderFields(Strict):
    name: str = Field(min_length=2, max_length=300)
    organisations: list[str] = Field([], description="organisation codes (ODS, ONS or local)")
    forums: list[Forum] = []
    influence: int | None = Rating
    interest: int | None = Rating
    notes: str | None = None


class StakeholderCreate(StakeholderFields):
    key: str | None = KEY


class StakeholderUpdate(Strict):
    version: int = Field(ge=1)
    name: str | None = Field(None, min_length=2, max_length=300)
    organisations: list[str] | None = None
    forums: list[Forum] | None = None
    influence: int | None = Rating
    interest: int | None = Rating
    notes: str | None = None


class StakeholderRead(StakeholderFields, Read):
    key: str
    quadrant: str | None = Field(description="derived: manage_closely, keep_satisfied, keep_informed or monitor")
    quadrant_label: str | None = None


# Communications plan (PID 8.3)

class CommunicationFields(Strict):
    tool: str = Field(min_length=3)
    description: str | None = None
    category: str | None = Field(None, description=", ".join(CATEGORIES))
    frequency: str = Field("tbc", description=", ".join(FREQUENCIES))
    frequency_text: str | None = None
    responsible: str | None = Field(None, max_length=200)
    audience_text: str | None = Field(None, description="the audience in words")
    audience_keys: list[str] = Field([], description="audience keys")
    starts_on: date | None = Field(None, description="first occurrence; occurrences are generated from it")
    ends_on: date | None = Field(None, description="last possible occurrence; open-ended plans run a year ahead")
    notes: str | None = None


class CommunicationCreate(CommunicationFields):
    key: str | None = KEY


class CommunicationUpdate(Strict):
    version: int = Field(ge=1)
    tool: str | None = Field(None, min_length=3)
    description: str | None = None
    category: str | None = None
    frequency: str | None = None
    frequency_text: str | None = None
    responsible: str | None = Field(None, max_length=200)
    audience_text: str | None = None
    audience_keys: list[str] | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    notes: str | None = None


class CommunicationRead(CommunicationFields, Read):
    key: str
    next_due: date | None = None
    overdue: int = Field(0, description="occurrences past due and not done")


class OccurrenceRead(BaseModel):
    id: int
    version: int
    communication: str = Field(description="the communication's key")
    tool: str
    responsible: str | None
    due_on: date
    done: bool
    done_at: datetime | None
    done_by: str | None
    note: str | None
    overdue: bool = Field(description="due before today and not done, in a programme still open")
    not_recorded: bool = Field(description="due before today and not done, in a programme that has since closed")


class OccurrenceDone(Strict):
    version: int = Field(ge=1)
    done: bool = Field(True, description="false reopens an occurrence marked done by mistake")
    note: str | None = None


class OccurrenceAdd(Strict):
    due_on: date = Field(description="for communications without a regular schedule, such as per meeting")


# "You said, we did" (document 001 section 5.5)

class FeedbackFields(Strict):
    said_on: date | None = None
    date_text: str | None = Field(None, max_length=200)
    audience_key: str | None = Field(None, max_length=80)
    forum: str | None = Field(None, max_length=300)
    you_said: str = Field(min_length=3)
    we_did: str | None = None
    status: str = "open"
    published: bool = False


class FeedbackCreate(FeedbackFields):
    reference: str | None = Field(None, max_length=80, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class FeedbackUpdate(Strict):
    version: int = Field(ge=1)
    said_on: date | None = None
    date_text: str | None = None
    audience_key: str | None = None
    forum: str | None = None
    you_said: str | None = Field(None, min_length=3)
    we_did: str | None = None
    status: str | None = None
    published: bool | None = None


class FeedbackRead(FeedbackFields, Read):
    reference: str
