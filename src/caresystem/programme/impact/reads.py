"""What an impact assessment is made of when it leaves the service, for the API and the pages."""

from caresystem.programme.impact import rules, service
from caresystem.programme.impact.schemas import AssessmentRead, RatedRead


def assessment_read(assessment, domains: list[service.Domain]) -> AssessmentRead:
    suggested = service.suggestion(assessment, domains)

    def rated(key, name, description, given):
        value = given.get(key) or {}
        return RatedRead(key=key, name=name, description=description, rating=value.get("rating"),
                         narrative=value.get("narrative"))

    fields = {f: getattr(assessment, f) for f in AssessmentRead.model_fields if hasattr(assessment, f)
              and f not in ("domains", "equality")}
    return AssessmentRead(
        **fields, suggested_outcome=suggested.outcome, suggestion_reasons=suggested.reasons,
        domains=[rated(d.key, d.name, d.description, assessment.domain_ratings) for d in domains],
        equality=[rated(k, name, None, assessment.equality_ratings) for k, name in rules.EQUALITY_GROUPS.items()])
