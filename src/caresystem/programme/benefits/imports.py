"""The benefits register and benefits' actuals imported from XLSX or CSV, on the register frame
(`programme.registers`): the register's download read back (its worked-out columns skipped), every bad row reported
in one pass, all rows or none. Each row goes through the benefit service, so an import keeps every rule the forms
and the API keep (types, measures, baseline before target, no future or out-of-bounds actuals)."""

from datetime import date

from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.auth import Actor
from caresystem.errors import Invalid
from caresystem.programme.benefits import service, spreadsheet
from caresystem.programme.benefits.models import Benefit
from caresystem.programme.benefits.schemas import (KEY_PATTERN, TYPES, ActualCreate, BenefitCreate, BenefitUpdate,
                                                   Measure, Strict, Value)
from caresystem.programme.benefits.trajectory import DIRECTIONS
from caresystem.programme.core import Programme
from caresystem.programme.registers import Layout, ParsedRow, import_rows, read_file


class BenefitRow(Strict):
    """One row of the register as its download lays it out: the measure spread over its columns, beneficiaries
    separated by semicolons."""

    key: str | None = Field(None, max_length=80, pattern=KEY_PATTERN)
    title: str = Field(min_length=3)
    objective: str | None = Field(None, max_length=300)
    beneficiaries: str | None = None
    type: str | None = None
    owner: str | None = Field(None, max_length=200)
    project: str | None = Field(None, max_length=80)
    measure: str | None = None
    unit: str | None = Field(None, max_length=40)
    direction: str | None = None
    baseline_value: float | None = Value(None)
    baseline_date: date | None = None
    target_value: float | None = Value(None)
    target_low: float | None = Value(None)
    target_high: float | None = Value(None)
    target_date: date | None = None


class ActualRow(Strict):
    benefit: str = Field(min_length=1, max_length=80)
    date: date
    value: float = Value()
    source: str | None = Field(None, max_length=120)
    note: str | None = None


EDITABLE = [c for c in spreadsheet.COLUMNS if c[0] in BenefitRow.model_fields]
WORKED_OUT = tuple(h for f, h in spreadsheet.COLUMNS if f not in BenefitRow.model_fields)
BENEFITS = Layout(
    name="benefits register", schema=BenefitRow, columns=EDITABLE, ignored=WORKED_OUT,
    synonyms={"key": ["ref", "id", "reference", "benefit id", "benefit ref", "benefit reference"],
              "title": ["benefit title", "benefit description"],
              "owner": ["benefit owner", "lead", "responsible"], "measure": ["kpi", "metric", "measured by"],
              "baseline_value": ["baseline value"], "target_value": ["target value"],
              "target_low": ["low", "low estimate of target"], "target_high": ["high", "high estimate of target"],
              "beneficiaries": ["beneficiary", "who benefits"], "type": ["benefit type", "category"]},
    dates=frozenset({"baseline_date", "target_date"}), lowered=frozenset({"direction"}),
    choices={"type": TYPES, "direction": {d: d for d in DIRECTIONS}}, title_hint="a Benefit column")
ACTUAL_COLUMNS = [("benefit", "Benefit key"), ("date", "Date"), ("value", "Value"), ("source", "Source"),
                  ("note", "Note")]
ACTUALS = Layout(
    name="benefits' actuals", schema=ActualRow, columns=ACTUAL_COLUMNS,
    synonyms={"benefit": ["benefit", "key", "benefit ref", "benefit id", "ref"], "date": ["actual date", "on", "as at"],
              "value": ["actual", "actual value", "figure"], "note": ["notes", "comment"]},
    dates=frozenset({"date"}), required="benefit", title_hint="a Benefit key column")
# What a problem's field is called on the upload page: the columns, and the service's names of the measure's parts.
LABELS = dict(EDITABLE) | {"measure.name": "Measure", "measure.unit": "Unit", "measure.direction": "Direction",
                           "measure.source": "Actuals from", "sub_items": "Sub-items"}
ACTUAL_LABELS = dict(ACTUAL_COLUMNS)
MEASURE_COLUMNS = ("measure", "unit", "direction")


def _measure(fields: dict, current) -> Measure | None:
    """The measure the row's columns give; where its actuals come from is kept from the benefit's current measure
    (the download says it in words), so re-importing a download never unbinds a measured benefit."""
    name = fields["measure"] if "measure" in fields else current and current.name
    if not name:
        return None
    kept = {"source": current.source, "indicator": current.indicator_key, "measure": current.measure_key,
            "organisation": current.measure_entity} if current else {}
    return Measure(name=name, unit=fields.get("unit", current and current.unit),
                   direction=fields.get("direction", current and current.direction), **kept)


def _fields(row: ParsedRow, existing: Benefit | None) -> dict:
    """The benefit's fields the row gives: every column the sheet has (a blank cell clears it), the measure's
    columns as one measure."""
    given = row.data.model_dump(include=set(row.columns - {"key"})) if existing else row.data.model_dump(
        exclude={"key"}, exclude_none=True)
    fields = {k: v for k, v in given.items() if k not in MEASURE_COLUMNS}
    if "beneficiaries" in fields:
        fields["beneficiaries"] = [b.strip() for b in (fields["beneficiaries"] or "").split(";") if b.strip()]
    if any(c in given for c in MEASURE_COLUMNS):
        fields["measure"] = _measure(given, existing.measure if existing else None)
    return fields


def import_benefits(session: Session, *, actor: Actor, programme: Programme, rows: list[ParsedRow]) -> dict[str, int]:
    """Create or update each parsed row by key, in the caller's transaction; any bad row fails them all."""

    def upsert(row: ParsedRow) -> str:
        key = row.data.key
        existing = key and session.scalar(select(Benefit).where(
            Benefit.programme_id == programme.id, Benefit.key == key, Benefit.deleted_at.is_(None)))
        if not existing:
            service.create_benefit(session, actor=actor, programme=programme,
                                   data=BenefitCreate(key=key, **_fields(row, None)))
            return "created"
        before = existing.version
        service.update_benefit(session, actor=actor, programme=programme, key=key,
                               data=BenefitUpdate(version=existing.version, **_fields(row, existing)))
        return "updated" if existing.version != before else "unchanged"

    return import_rows(rows, upsert)


def import_actuals(session: Session, *, actor: Actor, programme: Programme, rows: list[ParsedRow]) -> dict[str, int]:
    """Record each row's actual; one already recorded with the same value is unchanged, with another value refused
    (a correction removes the wrong one first, so it shows in the history)."""

    def upsert(row: ParsedRow) -> str:
        data = row.data
        benefit = session.scalar(select(Benefit).where(Benefit.programme_id == programme.id, Benefit.key == data.benefit,
                                                       Benefit.deleted_at.is_(None)))
        if benefit is None:
            raise Invalid.one("benefit", f"there is no benefit {data.benefit!r} in {programme.name}")
        if any(a.on_date == data.date and a.value == data.value for a in benefit.actuals):
            return "unchanged"
        service.add_actual(session, actor=actor, programme=programme, key=data.benefit, data=ActualCreate(
            date=data.date, value=data.value, source=data.source or "manual", note=data.note))
        return "created"

    return import_rows(rows, upsert)


def import_file(session: Session, *, actor: Actor, programme: Programme, content: bytes,
                filename: str) -> dict[str, int]:
    """An XLSX or CSV benefits register imported, all rows or none; the API, the upload page and the CLI call this."""
    service.require_edit(actor)
    rows = read_file(content, filename, BENEFITS)
    return {"rows": len(rows), **import_benefits(session, actor=actor, programme=programme, rows=rows)}


def import_actuals_file(session: Session, *, actor: Actor, programme: Programme, content: bytes,
                        filename: str) -> dict[str, int]:
    """An XLSX or CSV file of benefits' actuals (Benefit key, Date, Value, Source, Note), all rows or none."""
    service.require_edit(actor)
    rows = read_file(content, filename, ACTUALS)
    return {"rows": len(rows), **import_actuals(session, actor=actor, programme=programme, rows=rows)}
