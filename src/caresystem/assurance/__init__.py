"""Assurance: performance standards and their data, statistical process control read the Making Data Count way,
finance and workforce figures, and the integrated performance report.

Other parts use only these names:

    load_assurance(session, directory, actor=...)      the reference data of a system's `assurance/` folder
    exceptions_for_body(session, body_key=..., since=..., until=..., as_at=None) -> list[MeasureException]
    measure_series(session, measure_key=..., entity_code=...) -> MeasuredSeries | None   (with its SPC and chart)
    known_measure(session, key), known_entity(session, code)
"""

from caresystem.assurance.measured import MeasuredPoint, MeasuredSeries, known_entity, known_measure, measure_series
from caresystem.assurance.reference import load_assurance
from caresystem.assurance.report.service import MeasureException, exceptions_for_body

__all__ = ["load_assurance", "exceptions_for_body", "MeasureException", "measure_series", "MeasuredSeries",
           "MeasuredPoint", "known_measure", "known_entity"]
