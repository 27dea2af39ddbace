"""Risk pages: register, heat map cells that filter it, detail with history chart, form errors, the CLI import."""

from typer.testing import CliRunner

from caresystem.cli.app import app as cli
from tests.conftest import csrf_of, login


def test_register_and_heat_map(client):
    assert client.get("/programme/risks", follow_redirects=False).status_code == 303
    login(client, "viewer")
    register = client.get("/programme/risks", params={"min_score": 15, "programme": "ics-transition"}).text
    assert "ICS-3" in register and "ICS-4" in register and "ICS-1" not in register
    heat = client.get("/programme/risks/heatmap").text
    assert 'href="/programme/risks?impact=4&amp;likelihood=4&amp;status=open"' in heat
    cell = client.get("/programme/risks", params={"impact": 4, "likelihood": 4, "status": "open"}).text
    assert "ICS-3" in cell and "ICS-7" in cell and "ICS-4" not in cell


def test_create_edit_and_history_through_forms(client):
    login(client, "pmo")
    form = client.get("/programme/risks/new").text
    bad = client.post("/programme/risks/new", data={"csrf_token": csrf_of(form), "title": "x", "scope": "programme",
                                                    "status": "open"})
    assert bad.status_code == 422 and 'href="#title"' in bad.text
    half = client.post("/programme/risks/new", data={"csrf_token": csrf_of(form), "title": "Half rated",
                                                     "current_impact": "4", "scope": "programme", "status": "open"})
    assert half.status_code == 422 and 'href="#current_likelihood"' in half.text
    made = client.post("/programme/risks/new", data={
        "csrf_token": csrf_of(form), "title": "Provider collaborative slow to form", "current_impact": "4",
        "current_likelihood": "4", "scope": "programme", "status": "open"}, follow_redirects=True)
    assert made.status_code == 200 and "Extreme (red)" in made.text
    assert '<a href="/governance/ics-nhs-body-board">' in made.text
    assert ("Not escalated to East Kent ICP Steering Group: ended on 31 March 2020; succeeded by East Kent ICP "
            "Board") in made.text
    reference = made.url.path.rsplit("/", 1)[1]
    edit = client.get(f"/programme/risks/{reference}/edit").text
    version = edit.split('name="version" value="')[1].split('"')[0]
    client.post(f"/programme/risks/{reference}/edit", data={
        "csrf_token": csrf_of(edit), "version": version, "title": "Provider collaborative slow to form",
        "current_impact": "4", "current_likelihood": "2", "scope": "programme", "status": "open"})
    page = client.get(f"/programme/risks/{reference}").text
    assert "went from 16 to 8 (down 8)" in page and "<svg" in page and "History" in page


def test_escalations_page(client, api):
    pmo = api("pmo")
    high = pmo.post("/api/v1/risks", json={"title": "Scored 12", "current_impact": 4, "current_likelihood": 3}).json()
    low = pmo.post("/api/v1/risks", json={"title": "Scored 6", "current_impact": 2, "current_likelihood": 3}).json()
    login(client, "viewer")
    ended = client.get("/governance/east-kent-icp-steering-group/escalations").text  # ended 31 March 2020
    assert 'href="/programme/risks/' not in ended
    assert "This body ended on 31 March 2020; succeeded by East Kent ICP Board. A body receives escalations" in ended
    page = client.get("/governance/east-kent-icp/escalations").text  # its successor, in force
    assert f"/programme/risks/{high['reference']}" in page and f"/programme/risks/{low['reference']}" not in page
    assert page.count('href="/programme/risks/') == 1


def test_import_risks_command(db, tmp_path):
    csv = tmp_path / "risks.csv"
    csv.write_text("Risk ID,Risk,Severity,Likelihood\nX1,Imported risk,5,2\n")
    result = CliRunner().invoke(cli, ["import", "risks", str(csv)], env={"CARESYSTEM_DATABASE_URL": db.url})
    assert result.exit_code == 0 and "Imported 1 row from risks.csv: 1 new" in result.output
    csv.write_text("Risk ID,Risk,Severity,Likelihood\nX2,Bad,5,0\n")
    bad = CliRunner().invoke(cli, ["import", "risks", str(csv)], env={"CARESYSTEM_DATABASE_URL": db.url})
    assert bad.exit_code == 2 and "row 2, current_likelihood" in bad.output
