"""What an impact assessment rates and the outcome it suggests (PID section 6.2; Equality Act 2010 section 4).

The suggestion is a documented rule; the outcome itself is always set, and signed off, by a person:

1. A negative impact on patient safety, clinical effectiveness or patient experience suggests public consultation
   (PID 6.2: changes to services "may also require individual integrated impact assessments and if necessary public
   consultation").
2. Otherwise, a negative or unknown impact on any equality group, or on the equality and diversity domain, or a
   group not yet rated, suggests a full equality impact assessment: the public sector equality duty (Equality Act
   2010 section 149) needs due regard paid on evidence, so an impact that is adverse or not known is looked at in full.
3. Otherwise the proposal may proceed.
"""

from dataclasses import dataclass

RATINGS = {"positive": "Positive", "neutral": "Neutral", "negative": "Negative", "unknown": "Unknown"}
OUTCOMES = {"proceed": "Proceed", "full_equality_impact_assessment": "Full equality impact assessment",
            "public_consultation": "Public consultation"}
# The nine protected characteristics (Equality Act 2010 s.4) and the groups the NHS adds to its assessments.
PROTECTED_CHARACTERISTICS = {
    "age": "Age", "disability": "Disability", "gender-reassignment": "Gender reassignment",
    "marriage-and-civil-partnership": "Marriage and civil partnership",
    "pregnancy-and-maternity": "Pregnancy and maternity", "race": "Race", "religion-or-belief": "Religion or belief",
    "sex": "Sex", "sexual-orientation": "Sexual orientation"}
OTHER_GROUPS = {"deprivation": "Deprivation", "carers": "Carers", "rural-communities": "Rural communities"}
EQUALITY_GROUPS = PROTECTED_CHARACTERISTICS | OTHER_GROUPS
# PID 6.2's domains, used when a programme has loaded none of its own.
DEFAULT_DOMAINS = {
    "safety": ("Safety", "Rating the impact of the proposal on patient safety"),
    "effectiveness": ("Effectiveness", "Rating the impact of the proposal on the clinical effectiveness of patient "
                                       "care"),
    "experience": ("Experience", "Rating the impact of the proposal on the patient experience of care delivery"),
    "other-impacts": ("Other impacts", "Rating the impact of the proposal on other services, patient groups, staff or "
                                       "reputation of the organisations"),
    "equality-and-diversity": ("Equality and diversity", "Rating the impact on those in a specific group as outlined "
                                                         "in the Equality Act 2010 and also including other hard to "
                                                         "reach groups."),
    "prevention": ("Prevention", "Rating the impact of the proposal on the ability to deliver the prevention agenda"),
}
PATIENT_DOMAINS = ("safety", "effectiveness", "experience")
EQUALITY_DOMAIN = "equality-and-diversity"
RULE = [
    "A negative impact on safety, effectiveness or experience suggests public consultation.",
    "Otherwise a negative or unknown equality impact (any group, or the equality and diversity domain), or a group "
    "not yet rated, suggests a full equality impact assessment.",
    "Otherwise the proposal may proceed.",
]


@dataclass(frozen=True)
class Suggestion:
    outcome: str
    reasons: list[str]

    @property
    def label(self) -> str:
        return OUTCOMES[self.outcome]


def suggest(domains: dict[str, str | None], equality: dict[str, str | None],
            domain_names: dict[str, str] | None = None) -> Suggestion:
    """The suggested outcome from the ratings (key -> rating, None when not rated yet) and why."""
    names = (domain_names or {}) | {k: v[0] for k, v in DEFAULT_DOMAINS.items() if k not in (domain_names or {})}
    harmed = [names[d] for d in PATIENT_DOMAINS if domains.get(d) == "negative"]
    if harmed:
        return Suggestion("public_consultation", [f"Negative impact on {', '.join(harmed).lower()}."])
    reasons = []
    negative = [EQUALITY_GROUPS[g] for g in EQUALITY_GROUPS if equality.get(g) == "negative"]
    unknown = [EQUALITY_GROUPS[g] for g in EQUALITY_GROUPS if equality.get(g) == "unknown"]
    unrated = [EQUALITY_GROUPS[g] for g in EQUALITY_GROUPS if equality.get(g) is None]
    if domains.get(EQUALITY_DOMAIN) in ("negative", "unknown"):
        reasons.append(f"The equality and diversity domain is rated {domains[EQUALITY_DOMAIN]}.")
    for words, groups in (("Negative equality impact", negative), ("Equality impact unknown", unknown),
                          ("Not yet rated", unrated)):
        if groups:
            reasons.append(f"{words}: {', '.join(groups).lower()}.")
    if reasons:
        return Suggestion("full_equality_impact_assessment", reasons)
    return Suggestion("proceed", ["No negative or unknown impact on patients or on any equality group."])
