"""Fictional people for the register-of-interests tests: interests are never attributed to the example's real
people."""

from sqlalchemy import select

from caresystem.system.governance.models import GovernanceBody, Membership, Person

ALEX = ("alex-example", "Alex Example (fictional)")
SAM = ("sam-sample", "Sam Sample (fictional)")


def add_person(db, key: str, name: str, *, public: bool = True) -> None:
    with db.session() as session:
        session.add(Person(key=key, name=name, public=public))
        session.commit()


def seat(db, person: str, body: str, *, role: str = "member", valid_from=None, valid_to=None) -> None:
    with db.session() as session:
        session.add(Membership(body_id=session.scalar(select(GovernanceBody.id).where(GovernanceBody.key == body)),
                               person_id=session.scalar(select(Person.id).where(Person.key == person)),
                               membership_role=role, valid_from=valid_from, valid_to=valid_to))
        session.commit()
