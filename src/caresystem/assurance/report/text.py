"""Words for SPC results: values in their unit, the icons' meaning, and a chart's caption and text summary."""

from caresystem.stats import SpcResult

VARIATION_TEXT = {
    "common_cause": "Common cause variation",
    "concern_high": "Special cause concern (high)", "concern_low": "Special cause concern (low)",
    "improvement_high": "Special cause improvement (high)", "improvement_low": "Special cause improvement (low)",
    "neither_high": "Special cause variation, neither better nor worse (high)",
    "neither_low": "Special cause variation, neither better nor worse (low)",
}
ASSURANCE_TEXT = {"pass": "Consistently passing the target", "fail": "Consistently failing the target",
                  "hit_and_miss": "Hit and miss: the target may or may not be met", None: "No target to assure against"}
CLASS_TEXT = {"common_cause": "Common cause", "special_cause_improvement": "Special cause improvement",
              "special_cause_concern": "Special cause concern", "special_cause_neither": "Special cause (neither)"}
DIRECTION_TEXT = {"higher": "Higher is better", "lower": "Lower is better", "neutral": "Neither higher nor lower is better"}


def value_text(value: float | None, unit: str) -> str:
    if value is None:
        return "No data"
    if unit == "percent":
        return f"{value:.1f}%"
    if unit == "count":
        return f"{value:,.0f}"
    if unit == "gbp_m":
        return f"£{value:,.1f}m"
    if unit == "fte":
        return f"{value:,.0f} FTE"
    return f"{value:,.1f}"


def target_text(target: float | None, operator: str | None, unit: str) -> str:
    if target is None:
        return "No target"
    words = {">=": "at least", "<=": "at most", "=": "exactly"}.get(operator or "", "")
    return f"{words} {value_text(target, unit)}".strip()


def summary(result: SpcResult, unit: str, periods) -> list[str]:
    """The chart in sentences: its limits per segment, the latest point and its class, the assurance."""
    sentences = []
    for segment in result.segments:
        span = (f"{periods[segment.start]:%b %Y} to {periods[segment.end - 1]:%b %Y}")
        sentences.append(f"From {span} the mean is {value_text(segment.mean, unit)}, with process limits of "
                         f"{value_text(segment.lower_limit, unit)} to {value_text(segment.upper_limit, unit)}.")
    latest = result.latest
    why = f" ({', '.join(latest.rules)})" if latest.rules else ""
    sentences.append(f"The latest point, {periods[latest.index]:%b %Y}, is {value_text(latest.value, unit)}: "
                     f"{CLASS_TEXT[latest.classification].lower()}{why}.")
    special = sum(1 for p in result.points if p.classification != "common_cause")
    sentences.append(f"{special} of {len(result.points)} points show special cause variation.")
    sentences.append(f"{ASSURANCE_TEXT[result.assurance]}.")
    if result.screened:
        sentences.append("Moving ranges above 3.267 times their mean are left out of the limits (screening on).")
    return sentences + list(result.warnings)
