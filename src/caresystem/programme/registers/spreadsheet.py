"""Registers as XLSX and CSV, and back: the header variants PMOs use, every bad row reported.

An import is all or nothing: rows are parsed and validated first, and the caller's transaction is only written
to when every row is good. A `Layout` says how one register is laid out (the risk register, or any log described
as a `Register`), so every register is read by the same code and written in the same shape.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from itertools import islice

from openpyxl import load_workbook
from openpyxl.worksheet.datavalidation import DataValidation
from pydantic import BaseModel, ValidationError

from caresystem.csv_safety import read_csv, write_csv
from caresystem.db.checks import date_problem, text_problem
from caresystem.errors import FieldError, Invalid
from caresystem.programme.registers.description import Register
from caresystem.spreadsheets import append_row, headed_sheet, workbook_bytes
from caresystem.validation_messages import readable

FILLS = {"red": "D5281B", "amber": "FFB81C", "green": "007F3B"}  # RAG cells, NHS colours

# One import is one transaction holding the write lock; a real register is a few hundred rows, so this leaves
# room while keeping the wait of everyone else queued behind an import to seconds.
MAX_IMPORT_ROWS = 5_000


def normalise(heading) -> str:
    return " ".join(str(heading or "").replace("_", " ").replace("/", " ").strip().lower().split())


@dataclass(frozen=True)
class Layout:
    """How one register is laid out in a spreadsheet: its columns, the other headings people give them, and how
    cells are read."""

    name: str                                   # "risk register", for messages
    schema: type[BaseModel]                     # validates one row
    columns: list[tuple[str, str]]              # (field, heading) as exported
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    ignored: tuple[str, ...] = ()               # headings recognised and skipped (derived columns)
    integers: frozenset[str] = frozenset()
    dates: frozenset[str] = frozenset()
    lowered: frozenset[str] = frozenset()       # codes typed in any case (scope, status)
    choices: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> {code: label}; labels accepted
    title_hint: str = "a Title column"
    required: str = "title"                     # the column a sheet must have (`title_hint` says which it is)

    @cached_property
    def headers(self) -> dict[str, str | None]:
        """Normalised heading -> field; a column's own name and heading win over another column's synonym."""
        return {normalise(s): f for f, names in self.synonyms.items() for s in names} | {
            normalise(h): f for f, h in self.columns} | {normalise(f): f for f, _ in self.columns} | {
            normalise(h): None for h in self.ignored}

    @cached_property
    def codes(self) -> dict[str, dict[str, str]]:
        """For each choice field: normalised code or label -> code ("Not yet tested" and "untested" both work)."""
        return {name: {normalise(code): code for code in options} | {normalise(label): code
                                                                     for code, label in options.items()}
                for name, options in self.choices.items()}


# How people head the other logs' columns; `{singular}` is the register's own word ("action", "issue").
REGISTER_SYNONYMS = {
    "reference": ["ref", "id", "no", "number", "{singular} id", "{singular} ref", "{singular} reference",
                  "{singular} no", "{singular} number"],
    "title": ["{singular}", "{singular} title", "name", "summary", "subject"],
    "description": ["details", "detail", "{singular} description", "{singular} details", "notes"],
    "owner": ["lead", "responsible", "assigned to", "{singular} owner", "{singular} lead", "who"],
    "status": ["state", "{singular} status", "progress"],
    "how_tested": ["how tested", "test", "testing", "test method", "how validated"],
    "last_tested": ["last test", "date tested", "tested on", "last reviewed"],
    "next_test_due": ["next test", "test due", "next review", "review date", "due", "due date"],
    "priority": ["urgency"],
    "raised_on": ["raised", "date raised", "logged", "date logged", "opened", "date opened"],
    "resolve_by": ["due", "due date", "target date", "resolution date", "target resolution date"],
    "resolution": ["resolution notes", "action taken", "outcome"],
    "assumption_reference": ["assumption", "assumption ref", "linked assumption", "from assumption"],
    "direction": ["inbound outbound", "type", "dependency type"],
    "depends_on": ["dependent on", "dependency on", "provider", "other party", "from"],
    "needed_by": ["due", "due date", "date needed", "required by", "needed"],
    "body_key": ["decided by", "body", "forum", "governance body", "decision maker"],
    "decided_on": ["date", "decision date", "date of decision", "date decided", "decided"],
    "rationale": ["reason", "reasons", "why", "justification"],
    "due_date": ["due", "deadline", "target date", "by when", "due by", "date due"],
    "completed_on": ["completed", "date completed", "done", "done on", "closed on", "date closed"],
    "risk_reference": ["risk", "risk ref", "risk id", "linked risk", "mitigates", "risk reference"],
}


def register_columns(register: Register) -> list[tuple[str, str]]:
    """The columns a log is exported with and read back from."""
    return [("reference", "Reference")] + [(f.name, f.label) for f in register.fields] + [("status", "Status")]


def register_layout(register: Register) -> Layout:
    columns = register_columns(register)
    names = {f for f, _ in columns}
    synonyms = {f: [s.format(singular=register.singular) for s in words]
                for f, words in REGISTER_SYNONYMS.items() if f in names}
    choices = {f.name: f.choices for f in register.fields if f.kind == "choice"} | {"status": register.statuses}
    return Layout(name=f"{register.title.lower()} log", schema=register.create, columns=columns, synonyms=synonyms,
                  ignored=("Overdue",), dates=frozenset(f.name for f in register.fields if f.kind == "date"),
                  choices=choices, title_hint=f"a {register.field('title').label} column")


@dataclass(frozen=True)
class ParsedRow:
    row_number: int
    data: BaseModel | None   # None when the row is refused
    columns: frozenset[str]  # the fields the sheet has a column for
    problems: tuple[FieldError, ...] = ()  # why the row is refused, each named "row N, field"

    def changes(self) -> dict:
        """What the row says of an existing entry: every column the sheet has (a blank cell clears its field);
        a field the sheet has no column for is left as it is."""
        return self.data.model_dump(include=set(self.columns - {"reference"}))


def map_headers(headings: list, layout: Layout) -> dict[int, str]:
    """Column position -> field; derived columns (score, grade, RAG) are recognised and ignored."""
    mapping, errors = {}, []
    for i, heading in enumerate(headings):
        key = normalise(heading)
        if not key:
            continue
        if key not in layout.headers:
            errors.append(FieldError(f"header {heading!r}", f"is not a column of the {layout.name}"))
        elif layout.headers[key] is not None:
            if layout.headers[key] in mapping.values():
                errors.append(FieldError(f"header {heading!r}", f"gives {layout.headers[key]} a second time"))
            mapping[i] = layout.headers[key]
    if layout.required not in mapping.values():
        errors.append(FieldError("header", f"needs {layout.title_hint}"))
    if errors:
        raise Invalid(errors)
    return mapping


def parse_date(value):
    """Dates as typed in the UK (31/03/2026) or ISO; anything else is left for validation to refuse."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        return text


def _cell(field_name: str, value, layout: Layout):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if field_name in layout.integers:
        text = str(value).strip()
        return int(float(text)) if text.replace(".", "", 1).isdigit() and float(text).is_integer() else text
    if field_name in layout.dates:
        return parse_date(value)
    if field_name in layout.lowered:
        return str(value).strip().lower()
    if field_name in layout.codes:
        return layout.codes[field_name].get(normalise(value), str(value).strip())
    return str(value).strip()


def check_rows(headings: list, rows, layout: Layout) -> list[ParsedRow]:
    """Read and validate every row; a refused row carries its problems, so an import reports them together with
    the problems of the rows it could read (`import_rows`)."""
    mapping = map_headers(headings, layout)
    columns = frozenset(mapping.values())
    checked, seen = [], {}
    for number, row in enumerate(rows, start=2):
        values = {name: _cell(name, row[i] if i < len(row) else None, layout) for i, name in mapping.items()}
        if all(v is None for v in values.values()):
            continue
        errors = [FieldError(f"row {number}, {name}", problem) for name, value in values.items()
                  if isinstance(value, str) and (problem := text_problem(value))]
        errors += [FieldError(f"row {number}, {name}", problem) for name, value in values.items()
                   if isinstance(value, date) and (problem := date_problem(value))]
        if (reference := values.get("reference")) is not None:
            if reference in seen:
                errors.append(FieldError(f"row {number}, reference", f"{reference!r} is also on row {seen[reference]}"))
            seen.setdefault(reference, number)
        data = None
        try:
            data = layout.schema.model_validate({k: v for k, v in values.items() if v is not None})
        except ValidationError as exc:
            errors += [FieldError(f"row {number}, {'.'.join(str(p) for p in e['loc'])}", readable(e))
                       for e in exc.errors()]
        checked.append(ParsedRow(number, None if errors else data, columns, tuple(errors)))
    return checked


def parse_rows(headings: list, rows, layout: Layout) -> list[ParsedRow]:
    """Validate every row; raise Invalid listing each bad one as "row N, field: reason"."""
    checked = check_rows(headings, rows, layout)
    if errors := [e for row in checked for e in row.problems]:
        raise Invalid(errors)
    return checked


def _csv_rows(content: bytes) -> list[list]:
    try:
        return read_csv(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise Invalid.one("file", "is not UTF-8 text; save the CSV as UTF-8") from None
    except csv.Error as exc:  # a cell over the csv module's field limit, a stray NUL byte
        raise Invalid.one("file", f"is not a readable CSV file ({exc})") from None


def _xlsx_rows(content: bytes) -> list[list]:
    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise Invalid.one("file", "is not a readable XLSX workbook") from None
    return [list(r) for r in islice(sheet.iter_rows(values_only=True), MAX_IMPORT_ROWS + 2)]


def read_file(content: bytes, filename: str, layout: Layout) -> list[ParsedRow]:
    """The file's rows read and checked (`check_rows`: a refused row carries its problems, for `import_rows` to
    report); at most MAX_IMPORT_ROWS, so one import cannot hold the database. A file that cannot be read, or
    whose headings are wrong, is refused here."""
    if filename.lower().endswith(".csv"):
        rows = _csv_rows(content)
    elif filename.lower().endswith((".xlsx", ".xlsm")):
        rows = _xlsx_rows(content)
    else:
        raise Invalid.one("file", "must be an .xlsx or .csv file")
    if not rows:
        raise Invalid.one("file", "is empty")
    if len(rows) - 1 > MAX_IMPORT_ROWS:
        raise Invalid.one("file", f"has more than {MAX_IMPORT_ROWS:,} rows; split it and import the parts one by one")
    return check_rows(rows[0], rows[1:], layout)


def import_rows(rows: list[ParsedRow], upsert: Callable[[ParsedRow], str]) -> dict[str, int]:
    """Apply `upsert` (which returns "created", "updated" or "unchanged") to every row that was read, in the
    caller's transaction; collect the problems of refused rows and of every row `upsert` refuses, and raise them
    together in row order, so every bad row is reported in one pass and any bad row fails the whole import."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    errors: list[FieldError] = []
    for row in rows:
        if row.problems:
            errors += row.problems
            continue
        try:
            counts[upsert(row)] += 1
        except Invalid as exc:
            errors += [FieldError(f"row {row.row_number}, {e.field}", e.message) for e in exc.errors]
    if errors:
        raise Invalid(errors)
    return counts


def register_xlsx(title: str, columns: list[tuple[str, str]], records: list[dict], statuses: dict) -> bytes:
    """Any other log as a workbook: frozen bold header and a drop-down of the register's statuses."""
    book, sheet = headed_sheet(title, [h for _, h in columns])
    fields = [f for f, _ in columns]
    if "status" in fields:  # an empty list is exported with its first columns only
        status_column = sheet.cell(row=1, column=fields.index("status") + 1).column_letter
        choices = DataValidation(type="list", formula1='"' + ",".join(statuses) + '"', allow_blank=True)
        sheet.add_data_validation(choices)
        choices.add(f"{status_column}2:{status_column}{len(records) + 501}")
    for row, record in enumerate(records, start=2):
        append_row(sheet, row, [record.get(f) for f, _ in columns])
    return workbook_bytes(book)


def register_csv(columns: list[tuple[str, str]], records: list[dict]) -> str:
    return write_csv([h for _, h in columns], ([record.get(f) for f, _ in columns] for record in records))
