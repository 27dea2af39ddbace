"""Pages: which person each user account is, so that a board member signed in reads the confidential papers of
the bodies they sit on (user administrators only). The same rule as the API's member-accounts call."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from caresystem.errors import Conflict, Invalid
from caresystem.meetings import service
from caresystem.meetings.schemas import MemberLink
from caresystem.web.csrf import verify_csrf
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.forms import clean, error_messages, form_values, parse
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)


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
    try:
        if not data.get("username"):
            raise Invalid.one("username", "is required")
        link = parse(MemberLink, {"person": data.get("person")})
        service.link_account(session, actor=actor, username=data["username"], person_key=link.person)
    except (Invalid, Conflict) as exc:
        session.rollback()
        return _page(request, session, actor, values,
                     error_messages(exc, {"username": "Username", "person": "Person's key"}), 422)
    return RedirectResponse("/meetings/member-accounts?done=1", status_code=303)
