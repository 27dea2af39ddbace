"""SPC charts drawn server-side as SVG in the Making Data Count style: the points coloured by class (and shaped, so
colour is never the only cue), the mean, the process limits per segment, the target, and rebase lines; plus the
variation and assurance icons and a sparkline. Every drawing carries its meaning in text."""

import hashlib
from datetime import date
from html import escape

from markupsafe import Markup

from caresystem.assurance.report.text import ASSURANCE_TEXT, CLASS_TEXT, VARIATION_TEXT, value_text
from caresystem.stats import SpcResult

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 760, 300, 64, 16, 16, 44
GREY, BLUE, ORANGE, PURPLE, INK, TARGET = "#4c6272", "#005eb8", "#b35000", "#330072", "#212b32", "#d5281b"
CLASS_STYLE = {"common_cause": (GREY, "circle"), "special_cause_improvement": (BLUE, "circle"),
               "special_cause_concern": (ORANGE, "square"), "special_cause_neither": (PURPLE, "diamond")}


def _scale(low: float, high: float, top: float, bottom: float):
    if high == low:
        high, low = high + 1, low - 1
    pad = (high - low) * 0.08
    low, high = low - pad, high + pad
    return lambda v: bottom - (v - low) / (high - low) * (bottom - top), low, high


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    step = (high - low) / (count - 1)
    return [low + i * step for i in range(count)]


def _marker(x: float, y: float, colour: str, shape: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if shape == "diamond":
        return (f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}" '
                f'fill="{colour}"/>')
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'


def spc_chart(result: SpcResult, periods: list[date], *, unit: str, title: str, target: float | None) -> Markup:
    """The XmR chart as an accessible SVG (role img, title and description); the page adds the caption, the text
    summary and the data table."""
    values = [p.value for p in result.points]
    bounds = values + [s.lower_limit for s in result.segments] + [s.upper_limit for s in result.segments]
    bounds += [target] if target is not None else []
    y, low, high = _scale(min(bounds), max(bounds), TOP, HEIGHT - BOTTOM)
    n = len(values)
    step = (WIDTH - LEFT - RIGHT) / max(n - 1, 1)
    uid = "chart-" + hashlib.sha1(title.encode()).hexdigest()[:8]  # ids unique when a page holds many charts

    def x(i: int) -> float:
        return LEFT + i * step

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
             f'aria-labelledby="{uid}-title {uid}-desc" class="app-spc-chart" font-family="Arial, sans-serif">',
             f'<title id="{uid}-title">{escape(title)}</title>',
             f'<desc id="{uid}-desc">XmR chart of {n} points; the summary and the data table below give every '
             f'value.</desc>', f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>']
    for tick in _ticks(low, high):
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
                     f'stroke="#d8dde0" stroke-width="1"/><text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" font-size="11" '
                     f'text-anchor="end" fill="{INK}">{escape(value_text(tick, unit))}</text>')
    for segment in result.segments:
        x1, x2 = x(segment.start), x(segment.end - 1)
        parts.append(f'<line x1="{x1:.1f}" x2="{x2:.1f}" y1="{y(segment.mean):.1f}" y2="{y(segment.mean):.1f}" '
                     f'stroke="{INK}" stroke-width="1.5"/>')
        for limit in (segment.lower_limit, segment.upper_limit):
            parts.append(f'<line x1="{x1:.1f}" x2="{x2:.1f}" y1="{y(limit):.1f}" y2="{y(limit):.1f}" '
                         f'stroke="{GREY}" stroke-width="1.2" stroke-dasharray="6 4"/>')
        if segment.start:
            parts.append(f'<line x1="{x1 - step / 2:.1f}" x2="{x1 - step / 2:.1f}" y1="{TOP}" '
                         f'y2="{HEIGHT - BOTTOM}" stroke="{INK}" stroke-width="1" stroke-dasharray="2 3"/>'
                         f'<text x="{x1 - step / 2 + 3:.1f}" y="{TOP + 10}" font-size="11" fill="{INK}">rebase</text>')
    if target is not None:
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(target):.1f}" y2="{y(target):.1f}" '
                     f'stroke="{TARGET}" stroke-width="1.5" stroke-dasharray="10 3 2 3"/>'
                     f'<text x="{WIDTH - RIGHT}" y="{y(target) - 4:.1f}" font-size="11" text-anchor="end" '
                     f'fill="{TARGET}">target {escape(value_text(target, unit))}</text>')
    line = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
    parts.append(f'<polyline points="{line}" fill="none" stroke="{GREY}" stroke-width="1.5"/>')
    for point in result.points:
        colour, shape = CLASS_STYLE[point.classification]
        parts.append(_marker(x(point.index), y(point.value), colour, shape))
    for i in sorted({0, n - 1, *range(0, n - max(1, n // 12), max(1, n // 6))}):
        anchor = "start" if i == 0 else "end" if i == n - 1 else "middle"
        parts.append(f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 18}" font-size="11" text-anchor="{anchor}" '
                     f'fill="{INK}">{periods[i]:%b %Y}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def legend() -> Markup:
    """The key to the chart's markers, in words."""
    items = []
    for kind, (colour, shape) in CLASS_STYLE.items():
        items.append(f'<li class="app-legend__item"><svg width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true" '
                     f'focusable="false">{_marker(0, 0, colour, shape)}</svg> {escape(CLASS_TEXT[kind])}</li>')
    return Markup('<ul class="app-legend nhsuk-list">' + "".join(items) + "</ul>")


_VARIATION_COLOUR = {"common": GREY, "improvement": BLUE, "concern": ORANGE, "neither": PURPLE}


def variation_icon(icon: str | None, *, size: int = 36) -> Markup:
    """The variation icon (Making Data Count meaning): a circle coloured by class with H or L for high or low; its
    meaning is in the title and in the visually hidden text."""
    if icon is None:
        return Markup('<span>No data</span>')
    kind, _, side = icon.partition("_")
    colour = _VARIATION_COLOUR["common" if icon == "common_cause" else kind]
    letter = "" if icon == "common_cause" else side[0].upper()
    mark = ('<path d="M8 21 q4 -8 8 0 t8 0 t8 0" fill="none" stroke="#ffffff" stroke-width="2.5"/>'
            if icon == "common_cause" else f'<text x="20" y="26" font-size="17" font-weight="bold" text-anchor="middle" '
                                           f'fill="#ffffff">{letter}</text>')
    text = escape(VARIATION_TEXT[icon])
    return Markup(f'<svg class="app-icon" width="{size}" height="{size}" viewBox="0 0 40 40" role="img" '
                  f'aria-label="{text}"><title>{text}</title><circle cx="20" cy="20" r="18" fill="{colour}"/>{mark}'
                  f'</svg>')


def assurance_icon(icon: str | None, *, size: int = 36) -> Markup:
    """The assurance icon: P (consistently passing), F (consistently failing) or ? (hit and miss); none without a
    target or for a neutral measure."""
    text = escape(ASSURANCE_TEXT[icon])
    if icon is None:
        return Markup(f'<span class="app-icon-none">{text}</span>')
    colour, letter = {"pass": (BLUE, "P"), "fail": (ORANGE, "F"), "hit_and_miss": (GREY, "?")}[icon]
    return Markup(f'<svg class="app-icon" width="{size}" height="{size}" viewBox="0 0 40 40" role="img" '
                  f'aria-label="{text}"><title>{text}</title><circle cx="20" cy="20" r="18" fill="#ffffff" '
                  f'stroke="{colour}" stroke-width="3"/><text x="20" y="26" font-size="17" font-weight="bold" '
                  f'text-anchor="middle" fill="{colour}">{letter}</text></svg>')


def sparkline(values, *, width: int = 100, height: int = 24) -> Markup:
    """A small trend line; decorative (the table row gives the values), so hidden from assistive technology."""
    if len(values) < 2:
        return Markup("")
    y, _, _ = _scale(min(values), max(values), 2, height - 2)
    step = (width - 4) / (len(values) - 1)
    points = " ".join(f"{2 + i * step:.1f},{y(v):.1f}" for i, v in enumerate(values))
    return Markup(f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" aria-hidden="true" '
                  f'focusable="false"><polyline points="{points}" fill="none" stroke="{GREY}" stroke-width="1.5"/>'
                  f'<circle cx="{2 + (len(values) - 1) * step:.1f}" cy="{y(values[-1]):.1f}" r="2.5" fill="{INK}"/>'
                  f'</svg>')
