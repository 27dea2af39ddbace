"""Resource plan costs from a pay-band table (PID section 5): band midpoint plus on-costs, times whole-time
equivalent. The packaged default is Agenda for Change 2019/20 (data/afc_pay_bands_2019_20.yaml, with its source);
a programme overrides it in `settings["pay_bands"]`.
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DEFAULT_TABLE = Path(__file__).parent / "data" / "afc_pay_bands_2019_20.yaml"
EXISTING = "existing"


@dataclass(frozen=True)
class PayTable:
    name: str
    source: str
    on_cost_percent: float
    bands: dict[str, tuple[int, int]]
    on_cost_note: str = ""

    def midpoint(self, band: str) -> float:
        low, high = self.bands[band]
        return (low + high) / 2

    def annual_cost_per_wte(self, band: str) -> float:
        return self.midpoint(band) * (1 + self.on_cost_percent / 100)

    def band_choices(self) -> list[str]:
        return [*self.bands, EXISTING]


@cache
def _default() -> dict:
    return yaml.safe_load(DEFAULT_TABLE.read_text(encoding="utf-8"))


def pay_table(settings: dict | None = None) -> PayTable:
    """The packaged table with the programme's overrides (`name`, `source`, `on_cost_percent`, `bands`) applied."""
    data = _default() | ((settings or {}).get("pay_bands") or {})
    bands = {str(k): (int(v["min"]), int(v["max"])) for k, v in data["bands"].items()}
    return PayTable(name=data["name"], source=data["source"], on_cost_percent=float(data["on_cost_percent"]),
                    bands=bands, on_cost_note=data.get("on_cost_note", ""))


def check_pay_bands(values: dict) -> str | None:
    """A problem with a `pay_bands` override, or None."""
    unknown = set(values) - {"name", "source", "on_cost_percent", "on_cost_note", "bands"}
    if unknown:
        return f"unknown setting {', '.join(sorted(unknown))}"
    percent = values.get("on_cost_percent", 0)
    if not isinstance(percent, (int, float)) or isinstance(percent, bool) or not 0 <= percent <= 100:
        return "on_cost_percent must be a number from 0 to 100"
    for band, pay in (values.get("bands") or {}).items():
        if not isinstance(pay, dict) or set(pay) != {"min", "max"} or not all(
                isinstance(v, (int, float)) and v >= 0 for v in pay.values()) or pay["min"] > pay["max"]:
            return f"band {band}: give min and max annual pay, min not above max"
    return None


@dataclass(frozen=True)
class Cost:
    annual: float | None   # None: not costed (existing staff time, no band, no WTE)
    wte: float | None      # the WTE the cost uses
    basis: str


def cost_line(*, band: str | None, wte: float | None, posts: int | None, table: PayTable) -> Cost:
    if band is None:
        return Cost(None, wte, "No band given: not costed.")
    if band == EXISTING:
        return Cost(None, wte, "Existing staff time: no new cost.")
    if band not in table.bands:
        return Cost(None, wte, f"Band {band} is not in the pay table ({table.name}): not costed.")
    assumed = ""
    if wte is None and posts:
        wte, assumed = float(posts), f" ({posts} post{'s' * (posts != 1)} assumed full time)"
    if wte is None:
        return Cost(None, None, "No WTE or number of posts given: not costed.")
    per_wte = table.annual_cost_per_wte(band)
    return Cost(round(per_wte * wte, 2), wte,
                f"{wte:g} WTE{assumed} × band {band} midpoint £{table.midpoint(band):,.0f} "
                f"+ {table.on_cost_percent:g}% on-costs = £{per_wte * wte:,.0f} a year.")
