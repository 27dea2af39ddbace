"""Downloads as spreadsheets: the media types, workbooks whose cells open as data, and the attachment response.

Shared by every part that offers a download (the programme registers, the population tables); CSV goes through
`csv_safety`, so a cell a spreadsheet would run as a formula is written as text in both formats.
"""

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Font
from starlette.responses import Response

from caresystem.csv_safety import write_csv

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"
MEDIA_TYPES = {"xlsx": XLSX, "csv": CSV}
_NOT_IN_SHEET_TITLES = re.compile(r"[\[\]:*?/\\]")  # Excel refuses these in a sheet's name


def attachment(content: bytes | str, *, kind: str, name: str) -> Response:
    """A download named `name.kind` (xlsx or csv)."""
    return Response(content, media_type=MEDIA_TYPES[kind],
                    headers={"Content-Disposition": f'attachment; filename="{name}.{kind}"'})


def append_row(sheet, row: int, values: list) -> None:
    """Append a row; text that starts with "=" stays text (a title "=1+1" must not become a live formula).

    Cells are reached by position: `sheet[row]` and `sheet.max_row` scan every cell, making an export quadratic.
    """
    sheet.append(values)
    for column, value in enumerate(values, start=1):
        if isinstance(value, str) and value.startswith("="):
            sheet.cell(row=row, column=column).data_type = "s"


def headed_sheet(title: str, headings: list[str]) -> tuple[Workbook, object]:
    """A workbook of one sheet, titled, with the headings as a bold header row frozen above the rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = _NOT_IN_SHEET_TITLES.sub(" ", title)[:31].strip()
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    return book, sheet


def workbook_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def table_download(kind: str, title: str, header: list[str], rows: list[list]) -> bytes | str:
    """One table as a CSV document or a one-sheet workbook, cell for cell."""
    if kind == "csv":
        return write_csv(header, rows)
    book, sheet = headed_sheet(title, header)
    for number, row in enumerate(rows, start=2):
        append_row(sheet, number, row)
    return workbook_bytes(book)
