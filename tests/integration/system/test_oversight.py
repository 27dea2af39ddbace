"""The oversight strands and the accountability chain (document 002 section 6.1): loaded from the example with their
sources, read by anyone through the API and the page, "as at" a date; the loader refuses a line through a body
not in force or not in the data; the Quality Surveillance Group and the ICB's quality, performance and finance
committees report to the ICS NHS Body board only once it exists; on SQLite and PostgreSQL."""

import shutil
from datetime import date

import pytest

from caresystem.auth import SYSTEM
from caresystem.errors import Invalid
from caresystem.system import interchange
from caresystem.system.governance import service as governance
from caresystem.system.oversight import oversight

BOARD = "ics-nhs-body-board"


def test_the_four_strands_and_the_chain_are_loaded_with_their_sources(db):
    with db.session() as session:
        found = oversight(session, actor=SYSTEM)
        assert [s.number for s in found.strands] == ["(i)", "(ii)", "(iii)", "(iv)"]
        assert all((s.source_document, s.source_section) == ("002", "6.1") for s in found.strands)
        ccg = found.strands[1]
        assert ccg.body_keys == ["ccg-finance-performance-committee", "ccg-quality-safety-safeguarding-committee",
                                 "ccg-primary-care-commissioning-committee"]
        assert (found.strands[3].overseer, found.strands[3].body_keys) == (
            "NHS England and NHS Improvement (NHSEI)", [])
        chain = [(a.overseen, a.overseer) for a in found.accountability]
        assert chain[0] == ("Individual providers", "The ICS NHS Body")
        assert chain[-1] == ("NHS England and NHS Improvement (NHSEI)", "The Department of Health and Social Care (DHSC)")
        assert ("The ICS NHS Body", "NHS England and NHS Improvement (NHSEI)") in chain
        assert set(found.bodies) >= {BOARD, "quality-surveillance-group", "dgs-icp", "ics-partnership"}


def test_as_at_a_date_only_the_lines_then_in_force(db):
    with db.session() as session:
        in_2021 = oversight(session, actor=SYSTEM, as_at=date(2021, 9, 1))
        assert len(in_2021.strands) == 4
        assert [a.key for a in in_2021.accountability] == ["providers-quality-to-ccg", "nhsei-to-dhsc"]
        in_2023 = oversight(session, actor=SYSTEM, as_at=date(2023, 1, 1))
        assert in_2023.strands == [] and len(in_2023.accountability) == 6


def test_anyone_reads_the_api_and_the_page(api, client):
    body = api().get("/api/v1/oversight").json()
    assert [s["key"] for s in body["strands"]] == ["ics-governance-strand", "ccg-governance-strand", "icp-strand",
                                                   "provider-strand"]
    icp = body["strands"][2]
    assert [b["name"] for b in icp["bodies"]][0] == "Dartford, Gravesham and Swanley ICP Board"
    assert body["accountability"][1]["through"] == "with and through the ICS NHS Body"
    later = api().get("/api/v1/oversight", params={"as_at": "2023-01-01"}).json()
    assert later["as_at"] == "2023-01-01" and later["strands"] == []
    assert api().get("/api/v1/oversight", params={"as_at": "2023-13-01"}).status_code == 422
    page = client.get("/governance/oversight")
    assert page.status_code == 200 and "Oversight through the CCG governance structure" in page.text
    assert 'href="/governance/quality-surveillance-group"' in page.text and "Document 002, section 6.1" in page.text
    dated = client.get("/governance/oversight", params={"as_at": "2023-01-01"}).text
    assert "No oversight strands recorded in force on 1 January 2023" in dated
    assert 'href="/governance/oversight"' in client.get("/governance").text


def _example_with(tmp_path, replace: tuple[str, str]):
    folder = tmp_path / "system"
    shutil.copytree(interchange.EXAMPLE, folder)
    text = (folder / "oversight.yaml").read_text()
    assert text.count(replace[0]) == 1
    (folder / "oversight.yaml").write_text(text.replace(*replace))
    return folder


@pytest.mark.parametrize("replace, message", [
    (("  bodies: [quality-surveillance-group]\n  valid_from: '2021-07-01'\n",
      "  bodies: [quality-surveillance-group]\n  valid_from: '2021-04-01'\n"),
     "runs through 'quality-surveillance-group' from 2021-04-01, before that body comes into force on 2021-07-01"),
    (("  bodies: [ics-partnership]\n", "  bodies: [ics-partnership, no-such-body]\n"),
     "refers to governance body 'no-such-body', which is not in the data"),
])
def test_a_line_through_a_body_not_in_force_or_unknown_fails_the_load(db, tmp_path, replace, message):
    folder = _example_with(tmp_path, replace)
    with db.session() as session:
        with pytest.raises(Invalid) as failed:
            interchange.import_directory(session, folder, actor=SYSTEM)
        [error] = failed.value.errors
        assert error.field.startswith("oversight.yaml (") and error.field.endswith(".bodies")
        assert error.message == message


def test_the_qsg_and_the_icb_committees_report_to_the_board_once_it_exists(db):
    with db.session() as session:
        board = governance.get_body(session, BOARD, actor=SYSTEM)
        for key in ("icb-quality-committee", "icb-performance-committee", "icb-finance-committee",
                    "icb-audit-committee", "icb-remuneration-committee"):
            committee = governance.get_body(session, key, actor=SYSTEM)
            assert committee.reports_to.key == BOARD and committee.valid_from == board.valid_from == date(2022, 7, 1)
            assert (committee.source_document, committee.source_section) == ("002", "6.3.3")
        qsg = governance.get_body(session, "quality-surveillance-group", actor=SYSTEM)
        assert (qsg.valid_from, qsg.reports_to.key, qsg.reports_to_from) == (date(2021, 7, 1), BOARD, date(2022, 7, 1))
        assert not governance.line_holds(qsg, date(2021, 9, 1)) and governance.line_holds(qsg, date(2022, 7, 1))
        reporting = {b.key for b in governance.reporting_bodies(session, board, date(2023, 1, 1))}
        assert {"icb-quality-committee", "icb-performance-committee", "icb-finance-committee",
                "quality-surveillance-group"} <= reporting
