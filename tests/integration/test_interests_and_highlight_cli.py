"""`caresystem interests import|export` and `caresystem highlight list|rollup`, on SQLite and PostgreSQL."""

import csv

from typer.testing import CliRunner

from caresystem.cli.app import app
from tests.integration.system.people import ALEX, add_person

runner = CliRunner()


def _run(url: str, *args):
    return runner.invoke(app, list(args), env={"CARESYSTEM_DATABASE_URL": url})


def test_interests_import_export_all_or_nothing(db, tmp_path):
    add_person(db, *ALEX)
    good = tmp_path / "interests.csv"
    good.write_text("Person key,Type,Description,From\n"
                    f"{ALEX[0]},Financial,Shares in a supplier,2020-01-01\n")
    imported = _run(db.url, "interests", "import", str(good))
    assert imported.exit_code == 0 and "1 new" in imported.output, imported.output
    bad = tmp_path / "bad.csv"
    bad.write_text("Person key,Type,Description,From\n"
                   f"{ALEX[0]},Indirect,Spouse works for a provider,2021-01-01\nnobody,hobby,Chess,2021-01-01\n")
    refused = _run(db.url, "interests", "import", str(bad))
    assert refused.exit_code == 2 and "Nothing was changed" in refused.output
    assert "row 3, type" in refused.output and "row 3, person" in refused.output
    out = tmp_path / "out.csv"
    assert _run(db.url, "interests", "export", str(out)).exit_code == 0
    rows = list(csv.reader(out.read_text().splitlines()))
    assert [r[4] for r in rows[1:]] == ["Shares in a supplier"]
    assert _run(db.url, "interests", "export", str(tmp_path / "out.txt")).exit_code == 2


def test_highlight_list_and_rollup(db, api):
    api("pmo").post("/api/v1/highlight-reports", json={
        "project": "west-kent-icp", "period": "2019-06", "rag_overall": "green", "rag_schedule": "green",
        "rag_resources": "amber", "rag_risk": "green", "achievements": "ICP board formed", "next_steps": "Plan"})
    api("pmo").post("/api/v1/highlight-reports/west-kent-icp/2019-06/submit", json={"version": 1})
    listed = _run(db.url, "highlight", "list", "--period", "2019-06")
    assert listed.exit_code == 0 and "West Kent ICP" in listed.output and "1 report." in listed.output
    rollup = _run(db.url, "highlight", "rollup", "2019-06")
    assert rollup.exit_code == 0 and "revision 1" in rollup.output
    assert "Missing:" in rollup.output and "West Kent ICP" not in rollup.output.split("Missing:")[1]
    assert _run(db.url, "highlight", "rollup", "June").exit_code == 2
