"""CSV that a spreadsheet opens as data, never as live formulas, and that reads back exactly as it was written.

OWASP "CSV Injection": a cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula
by Excel, LibreOffice and Google Sheets; prefixing it with a single quote makes them show it as text. So that an
export imports back unchanged, the reader takes one quote off any cell that the writer would have prefixed (a
title that really begins with quotes and `=` gains one on the way out and loses it on the way in).
"""

import csv
import io
import re

_LIVE = re.compile(r"^'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"^'+[=+\-@\t\r]")


def neutralise(value):
    """The cell as it should be written: text a spreadsheet would run gets a leading quote."""
    return "'" + value if isinstance(value, str) and _LIVE.match(value) else value


def restore(value):
    """The inverse of `neutralise`, for cells read from a CSV file."""
    return value[1:] if isinstance(value, str) and _ESCAPED.match(value) else value


def write_csv(header: list[str], rows) -> str:
    """A CSV document: one header row, then each row's cells (None as empty), every text cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    return buffer.getvalue()


def read_csv(text: str) -> list[list[str]]:
    """Every row of a CSV document, with the writer's neutralising quotes taken off again."""
    return [[restore(cell) for cell in row] for row in csv.reader(io.StringIO(text))]
