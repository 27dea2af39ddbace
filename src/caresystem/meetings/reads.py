"""Records as the API and the pages show them, with what each reader may see (shared by routes, pages and CLI)."""

from fastapi.responses import Response
from sqlalchemy.orm import Session

from caresystem.auth import Actor, Permission
from caresystem.meetings import agenda, minutes, papers, service
from caresystem.meetings.models import Meeting, Paper, TermsOfReference
from caresystem.meetings.papers import current
from caresystem.meetings.schemas import (AttendanceRead, DecisionRead, ItemRead, MeetingDetail, MeetingRead,
                                         PaperRead, QuorumRead, TermsRead)
from caresystem.meetings.quorum import describe
from caresystem.system.governance import GovernanceBody


def terms_read(session: Session, body_key: str) -> TermsRead:
    body, terms = service.body_of(session, body_key), service.terms_of(session, body_key)
    source = f"{terms.source_document} s{terms.source_section}" if terms.source_document else None
    return TermsRead(body_key=body.key, body_name=body.name, purpose=body.purpose, chair=body.chair,
                     vice_chair=terms.vice_chair, frequency=terms.frequency, meets_in_public=body.meets_in_public,
                     quorum_rule=describe(service.rule_of(terms)), quorum_share=terms.quorum_share,
                     quorum_chair_or_vice=bool(terms.quorum_chair_or_vice), quorum_roles=list(terms.quorum_roles or []),
                     paper_deadline_days=terms.paper_deadline_days, usual_time=terms.usual_time,
                     duration_minutes=terms.duration_minutes, location=terms.location, version=terms.version,
                     source=source)


def meeting_read(session: Session, meeting: Meeting, body: GovernanceBody | None = None,
                 terms: TermsOfReference | None = None) -> MeetingRead:
    body = body or service.body_of(session, meeting.body_key)
    terms = terms or service.terms_of(session, meeting.body_key)
    return MeetingRead(id=meeting.id, uid=meeting.uid, body=meeting.body_key, body_name=body.name, title=meeting.title,
                       starts_at=meeting.starts_at, local_start=service.local_start(meeting).isoformat(),
                       duration_minutes=meeting.duration_minutes, location=meeting.location, status=meeting.status,
                       moved_from=meeting.moved_from, cancelled_reason=meeting.cancelled_reason,
                       sequence=meeting.ical_sequence, minutes_status=meeting.minutes_status,
                       public=bool(body.meets_in_public and body.public),
                       paper_deadline=service.paper_deadline(terms, meeting), version=meeting.version)


def meetings_read(session: Session, meetings: list[Meeting]) -> list[MeetingRead]:
    """`meeting_read` for a list, with the bodies and their terms of reference read once, not per meeting."""
    bodies, terms = service.bodies_by_key(session), service.terms_by_body(session)
    return [meeting_read(session, m, bodies[m.body_key],
                         terms.get(m.body_key) or service.default_terms(bodies[m.body_key])) for m in meetings]


def meeting_detail(session: Session, meeting: Meeting) -> MeetingDetail:
    q = service.quorum_of(session, meeting)
    return MeetingDetail(**meeting_read(session, meeting).model_dump(),
                         attendance=[AttendanceRead(id=a.id, name=a.name, person_key=a.person_key,
                                                    membership_role=a.membership_role, voting=a.voting,
                                                    status=a.status) for a in meeting.attendance],
                         quorum=QuorumRead(known=q.known, met=q.met, voting_members=q.voting_members,
                                           voting_present=q.voting_present, needed=q.needed, summary=q.summary))


def shows_minutes(actor: Actor, meeting: Meeting) -> bool:
    """Draft minutes are for signed-in staff; the public sees minutes once approved."""
    return meeting.minutes_status == "approved" or actor.can(Permission.VIEW_INTERNAL)


def visible_items(actor: Actor, meeting: Meeting):
    """Everyone sees the accepted agenda; proposed and removed items are for staff."""
    return [i for i in meeting.items if i.state == "accepted" or actor.can(Permission.VIEW_INTERNAL)]


def item_read(item, numbers: dict[int, str], with_minutes: bool) -> ItemRead:
    return ItemRead(id=item.id, position=item.position, number=numbers.get(item.id), title=item.title, kind=item.kind,
                    purpose=item.purpose, presenter=item.presenter, minutes_allowed=item.minutes_allowed,
                    source=item.source, source_ref=item.source_ref, why=item.why, state=item.state,
                    removed_reason=item.removed_reason, discussion=item.discussion if with_minutes else None,
                    version=item.version)


def items_read(actor: Actor, meeting: Meeting) -> list[ItemRead]:
    numbers = agenda.number_of(meeting.items)
    with_minutes = shows_minutes(actor, meeting)
    return [item_read(i, numbers, with_minutes) for i in visible_items(actor, meeting)]


def decision_read(minuted, decision, item) -> DecisionRead:
    return DecisionRead(reference=decision.reference, title=decision.title, rationale=decision.rationale,
                        function=minuted.function_key, amount=minuted.amount, decided_on=decision.decided_on,
                        body=decision.body_key, delegation=minuted.delegation, held_by=list(minuted.held_by),
                        explanation=minuted.explanation, meeting_id=item.meeting_id, item_id=item.id)


def decisions_read(session: Session, actor: Actor, meeting: Meeting) -> list[DecisionRead]:
    if not shows_minutes(actor, meeting):
        return []
    return [decision_read(*row) for row in minutes.decisions_of(session, meeting)]


def paper_read(paper: Paper) -> PaperRead:
    v = current(paper)
    return PaperRead(id=paper.id, title=paper.title, item_id=paper.agenda_item_id, public=paper.public,
                     author=paper.author, purpose=paper.purpose, recommendation=paper.recommendation,
                     linked_risks=list(paper.linked_risks or []), current_version=v.number if v else None,
                     kind=v.kind if v else None, size=v.size if v else None, pages=v.pages if v else None,
                     version=paper.version)


def paper_file(session, actor, meeting_id: int, paper_id: int) -> Response:
    """The paper's current file as a download, for the API and the page."""
    paper = papers.get_paper(session, actor=actor, meeting_id=meeting_id, paper_id=paper_id)
    v = papers.current(paper)
    return Response(v.content, media_type=papers.MEDIA_TYPES[v.kind],
                    headers={"Content-Disposition": f'attachment; filename="paper-{paper.id}-v{v.number}.{v.kind}"'})
