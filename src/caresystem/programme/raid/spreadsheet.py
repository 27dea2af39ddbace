"""The risk register as XLSX and CSV, and back: its columns, the header variants PMOs use for them, the 1-5
drop-downs and the RAG fill. Reading, validating and importing are the register frame's (`programme.registers`);
this module gives the frame the risk register's layout."""

from openpyxl.styles import PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from caresystem.csv_safety import write_csv
from caresystem.programme.raid.schemas import RiskCreate
from caresystem.programme import registers
from caresystem.programme.registers import FILLS, Layout, ParsedRow, append_row, headed_sheet, workbook_bytes

COLUMNS = [  # (field, heading)
    ("reference", "Reference"), ("title", "Title"), ("cause", "Cause"), ("event", "Event"), ("effect", "Effect"),
    ("category", "Category"), ("owner", "Owner"), ("owner_person", "Owner (person key)"), ("scope", "Scope"), ("scope_ref", "Scope reference"),
    ("inherent_impact", "Inherent impact"), ("inherent_likelihood", "Inherent likelihood"),
    ("current_impact", "Current impact"), ("current_likelihood", "Current likelihood"),
    ("target_impact", "Target impact"), ("target_likelihood", "Target likelihood"), ("controls", "Controls"),
    ("mitigation", "Mitigation"), ("review_date", "Review date"), ("status", "Status"),
]
DERIVED = [("score", "Score"), ("grade", "Grade"), ("rag", "RAG"), ("place_name", "Place name"),
           ("escalated_to_names", "Escalated to"), ("escalated_to", "Escalated to (keys)")]
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


RISKS = Layout(name="risk register", schema=RiskCreate, columns=COLUMNS, synonyms=SYNONYMS,
               ignored=tuple(h for _, h in DERIVED), integers=frozenset(RATING_FIELDS),
               dates=frozenset({"review_date"}), lowered=frozenset({"scope", "status"}),
               title_hint="a Title (or Risk / Description) column")
HEADERS = RISKS.headers


def map_headers(headings: list, layout: Layout = RISKS) -> dict[int, str]:
    """Column position -> field; derived columns (score, grade, RAG) are recognised and ignored."""
    return registers.map_headers(headings, layout)


def parse_rows(headings: list, rows, layout: Layout = RISKS) -> list[ParsedRow]:
    return registers.parse_rows(headings, rows, layout)


def read_file(content: bytes, filename: str, layout: Layout = RISKS) -> list[ParsedRow]:
    return registers.read_file(content, filename, layout)


def _export_row(record: dict) -> list:
    return [record.get(f) for f, _ in COLUMNS] + [record.get(f) for f, _ in DERIVED]


def to_xlsx(records: list[dict]) -> bytes:
    """A formatted workbook: frozen bold header, 1-5 drop-downs for ratings, RAG fill on the derived column."""
    book, sheet = headed_sheet("Risk register", [h for _, h in COLUMNS + DERIVED])
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
    rag_column = len(COLUMNS) + [f for f, _ in DERIVED].index("rag") + 1
    fills = {rag: PatternFill("solid", fgColor=colour) for rag, colour in FILLS.items()}
    for row, record in enumerate(records, start=2):  # counted, not sheet.max_row: that scans every cell each time
        append_row(sheet, row, _export_row(record))
        if record.get("rag") in fills:
            sheet.cell(row=row, column=rag_column).fill = fills[record["rag"]]
    return workbook_bytes(book)


def to_csv(records: list[dict]) -> str:
    return write_csv([h for _, h in COLUMNS + DERIVED], (_export_row(record) for record in records))
