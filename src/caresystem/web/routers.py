"""Every domain's API and page routers, in one list (web is the only part that imports every domain)."""

from fastapi import APIRouter


def api_routers() -> list[APIRouter]:
    from caresystem.programme.raid.register_routes import routers as raid_registers
    from caresystem.programme.raid.routes import router as risks
    from caresystem.system.functions.routes import router as functions
    from caresystem.system.geography.routes import router as geography
    from caresystem.system.governance.routes import router as governance
    from caresystem.system.organisations.routes import router as organisations
    from caresystem.web.search import api_router as search

    return [organisations, geography, governance, functions, search, risks, *raid_registers]


def page_routers() -> list[APIRouter]:
    from caresystem.programme.raid.pages import router as risks
    from caresystem.programme.raid.register_pages import router as raid_registers
    from caresystem.system.functions.pages import router as functions
    from caresystem.system.geography.pages import router as geography
    from caresystem.system.governance.pages import router as governance
    from caresystem.system.organisations.pages import router as organisations
    from caresystem.web.account import router as account
    from caresystem.web.home import router as home
    from caresystem.web.search import page_router as search

    return [home, account, search, organisations, geography, risks, raid_registers, governance, functions]
