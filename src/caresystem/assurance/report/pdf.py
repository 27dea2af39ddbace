"""The report as a PDF: WeasyPrint renders the print template (A4 landscape, charts kept as vectors, page numbers).
No network: the print template carries its own CSS and the charts are SVG in data URIs.

Speed: WeasyPrint parses inline SVG through its HTML parser and lays out every SVG text with Pango, which costs
milliseconds apiece. So the charts and sparklines go in as SVG images (parsed by its SVG reader, still drawn as
vectors), the icons are drawn with CSS and words, and the exception charts are capped.
"""

import base64
from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import Markup, escape
from weasyprint import HTML

from caresystem.assurance.report import chart
from caresystem.assurance.report.service import Report
from caresystem.assurance.report.text import ASSURANCE_TEXT, VARIATION_TEXT, summary, target_text, value_text

ROWS_PER_PAGE = 16  # summary rows that fit an A4 landscape page with their sparklines
MAX_CHARTS = 24  # a board pack shows the exceptions' charts (the first 24); the summary table covers the rest


@dataclass(frozen=True)
class PrintChart:
    title: str
    svg: Markup
    summary: list[str]


def as_image(svg: str, *, alt: str, css_class: str) -> Markup:
    """An SVG as an <img> with a data URI, so WeasyPrint reads it as an image and keeps it as vectors."""
    if not svg:
        return Markup("")
    data = base64.b64encode(str(svg).encode()).decode()
    return Markup(f'<img class="{css_class}" alt="{escape(alt)}" src="data:image/svg+xml;base64,{data}">')


def sparkline_image(values) -> Markup:
    return as_image(chart.sparkline(values), alt="", css_class="spark")


def exception_charts(report: Report) -> list[PrintChart]:
    """One chart per measure and organisation with an exception, in report order."""
    wanted = {(e.measure_key, e.organisation_code) for e in report.exceptions}
    charts = []
    for line in report.lines:
        if (line.measure.key, line.entity.code) in wanted and line.result and len(charts) < MAX_CHARTS:
            title = f"{line.measure.name}, {line.entity.name}"
            svg = chart.spc_chart(line.result, list(line.periods), unit=line.measure.unit, title=title,
                                  target=line.measure.target)
            charts.append(PrintChart(title, as_image(svg, alt=f"XmR chart of {title}", css_class="chart-image"),
                                     summary(line.result, line.measure.unit, line.periods)))
    return charts


def report_html(report: Report, env: Environment) -> str:
    return env.get_template("assurance/report_pdf.html").render(
        report=report, charts=exception_charts(report), more=_exception_series(report) - MAX_CHARTS,
        value_text=value_text, target_text=target_text, sparkline=sparkline_image, variation_text=VARIATION_TEXT,
        assurance_text=ASSURANCE_TEXT, rows_per_page=ROWS_PER_PAGE)


def _exception_series(report: Report) -> int:
    return len({(e.measure_key, e.organisation_code) for e in report.exceptions})


def report_pdf(report: Report, env: Environment) -> bytes:
    return HTML(string=report_html(report, env)).write_pdf()
