"""The report as a workbook: the summary (one row per measure and organisation) and the exceptions."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from caresystem.assurance.report.service import Report
from caresystem.assurance.report.text import ASSURANCE_TEXT, VARIATION_TEXT

SUMMARY = ["Measure key", "Measure", "Domain", "Organisation code", "Organisation", "Period", "Value", "Unit",
           "Illustrative", "Target", "Met when", "Mean", "Lower process limit", "Upper process limit", "Variation",
           "Assurance"]
EXCEPTIONS = ["Measure key", "Measure", "Organisation code", "Organisation", "Period", "Reason", "Detail"]


def report_xlsx(report: Report) -> bytes:
    book = Workbook()
    summary = book.active
    summary.title = "Summary"
    summary.append(SUMMARY)
    for line in report.lines:
        segment = line.result.last_segment if line.result else None
        summary.append([line.measure.key, line.measure.name, line.measure.domain, line.entity.code, line.entity.name,
                        line.period, line.value, line.measure.unit, "yes" if line.illustrative else "no",
                        line.measure.target, line.measure.target_operator,
                        round(segment.mean, 3) if segment else None,
                        round(segment.lower_limit, 3) if segment else None,
                        round(segment.upper_limit, 3) if segment else None,
                        VARIATION_TEXT.get(line.variation, "No chart") if line.variation else "No chart",
                        ASSURANCE_TEXT[line.assurance]])
    exceptions = book.create_sheet("Exceptions")
    exceptions.append(EXCEPTIONS)
    for e in report.exceptions:
        exceptions.append([e.measure_key, e.measure_name, e.organisation_code, e.organisation_name, e.period,
                           e.reason, e.detail])
    for sheet in (summary, exceptions):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if hasattr(cell.value, "year"):
                    cell.number_format = "yyyy-mm"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
