"""The risk register as XLSX and CSV, and back: the header variants PMOs use, every bad row reported.

An import is all or nothing: rows are parsed and validated first, and the caller's transaction is only written
to when every row is good.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from pydantic import ValidationError

from caresystem.errors import FieldError, Invalid
from caresystem.programme.raid.schemas import RiskCreate

COLUMNS = [  # (field, heading)
    ("reference", "Reference"), ("title", "Title"), ("cause", "Cause"), ("event", "Event"), ("effect", "Effect"),
    ("category", "Category"), ("owner", "Owner"), ("scope", "Scope"), ("scope_ref", "Scope reference"),
    ("inherent_impact", "Inherent impact"), ("inherent_likelihood", "Inherent likelihood"),
    ("current_impact", "Current impact"), ("current_likelihood", "Current likelihood"),
    ("target_impact", "Target impact"), ("target_likelihood", "Target likelihood"), ("controls", "Controls"),
    ("mitigation", "Mitigation"), ("review_date", "Review date"), ("status", "Status"),
]
DERIVED = [("score", "Score"), ("grade", "Grade"), ("rag", "RAG")]
RATING_FIELDS = {"inherent_impact", "inherent_likelihood", "current_impact", "current_likelihood", "target_impact",
                 "target_likelihood"}
SYNONYMS = {  # how people head these columns in their own spreadsheets
    "reference": ["ref", "id", "risk id", "risk ref", "risk reference", "risk no", "risk number"],
    "title": ["risk", "risk title", "description", "risk description", "name"],
    "owner": ["risk owner", "lead", "responsible"],
    "current_impact": ["impact", "consequence", "severity", "current consequence", "current severity", "residual impact"],
    "current_likelihood": ["likelihood", "probability", "current probability", "residual likelihood"],
    "inherent_impact": ["inherent consequence", "inherent severity", "initial impact", "gross impact"],
    "inherent_likelihood": ["inherent probability", "initial likelihood", "gross likelihood"],
    "target_impact": ["target consequence", "target severity"],
    "target_likelihood": ["target probability"],
    "mitigation": ["mitigations", "mitigating actions", "actions"],
    "controls": ["existing controls", "current controls"],
    "review_date": ["review", "next review", "review by", "date of next review"],
    "scope_ref": ["place", "scope ref"],
}
FILLS = {"red": "D5281B", "amber": "FFB81C", "green": "007F3B"}


def _normalise(heading) -> str:
    return " ".join(str(heading or "").replace("_", " ").replace("/", " ").strip().lower().split())


HEADERS = {_normalise(h): f for f, h in COLUMNS} | {_normalise(f): f for f, _ in COLUMNS} | {
    _normalise(s): f for f, names in SYNONYMS.items() for s in names} | {_normalise(h): None for _, h in DERIVED}


@dataclass(frozen=True)
class ParsedRow:
    row_number: int
    risk: RiskCreate


def map_headers(headings: list) -> dict[int, str]:
    """Column position -> field; derived columns (score, grade, RAG) are recognised and ignored."""
    mapping, errors = {}, []
    for i, heading in enumerate(headings):
        key = _normalise(heading)
        if not key:
            continue
        if key not in HEADERS:
            errors.append(FieldError(f"header {heading!r}", "is not a column of the risk register"))
        elif HEADERS[key] is not None:
            if HEADERS[key] in mapping.values():
                errors.append(FieldError(f"header {heading!r}", f"gives {HEADERS[key]} a second time"))
            mapping[i] = HEADERS[key]
    if "title" not in mapping.values():
        errors.append(FieldError("header", "needs a Title (or Risk / Description) column"))
    if errors:
        raise Invalid(errors)
    return mapping


def _cell(field: str, value):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if field in RATING_FIELDS:
        text = str(value).strip()
        return int(float(text)) if text.replace(".", "", 1).isdigit() and float(text).is_integer() else text
    if field == "review_date":
        if isinstance(value, datetime):
            return value.date()
        return value if isinstance(value, date) else str(value).strip()
    if field in ("scope", "status"):
        return str(value).strip().lower()
    return str(value).strip()


def parse_rows(headings: list, rows) -> list[ParsedRow]:
    """Validate every row; raise Invalid listing each bad one as "row N, field: reason"."""
    mapping = map_headers(headings)
    parsed, errors = [], []
    for number, row in enumerate(rows, start=2):
        values = {field: _cell(field, row[i] if i < len(row) else None) for i, field in mapping.items()}
        if all(v is None for v in values.values()):
            continue
        try:
            parsed.append(ParsedRow(number, RiskCreate.model_validate({k: v for k, v in values.items() if v is not None})))
        except ValidationError as exc:
            errors += [FieldError(f"row {number}, {'.'.join(str(p) for p in e['loc'])}", e["msg"].lower())
                       for e in exc.errors()]
    if errors:
        raise Invalid(errors)
    return parsed


def read_file(content: bytes, filename: str) -> list[ParsedRow]:
    if filename.lower().endswith(".csv"):
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    elif filename.lower().endswith((".xlsx", ".xlsm")):
        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
            raise Invalid.one("file", "is not a readable XLSX workbook") from None
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    else:
        raise Invalid.one("file", "must be an .xlsx or .csv file")
    if not rows:
        raise Invalid.one("file", "is empty")
    return parse_rows(rows[0], rows[1:])


def _append(sheet, row: int, values: list) -> None:
    """Append a row; text that starts with "=" stays text (a risk titled "=1+1" must not become a live formula).

    Cells are reached by position: `sheet[row]` and `sheet.max_row` scan every cell, making an export quadratic.
    """
    sheet.append(values)
    for column, value in enumerate(values, start=1):
        if isinstance(value, str) and value.startswith("="):
            sheet.cell(row=row, column=column).data_type = "s"


def _export_row(record: dict) -> list:
    return [record.get(f) for f, _ in COLUMNS] + [record.get(f) for f, _ in DERIVED]


def to_xlsx(records: list[dict]) -> bytes:
    """A formatted workbook: frozen bold header, 1-5 drop-downs for ratings, RAG fill on the derived column."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Risk register"
    sheet.append([h for _, h in COLUMNS + DERIVED])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    last = len(records) + 501
    ratings = DataValidation(type="whole", operator="between", formula1="1", formula2="5", allow_blank=True,
                             error="Use a whole number from 1 to 5", errorTitle="Rating")
    sheet.add_data_validation(ratings)
    statuses = DataValidation(type="list", formula1='"open,closed,accepted"', allow_blank=True)
    sheet.add_data_validation(statuses)
    for index, (field, _) in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        if field in RATING_FIELDS:
            ratings.add(f"{letter}2:{letter}{last}")
        if field == "status":
            statuses.add(f"{letter}2:{letter}{last}")
        sheet.column_dimensions[letter].width = 40 if field in ("title", "cause", "event", "effect", "controls",
                                                                "mitigation") else 16
    rag_column = len(COLUMNS) + len(DERIVED)
    fills = {rag: PatternFill("solid", fgColor=colour) for rag, colour in FILLS.items()}
    for row, record in enumerate(records, start=2):  # counted, not sheet.max_row: that scans every cell each time
        _append(sheet, row, _export_row(record))
        if record.get("rag") in fills:
            sheet.cell(row=row, column=rag_column).fill = fills[record["rag"]]
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_csv(records: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([h for _, h in COLUMNS + DERIVED])
    for record in records:
        writer.writerow(["" if v is None else v for v in _export_row(record)])
    return buffer.getvalue()


def register_xlsx(title: str, columns: list[tuple[str, str]], records: list[dict], statuses: dict) -> bytes:
    """Any other log as a workbook: frozen bold header and a drop-down of the register's statuses."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([h for _, h in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    status_column = sheet.cell(row=1, column=[f for f, _ in columns].index("status") + 1).column_letter
    choices = DataValidation(type="list", formula1='"' + ",".join(statuses) + '"', allow_blank=True)
    sheet.add_data_validation(choices)
    choices.add(f"{status_column}2:{status_column}{len(records) + 501}")
    for row, record in enumerate(records, start=2):
        _append(sheet, row, [record.get(f) for f, _ in columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def register_csv(columns: list[tuple[str, str]], records: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([h for _, h in columns])
    for record in records:
        writer.writerow(["" if record.get(f) is None else record.get(f) for f, _ in columns])
    return buffer.getvalue()
