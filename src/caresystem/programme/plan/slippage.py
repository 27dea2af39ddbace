"""Milestone and deliverable RAG, derived from slippage and never typed.

The rules, in order (the thresholds are the programme's `settings["milestone_rag"]`, these are the defaults):
cancelled -> cancelled; complete (status or an actual date) -> complete; no baseline or forecast -> no date;
due date (forecast, else baseline) passed with no actual -> red (overdue); forecast later than baseline by more than
`red_after_days` -> red; by more than `amber_after_days` -> amber; otherwise green. PID section 4 gives the milestones;
the thresholds are a programme office convention, so each programme sets its own.
"""

from dataclasses import dataclass
from datetime import date

DEFAULT_RULES = {"red_after_days": 28, "amber_after_days": 0}
RAGS = {"red": "Red", "amber": "Amber", "green": "Green", "complete": "Complete", "no_date": "No date",
        "cancelled": "Cancelled"}
SEVERITY = {"complete": 0, "cancelled": 0, "no_date": 1, "green": 2, "amber": 3, "red": 4}


@dataclass(frozen=True)
class SlipRules:
    red_after_days: int = DEFAULT_RULES["red_after_days"]
    amber_after_days: int = DEFAULT_RULES["amber_after_days"]

    @classmethod
    def from_settings(cls, settings: dict | None) -> "SlipRules":
        configured = (settings or {}).get("milestone_rag") or {}
        return cls(**(DEFAULT_RULES | {k: v for k, v in configured.items() if k in DEFAULT_RULES}))

    def describe(self) -> list[str]:
        return [
            "Cancelled items have no RAG; items marked complete, or with an actual date, are complete.",
            "An item with neither a baseline nor a forecast date has no RAG (no date).",
            "Red: the due date (forecast, else baseline) has passed and there is no actual date (overdue).",
            f"Red: the forecast is more than {self.red_after_days} days later than the baseline.",
            f"Amber: the forecast is more than {self.amber_after_days} days later than the baseline.",
            "Green: otherwise (on or ahead of the baseline, or slipping within the amber threshold).",
        ]


def check_rules(values: dict) -> str | None:
    """A problem with configured thresholds, or None: whole days, 0 <= amber <= red."""
    unknown = set(values) - set(DEFAULT_RULES)
    if unknown:
        return f"unknown setting {', '.join(sorted(unknown))}; use {', '.join(DEFAULT_RULES)}"
    merged = DEFAULT_RULES | values
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in merged.values()):
        return "thresholds are whole numbers of days, 0 or more"
    if merged["amber_after_days"] > merged["red_after_days"]:
        return "amber_after_days must not be more than red_after_days"
    return None


@dataclass(frozen=True)
class Rag:
    rag: str
    reason: str
    slip_days: int | None
    overdue: bool = False

    @property
    def label(self) -> str:
        return RAGS[self.rag]


def due_date(baseline: date | None, forecast: date | None) -> date | None:
    return forecast or baseline


def slip(baseline: date | None, forecast: date | None) -> int | None:
    """Days the forecast is later than the baseline (negative when ahead); None without both dates."""
    return (forecast - baseline).days if baseline and forecast else None


def assess(*, status: str, baseline: date | None, forecast: date | None, actual: date | None, today: date,
           rules: SlipRules = SlipRules()) -> Rag:
    days = slip(baseline, forecast)
    if status == "cancelled":
        return Rag("cancelled", "Cancelled.", days)
    if actual is not None:
        return Rag("complete", f"Completed on {actual:%-d %B %Y}.", days)
    if status == "complete":
        return Rag("complete", "Marked complete.", days)
    due = due_date(baseline, forecast)
    if due is None:
        return Rag("no_date", "No baseline or forecast date yet.", days)
    if due < today:
        late = (today - due).days
        return Rag("red", f"Overdue: due {due:%-d %B %Y}, {late} day{'s' * (late != 1)} ago, with no actual date.",
                   days, overdue=True)
    if days is not None and days > rules.red_after_days:
        return Rag("red", f"Forecast {days} days later than baseline (more than {rules.red_after_days}).", days)
    if days is not None and days > rules.amber_after_days:
        return Rag("amber", f"Forecast {days} days later than baseline (more than {rules.amber_after_days}).", days)
    if days is None:
        return Rag("green", "Not yet due; no forecast different from the baseline.", days)
    return Rag("green", "On or ahead of the baseline." if days <= 0 else
               f"Forecast {days} days later than baseline (within tolerance).", days)
