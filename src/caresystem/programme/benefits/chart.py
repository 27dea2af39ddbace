"""A benefit's trajectory and actuals drawn as inline SVG: the planned line, the tolerance band around it, the
actuals as dots; with a text summary, since a chart needs a text alternative."""

from dataclasses import dataclass
from datetime import date

from caresystem.programme.benefits.trajectory import Point, Tolerance

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 260, 64, 36, 12, 36


@dataclass(frozen=True)
class Chart:
    plan: str           # polyline points of the trajectory
    band: str           # polygon of the tolerance band (behind the plan, up to off track)
    inner: str          # polygon of the on-track band
    dots: list[tuple[float, float, str]]
    y_ticks: list[tuple[float, str]]
    x_ticks: list[tuple[float, str]]
    summary: str
    width: int = WIDTH
    height: int = HEIGHT


def _fmt(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def benefit_chart(points: list[Point], actuals: list[Point], *, direction: str | None, distance: float,
                  tolerance: Tolerance, unit: str | None = None) -> Chart | None:
    """None when there is nothing to draw. `distance` is baseline to target; the band lies on the worse side."""
    if not points and not actuals:
        return None
    worse = -1 if direction != "decrease" else 1  # which side of the plan is behind it
    at_risk, off_track = tolerance.at_risk * distance, tolerance.off_track * distance
    dates = [d for d, _ in points + actuals]
    values = [v for _, v in points + actuals] + [v + worse * off_track for _, v in points]
    first, last = min(dates), max(dates)
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    span_days = max((last - first).days, 1)

    def x(d: date) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * ((d - first).days / span_days if last != first else 0.5)

    def y(v: float) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (v - low) / (high - low))

    def band(width: float) -> str:
        upper = [f"{x(d):.1f},{y(v):.1f}" for d, v in points]
        lower = [f"{x(d):.1f},{y(v + worse * width):.1f}" for d, v in reversed(points)]
        return " ".join(upper + lower)

    unit_text = f" {unit}" if unit else ""
    summary = [f"Trajectory of {len(points)} point{'s' if len(points) != 1 else ''}"]
    if points:
        summary[0] += f" from {_fmt(points[0][1])}{unit_text} ({points[0][0]:%-d %B %Y}) to {_fmt(points[-1][1])}" \
                      f"{unit_text} ({points[-1][0]:%-d %B %Y})"
    if actuals:
        latest = max(actuals)
        summary.append(f"{len(actuals)} actual{'s' if len(actuals) != 1 else ''}, the latest {_fmt(latest[1])}"
                       f"{unit_text} on {latest[0]:%-d %B %Y}")
    else:
        summary.append("no actuals yet")
    if points and distance:
        summary.append(f"the shaded band is the tolerance: up to {_fmt(off_track)}{unit_text} "
                       f"{'below' if worse < 0 else 'above'} the trajectory")
    ticks = [low + (high - low) * i / 4 for i in range(5)]
    years = sorted({date(d.year, 1, 1) for d in dates if first <= date(d.year, 1, 1) <= last} | {first, last})
    return Chart(plan=" ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in points),
                 band=band(off_track) if len(points) > 1 else "", inner=band(at_risk) if len(points) > 1 else "",
                 dots=[(x(d), y(v), f"{_fmt(v)} on {d:%-d %b %Y}") for d, v in actuals],
                 y_ticks=[(y(t), _fmt(t)) for t in ticks], x_ticks=[(x(d), f"{d:%b %Y}") for d in years[:8]],
                 summary="; ".join(summary) + ".")
