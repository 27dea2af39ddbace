"""The report as a PDF: WeasyPrint renders the print template (A4 landscape, charts kept as vectors, page numbers).
No network: the print template carries its own CSS and the charts are inline SVG."""

from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import Markup
from weasyprint import HTML

from caresystem.assurance.report import chart
from caresystem.assurance.report.service import Report
from caresystem.assurance.report.text import summary, target_text, value_text

MAX_CHARTS = 60  # a board pack shows the exceptions' charts; the summary table covers the rest


@dataclass(frozen=True)
class PrintChart:
    title: str
    svg: Markup
    summary: list[str]


def exception_charts(report: Report) -> list[PrintChart]:
    """One chart per measure and organisation with an exception, in report order."""
    wanted = {(e.measure_key, e.organisation_code) for e in report.exceptions}
    charts = []
    for line in report.lines:
        if (line.measure.key, line.entity.code) in wanted and line.result and len(charts) < MAX_CHARTS:
            title = f"{line.measure.name}, {line.entity.name}"
            charts.append(PrintChart(title, chart.spc_chart(line.result, list(line.periods), unit=line.measure.unit,
                                                            title=title, target=line.measure.target),
                                     summary(line.result, line.measure.unit, line.periods)))
    return charts


def report_html(report: Report, env: Environment) -> str:
    return env.get_template("assurance/report_pdf.html").render(
        report=report, charts=exception_charts(report), value_text=value_text, target_text=target_text,
        variation_icon=chart.variation_icon, assurance_icon=chart.assurance_icon, sparkline=chart.sparkline)


def report_pdf(report: Report, env: Environment) -> bytes:
    return HTML(string=report_html(report, env)).write_pdf()
