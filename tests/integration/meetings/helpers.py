"""Small files and set-ups the meetings tests share."""

import io
import zipfile
from contextlib import contextmanager

from pypdf import PdfWriter
from sqlalchemy import event

STEB = "system-transformation-executive-board"
ICB = "ics-nhs-body-board"


def pdf_of(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<document/>")
    return out.getvalue()


def schedule(api, body: str = STEB, first: str = "2027-01-12", until: str = "2027-03-31") -> list[dict]:
    current = api.get(f"/api/v1/governance-bodies/{body}/terms-of-reference").json()
    if current["frequency"] is None:  # the documents give the frequency of the PID's groups only
        terms = api.put(f"/api/v1/governance-bodies/{body}/terms-of-reference",
                        json={"frequency": "monthly", "version": current["version"]})
        assert terms.status_code == 200, terms.text
    response = api.post("/api/v1/meetings/schedule", json={"body": body, "first": first, "until": until})
    assert response.status_code == 201, response.text
    return response.json()


@contextmanager
def selects(engine):
    """The SELECT statements run on the engine inside the block (to check a read does not query per row)."""
    statements: list[str] = []

    def count(_connection, _cursor, statement, *_):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)
