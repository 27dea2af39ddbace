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
