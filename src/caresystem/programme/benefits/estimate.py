"""A benefit's estimate as a range, in words: "£3.2m to £4.7m" for money, "40 to 55 percent" for any other unit.
Document 001 section 5.3: the merger's benefits are "high-level estimates" for which "ranges have been included"."""

MONEY = {"gbp": ("£", ""), "£": ("£", ""), "gbp thousand": ("£", "k"), "gbp thousands": ("£", "k"), "£k": ("£", "k"),
         "gbp million": ("£", "m"), "gbp millions": ("£", "m"), "£m": ("£", "m"), "gbp billion": ("£", "bn"),
         "£bn": ("£", "bn")}


def _figure(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def amount(value: float, unit: str | None) -> str:
    """One value with its unit: "£4.7m", "£250k", "12 percent", "30"."""
    money = MONEY.get((unit or "").strip().lower())
    if money:
        sign, (symbol, suffix) = ("-" if value < 0 else ""), money
        return f"{sign}{symbol}{_figure(abs(value))}{suffix}"
    return f"{_figure(value)} {unit.strip()}" if unit and unit.strip() else _figure(value)


def range_text(low: float | None, high: float | None, unit: str | None) -> str | None:
    """The estimate range in words, or None unless both ends are given."""
    if low is None or high is None:
        return None
    if MONEY.get((unit or "").strip().lower()):
        return f"{amount(low, unit)} to {amount(high, unit)}"
    return f"{_figure(low)} to {amount(high, unit)}"
