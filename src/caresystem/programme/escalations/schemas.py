"""The escalations of one governance body, as the API returns them."""

from pydantic import Field

from caresystem.assurance import MeasureException
from caresystem.programme.benefits import BenefitRead
from caresystem.programme.raid import RiskRead
from caresystem.web.pagination import Page


class Escalations(Page[RiskRead]):
    not_in_force: str | None = Field(None, description="why the body receives nothing today, e.g. it ended on a date "
                                                       "and which body succeeded it; null while it is in force")
    benefits: list[BenefitRead] = Field([], description="benefits the benefit rules send to this body, worst first")
    measure_exceptions: list[MeasureException] = Field(
        [], description="performance measures whose special cause concern or failing assurance the measure rules "
                        "send to this body, at each measure's latest period")
