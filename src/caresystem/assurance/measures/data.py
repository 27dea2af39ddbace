"""Measure data in one long format (measure, organisation or area, period, numerator, denominator, value, note):
reading CSV or XLSX, checking every row, and importing all rows or none; re-importing a period replaces it."""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import load_workbook
from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from caresystem.assurance.measures.models import Measure, MeasureValue
from caresystem.auth import Actor
from caresystem.auth.audit import record_event
from caresystem.errors import FieldError, Invalid

COLUMNS = ("measure", "organisation", "period", "numerator", "denominator", "value", "note")
ALIASES = {"area": "organisation", "entity": "organisation", "organisation_code": "organisation", "org": "organisation",
           "code": "organisation", "measure_key": "measure", "month": "period", "date": "period"}
MAX_ERRORS = 200


@dataclass(frozen=True)
class Row:
    measure: Measure
    entity_code: str
    period: date
    numerator: float | None
    denominator: float | None
    value: float
    note: str | None
    illustrative: bool = False
    source_document: str | None = None
    source_section: str | None = None


def read_table(content: bytes, filename: str) -> list[dict]:
    """The rows of a CSV or XLSX file as dicts keyed by the normalised header."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _xlsx_rows(content)
    if name.endswith(".csv"):
        return _csv_rows(content)
    raise Invalid.one("file", "must be a .csv or .xlsx file")


def _header(cell) -> str:
    text = str(cell or "").strip().lower().replace(" ", "_")
    return ALIASES.get(text, text)


def _csv_rows(content: bytes) -> list[dict]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Invalid.one("file", "is not UTF-8 text") from None
    reader = csv.reader(io.StringIO(text))
    header = [_header(h) for h in next(reader, [])]
    return [dict(zip(header, row)) for row in reader if any(cell.strip() for cell in row)]


def _xlsx_rows(content: bytes) -> list[dict]:
    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise Invalid.one("file", "is not a readable .xlsx workbook") from None
    rows = sheet.iter_rows(values_only=True)
    header = [_header(h) for h in next(rows, ())]
    return [dict(zip(header, row)) for row in rows if any(c not in (None, "") for c in row)]


def _number(raw, field: str, errors: list[str]) -> float | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = float(str(raw).replace(",", "").strip())
    except ValueError:
        errors.append(f"{field}: '{raw}' is not a number")
        return None
    if value != value or value in (float("inf"), float("-inf")):
        errors.append(f"{field}: must be a finite number")
        return None
    return value


def _period(raw, errors: list[str]) -> date | None:
    if isinstance(raw, datetime):
        return raw.date().replace(day=1)
    if isinstance(raw, date):
        return raw.replace(day=1)
    text = str(raw or "").strip()
    if not text:
        errors.append("period: is required")
        return None
    for pattern in ("%Y-%m-%d", "%Y-%m"):
        try:
            return datetime.strptime(text, pattern).date().replace(day=1)
        except ValueError:
            continue
    errors.append(f"period: '{text}' must be a month like 2015-08 or a date like 2015-08-01")
    return None


def check_rows(raw_rows: list[dict], measures: dict[str, Measure], entities: set[str]) -> list[Row]:
    """Every row checked; any bad row refuses the lot, each error naming its row (the header is row 1), field and
    reason."""
    if not raw_rows:
        raise Invalid.one("file", "has no rows of data")
    missing = [c for c in ("measure", "organisation", "period") if c not in raw_rows[0]]
    if missing:
        raise Invalid.one("file", f"has no column {', '.join(missing)} (columns: {', '.join(COLUMNS)})")
    rows, problems, seen = [], [], {}
    for number, raw in enumerate(raw_rows, start=2):
        row, errors = _check_row(raw, measures, entities)
        if row is not None:
            key = (row.measure.key, row.entity_code, row.period)
            if key in seen:
                errors.append(f"period: {row.period:%Y-%m} for {row.entity_code} is also on row {seen[key]}")
            seen.setdefault(key, number)
        problems += [FieldError(f"row {number}: {e.split(':', 1)[0]}", e.split(":", 1)[1].strip()) for e in errors]
        if row is not None and not errors:
            rows.append(row)
        if len(problems) >= MAX_ERRORS:
            break
    if problems:
        raise Invalid(problems)
    return rows


def _check_row(raw: dict, measures: dict[str, Measure], entities: set[str]) -> tuple[Row | None, list[str]]:
    errors: list[str] = []
    key = str(raw.get("measure") or "").strip()
    measure = measures.get(key)
    if measure is None:
        errors.append(f"measure: {'is required' if not key else repr(key) + ' is not in the catalogue'}")
    code = str(raw.get("organisation") or "").strip()
    if code not in entities:
        errors.append(f"organisation: {'is required' if not code else repr(code) + ' is not an organisation or area code'}")
    period = _period(raw.get("period"), errors)
    numerator = _number(raw.get("numerator"), "numerator", errors)
    denominator = _number(raw.get("denominator"), "denominator", errors)
    value = _number(raw.get("value"), "value", errors)
    if denominator == 0:
        errors.append("denominator: must not be zero")
    elif value is None and numerator is not None and denominator is not None and measure is not None:
        value = numerator / denominator * (100 if measure.unit == "percent" else 1)
    if value is None and not any(e.startswith(("value", "numerator", "denominator")) for e in errors):
        errors.append("value: is required (or give a numerator and a denominator)")
    if errors or measure is None or period is None or value is None:
        return None, errors
    note = str(raw.get("note") or "").strip() or None
    return Row(measure, code, period, numerator, denominator, value, note), errors


def import_rows(session: Session, *, actor: Actor, rows: list[Row], source: str = "import") -> dict[str, int]:
    """Write checked rows in the caller's transaction: a new period is added, an existing one replaced (the audit
    listener records old and new values). Returns counts; the caller owns the commit."""
    existing = _existing(session, rows)
    counts = {"rows": len(rows), "created": 0, "replaced": 0, "unchanged": 0}
    for row in rows:
        found = existing.get((row.measure.id, row.entity_code, row.period))
        fields = {"numerator": row.numerator, "denominator": row.denominator, "value": row.value, "note": row.note,
                  "illustrative": row.illustrative, "source_document": row.source_document,
                  "source_section": row.source_section}
        if found is None:
            session.add(MeasureValue(measure=row.measure, entity_code=row.entity_code, period=row.period,
                                     created_by=actor.username, updated_by=actor.username, **fields))
            counts["created"] += 1
        elif any(getattr(found, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(found, k, v)
            found.updated_by = actor.username
            counts["replaced"] += 1
        else:
            counts["unchanged"] += 1
    session.flush()
    if counts["created"] or counts["replaced"]:  # loading the same data again leaves the audit trail alone
        record_event(session, action="import", entity_type="measure_values", entity_id=source, details=counts)
    return counts


def _existing(session: Session, rows: list[Row]) -> dict[tuple, MeasureValue]:
    pairs = {(r.measure.id, r.entity_code) for r in rows}
    found: dict[tuple, MeasureValue] = {}
    pairs_list = sorted(pairs)
    for start in range(0, len(pairs_list), 500):
        chunk = pairs_list[start:start + 500]
        query = select(MeasureValue).where(tuple_(MeasureValue.measure_id, MeasureValue.entity_code).in_(chunk))
        found.update({(v.measure_id, v.entity_code, v.period): v for v in session.scalars(query)})
    return found
