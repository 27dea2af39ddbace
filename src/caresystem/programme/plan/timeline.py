"""Milestones drawn as a Gantt-style timeline: per row a baseline marker, a forecast marker and the bar of slip
between them, an actual-date tick, and today's line. Layout only (positions and words); the template draws the SVG
and the table that is its text alternative."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from caresystem.svg_text import beside, text_width, wrap

WIDTH, RIGHT, ROW, TOP, LINE = 860, 20, 24, 40, 16
FONT = 13  # the size the stylesheet sets for diagram text (.cs-diagram text), drawn no smaller (see the template)
LABEL_MIN, LABEL_MAX, PAD = 120, 300, 6   # the label column: as wide as its longest title, within these bounds
TICK_Y, TODAY_Y = 15, 33                  # baselines: the axis labels, then "Today" on a line of its own below them
COLOURS = {"red": "#d5281b", "amber": "#ffb81c", "green": "#007f3b", "complete": "#005eb8", "no_date": "#768692",
           "cancelled": "#768692"}


@dataclass(frozen=True)
class Label:
    """A line of text at `FONT` pixels: its baseline starts (anchor "start") or ends (anchor "end") at x."""
    x: float
    y: float
    text: str
    anchor: str = "start"

    @property
    def box(self) -> tuple[float, float, float, float]:
        """Left, top, right, bottom of the text as drawn."""
        width = text_width(self.text, FONT)
        left = self.x if self.anchor == "start" else self.x - width
        return left, self.y - FONT, left + width, self.y + 3


@dataclass(frozen=True)
class Tick:
    x: float
    label: Label | None  # None where the label would crowd its neighbour: the gridline is still drawn


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    title: str
    y: float
    lines: list[Label]
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
    ticks: list[Tick]
    today_x: float | None
    today: Label | None
    label_width: float
    width: int
    height: int
    summary: str
    undated: int


def _ticks(start: date, end: date, x, left: float) -> list[Tick]:
    """Gridlines at whole months, quarters or years; each label sits right of its line, or left of it where it would
    run off the drawing, and is left out where it would touch the label before it."""
    months = (end.year - start.year) * 12 + end.month - start.month
    step = 1 if months <= 8 else 3 if months <= 30 else 12
    current = date(start.year, ((start.month - 1) // step) * step + 1 if step < 12 else 1, 1)
    ticks, last_right = [], left
    while current <= end:
        if current >= start:
            at = x(current)
            label = _beside(at, TICK_Y, current.strftime("%Y" if step == 12 else "%b %Y"), left)
            if label.box[0] < last_right + 6:
                label = None
            else:
                last_right = label.box[2]
            ticks.append(Tick(at, label))
        month = current.month - 1 + step
        current = date(current.year + month // 12, month % 12 + 1, 1)
    return ticks


def _beside(at: float, y: float, text: str, left: float) -> Label:
    """`text` just right of the line at `at`, or just left of it where it would run past the drawing's right edge."""
    x, anchor = beside(at, text, FONT, low=left, high=WIDTH - 2)
    return Label(x, y, text, anchor)


def _label_width(titles: list[str]) -> float:
    widest = max((text_width(t, FONT) for t in titles), default=0)
    return min(max(widest + 2 * PAD, LABEL_MIN), LABEL_MAX)


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

    label = _label_width([r.title or r.key for r in dated])

    def x(d: date | None) -> float | None:
        return None if d is None else round(label + (WIDTH - label - RIGHT) * (d - start).days / span, 1)

    bars, top = [], TOP
    for r in dated:
        base, forecast = x(r.baseline_date), x(r.forecast_date)
        slipped = base is not None and forecast is not None and forecast != base
        lines = wrap(r.title or r.key, label - 2 * PAD, FONT)
        height = max(ROW, len(lines) * LINE + 9)
        y = top + height / 2
        first = y - (len(lines) - 1) * LINE / 2 + 4
        top += height
        bars.append(Bar(key=r.key, label=r.title or r.key, title=r.title, y=y,
                        lines=[Label(PAD, first + i * LINE, line) for i, line in enumerate(lines)],
                        rag=r.rag, colour=COLOURS.get(r.rag, "#768692"), baseline_x=base,
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
    today_x = x(today) if start <= today <= end else None
    return Timeline(bars=bars, ticks=_ticks(start, end, x, label), today_x=today_x,
                    today=_beside(today_x, TODAY_Y, "Today", label) if today_x is not None else None,
                    label_width=label, width=WIDTH, height=round(max(top, TOP + ROW) + 10), summary=summary,
                    undated=len(rows) - len(dated))
