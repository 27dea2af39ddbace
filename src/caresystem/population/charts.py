"""Population charts laid out as inline SVG (interval bars, the age-sex pyramid); the pages add a caption, a text
summary and the data as a table."""

from caresystem.population import schemas
from caresystem.population.presentation import number
from caresystem.population.schemas import Comparison, Measure


def _axis_max(values: list[float]) -> float:
    top = max((v for v in values if v is not None), default=0) or 1
    step = 10 ** (len(str(int(top))) - 1) if top >= 1 else 0.01 if top >= 0.01 else 0.001
    while step * 10 < top:
        step *= 10
    for factor in (1, 2, 2.5, 5, 10):
        if step * factor >= top:
            return step * factor
    return top


def interval_chart(
    rows: list[Comparison],
    unit: str | None,
    reference: Measure | None = None,
    left: int = 250,
    width: int = 860,
) -> dict:
    """Horizontal interval bars: the area's value and 95% interval, marks for its place and the system."""
    values = [
        v
        for r in rows
        for m in (r.area, r.place, r.system)
        if m and not m.suppressed
        for v in (m.value, m.upper_ci95)
    ] + ([reference.value] if reference and reference.value else [])
    top = _axis_max(values)
    scale = (width - left - 20) / top

    def x(v):
        return None if v is None else round(left + v * scale, 1)

    def marks(m: Measure | None):
        return (
            {}
            if m is None or m.suppressed
            else {"x": x(m.value), "lo": x(m.lower_ci95), "hi": x(m.upper_ci95)}
        )

    laid = [
        {
            "label": r.label,
            "y": 40 + i * 26,
            "area": marks(r.area),
            "place": marks(r.place),
            "system": marks(r.system),
            "suppressed": bool(r.area and r.area.suppressed),
        }
        for i, r in enumerate(rows)
    ]
    ticks = [{"x": x(top * f), "label": number(top * f, unit)} for f in (0, 0.25, 0.5, 0.75, 1)]
    return {
        "rows": laid,
        "ticks": ticks,
        "height": 60 + 26 * len(rows),
        "left": left,
        "width": width,
        "reference": x(reference.value) if reference and not reference.suppressed else None,
    }


def pyramid_chart(bands: list[schemas.PyramidBand]) -> dict:
    shares = [m.value for b in bands for m in (b.male, b.female) if not m.suppressed and m.value]
    top = _axis_max(shares)
    half, centre, gap = 270, 330, 34

    def width(m: Measure):
        return 0 if m.suppressed or not m.value else round(m.value / top * half, 1)

    rows = [
        {
            "band": b.age_band,
            "y": 30 + i * 20,
            "male": width(b.male),
            "female": width(b.female),
            "male_suppressed": b.male.suppressed,
            "female_suppressed": b.female.suppressed,
        }
        for i, b in enumerate(reversed(bands))
    ]
    return {
        "rows": rows,
        "height": 60 + 20 * len(bands),
        "centre": centre,
        "gap": gap,
        "half": half,
        "top_label": number(top, "proportion"),
    }
