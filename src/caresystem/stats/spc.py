"""Statistical process control for time series: XmR charts with the NHS "Making Data Count" rules.

Source: NHS England and Improvement, "Making Data Count" (2019): mean, process limits at mean +/- 2.66 x the mean
moving range; special cause when a point falls outside the limits, a run of 7 or more points on one side of the
mean (a shift), 7 or more points all rising or all falling (a trend), or two of three points beyond two sigma on
the same side.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

LIMIT_FACTOR = 2.66
RUN = 7


@dataclass(frozen=True)
class XmR:
    mean: float
    lower_limit: float
    upper_limit: float
    special_causes: dict[int, list[str]] = field(default_factory=dict)  # point index -> rule names


def _shifts(values, mean) -> set[int]:
    flagged, run, side = set(), [], 0
    for i, v in enumerate(values):
        s = (v > mean) - (v < mean)
        run = run + [i] if s == side and s != 0 else ([i] if s != 0 else [])
        side = s
        if len(run) >= RUN:
            flagged.update(run)
    return flagged


def _trends(values) -> set[int]:
    flagged, run, direction = set(), [0], 0
    for i in range(1, len(values)):
        d = (values[i] > values[i - 1]) - (values[i] < values[i - 1])
        run = run + [i] if d == direction and d != 0 else [i - 1, i]
        direction = d
        if len(run) >= RUN and d != 0:
            flagged.update(run)
    return flagged


def xmr(values: Sequence[float]) -> XmR:
    if len(values) < 2:
        raise ValueError("an XmR chart needs at least two points")
    mean = sum(values) / len(values)
    moving_range = sum(abs(b - a) for a, b in zip(values, values[1:])) / (len(values) - 1)
    low, high = mean - LIMIT_FACTOR * moving_range, mean + LIMIT_FACTOR * moving_range
    sigma = LIMIT_FACTOR * moving_range / 3
    causes: dict[int, list[str]] = {}

    def flag(i, rule):
        causes.setdefault(i, []).append(rule)

    for i, v in enumerate(values):
        if v > high or v < low:
            flag(i, "outside limits")
    for i in sorted(_shifts(values, mean)):
        flag(i, "shift")
    for i in sorted(_trends(values)):
        flag(i, "trend")
    for i in range(2, len(values)):
        window = values[i - 2:i + 1]
        for sign in (1, -1):
            if sum(1 for v in window if sign * (v - mean) > 2 * sigma) >= 2:
                for j in range(i - 2, i + 1):
                    if sign * (values[j] - mean) > 2 * sigma and "two of three beyond two sigma" not in causes.get(j, []):
                        flag(j, "two of three beyond two sigma")
    return XmR(mean, low, high, causes)
