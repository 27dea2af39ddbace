"""Every domain's API and page routers, in one list (web is the only part that imports every domain)."""

from fastapi import APIRouter


def api_routers() -> list[APIRouter]:
    from caresystem.assurance.finance.routes import router as assurance_finance
    from caresystem.assurance.measures.routes import router as assurance_measures
    from caresystem.assurance.report.routes import router as assurance_report
    from caresystem.population.routes import router as population
    from caresystem.programme.benefits.routes import router as benefits
    from caresystem.programme.dashboard.routes import router as dashboard
    from caresystem.programme.engagement.routes import router as engagement
    from caresystem.programme.highlight.routes import router as highlight
    from caresystem.programme.escalations.routes import router as escalations
    from caresystem.programme.impact.routes import router as impact
    from caresystem.programme.plan.interchange.routes import router as plan_interchange
    from caresystem.programme.plan.routes import routers as plan
    from caresystem.programme.raid.register_routes import routers as raid_registers
    from caresystem.programme.raid.routes import router as risks
    from caresystem.system.functions.routes import router as functions
    from caresystem.system.geography.routes import router as geography
    from caresystem.system.governance.routes import router as governance
    from caresystem.system.interests.routes import router as interests
    from caresystem.system.organisations.routes import router as organisations
    from caresystem.system.oversight.routes import router as oversight
    from caresystem.system.principles.routes import router as principles
    from caresystem.system.planning.routes import router as planning
    from caresystem.meetings.routes import router as meetings
    from caresystem.search.routes import router as search

    return [organisations, geography, governance, oversight, interests, functions, principles, planning, search,
            dashboard, risks, escalations, *raid_registers, plan_interchange, *plan, benefits, impact, engagement,
            highlight, population,
            meetings, assurance_measures, assurance_report, assurance_finance]


def page_routers() -> list[APIRouter]:
    from caresystem.assurance.finance.pages import router as assurance_finance
    from caresystem.assurance.measures.pages import router as assurance_measures
    from caresystem.assurance.measures.rules_pages import router as assurance_rules
    from caresystem.assurance.report.pages import router as assurance_report
    from caresystem.meetings.account_pages import router as member_accounts
    from caresystem.meetings.pages import router as meetings
    from caresystem.meetings.public import router as meeting_feeds
    from caresystem.population.pages import router as population
    from caresystem.programme.benefits.pages import router as benefits
    from caresystem.programme.dashboard.pages import router as dashboard
    from caresystem.programme.engagement.pages import router as engagement
    from caresystem.programme.highlight.pages import router as highlight
    from caresystem.programme.escalations.pages import router as escalations
    from caresystem.programme.impact.pages import router as impact
    from caresystem.programme.plan.interchange.pages import router as plan_interchange
    from caresystem.programme.plan.pages import router as plan
    from caresystem.programme.plan.resource_pages import router as plan_resources
    from caresystem.programme.plan.structure_pages import router as plan_structure
    from caresystem.programme.raid.pages import router as risks
    from caresystem.programme.raid.register_pages import router as raid_registers
    from caresystem.system.functions.pages import router as functions
    from caresystem.system.geography.pages import router as geography
    from caresystem.system.governance.pages import router as governance
    from caresystem.system.interests.pages import router as interests
    from caresystem.system.organisations.pages import router as organisations
    from caresystem.system.oversight.pages import router as oversight
    from caresystem.system.principles.pages import router as principles
    from caresystem.system.planning.pages import router as planning
    from caresystem.web.account import router as account
    from caresystem.web.home import router as home
    from caresystem.search.pages import router as search

    return [home, account, search, organisations, geography, oversight, governance, interests, functions, principles,
            planning, dashboard,
            risks, escalations, raid_registers, plan_interchange, plan, plan_resources, plan_structure, benefits,
            impact, engagement, highlight, population, meeting_feeds, member_accounts, meetings, assurance_measures,
            assurance_rules, assurance_report, assurance_finance]
