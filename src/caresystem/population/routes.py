"""API: /api/v1/population, the published results of the latest run (public) and cohort lists (restricted)."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query

from caresystem.auth import Permission
from caresystem.population import schemas, service
from caresystem.population.emergency_admission_model import COHORT_TIERS
from caresystem.population.run import RESULTS
from caresystem.settings import Settings
from caresystem.web.deps import ApiActor, SessionDep, api_permission_first, get_settings
from caresystem.web.pagination import Page, PageRequest, page_of, page_request

router = APIRouter(prefix="/population", tags=["population"])
SettingsDep = Annotated[Settings, Depends(get_settings)]
Paging = Annotated[PageRequest, Depends(page_request)]
Text = Annotated[str | None, Query(max_length=100)]


@router.get(
    "/runs/latest", response_model=schemas.RunDetail, summary="The latest run: period, engine, dataset, model"
)
def latest_run(settings: SettingsDep):
    return service.run_detail(data_dir=settings.data_dir)


@router.get(
    "/overview",
    response_model=schemas.Overview,
    summary="System, places and PCNs: list size, long-term conditions, admissions, life expectancy, tiers",
)
def overview(settings: SettingsDep):
    return service.overview(data_dir=settings.data_dir)


@router.get(
    "/pcns/{code}",
    response_model=schemas.PcnProfile,
    summary="One PCN: age-sex pyramid, prevalence against place and system, segments, risk tiers, fair share",
)
def pcn_profile(code: str, settings: SettingsDep):
    return service.pcn_profile(data_dir=settings.data_dir, code=code)


@router.get(
    "/allocation",
    response_model=schemas.Allocation,
    summary="Weighted capitation by place and PCN: weighted population, target and fair share, distance",
)
def allocation(settings: SettingsDep):
    return service.allocation(data_dir=settings.data_dir)


@router.get(
    "/cohorts",
    response_model=Page[schemas.CohortMember],
    dependencies=[api_permission_first(Permission.VIEW_COHORTS)],
    summary="Pseudonymous ids of one PCN's people in one risk tier (care coordinators and administrators)",
)
def cohorts(
    session: SessionDep,
    actor: ApiActor,
    settings: SettingsDep,
    paging: Paging,
    pcn: Annotated[str, Query(max_length=20)],
    tier: Annotated[Literal[COHORT_TIERS], Query()],
):
    found = service.cohort(session, data_dir=settings.data_dir, actor=actor, pcn=pcn, tier=tier)
    return page_of(found.people, paging)


@router.get(
    "/{result}",
    response_model=Page[dict[str, Any]],
    summary=f"The rows of one published result: {', '.join(RESULTS)}",
    description="Rows follow the public-health indicator convention (area_type, area_code, area_name, "
    "numerator, denominator, value, lower_ci95, upper_ci95, unit, suppressed) plus the result's "
    "dimensions. Suppressed rows are listed with their figures blank. Filters match exactly. "
    "`allocation` is served by its own endpoint above.",
)
def result_rows(
    result: str,
    settings: SettingsDep,
    paging: Paging,
    area_type: Literal["practice", "pcn", "place", "system"] | None = None,
    area_code: Text = None,
    breakdown: Text = None,
    condition: Text = None,
    indicator: Text = None,
    sex: Text = None,
    age_band: Text = None,
    deprivation_decile: Annotated[int | None, Query(ge=1, le=10)] = None,
    segment: Text = None,
    multimorbidity: Text = None,
    tier: Text = None,
    measure: Text = None,
):
    filters = {
        "area_type": area_type,
        "area_code": area_code,
        "breakdown": breakdown,
        "condition": condition,
        "indicator": indicator,
        "sex": sex,
        "age_band": age_band,
        "deprivation_decile": deprivation_decile,
        "segment": segment,
        "multimorbidity": multimorbidity,
        "tier": tier,
        "measure": measure,
    }
    rows = service.result_rows(data_dir=settings.data_dir, result=result, filters=filters)
    return page_of(rows, paging)
