"""Pages: which person each user account is, so that a board member signed in reads the confidential papers of
the bodies they sit on (user administrators only). The same rule as the API's member-accounts call."""

from fastapi import APIRouter, Depends, Request

from caresystem.errors import Invalid
from caresystem.meetings import service
from caresystem.meetings.schemas import MemberLink
from caresystem.web.csrf import verify_csrf
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.forms import clean, form_values, parse, save_or_show_again
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)
LABELS = {"username": "Username", "person": "Person's key"}


def _page(request, session, actor, values=None, errors=None, status_code=200, flash=None):
    return render(request, "meetings/member_accounts.html", {
        "title": "Members' accounts", "links": service.member_accounts(session, actor=actor),
        "values": values or {}, "errors": errors or {}, "flash": flash}, status_code=status_code)


@router.get("/meetings/member-accounts")
def member_accounts(request: Request, session: SessionDep, actor: PageActor, done: str | None = None):
    return _page(request, session, actor, flash="Saved." if done else None)


@router.post("/meetings/member-accounts", dependencies=[Depends(verify_csrf)])
async def link_account(request: Request, session: SessionDep, actor: PageActor):
    values = await form_values(request)
    data = clean(values)

    def link():
        if not data.get("username"):
            raise Invalid.one("username", "is required")
        person = parse(MemberLink, {"person": data.get("person")}).person
        return service.link_account(session, actor=actor, username=data["username"], person_key=person)
    return save_or_show_again(
        session, link, lambda errors, status: _page(request, session, actor, values, errors, status),
        LABELS, lambda _: "/meetings/member-accounts?done=1")
