"""Plan files the tests build themselves: a hand-written MSPDI (Microsoft Project XML) plan in two versions, the
second with a milestone slipped, a link changed and one link dropped."""

from datetime import date, timedelta
from xml.sax.saxutils import escape

GUIDS = {n: f"00000000-0000-4000-8000-{n:012d}" for n in range(1, 10)}


def _task(uid: int, name: str, level: int, *, summary=False, milestone=False, start=None, finish=None,
          baseline=None, actual=None, percent=0, links=(), active=True) -> str:
    parts = [f"<UID>{uid}</UID><ID>{uid}</ID><GUID>{GUIDS[uid]}</GUID><Name>{escape(name)}</Name>",
             f"<OutlineLevel>{level}</OutlineLevel><Summary>{int(summary)}</Summary>",
             f"<Milestone>{int(milestone)}</Milestone><PercentComplete>{percent}</PercentComplete>",
             f"<Active>{int(active)}</Active>"]
    if start:
        hours = 0 if milestone else 8
        end = finish or start
        parts.append(f"<Start>{start}T08:00:00</Start><Finish>{end}T{8 + hours if not milestone else 8:02d}:00:00"
                     f"</Finish><Duration>PT{hours if milestone else 8 * ((end - start).days + 1)}H0M0S</Duration>")
    if baseline:
        parts.append(f"<Baseline><Number>0</Number><Start>{baseline}T08:00:00</Start>"
                     f"<Finish>{baseline}T{'08' if milestone else '17'}:00:00</Finish></Baseline>")
    if actual:
        parts.append(f"<ActualStart>{actual}T08:00:00</ActualStart><ActualFinish>{actual}T17:00:00</ActualFinish>")
    for predecessor, link_type, lag_days in links:
        code = {"FF": 0, "FS": 1, "SF": 2, "SS": 3}[link_type]
        parts.append(f"<PredecessorLink><PredecessorUID>{predecessor}</PredecessorUID><Type>{code}</Type>"
                     f"<LinkLag>{lag_days * 4800}</LinkLag><LagFormat>7</LagFormat></PredecessorLink>")
    return "<Task>" + "".join(parts) + "</Task>"


def mspdi_plan(slip_days: int = 0, version: int = 1) -> bytes:
    """Shared care record rollout: a project, a workstream under it, two deliverables and three milestones."""
    d = date(2021, 1, 4)  # in the past: the signed milestone's actual date may not be later than today
    go_live = d + timedelta(days=60 + slip_days)
    tasks = [
        _task(1, "Shared care record rollout", 1, summary=True),
        _task(2, "Digital & data", 2, summary=True),
        _task(3, "Information sharing agreement signed", 3, milestone=True, start=d + timedelta(days=10),
              baseline=d + timedelta(days=10), actual=d + timedelta(days=10), percent=100),
        _task(4, "Record viewer procured", 3, start=d + timedelta(days=14), finish=d + timedelta(days=40),
              baseline=d + timedelta(days=40), percent=40,
              links=[(3, "FS", 2 if version == 1 else 4)]),
        _task(5, "Viewer live in general practice", 3, milestone=True, start=go_live,
              baseline=d + timedelta(days=60), links=[(4, "FS", 5)]),
        _task(6, "Training for practice staff", 2, start=d + timedelta(days=45), finish=d + timedelta(days=55),
              links=[(4, "SS", 0)] if version == 1 else []),
        _task(7, "Programme closed", 1, milestone=True, start=d + timedelta(days=90), baseline=d + timedelta(days=90),
              links=[(5, "FF", 0)]),
    ]
    resources = ("<Resources><Resource><UID>1</UID><ID>1</ID><Name>glenn  douglas</Name></Resource>"
                 "<Resource><UID>2</UID><ID>2</ID><Name>Nobody We Know</Name></Resource></Resources>")
    assignments = ("<Assignments><Assignment><UID>1</UID><TaskUID>4</TaskUID><ResourceUID>1</ResourceUID></Assignment>"
                   "<Assignment><UID>2</UID><TaskUID>5</TaskUID><ResourceUID>2</ResourceUID></Assignment>"
                   "</Assignments>")
    return ('<?xml version="1.0" encoding="UTF-8"?><Project xmlns="http://schemas.microsoft.com/project">'
            "<Name>Shared care record</Name><Tasks>" + "".join(tasks) + "</Tasks>" + resources + assignments +
            "</Project>").encode()
