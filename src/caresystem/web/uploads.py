"""Upload pages for spreadsheet imports, written once: the NHS.UK file upload, then either "N rows imported" or
every problem in one table naming its row, column and what is wrong, with nothing imported (the import runs in the
request's transaction, which is rolled back)."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from fastapi import Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from caresystem.errors import FieldError, Invalid
from caresystem.web.templating import render
from caresystem.wording import pluralise

TEMPLATE = "upload.html"
ROW = re.compile(r"^row (\d+)\s*[,:]\s*(.*)$")
HEADER = re.compile(r"^header(?: '(.*)')?$")


@dataclass(frozen=True)
class UploadPage:
    title: str                                 # "Import the risk register"
    action: str                                # where the form posts
    back: tuple[str, str]                      # (href, label) of the register the file goes into
    about: str                                 # what the file holds and how rows are matched
    labels: dict[str, str] = field(default_factory=dict)  # field -> the column heading a problem is named by
    nav: str | None = None                     # the navigation template of the register's pages
    current: str | None = None                 # ... and the tab it shows as current
    accept: str = ".xlsx,.csv"
    # How the counts of an import are worded: (key of the counts, word), in order. Most imports create, update or
    # leave rows unchanged; measure data replaces a period imported again.
    counted: tuple[tuple[str, str], ...] = (("created", "new"), ("updated", "changed"), ("unchanged", "unchanged"))


@dataclass(frozen=True)
class Problem:
    row: str
    column: str
    problem: str


def problem_of(error: FieldError, labels: dict[str, str]) -> Problem:
    """"row 3, current_impact" -> row 3, column "Current impact"; header problems are on row 1."""
    if found := ROW.match(error.field):
        name = found.group(2)
        return Problem(found.group(1), labels.get(name, name.replace("_", " ").capitalize()), error.message)
    if found := HEADER.match(error.field):
        return Problem("1", found.group(1) or "", error.message)
    return Problem("", labels.get(error.field, error.field), error.message)


def show(request: Request, page: UploadPage, *, problems: list[Problem] = (), errors: dict | None = None,
         counts: dict | None = None, filename: str | None = None, status_code: int = 200) -> Response:
    return render(request, TEMPLATE, {"title": page.title, "page": page, "problems": list(problems),
                                      "errors": errors or {}, "counts": counts, "filename": filename},
                  status_code=status_code)


def _refused(request: Request, page: UploadPage, exc: Invalid) -> Response:
    file_errors = [e.message for e in exc.errors if e.field == "file"]
    problems = [problem_of(e, page.labels) for e in exc.errors if e.field != "file"]
    message = (f"The file {'; '.join(file_errors)}" if file_errors else
               f"The file has {pluralise(len(problems), 'problem')}, listed below: "
               "nothing was imported")
    return show(request, page, problems=problems, errors={"file": message}, status_code=422)


async def import_upload(request: Request, session, page: UploadPage, run: Callable[[bytes, str], dict[str, int]],
                        *, permitted: Callable[[], None]) -> Response:
    """Read the posted file and `run(content, filename)` it, which returns counts with "rows"; a refused file rolls
    the request's transaction back and lists every problem. `permitted()` raises for those who may not import,
    before the file is read (a refusal, not the file's faults); the upload is closed whatever either raises."""
    async with request.form() as form:  # closes the spooled upload once read
        permitted()
        upload = form.get("file")
        filename = upload.filename if isinstance(upload, UploadFile) else None
        content = await upload.read() if isinstance(upload, UploadFile) else b""
    try:
        if not filename:
            raise Invalid.one("file", "is missing: choose an .xlsx or .csv file to import")
        counts = run(content, filename)
    except Invalid as exc:
        session.rollback()
        return _refused(request, page, exc)
    return show(request, page, counts=counts, filename=filename)
