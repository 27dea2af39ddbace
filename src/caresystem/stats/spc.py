"""Statistical process control: XmR charts read the NHS "Making Data Count" way.

Source: NHS England, "Making Data Count" (2019) and its SPC Excel tool; NHS-R community, NHSRplotthedots.

    from caresystem.stats import spc
    result = spc([92.1, 93.4, ...], direction="higher", target=92, target_operator=">=")
    result.points[-1].classification      # "special_cause_concern"
    result.variation, result.assurance    # "concern_low", "fail"

- Mean and process limits at mean +/- 2.66 x the mean moving range (2.66 = 3 / 1.128, so sigma = mR / 1.128).
- **Moving-range screening is on by default**, as NHSRplotthedots does (`screen_outliers = TRUE`): moving ranges
  above 3.267 x their mean are left out and the mean moving range recomputed once. The Making Data Count Excel
  tool does not screen; pass `screen_moving_ranges=False` to match it.
- `fix_after`: a segment's mean and limits come from its first `fix_after` points only (a baseline period).
- `rebase_at`: indices where a new segment starts; each segment has its own mean and limits, and the rules never
  look across a rebase.
- The rules, in this order, reported per point: a point beyond a process limit; a run of `run_length` (7) or more
  points on one side of the mean (a point on the mean breaks it); a trend of `trend_length` (7) or more points
  all rising or all falling (a tie breaks it); two of three consecutive points beyond two sigma on the same side
  (points beyond the limits count, as the national team applies it).
- A special-cause point's side (high or low) comes from the first rule, in that order, that flags it (for a
  trend, rising is high); against the improvement direction it is improvement, concern or neither.
- Short series follow NHSRplotthedots: fewer than 2 points is refused (`ValueError`); a segment of fewer than
  12 points gets a warning that its limits are trial limits, which Making Data Count advises revising as points
  arrive until 15 to 20 are in hand.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

LIMIT_FACTOR = 2.66
SCREEN_FACTOR = 3.267
RUN = 7
TREND = 7
MINIMUM_POINTS = 2
TRIAL_LIMIT_POINTS = 12

OUTSIDE, SHIFT, TREND_RULE, TWO_OF_THREE = "outside limits", "shift", "trend", "two of three beyond two sigma"
RULES = (OUTSIDE, SHIFT, TREND_RULE, TWO_OF_THREE)

Direction = Literal["higher", "lower", "neutral"]
DIRECTIONS: tuple[str, ...] = ("higher", "lower", "neutral")
OPERATORS: tuple[str, ...] = (">=", "<=", "=")
COMMON, IMPROVEMENT, CONCERN, NEITHER = ("common_cause", "special_cause_improvement", "special_cause_concern",
                                        "special_cause_neither")
VARIATION_ICONS = ("common_cause", "concern_high", "concern_low", "improvement_high", "improvement_low",
                   "neither_high", "neither_low")
ASSURANCE_ICONS = ("pass", "fail", "hit_and_miss")


@dataclass(frozen=True)
class Segment:
    """One stretch between rebases: its own mean and limits, from its first `baseline_points` points."""

    start: int
    end: int  # exclusive
    mean: float
    mean_moving_range: float
    lower_limit: float
    upper_limit: float
    baseline_points: int
    screened_out: int  # moving ranges left out by screening

    @property
    def sigma(self) -> float:
        return LIMIT_FACTOR * self.mean_moving_range / 3


class Point(NamedTuple):
    """One point of the chart (a named tuple: a chart has many, and they are built often)."""

    index: int
    value: float
    segment: int
    moving_range: float | None
    rules: tuple[str, ...]
    side: str | None  # high | low
    classification: str


@dataclass(frozen=True)
class SpcResult:
    points: tuple[Point, ...]
    segments: tuple[Segment, ...]
    direction: str
    target: float | None
    target_operator: str | None
    variation: str
    assurance: str | None  # None without a target or for a neutral measure
    warnings: tuple[str, ...]
    screened: bool

    @property
    def latest(self) -> Point:
        return self.points[-1]

    @property
    def last_segment(self) -> Segment:
        return self.segments[-1]

    def segment_of(self, point: Point) -> Segment:
        return self.segments[point.segment]


def spc(values: Sequence[float], *, direction: str = "neutral", target: float | None = None,
        target_operator: str | None = ">=", screen_moving_ranges: bool = True, fix_after: int | None = None,
        rebase_at: Sequence[int] = (), run_length: int = RUN, trend_length: int = TREND) -> SpcResult:
    """An XmR chart of `values` with every point classified, the variation icon of the latest point and the
    assurance icon against `target` (see the module docstring for the rules and defaults)."""
    values = [float(v) for v in values]
    _check(values, direction, target_operator, fix_after, rebase_at, run_length, trend_length)
    bounds = _segment_bounds(len(values), rebase_at)
    segments, warnings = [], []
    for start, end in bounds:
        segment = _segment(values, start, end, fix_after, screen_moving_ranges)
        segments.append(segment)
        if end - start < TRIAL_LIMIT_POINTS:
            warnings.append(f"points {start + 1} to {end}: fewer than {TRIAL_LIMIT_POINTS} points, so the limits "
                            "are trial limits")
    points: list[Point] = []
    for number, segment in enumerate(segments):
        points.extend(_points(values, segment, number, direction, run_length, trend_length))
    last = segments[-1]
    return SpcResult(tuple(points), tuple(segments), direction, target, target_operator if target is not None else None,
                     variation_icon(points[-1]), assurance_icon(last, direction, target, target_operator),
                     tuple(warnings), screen_moving_ranges)


def _check(values, direction, operator, fix_after, rebase_at, run_length, trend_length) -> None:
    if len(values) < MINIMUM_POINTS:
        raise ValueError(f"an XmR chart needs at least {MINIMUM_POINTS} points")
    if any(v != v for v in values):
        raise ValueError("values must be numbers, not NaN")
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}")
    if operator is not None and operator not in OPERATORS:
        raise ValueError(f"target_operator must be one of {', '.join(OPERATORS)}")
    if fix_after is not None and fix_after < MINIMUM_POINTS:
        raise ValueError(f"fix_after must be at least {MINIMUM_POINTS}")
    if any(not 0 < i < len(values) for i in rebase_at):
        raise ValueError("rebase points must fall inside the series, after its first point")
    if run_length < 2 or trend_length < 2:
        raise ValueError("run and trend lengths must be at least 2")


def _segment_bounds(n: int, rebase_at: Sequence[int]) -> list[tuple[int, int]]:
    starts = [0, *sorted(set(rebase_at))]
    return list(zip(starts, [*starts[1:], n]))


def mean_moving_range(values: Sequence[float], *, screen: bool = True) -> tuple[float, int]:
    """The mean moving range and how many moving ranges screening left out (above 3.267 x their first mean)."""
    ranges = [abs(b - a) for a, b in zip(values, values[1:])]
    if not ranges:
        return 0.0, 0
    average = sum(ranges) / len(ranges)
    if not screen:
        return average, 0
    kept = [r for r in ranges if r <= SCREEN_FACTOR * average]
    return sum(kept) / len(kept), len(ranges) - len(kept)


def _segment(values, start, end, fix_after, screen) -> Segment:
    baseline = values[start:end] if fix_after is None else values[start:min(end, start + fix_after)]
    if len(baseline) < MINIMUM_POINTS:
        baseline = values[start:end]
    mean = sum(baseline) / len(baseline)
    average_range, screened_out = mean_moving_range(baseline, screen=screen) if len(baseline) > 1 else (0.0, 0)
    return Segment(start, end, mean, average_range, mean - LIMIT_FACTOR * average_range,
                   mean + LIMIT_FACTOR * average_range, len(baseline), screened_out)


def _points(values, segment: Segment, number: int, direction, run_length, trend_length) -> list[Point]:
    part = values[segment.start:segment.end]
    sides: list[dict[str, str]] = [{} for _ in part]  # rule -> side, per point

    def flag(i, rule, side):
        sides[i].setdefault(rule, side)

    for i, v in enumerate(part):
        if v > segment.upper_limit or v < segment.lower_limit:
            flag(i, OUTSIDE, _side_of(v, segment.mean))
    for run, side in _runs(part, segment.mean, run_length):
        for i in run:
            flag(i, SHIFT, side)
    for run, side in _trends(part, trend_length):
        for i in run:
            flag(i, TREND_RULE, side)
    for i, side in _two_of_three(part, segment.mean, 2 * segment.sigma):
        flag(i, TWO_OF_THREE, side)
    points, previous = [], None
    for i, v in enumerate(part):
        found = sides[i]
        rules = tuple(rule for rule in RULES if rule in found) if found else ()
        side = found[rules[0]] if rules else None
        points.append(Point(segment.start + i, v, number, None if previous is None else abs(v - previous), rules, side,
                            classify(side, direction)))
        previous = v
    return points


def _side_of(value: float, mean: float) -> str:
    return "high" if value > mean else "low"


def _runs(part, mean, length):
    """Runs of `length` or more points on one side of the mean; a point on the mean ends a run."""
    found, run, side = [], [], 0
    for i, v in enumerate(part + [mean]):  # a closing point on the mean ends the last run
        s = (v > mean) - (v < mean)
        if s != 0 and s == side:
            run.append(i)
            continue
        if len(run) >= length:
            found.append((run, "high" if side > 0 else "low"))
        run, side = ([i] if s != 0 else []), s
    return found


def _trends(part, length):
    """Runs of `length` or more points each above (or each below) the one before; a tie ends a trend."""
    found, run, direction = [], [0], 0
    for i in range(1, len(part) + 1):
        d = 0 if i == len(part) else (part[i] > part[i - 1]) - (part[i] < part[i - 1])
        if d != 0 and d == direction:
            run.append(i)
            continue
        if direction != 0 and len(run) >= length:
            found.append((run, "high" if direction > 0 else "low"))
        run, direction = [i - 1, i], d
    return found


def _two_of_three(part, mean, two_sigma):
    """Points beyond two sigma where at least two of three consecutive points are beyond it on the same side."""
    flagged = []
    for sign, side in ((1, "high"), (-1, "low")):
        beyond = [sign * (v - mean) > two_sigma for v in part]
        hits = set()
        for i in range(len(part) - 2):
            if beyond[i] + beyond[i + 1] + beyond[i + 2] >= 2:
                hits.update(j for j in (i, i + 1, i + 2) if beyond[j])
        flagged.extend((j, side) for j in sorted(hits))
    return flagged


def classify(side: str | None, direction: str) -> str:
    """A point's class against the improvement direction (Making Data Count: higher or lower is better, or
    neither): no special cause is common cause; otherwise improvement, concern, or neither for a neutral measure."""
    if side is None:
        return COMMON
    if direction == "neutral":
        return NEITHER
    return IMPROVEMENT if (side == "high") == (direction == "higher") else CONCERN


def variation_icon(point: Point) -> str:
    """The national variation icon for a point: common cause, or concern/improvement/neither, high or low."""
    if point.classification == COMMON:
        return "common_cause"
    kind = {IMPROVEMENT: "improvement", CONCERN: "concern", NEITHER: "neither"}[point.classification]
    return f"{kind}_{point.side}"


def assurance_icon(segment: Segment, direction: str, target: float | None, operator: str | None) -> str | None:
    """Will the process meet its target? Consistently passing when both limits meet it, consistently failing when
    neither does, hit and miss when the target lies between them (Making Data Count assurance icons). None without a
    target or for a neutral measure."""
    if target is None or direction == "neutral" or operator is None:
        return None
    low, high = segment.lower_limit, segment.upper_limit
    if operator == "=":
        if low == high == target:
            return "pass"
        return "fail" if target < low or target > high else "hit_and_miss"
    meets = (lambda v: v >= target) if operator == ">=" else (lambda v: v <= target)
    passes = [meets(low), meets(high)]
    return "pass" if all(passes) else "fail" if not any(passes) else "hit_and_miss"


@dataclass(frozen=True)
class XmR:
    """The simple view kept for existing callers: the last segment's mean and limits, and the rules per point."""

    mean: float
    lower_limit: float
    upper_limit: float
    special_causes: dict[int, list[str]] = field(default_factory=dict)  # point index -> rule names


def xmr(values: Sequence[float], *, screen_moving_ranges: bool = True) -> XmR:
    result = spc(values, screen_moving_ranges=screen_moving_ranges)
    segment = result.last_segment
    return XmR(segment.mean, segment.lower_limit, segment.upper_limit,
               {p.index: list(p.rules) for p in result.points if p.rules})
