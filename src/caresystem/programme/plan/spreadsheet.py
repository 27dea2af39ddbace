"""Milestones and deliverables as XLSX and CSV, in the layout every register downloads in (programme.registers)."""

from caresystem.programme.plan.schemas import STATUSES
from caresystem.programme.registers import register_csv, register_xlsx
from caresystem.programme.registers import attachment

COLUMNS = [("key", "Key"), ("title", "Title"), ("owner", "Owner"), ("owner_person", "Owner (person key)"),
           ("projects", "Projects"),
           ("workstreams", "Workstreams"), ("workstream", "Workstream"), ("baseline_date", "Baseline date"),
           ("forecast_date", "Forecast date"), ("actual_date", "Actual date"), ("status", "Status"),
           ("slip_days", "Slip (days)"), ("rag", "RAG"), ("rag_reason", "Why")]


def record(read) -> dict:
    values = read.model_dump()
    return values | {name: "; ".join(values[name]) for name in ("projects", "workstreams")
                     if isinstance(values.get(name), list)}


def download(kind_key: str, reads: list, fmt: str):
    """The items as `fmt` (xlsx or csv): the columns the kind has, frozen header, a drop-down of statuses."""
    records = [record(r) for r in reads]
    columns = [c for c in COLUMNS if records and c[0] in records[0]] or COLUMNS[:3]
    content = register_xlsx(kind_key.capitalize(), columns, records, STATUSES) if fmt == "xlsx" \
        else register_csv(columns, records)
    return attachment(content, kind=fmt, name=kind_key)
