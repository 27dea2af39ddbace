"""Bridges to Health segmentation (Lynn et al. 2007, as used by NHS population health management).

Each person in the denominator falls in exactly one segment, the first rule they meet, in this order:

1. frailty_dementia   dementia, or aged 80 or over with four or more long-term conditions (long decline)
2. limited_reserve    heart failure, COPD or chronic kidney disease (organ failure, serious exacerbations)
3. short_decline      cancer (short period of decline before dying)
4. stable_disability  learning disability (stable but serious disability)
5. chronic_conditions any other long-term condition of the code list, with normal function
6. maternal_infant    infants under one year (the dataset carries no maternity episodes)
7. acute_illness      no long-term condition, but an emergency admission or A&E attendance in the period
8. healthy            everyone else

Conditions are those first recorded by the end of the period; ages are at its start.
"""

import ibis

SEGMENTS = {
    "frailty_dementia": "Frailty and dementia",
    "limited_reserve": "Limited reserve (organ failure)",
    "short_decline": "Short period of decline (cancer)",
    "stable_disability": "Stable but serious disability",
    "chronic_conditions": "Long-term conditions",
    "maternal_infant": "Maternal and infant health",
    "acute_illness": "Acutely ill",
    "healthy": "Healthy",
}


def segment_of(p: ibis.Table) -> ibis.Column:
    return ibis.cases(
        ((p.dementia == 1) | ((p.age >= 80) & (p.conditions >= 4)), "frailty_dementia"),
        ((p.heart_failure == 1) | (p.copd == 1) | (p.ckd == 1), "limited_reserve"),
        (p.cancer == 1, "short_decline"),
        (p.learning_disability == 1, "stable_disability"),
        (p.conditions > 0, "chronic_conditions"),
        (p.age < 1, "maternal_infant"),
        ((p.emergency_admissions > 0) | (p.ae_attendances > 0), "acute_illness"),
        else_="healthy",
    )
