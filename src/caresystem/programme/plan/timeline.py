"""Milestones drawn as a Gantt-style timeline: per row a baseline marker, a forecast marker and the bar of slip
between them, an actual-date tick, and today's line. Layout only (positions and words); the template draws the SVG
and the table that is its text alternative."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

WIDTH, LABEL, RIGHT, ROW, TOP = 860, 190, 20, 24, 34
LABEL_CHARACTERS = 30  # what fits the label column at the labels' font size
COLOURS = {"red": "#d5281b", "amber": "#ffb81c", "green": "#007f3b", "complete": "#005eb8", "no_date": "#768692",
           "cancelled": "#768692"}


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    title: str
    y: float
    rag: str
    colour: str
    baseline_x: float | None
    forecast_x: float | None
    actual_x: float | None
    slip_from: float | None
    slip_to: float | None


@dataclass(frozen=True)
class Timeline:
    bars: list[Bar]
    ticks: list[tuple[float, str]]
    today_x: float | None
    width: int
    height: int
    summary: str
    undated: int


def _ticks(start: date, end: date, x) -> list[tuple[float, str]]:
    months = (end.year - start.year) * 12 + end.month - start.month
    step = 1 if months <= 8 else 3 if months <= 30 else 12
    current = date(start.year, ((start.month - 1) // step) * step + 1 if step < 12 else 1, 1)
    ticks = []
    while current <= end:
        if current >= start:
            ticks.append((x(current), current.strftime("%Y" if step == 12 else "%b %Y")))
        month = current.month - 1 + step
        current = date(current.year + month // 12, month % 12 + 1, 1)
    return ticks


def _label(text: str) -> str:
    """The row's title as it fits the label column (the full title is the row's tooltip and in the table)."""
    return text if len(text) <= LABEL_CHARACTERS else text[:LABEL_CHARACTERS - 1].rstrip() + "…"


def layout(rows, today: date) -> Timeline:
    """`rows` have key, title, baseline_date, forecast_date, actual_date and rag (TimelineRow or a Read schema)."""
    dated = [r for r in rows if r.baseline_date or r.forecast_date or r.actual_date]
    days = [d for r in dated for d in (r.baseline_date, r.forecast_date, r.actual_date) if d]
    margin = timedelta(days=14)
    # today's line is drawn only when it falls in the range; the margins stop at the calendar's ends, so a
    # date stored before dates were bounded (db.checks) cannot overflow the page
    start = max(min(days or [today]), date.min + margin) - margin
    end = min(max(days or [today]), date.max - margin) + margin
    span = max((end - start).days, 1)

    def x(d: date | None) -> float | None:
        return None if d is None else round(LABEL + (WIDTH - LABEL - RIGHT) * (d - start).days / span, 1)

    bars = []
    for i, r in enumerate(dated):
        base, forecast = x(r.baseline_date), x(r.forecast_date)
        slipped = base is not None and forecast is not None and forecast != base
        bars.append(Bar(key=r.key, label=_label(r.title or r.key), title=r.title,
                        y=TOP + i * ROW, rag=r.rag, colour=COLOURS.get(r.rag, "#768692"), baseline_x=base,
                        forecast_x=forecast if forecast is not None else base, actual_x=x(r.actual_date),
                        slip_from=min(base, forecast) if slipped else None,
                        slip_to=max(base, forecast) if slipped else None))
    tally = Counter(r.rag for r in dated)
    words = ", ".join(f"{n} {rag.replace('_', ' ')}" for rag, n in tally.most_common())
    summary = (f"{len(dated)} dated item{'s' * (len(dated) != 1)} from {start + margin:%-d %B %Y} to "
               f"{end - margin:%-d %B %Y}: {words}." if dated else "No dated items to draw.")
    late = [r for r in dated if r.forecast_date and r.baseline_date and r.forecast_date > r.baseline_date]
    if late:
        worst = max(late, key=lambda r: (r.forecast_date - r.baseline_date).days)
        summary += (f" {len(late)} forecast later than baseline; the largest slip is {worst.key}, "
                    f"{(worst.forecast_date - worst.baseline_date).days} days.")
    return Timeline(bars=bars, ticks=_ticks(start, end, x), today_x=x(today) if start <= today <= end else None,
                    width=WIDTH, height=TOP + max(len(dated), 1) * ROW + 10, summary=summary,
                    undated=len(rows) - len(dated))
