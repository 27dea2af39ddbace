"""Spreadsheet plans (XLSX) in and out, with the columns programme offices use: ID, outline level or WBS, name,
type, owner, baseline and forecast start and finish, actual, % complete and predecessors such as "12FS+5d".

Read into the same `FilePlan` as a Microsoft Project file, so the same preview and all-or-nothing rule apply.
"""

import io
import re
from datetime import date

from openpyxl import load_workbook
from sqlalchemy.orm import Session

from caresystem.errors import FieldError, Invalid
from caresystem.programme.core import Programme
from caresystem.programme.plan.interchange.outline import OutlineTask, outline
from caresystem.programme.plan.interchange.plan_file import MAX_TASKS, FilePlan, FileTask, Link
from caresystem.programme.plan.interchange.project_files import check_size
from caresystem.programme.registers import append_row, headed_sheet, normalise, parse_date, workbook_bytes

COLUMNS = [("id", "ID"), ("unique_id", "Unique ID"), ("outline_level", "Outline level"), ("wbs", "WBS"),
           ("name", "Name"), ("type", "Type"), ("key", "Key"), ("owner", "Owner"),
           ("baseline_start", "Baseline start"), ("baseline_finish", "Baseline finish"),
           ("start", "Forecast start"), ("finish", "Forecast finish"), ("actual_finish", "Actual finish"),
           ("percent_complete", "% complete"), ("predecessors", "Predecessors"), ("status", "Status"),
           ("projects", "Projects"), ("workstreams", "Workstreams"), ("notes", "Notes")]
SYNONYMS = {
    "id": ["task id", "#", "no", "number", "row"], "unique_id": ["uid", "external id", "guid"],
    "outline_level": ["level", "outline"], "wbs": ["wbs code", "outline number"],
    "name": ["task name", "task", "title", "activity", "description"], "type": ["kind", "task type"],
    "owner": ["resource names", "resources", "resource", "assigned to", "lead", "responsible"],
    "baseline_finish": ["baseline", "baseline end", "baseline date"],
    "start": ["start", "start date", "planned start"],
    "finish": ["finish", "end", "finish date", "end date", "due", "due date", "forecast", "forecast date"],
    "actual_finish": ["actual", "actual date", "actual end", "completed"],
    "percent_complete": ["percent complete", "complete", "progress", "%"],
    "predecessors": ["predecessor", "depends on", "dependencies"], "notes": ["comments", "comment"]}
HEADERS = {normalise(s): f for f, names in SYNONYMS.items() for s in names} | {
    normalise(h): f for f, h in COLUMNS} | {normalise(f): f for f, _ in COLUMNS}
DATES = ("baseline_start", "baseline_finish", "start", "finish", "actual_finish")
LINK = re.compile(r"^(\d+)\s*(FS|SS|FF|SF)?\s*(?:([+-])\s*(\d+(?:\.\d+)?)\s*(ed|ew|d|days?|w|wks?|weeks?|h|hrs?|"
                  r"hours?)?)?$", re.IGNORECASE)
UNIT_DAYS = {"d": 1, "day": 1, "days": 1, "ed": 1, "w": 5, "wk": 5, "wks": 5, "week": 5, "weeks": 5, "ew": 7,
             "h": 1 / 8, "hr": 1 / 8, "hrs": 1 / 8, "hour": 1 / 8, "hours": 1 / 8}
ENCRYPTED = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE file: an encrypted workbook (or an old .xls)


def parse_links(text: str) -> list[Link]:
    """"12FS+5d; 14SS, 15" -> links; raises ValueError naming the part that is not like 12FS+5d."""
    links = []
    for part in (p.strip() for p in re.split(r"[,;]", text) if p.strip()):
        found = LINK.match(part)
        if not found:
            raise ValueError(f"{part!r} is not like 12FS+5d")
        task, link_type, sign, amount, unit = found.groups()
        lag = float(amount or 0) * UNIT_DAYS[(unit or "d").lower()] * (-1 if sign == "-" else 1)
        links.append(Link(predecessor=task, type=(link_type or "FS").upper(), lag_days=lag))
    return links


def _headers(row) -> dict[int, str]:
    mapping, errors = {}, []
    for i, heading in enumerate(row):
        key = normalise(heading)
        if not key:
            continue
        if key not in HEADERS:
            errors.append(FieldError(f"header {heading!r}", "is not a column of a plan"))
        elif HEADERS[key] in mapping.values():
            errors.append(FieldError(f"header {heading!r}", f"gives {HEADERS[key]} a second time"))
        else:
            mapping[i] = HEADERS[key]
    if "name" not in mapping.values():
        errors.append(FieldError("header", "needs a Name (or Task name) column"))
    if errors:
        raise Invalid(errors)
    return mapping


def _text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() or None


def _percent(value) -> float:
    text = str(value).strip().rstrip("%").strip()
    number = float(text)
    if isinstance(value, float) and 0 < number < 1:  # a cell formatted as a percentage holds a fraction
        number *= 100
    if not 0 <= number <= 100:
        raise ValueError
    return number


def _row(number: int, values: dict, errors: list[FieldError]) -> dict:
    row: dict = {}
    for name, value in values.items():
        where = f"row {number}, {dict(COLUMNS)[name].lower()}"
        if name in DATES:
            parsed = parse_date(value)
            if isinstance(parsed, date):
                row[name] = parsed
            else:
                errors.append(FieldError(where, "must be a date like 31/03/2026"))
        elif name == "percent_complete":
            try:
                row[name] = _percent(value)
            except ValueError:
                errors.append(FieldError(where, "must be a number from 0 to 100"))
        elif name == "outline_level":
            text = _text(value)
            if text and text.isdigit() and int(text) >= 1:
                row[name] = int(text)
            else:
                errors.append(FieldError(where, "must be a whole number, 1 or more"))
        elif name == "predecessors":
            try:
                row[name] = parse_links(_text(value) or "")
            except ValueError as exc:
                errors.append(FieldError(where, str(exc)))
        else:
            row[name] = _text(value)
    return row


def _task(row: dict, number: int, parents: list[FileTask]) -> FileTask:
    level = row.get("outline_level") or (row["wbs"].count(".") + 1 if row.get("wbs") else 1)
    while parents and parents[-1].outline_level >= level:
        parents.pop()
    task_id = row.get("id") or str(number - 1)
    start, finish = row.get("start"), row.get("finish")
    return FileTask(
        id=task_id, name=row.get("name") or "", outline_level=level, parent=parents[-1].id if parents else None,
        milestone=finish is not None and (start is None or start == finish),
        external_id=row.get("unique_id") or f"xlsx:{task_id}", type=row.get("type"), key=row.get("key"),
        projects=_keys(row, "projects"), workstreams=_keys(row, "workstreams"), status=row.get("status"),
        baseline_finish=row.get("baseline_finish"), start=start, finish=finish,
        actual_finish=row.get("actual_finish"), percent_complete=row.get("percent_complete"),
        resources=[row["owner"]] if row.get("owner") else [], predecessors=row.get("predecessors") or [],
        notes=row.get("notes"))


def _keys(row: dict, name: str) -> list[str] | None:
    return None if row.get(name) is None else [k.strip() for k in row[name].split(";") if k.strip()]


def _rows(content: bytes) -> list[list]:
    check_size(content)
    if content.startswith(ENCRYPTED):
        raise Invalid.one("file", "is password protected (an encrypted workbook) or an old .xls file; save it as "
                                  ".xlsx without a password")
    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        return [list(r) for r in sheet.iter_rows(values_only=True)]
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise Invalid.one("file", "is not a readable XLSX workbook") from None


def read(content: bytes) -> FilePlan:
    rows = [r for r in _rows(content) if any(v is not None and str(v).strip() for v in r)]
    if not rows:
        raise Invalid.one("file", "is empty")
    if len(rows) - 1 > MAX_TASKS:
        raise Invalid.one("file", f"has {len(rows) - 1} rows; at most {MAX_TASKS} tasks are imported at once")
    mapping, errors, tasks, parents = _headers(rows[0]), [], [], []
    for number, cells in enumerate(rows[1:], start=2):
        row = _row(number, {name: cells[i] for i, name in mapping.items() if i < len(cells) and
                            cells[i] is not None and str(cells[i]).strip()}, errors)
        task = _task(row, number, parents)
        if parents:
            parents[-1].summary, parents[-1].milestone = True, False
        parents.append(task)
        tasks.append(task)
    return FilePlan(format="XLSX spreadsheet", tasks=tasks, problems=[(e.field, e.message) for e in errors])


def _wbs(tasks: list[OutlineTask]) -> dict[int, str]:
    numbers, counters = {}, {}
    for task in tasks:
        prefix = numbers[task.parent] + "." if task.parent else ""
        counters[task.parent] = counters.get(task.parent, 0) + 1
        numbers[task.id] = f"{prefix}{counters[task.parent]}"
    return numbers


def _export_row(task: OutlineTask, wbs: str) -> list:
    values, scheduled = task.values, task.kind in ("deliverable", "milestone")
    done = values.get("status") == "complete" or values.get("actual_date") is not None
    links = "; ".join(f"{p}{t}" + (f"+{lag}d" if lag else "") for p, t, lag in task.predecessors)
    row = {"id": task.id, "unique_id": task.external_id, "outline_level": task.level, "wbs": wbs, "name": task.name,
           "type": task.kind, "key": task.key, "owner": task.owner, "predecessors": links or None,
           "notes": values.get("notes")}
    if scheduled:
        row |= {"baseline_start": values.get("baseline_date"), "baseline_finish": values.get("baseline_date"),
                "start": task.due, "finish": task.due, "actual_finish": values.get("actual_date"),
                "percent_complete": 100 if done else 0, "status": values.get("status"),
                "projects": "; ".join(task.projects) or None, "workstreams": "; ".join(task.workstreams) or None}
    return [row.get(f) for f, _ in COLUMNS]


def export(session: Session, programme: Programme) -> bytes:
    tasks = outline(session, programme)
    book, sheet = headed_sheet("Plan", [h for _, h in COLUMNS])
    for index, (name, _) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = (
            50 if name in ("name", "notes") else 38 if name == "unique_id" else 14)
    wbs = _wbs(tasks)
    for row, task in enumerate(tasks, start=2):
        append_row(sheet, row, _export_row(task, wbs[task.id]))
        for column, (name, _) in enumerate(COLUMNS, start=1):
            if name in DATES:
                sheet.cell(row=row, column=column).number_format = "DD/MM/YYYY"
    return workbook_bytes(book)
