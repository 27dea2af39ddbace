"""The upload pages of the risk register and of the assumptions, issues, dependencies, decisions and actions logs,
on SQLite and PostgreSQL: a good file imports and says how many rows, a file with bad rows lists every one by row
and column and imports nothing; only those who may edit see and use them."""

import pytest
from sqlalchemy import func, select

from caresystem.programme.raid.models import Risk
from caresystem.programme.raid.registers import REGISTERS
from tests.conftest import csrf_of, login


def _count(db, model) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model).where(model.deleted_at.is_(None)))


def _upload(client, path: str, name: str, text: str):
    form = client.get(path).text
    return client.post(path, data={"csrf_token": csrf_of(form)}, files={"file": (name, text.encode(), "text/csv")})


def _problems(html: str) -> list[list[str]]:
    """The rows of the problems table as [row, column, problem]."""
    body = html.split('<table class="nhsuk-table" id="problems">')[1].split("</tbody>")[0].split("<tbody")[1]
    return [[cell.rsplit(">", 1)[1] for cell in row.split("</td>")[:-1]] for row in body.split("<tr")[1:]]


def _log_file(key: str) -> tuple[str, str, str]:
    """A good row, a row with an impossible date (refused when read) and a row with an unknown status (refused by
    the register's rules); the date column's heading."""
    register = REGISTERS[key]
    due = next(f for f in register.fields if f.kind == "date")
    head = f"Reference,{register.field('title').label},{due.label},Status\n"
    good = f"UP1,Uploaded through the page,30/09/2026,{register.default_status}\n"
    bad = f"UP2,Second entry,2026-02-30,{register.default_status}\nUP3,Third entry,2026-09-30,nonsense\n"
    return head + good, head + good + bad, due.label


@pytest.mark.parametrize("key", list(REGISTERS))
def test_a_log_is_imported_from_its_upload_page(client, db, key):
    register = REGISTERS[key]
    good, bad, due = _log_file(key)
    login(client, "pmo")
    assert f'href="/programme/{key}/import"' in client.get(f"/programme/{key}").text
    before = _count(db, register.model)
    refused = _upload(client, f"/programme/{key}/import", f"{key}.csv", bad)
    assert refused.status_code == 422 and "The file has 2 problems" in refused.text
    assert "Nothing was imported: 2 problems to fix" in refused.text
    problems = _problems(refused.text)
    assert [p[:2] for p in problems] == [["3", due], ["4", "Status"]]
    assert "must be one of" in problems[1][2]
    assert _count(db, register.model) == before
    done = _upload(client, f"/programme/{key}/import", f"{key}.csv", good)
    assert done.status_code == 200 and "1 row imported from " + key + ".csv: 1 new, 0 changed, 0 unchanged" in done.text
    assert _count(db, register.model) == before + 1
    assert "Uploaded through the page" in client.get(f"/programme/{key}/UP1").text


def test_the_risk_register_is_imported_from_its_upload_page(client, db):
    login(client, "pmo")
    assert 'href="/programme/risks/import"' in client.get("/programme/risks").text
    before = _count(db, Risk)
    text = ("Risk ID,Risk,Consequence,Probability,Inherent impact,Escalated to\n"
            "UPR1,Uploaded risk,4,3,,System Transformation Executive Board\n"
            "UPR2,Impossible impact,9,1,,\n"
            "UPR3,Half an inherent rating,2,2,4,\n")
    refused = _upload(client, "/programme/risks/import", "risks.csv", text)
    assert refused.status_code == 422 and "The file has 2 problems" in refused.text
    assert _problems(refused.text) == [["3", "Current impact", "must be 5 or less"],
                                       ["4", "Inherent likelihood", "must be given with inherent impact: give both or "
                                                                    "neither"]]
    assert _count(db, Risk) == before
    good = text.split("UPR2")[0]
    done = _upload(client, "/programme/risks/import", "risks.csv", good)
    assert done.status_code == 200 and "1 row imported from risks.csv: 1 new" in done.text
    assert _count(db, Risk) == before + 1
    assert 'Current score</dt><dd class="nhsuk-summary-list__value">12 (' in client.get("/programme/risks/UPR1").text


def test_an_unreadable_file_is_named_on_the_file_field(client):
    login(client, "pmo")
    wrong = _upload(client, "/programme/risks/import", "risks.txt", "Title\nA risk\n")
    assert wrong.status_code == 422 and 'href="#file"' in wrong.text
    assert "The file must be an .xlsx or .csv file" in wrong.text
    headings = _upload(client, "/programme/issues/import", "issues.csv", "Issue,Colour\nLate,red\n")
    assert _problems(headings.text) == [["1", "Colour", "is not a column of the issues log"]]
    form = client.get("/programme/issues/import").text
    missing = client.post("/programme/issues/import", data={"csrf_token": csrf_of(form)})
    assert missing.status_code == 422 and "The file is missing" in missing.text


@pytest.mark.parametrize("path", ["/programme/risks", "/programme/actions"])
def test_only_editors_see_and_use_the_upload_pages(client, path):
    login(client, "viewer")
    listing = client.get(path).text
    assert f'href="{path}/import"' not in listing
    assert client.get(f"{path}/import").status_code == 403
    refused = client.post(f"{path}/import", data={"csrf_token": csrf_of(listing)},  # the sign-out form's token
                          files={"file": ("x.csv", b"Title\nNot allowed\n", "text/csv")})
    assert refused.status_code == 403 and "Not allowed" not in client.get(path, params={"status": ""}).text
