"""The prevalence summary names the areas whose 95% interval lies wholly above or below the system's value."""

from caresystem.population.presentation import comparison_summary
from caresystem.population.schemas import Comparison, Measure

SYSTEM = Measure(value=10.0)


def _row(label: str, lower: float | None, upper: float | None, *, suppressed: bool = False) -> Comparison:
    area = Measure(suppressed=True) if suppressed else Measure(value=(lower or 0) + 1, lower_ci95=lower,
                                                               upper_ci95=upper)
    return Comparison(key=label.lower(), label=label, area=area, system=SYSTEM)


def test_summary_sorts_areas_by_where_their_interval_lies():
    rows = [_row("Above", 11, 13), _row("Below", 6, 9), _row("Overlaps", 9, 11), _row("No interval", None, None),
            _row("Hidden", None, None, suppressed=True),
            Comparison(key="nosystem", label="No system", area=Measure(value=20, lower_ci95=19, upper_ci95=21))]

    assert comparison_summary(rows, "Kent and Medway") == (
        "Significantly higher than Kent and Medway (the 95% interval lies above its value): Above. "
        "Significantly lower: Below. 1 suppressed (small numbers).")


def test_summary_says_none_when_nothing_differs():
    assert comparison_summary([_row("Overlaps", 9, 11)], "the ICS") == (
        "Significantly higher than the ICS (the 95% interval lies above its value): none. Significantly lower: none.")
