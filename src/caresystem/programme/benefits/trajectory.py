"""A benefit's status against its trajectory: on track, at risk or off track within a stated tolerance (PID 6.1).

The rule: take the latest actual; interpolate the value the trajectory expects on that date (straight lines between
dated points; before the first point the first value holds, after the last the last value holds); the shortfall is
how far the actual is behind that expectation in the direction that is better. The tolerance is a share of the
distance from baseline to target: a shortfall up to `at_risk` of it is on track, up to `off_track` of it at risk,
beyond that off track. Without actuals, a trajectory or a direction there is no data to judge.
"""

from dataclasses import dataclass
from datetime import date

STATUSES = {"on_track": "On track", "at_risk": "At risk", "off_track": "Off track", "no_data": "No data"}
SEVERITY = {"no_data": 0, "on_track": 0, "at_risk": 1, "off_track": 2}
DIRECTIONS = {"increase": "Higher is better", "decrease": "Lower is better"}
DEFAULT_AT_RISK, DEFAULT_OFF_TRACK = 0.05, 0.10

Point = tuple[date, float]


@dataclass(frozen=True)
class Tolerance:
    """Shares of the baseline-to-target distance; a programme states its own in `Programme.settings`."""

    at_risk: float = DEFAULT_AT_RISK
    off_track: float = DEFAULT_OFF_TRACK

    @classmethod
    def from_settings(cls, settings: dict | None) -> "Tolerance":
        value = (settings or {}).get("benefit_tolerance") or {}
        return cls(at_risk=float(value.get("at_risk", DEFAULT_AT_RISK)),
                   off_track=float(value.get("off_track", DEFAULT_OFF_TRACK)))

    def describe(self) -> str:
        return (f"A benefit is on track while its latest actual is no more than {_percent(self.at_risk)} of the "
                f"baseline-to-target distance behind the value its trajectory expects on that date, at risk up to "
                f"{_percent(self.off_track)} behind, and off track beyond that. Between the dated points of the "
                "trajectory the expected value is read off a straight line; 'behind' respects whether higher or "
                "lower is better.")


def check_tolerance(at_risk: float, off_track: float) -> str | None:
    """Why a tolerance is unusable, or None."""
    if not 0 <= at_risk <= off_track:
        return "the at-risk share must be at least 0 and no more than the off-track share"
    if off_track > 1:
        return "the off-track share is a fraction of the baseline-to-target distance, at most 1 (100%)"
    return None


def _percent(share: float) -> str:
    return f"{share * 100:g}%"


@dataclass(frozen=True)
class Status:
    status: str
    reason: str
    as_at: date | None = None
    actual: float | None = None
    expected: float | None = None
    shortfall: float | None = None     # behind the trajectory, in the measure's unit; negative when ahead
    at_risk_from: float | None = None  # shortfall beyond which the benefit is at risk
    off_track_from: float | None = None

    @property
    def label(self) -> str:
        return STATUSES[self.status]


def plan(trajectory: list[Point], baseline: Point | None = None, target: Point | None = None) -> list[Point]:
    """The dated points to interpolate: the trajectory, with the baseline and target as end points when dated."""
    points = dict(trajectory)
    for end in (baseline, target):
        if end is not None and end[0] is not None and end[1] is not None:
            points.setdefault(end[0], end[1])
    return sorted(points.items())


def expected_at(points: list[Point], when: date) -> float | None:
    """Linear interpolation between the dated points; flat before the first and after the last."""
    if not points:
        return None
    if when <= points[0][0]:
        return points[0][1]
    if when >= points[-1][0]:
        return points[-1][1]
    for (d0, v0), (d1, v1) in zip(points, points[1:]):
        if d0 <= when <= d1:
            return v0 + (v1 - v0) * ((when - d0).days / (d1 - d0).days)
    raise AssertionError("points are sorted by date")  # pragma: no cover


def assess(*, direction: str | None, points: list[Point], actuals: list[Point], tolerance: Tolerance,
           baseline_value: float | None = None, target_value: float | None = None) -> Status:
    """The status at the latest actual. The distance is baseline to target (first to last point when not given)."""
    if not actuals:
        return Status("no_data", "No actuals have been recorded yet.")
    if not points:
        return Status("no_data", "There is no trajectory to compare the actuals with.")
    if direction not in DIRECTIONS:
        return Status("no_data", "The measure does not say whether higher or lower is better.")
    as_at, actual = max(actuals, key=lambda p: p[0])
    expected = expected_at(points, as_at)
    start = baseline_value if baseline_value is not None else points[0][1]
    end = target_value if target_value is not None else points[-1][1]
    distance = abs(end - start)
    shortfall = expected - actual if direction == "increase" else actual - expected
    at_risk_from, off_track_from = tolerance.at_risk * distance, tolerance.off_track * distance
    if shortfall <= at_risk_from:
        status = "on_track"
    elif shortfall <= off_track_from:
        status = "at_risk"
    else:
        status = "off_track"
    behind = (f"{_number(shortfall)} behind" if shortfall > 0 else
              "exactly on" if shortfall == 0 else f"{_number(-shortfall)} ahead of")
    reason = (f"On {as_at:%-d %B %Y} the actual was {_number(actual)} against {_number(expected)} expected: "
              f"{behind} the trajectory (at risk beyond {_number(at_risk_from)}, off track beyond "
              f"{_number(off_track_from)}).")
    return Status(status, reason, as_at, actual, expected, shortfall, at_risk_from, off_track_from)


def _number(value: float) -> str:
    """Up to three decimal places, without trailing zeros: 4.7, 12,000, 0.125."""
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def route(status: str, rules) -> list[str]:
    """Governance bodies a benefit goes to: a rule's `condition` is the least severe status it escalates."""
    return list(dict.fromkeys(r.body_key for r in rules if r.body_key and applies(r.condition, status)))


def applies(condition: str, status: str) -> bool:
    return status in CONDITIONS.get(condition, ())


CONDITIONS = {"off_track": frozenset({"off_track"}), "at_risk": frozenset({"at_risk", "off_track"})}
