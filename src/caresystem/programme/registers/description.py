"""A register described as data: its fields drive its schemas, its API, its pages and its spreadsheets, so a log
is added or changed in one place (the assumptions, issues, dependencies, decisions and actions logs are described
this way in `programme/raid/registers.py`)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, create_model


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label: str
    kind: str = "text"                 # text | textarea | date | choice | link | person
    choices: dict[str, str] | None = None
    hint: str | None = None
    max_length: int | None = None
    link: str | None = None            # for kind "link": the register it points at ("risks", "assumptions")
    link_model: type | None = None     # ... and that register's model, whose entries are found by reference
    names: str | None = None           # "bodies": the value is a governance body's key, shown by the body's name
    # kind "person" (one field, `owner_person`): the key of the person in the system model who owns the entry, set
    # with the `owner` text by `system.names.link_owner`; forms offer the owner's text, which links a person's name.


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
    nav: str | None = None             # template of the navigation its pages show (the RAID tabs)
    detail_extra: str | None = None    # template its detail page adds below the fields
    # The register's own rule, check(session, values) -> [FieldError], given the entry as it will be after the change
    # (links already turned into records: `risk`, not `risk_reference`).
    check: Callable | None = field(default=None, compare=False)
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


def text_field(name: str, label: str, **kw) -> FieldSpec:
    return FieldSpec(name, label, **kw)


def _annotation(spec: FieldSpec):
    return date if spec.kind == "date" else str


def _pydantic_field(spec: FieldSpec, *, required: bool = False):
    if spec.name == "title":
        return (str, Field(min_length=3)) if required else (str | None, Field(None, min_length=3))
    return (_annotation(spec) | None, Field(None, max_length=spec.max_length, description=spec.hint))


def build_schemas(register: Register) -> Register:
    """Give the register its Create, Update and Read schemas, made from its fields; returns it."""
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
    return register
