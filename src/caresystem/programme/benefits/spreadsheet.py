"""The benefits register as XLSX and CSV: frozen bold header, a drop-down of benefit types, the status filled."""

from openpyxl.styles import PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from caresystem.programme.benefits.schemas import TYPES, BenefitRead
from caresystem.programme.registers import FILLS, append_row, headed_sheet, register_csv, workbook_bytes

COLUMNS = [  # (field, heading)
    ("key", "Key"), ("objective", "Objective"), ("title", "Benefit"), ("beneficiaries", "Beneficiaries"),
    ("type", "Type"), ("owner", "Owner"), ("project", "Project"), ("measure", "Measure"), ("unit", "Unit"),
    ("direction", "Direction"), ("measure_source", "Actuals from"), ("baseline_value", "Baseline"),
    ("baseline_date", "Baseline date"), ("target_value", "Target"), ("target_low", "Low estimate"), ("target_high", "High estimate"),
    ("target_date", "Target date"),
    ("latest_actual", "Latest actual"), ("latest_actual_date", "Latest actual date"),
    ("expected", "Expected on that date"), ("status", "Status"), ("escalated_to", "Escalated to"),
]
STATUS_FILLS = {"on_track": FILLS["green"], "at_risk": FILLS["amber"], "off_track": FILLS["red"]}
WIDE = {"objective", "title", "beneficiaries", "measure", "escalated_to"}


def record(read: BenefitRead) -> dict:
    """One flat row: lists joined with "; ", the measure spread over its columns, the status as its label."""
    measure = read.measure
    return read.model_dump(exclude={"measure"}) | {
        "beneficiaries": "; ".join(read.beneficiaries), "escalated_to": "; ".join(read.escalated_to +
                                                                                  read.escalated_to_text),
        "measure": measure.name if measure else None, "unit": measure.unit if measure else None,
        "direction": measure.direction if measure else None,
        "measure_source": (measure.indicator if measure.source == "indicator" else measure.source) if measure else None,
        "status": read.status_label, "status_key": read.status}


def _row(record: dict) -> list:
    return [record.get(f) for f, _ in COLUMNS]


def to_xlsx(records: list[dict]) -> bytes:
    book, sheet = headed_sheet("Benefits register", [h for _, h in COLUMNS])
    types = DataValidation(type="list", formula1='"' + ",".join(TYPES) + '"', allow_blank=True)
    sheet.add_data_validation(types)
    fields = [f for f, _ in COLUMNS]
    for index, field in enumerate(fields, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = 40 if field in WIDE else 16
        if field == "type":
            types.add(f"{letter}2:{letter}{len(records) + 501}")
    status_column = fields.index("status") + 1
    fills = {key: PatternFill("solid", fgColor=colour) for key, colour in STATUS_FILLS.items()}
    for row, item in enumerate(records, start=2):
        append_row(sheet, row, _row(item))
        if item.get("status_key") in fills:
            sheet.cell(row=row, column=status_column).fill = fills[item["status_key"]]
    return workbook_bytes(book)


def to_csv(records: list[dict]) -> str:
    return register_csv(COLUMNS, records)
