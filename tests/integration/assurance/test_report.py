"""The integrated performance report: summary and exceptions (page, API, PDF, XLSX), measure pages with chart,
narrative and history, exceptions routed by rule to a governance body, finance totals and the workforce."""

import io
from datetime import date

from openpyxl import load_workbook
from typer.testing import CliRunner
from weasyprint import HTML

from caresystem.assurance import exceptions_for_body
from caresystem.assurance.report import service
from caresystem.assurance.report.pdf import report_html
from caresystem.auth import SYSTEM
from caresystem.cli.app import app as cli
from caresystem.web.templating import make_templates
from tests.conftest import csrf_of, login

FINANCE = "ccg-finance-performance-committee"
QUALITY = "ccg-quality-safety-safeguarding-committee"
ICB = "ics-nhs-body-board"  # takes the committees' exceptions since they ended on 30 June 2022
WHILE_THE_CCG_WAS = date(2021, 9, 1)


def test_the_report_api_reads_every_series_at_the_period_with_its_icons(api):
    report = api().get("/api/v1/assurance/report", params={"period": "2015-08", "domain": "urgent care"}).json()
    assert report["period"] == "2015-08-01"
    lines = {(x["measure"], x["organisation"]): x for x in report["lines"]}
    medway = lines[("ae-four-hours", "RPA")]
    assert (medway["value"], medway["illustrative"], medway["assurance"]) == (77.9, False, "fail")
    assert {x["measure"] for x in report["lines"]} == {"ae-four-hours"}  # no ambulance data in the documents
    assert {(e["measure_key"], e["organisation_code"], e["reason"]) for e in report["exceptions"]} >= {
        ("ae-four-hours", "RPA", "failing assurance")}
    earlier = api().get("/api/v1/assurance/report", params={"period": "2014-08"}).json()
    assert all(x["period"] <= "2014-08-01" and x["illustrative"] for x in earlier["lines"])
    bad = api().get("/api/v1/assurance/report", params={"period": "August"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "period"


def test_every_exception_is_a_concern_at_the_latest_point_or_a_failing_assurance(api):
    report = api().get("/api/v1/assurance/report", params={"period": "2015-08"}).json()
    lines = {(x["measure"], x["organisation"]): x for x in report["lines"]}
    assert report["exceptions"]
    for e in report["exceptions"]:
        line = lines[(e["measure_key"], e["organisation_code"])]
        assert (e["reason"] == "failing assurance") == (line["assurance"] == "fail") or line["variation"].startswith(
            "concern")
    expected = {(x["measure"], x["organisation"]) for x in report["lines"]
                if x["assurance"] == "fail" or (x["variation"] or "").startswith("concern")}
    assert {(e["measure_key"], e["organisation_code"]) for e in report["exceptions"]} == expected


def test_the_spc_api_gives_limits_rules_per_point_and_icons(api):
    spc = api().get("/api/v1/assurance/measures/ae-four-hours/spc/RPA").json()
    assert len(spc["points"]) == 36 and spc["screened"] is True and spc["direction"] == "higher"
    segment = spc["segments"][0]
    assert segment["lower_limit"] < segment["mean"] < segment["upper_limit"] < 95
    assert spc["assurance"] == "fail" and spc["points"][-1]["value"] == 77.9
    assert api().get("/api/v1/assurance/measures/ae-four-hours/spc/RYD").status_code == 404


def test_exceptions_route_by_rule_to_a_body(db):
    with db.session() as s:
        def routed(body_key, since=None, as_at=WHILE_THE_CCG_WAS):
            return exceptions_for_body(s, body_key=body_key, since=since, until=date(2015, 8, 31), as_at=as_at)

        finance, quality, recent = routed(FINANCE), routed(QUALITY), routed(FINANCE, since=date(2015, 8, 1))
        nobody = routed("ics-partnership")
        ended, now = routed(FINANCE, as_at=date.today()), routed(ICB, as_at=date.today())
    assert ended == [] and {(e.measure_key, e.organisation_code) for e in finance} <= {
        (e.measure_key, e.organisation_code) for e in now}  # the committee has ended: its successor board has them
    assert all(e.reason == "special cause concern" for e in now if e.measure_key.startswith(("shmi", "hsmr")))
    assert ("ae-four-hours", "RPA", "failing assurance") in {(e.measure_key, e.organisation_code, e.reason)
                                                              for e in finance}
    assert not {e.measure_key for e in finance} & {"shmi", "hsmr", "hsmr-weekend-non-elective"}
    assert quality and all(e.reason == "special cause concern" and e.measure_key.startswith(("shmi", "hsmr"))
                           for e in quality)  # the quality rule sends concerns only
    assert all(e.period >= date(2015, 8, 1) for e in recent) and len(recent) < len(finance) + 1
    assert nobody == []
    medway = next(e for e in finance if (e.measure_key, e.organisation_code) == ("ae-four-hours", "RPA"))
    assert medway.url == "/assurance/measures/ae-four-hours/RPA" and medway.organisation_name
    assert medway.detail.startswith("The process limits (") and "95.0%" in medway.detail


def test_the_bodys_escalations_show_performance_exceptions_beside_risks(client, api):
    login(client, "viewer")
    page = client.get(f"/governance/{ICB}/escalations").text
    assert "Performance exceptions" in page and 'href="/assurance/measures/ae-four-hours/RPA"' in page
    body = api("viewer").get(f"/api/v1/governance-bodies/{ICB}/escalations").json()
    assert any(e["measure_key"] == "ae-four-hours" for e in body["measure_exceptions"])
    ended = api("viewer").get(f"/api/v1/governance-bodies/{FINANCE}/escalations").json()
    assert ended["measure_exceptions"] == []  # the CCG's committee ended on 30 June 2022


def test_the_report_page_filters_by_domain_organisation_and_place(client):
    page = client.get("/assurance/report/2015-08", params={"domain": "cancer"}).text
    assert "Cancer: 62-day wait" in page and "A&amp;E attendances" not in page.split('id="summary"')[1]
    assert "Illustrative data" not in page  # every latest cancer figure is the document's
    east = client.get("/assurance/report/2015-08", params={"place": "east-kent"}).text.split('id="summary"')[1]
    assert "East Kent Hospitals" in east and "Medway NHS Foundation Trust" not in east
    one = client.get("/assurance/report/2015-08", params={"organisation": "RWF"}).text.split('id="summary"')[1]
    assert "Maidstone" in one and "East Kent Hospitals" not in one
    assert 'aria-label="Consistently failing the target"' in one and "<svg" in one


def test_the_measure_page_has_the_chart_its_summary_and_the_data(client):
    page = client.get("/assurance/measures/ae-four-hours/RPA").text
    assert 'role="img"' in page and "<figcaption" in page and "What the chart shows" in page
    assert "process limits of" in page and "Consistently failing the target" in page
    assert page.count('<tr class="nhsuk-table__row">') >= 36 and "Illustrative data" in page
    assert "document 003, paragraph 14" in page and f'href="/governance/{ICB}/escalations"' in page
    assert FINANCE not in page  # the committee has ended: its exceptions no longer go there
    assert client.get("/assurance/measures/vacancy-rate", follow_redirects=False).status_code == 303
    assert client.get("/assurance/measures/no-such").status_code == 404


def test_a_narrative_is_dated_kept_with_history_and_refused_by_field(client):
    login(client, "editor")
    page = client.get("/assurance/measures/ae-four-hours/RPA").text
    url = "/assurance/measures/ae-four-hours/RPA/narrative"
    bad = client.post(url, data={"csrf_token": csrf_of(page), "written_for": "2015-08-01", "what_it_shows": ""})
    assert bad.status_code == 422 and 'href="#what_it_shows"' in bad.text
    saved = client.post(url, data={"csrf_token": csrf_of(page), "written_for": "2015-08-01",
                                   "what_it_shows": "Common cause variation below the standard.",
                                   "actions": "Front door streaming.", "linked_risks": "ICS-3, ICS-4"},
                        follow_redirects=True)
    assert saved.status_code == 200 and "Narrative saved." in saved.text
    assert 'href="/programme/risks/ICS-3"' in saved.text
    client.post(url, data={"csrf_token": csrf_of(page), "written_for": "2015-08-01",
                           "what_it_shows": "Revised: still below the standard.", "version": "1"})
    again = client.get("/assurance/measures/ae-four-hours/RPA").text
    assert "Revised: still below the standard." in again and "Common cause variation below" in again  # history
    stale = client.post(url, data={"csrf_token": csrf_of(page), "written_for": "2015-08-01",
                                   "what_it_shows": "Late edit", "version": "1"})
    assert stale.status_code == 409


def test_the_report_as_pdf_and_xlsx(client, db, tmp_path):
    pdf = client.get("/assurance/report/2015-08.pdf", params={"domain": "cancer"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    with db.session() as s:
        report = service.report(s, actor=SYSTEM, period=date(2015, 8, 1), domain="cancer")
        pages = HTML(string=report_html(report, make_templates().env)).render().pages
    assert (round(pages[0].width), round(pages[0].height)) == (1123, 794)  # A4 landscape, in CSS pixels
    assert len(pages) > 1
    xlsx = client.get("/assurance/report/2015-08.xlsx")
    book = load_workbook(io.BytesIO(xlsx.content))
    summary = list(book["Summary"].iter_rows(values_only=True))
    assert summary[0][:3] == ("Measure key", "Measure", "Domain") and len(summary) > 30
    assert any(r[0] == "ae-four-hours" and r[3] == "RPA" and r[6] == 77.9 for r in summary[1:])
    assert book["Exceptions"].max_row > 1
    out = tmp_path / "report.pdf"
    done = CliRunner().invoke(cli, ["assurance", "report", "--period", "2015-08", "--output", str(out)],
                              env={"CARESYSTEM_DATABASE_URL": db.url})
    assert done.exit_code == 0 and out.read_bytes().startswith(b"%PDF")
    shown = CliRunner().invoke(cli, ["assurance", "report", "--period", "2015-08", "--domain", "cancer"],
                               env={"CARESYSTEM_DATABASE_URL": db.url, "COLUMNS": "200"})
    assert shown.exit_code == 0 and "exceptions:" in shown.output and "62-day" in shown.output


def test_finance_totals_are_computed_from_rows_and_stated_totals_that_differ_are_flagged(api):
    body = api().get("/api/v1/assurance/finance", params={"year": "2019/20"}).json()
    totals = {(t["group"], t["metric"], t["basis"]): t for t in body["totals"]}
    csf = totals[("ccgs", "csf", "plan")]
    assert csf["computed_gbp_m"] == 38.9 and csf["rows"] == 8
    assert {(s["value_gbp_m"], s["differs"]) for s in csf["stated"]} == {(38.9, False), (34.2, True)}
    assert {(s["value_gbp_m"], s["differs"]) for s in totals[("ccgs", "surplus_deficit", "plan")]["stated"]} == {
        (-4.7, False)}
    providers = totals[("providers", "surplus_deficit", "plan")]
    assert providers["computed_gbp_m"] is None and providers["stated"][0]["value_gbp_m"] == -49.3
    accumulated = api().get("/api/v1/assurance/finance", params={"year": "2018/19"}).json()
    flagged = {(t["metric"], s["value_gbp_m"], s["differs"]) for t in accumulated["totals"] if t["group"] == "ccgs"
               for s in t["stated"]}
    assert ("accumulated_surplus_deficit", -87.5, True) in flagged and ("accumulated_surplus_deficit", -86.9,
                                                                         False) in flagged
    outturn = api().get("/api/v1/assurance/finance", params={"year": "2015/16"}).json()
    system = next(t for t in outturn["totals"] if t["group"] == "system")
    assert system["computed_gbp_m"] == -103.0 and system["rows"] == 15 and not system["stated"][0]["differs"]


def test_workforce_and_its_vacancy_rate_measure(api, client):
    workforce = api().get("/api/v1/assurance/workforce").json()
    assert workforce[0]["total_in_post"] == 76970 and workforce[0]["vacancies"] == 6820
    assert workforce[0]["vacancy_rate_percent"] == round(100 * 6820 / (76970 + 6820), 2)
    spc = api().get("/api/v1/assurance/measures/vacancy-rate/spc/QKS").json()
    assert spc["points"][-1]["value"] == round(100 * 6820 / 83790, 2) and len(spc["points"]) == 36
    page = client.get("/assurance/finance", params={"year": "2019/20"}).text
    assert "differs from the rows" in page and "Vacancy rate (computed)" in page


def test_a_bodys_agenda_pulls_the_exceptions_routed_to_it_since_its_last_meeting(db):
    from caresystem.meetings.sources import SOURCES, Window

    source = SOURCES["measure_exceptions"]
    with db.session() as s:
        first = source.find(s, Window(FINANCE, None, WHILE_THE_CCG_WAS))
        later = source.find(s, Window(FINANCE, WHILE_THE_CCG_WAS, date(2021, 10, 1)))
        quality = source.find(s, Window(QUALITY, None, WHILE_THE_CCG_WAS))
        ended = source.find(s, Window(FINANCE, None, date(2027, 1, 12)))
        now = source.find(s, Window(ICB, None, date(2027, 1, 12)))
    assert ended == [] and {p.source_ref for p in first} <= {p.source_ref for p in now}
    medway = next(p for p in first if p.source_ref == "ae-four-hours:RPA:failing assurance")
    assert medway.title == "A&E attendances seen within four hours: Medway NHS Foundation Trust"
    assert medway.why.startswith("Failing assurance at August 2015. The process limits") and medway.purpose == \
        "assurance"
    assert len({p.source_ref for p in first}) == len(first)
    assert later == []  # nothing new since the last meeting
    assert quality and all(p.source_ref.endswith("special cause concern") for p in quality)


def test_exception_rules_are_data_administrators_change(api, db):
    rule = {"condition": "failing_assurance", "measure_key": "ae-four-hours", "body_key": "ics-partnership"}
    assert api("editor").post("/api/v1/assurance/exception-rules", json=rule).status_code == 403
    bad = api("pmo").post("/api/v1/assurance/exception-rules", json={**rule, "body_key": "no-such",
                                                                      "measure_key": "nor-this"})
    assert {e["field"] for e in bad.json()["errors"]} == {"body_key", "measure_key"}
    made = api("pmo").post("/api/v1/assurance/exception-rules", json=rule)
    assert made.status_code == 201
    with db.session() as s:
        routed = exceptions_for_body(s, body_key="ics-partnership", since=None, until=date(2015, 8, 31))
    assert {(e.measure_key, e.reason) for e in routed} == {("ae-four-hours", "failing assurance")}
    assert api("pmo").delete(f"/api/v1/assurance/exception-rules/{made.json()['id']}").status_code == 204
    with db.session() as s:
        assert exceptions_for_body(s, body_key="ics-partnership", since=None, until=date(2015, 8, 31)) == []
