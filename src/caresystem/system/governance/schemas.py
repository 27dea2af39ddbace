"""Governance bodies, memberships and people in and out of the API and forms."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

BODY_KINDS = {
    "board": "Board", "committee": "Committee", "joint_committee": "Joint committee",
    "steering_group": "Steering group", "working_group": "Working group", "forum": "Forum",
    "advisory_group": "Advisory group",
}
MEMBERSHIP_ROLES = {"chair": "Chair", "vice_chair": "Vice-chair", "member": "Member", "attendee": "Attendee"}


class BodyFields(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=2, max_length=300)
    kind: str
    purpose: str | None = None
    frequency: str | None = Field(None, max_length=200)
    chair: str | None = Field(None, max_length=300)
    host_organisations: list[str] = []
    reports_to: str | None = Field(None, description="key of the body this one reports to")
    meets_in_public: bool = False
    delegated_authority: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    public: bool = True


class BodyCreate(BodyFields):
    key: str = Field(min_length=2, max_length=80, pattern=r"^[a-z0-9][a-z0-9-]*$")


class BodyUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    version: int = Field(ge=1)
    name: str | None = Field(None, min_length=2, max_length=300)
    kind: str | None = None
    purpose: str | None = None
    frequency: str | None = None
    chair: str | None = None
    host_organisations: list[str] | None = None
    reports_to: str | None = None
    meets_in_public: bool | None = None
    delegated_authority: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    public: bool | None = None


class MembershipCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    person: str | None = Field(None, description="key of a person")
    role_title: str | None = Field(None, max_length=300)
    organisation_code: str | None = None
    membership_role: str = "member"
    voting: bool = True
    valid_from: date | None = None
    valid_to: date | None = None


class MembershipRead(BaseModel):
    id: int
    person: str | None = None
    person_name: str | None = None
    role_title: str | None = None
    organisation_code: str | None = None
    membership_role: str
    voting: bool
    valid_from: date | None = None
    valid_to: date | None = None


class BodyRead(BaseModel):
    key: str
    name: str
    kind: str
    purpose: str | None = None
    frequency: str | None = None
    chair: str | None = None
    host_organisations: list[str] = []
    reports_to: str | None = None
    reports_to_from: date | None = Field(None, description="the reporting line holds from this date")
    succeeded_by: str | None = Field(None, description="key of the body that took over when this one ended")
    meets_in_public: bool
    delegated_authority: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    public: bool
    version: int


class BodyDetail(BodyRead):
    members: list[MembershipRead] = []
    reporting_bodies: list[str] = []
    source_document: str | None = None
    source_section: str | None = None


class PersonRoleRead(BaseModel):
    title: str
    organisation_code: str | None = None
    body_key: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None


class PersonRead(BaseModel):
    key: str
    name: str
    roles: list[PersonRoleRead] = []
