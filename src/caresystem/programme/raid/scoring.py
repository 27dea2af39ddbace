"""The NHS 5x5 risk matrix: score = impact x likelihood, graded by a programme's bands (PID section 7.1)."""

from dataclasses import dataclass

IMPACT = {1: "Negligible", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Catastrophic"}
LIKELIHOOD = {1: "Rare", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Almost certain"}
RAG_ORDER = {"green": 0, "amber": 1, "red": 2}


@dataclass(frozen=True)
class Assessment:
    score: int | None
    grade: str
    rag: str


UNASSESSED = Assessment(None, "not assessed", "not assessed")


def score(impact: int | None, likelihood: int | None) -> int | None:
    """Impact x likelihood, or None while either is missing (a risk may be recorded before it is assessed)."""
    if impact is None or likelihood is None:
        return None
    if impact not in IMPACT or likelihood not in LIKELIHOOD:
        raise ValueError("impact and likelihood are whole numbers from 1 to 5")
    return impact * likelihood


def assess(impact: int | None, likelihood: int | None, grades: list[dict]) -> Assessment:
    """Score, grade and RAG from a programme's bands, e.g. {"grade": "high", "min": 8, "max": 12, "rag": "amber"}."""
    value = score(impact, likelihood)
    if value is None:
        return UNASSESSED
    for band in grades:
        if band["min"] <= value <= band["max"]:
            return Assessment(value, band["grade"], band["rag"])
    raise ValueError(f"score {value} falls in none of the programme's grade bands")


def check_bands(grades: list[dict]) -> str | None:
    """Why a set of bands is unusable, or None: every possible score (1-25) must fall in exactly one band."""
    possible = sorted({i * j for i in IMPACT for j in LIKELIHOOD})
    for value in possible:
        hits = [b for b in grades if b["min"] <= value <= b["max"]]
        if len(hits) != 1:
            return f"score {value} falls in {len(hits)} bands; each score needs exactly one"
    if any(b.get("rag") not in RAG_ORDER for b in grades):
        return "each band's rag must be green, amber or red"
    return None


def trend(scores: list[int | None]) -> str:
    """Direction of the last change among assessed scores: rising, falling, steady or not assessed."""
    assessed = [s for s in scores if s is not None]
    if not assessed:
        return "not assessed"
    for previous, latest in zip(reversed(assessed[:-1]), reversed(assessed[1:])):
        if latest != previous:
            return "rising" if latest > previous else "falling"
    return "steady"


@dataclass(frozen=True)
class Efficacy:
    """How far mitigation has moved a risk since it was opened (PID 7.1: "determine the efficacy of the mitigations")."""

    opening: int | None
    current: int | None
    target: int | None
    reduction: int | None          # opening - current; negative when the risk has grown
    share_of_target: float | None  # 0..1 (or beyond) of the way from opening to target

    @property
    def summary(self) -> str:
        if self.opening is None or self.current is None:
            return "Not enough assessments to judge mitigation yet."
        moved = ("unchanged" if self.reduction == 0 else f"down {self.reduction}" if self.reduction > 0
                 else f"up {-self.reduction}")
        text = f"Score {moved} since the risk was opened (from {self.opening} to {self.current})"
        if self.share_of_target is not None:
            text += f"; {round(100 * self.share_of_target)}% of the way to the target of {self.target}"
        return text + "."


def efficacy(opening: int | None, current: int | None, target: int | None) -> Efficacy:
    """The opening score is the inherent score if assessed, else the first current assessment."""
    if opening is None or current is None:
        return Efficacy(opening, current, target, None, None)
    share = None
    if target is not None and opening > target:
        share = (opening - current) / (opening - target)
    return Efficacy(opening, current, target, opening - current, share)
