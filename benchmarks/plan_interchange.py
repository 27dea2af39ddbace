"""Plan interchange at the size of a large programme plan: 2,000 tasks in Microsoft Project XML.

Builds the plan with MPXJ (20 projects, each with 4 workstreams of 24 tasks: deliverables and milestones chained
by finish-to-start links), then on a fresh SQLite database (or PostgreSQL) times reading the file, the preview,
the import, an export as MSPDI and as XLSX, and a second preview of the same file (which must change nothing).
Goals: preview and import under 10 s, export under 3 s.

    .venv/bin/python benchmarks/plan_interchange.py [--backend sqlite|postgresql]
"""

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

import psycopg

from caresystem.auth import SYSTEM
from caresystem.auth.audit import install_audit_listener
from caresystem.db import make_engine, make_sessionmaker, session_scope, upgrade
from caresystem.programme.core.models import Programme
from caresystem.programme.plan.interchange import mpxj, service

PROJECTS, STREAMS, ITEMS = 20, 4, 24
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def build_plan() -> bytes:
    project = mpxj.java("org.mpxj.ProjectFile")()
    at, duration = mpxj.java("java.time.LocalDateTime").of, mpxj.java("org.mpxj.Duration").getInstance
    days, builder = mpxj.java("org.mpxj.TimeUnit").DAYS, mpxj.java("org.mpxj.Relation$Builder")
    start = mpxj.java("java.time.LocalDate").of(2027, 1, 4)
    people = [project.addResource() for _ in range(50)]
    for n, person in enumerate(people):
        person.setName(f"Owner {n}")
    count = 0
    for p in range(PROJECTS):
        summary = project.addTask()
        summary.setName(f"Project {p + 1}")
        count += 1
        for s in range(STREAMS):
            stream = summary.addTask()
            stream.setName(f"Workstream {p + 1}.{s + 1}")
            count += 1
            before = None
            for i in range(ITEMS):
                task = stream.addTask()
                milestone = i % 4 == 3
                day = start.plusDays(p * 3 + s * 2 + i * 7)
                task.setName(f"{'Milestone' if milestone else 'Deliverable'} {p + 1}.{s + 1}.{i + 1}")
                task.setStart(at(day.getYear(), day.getMonthValue(), day.getDayOfMonth(), 8, 0))
                end = day if milestone else day.plusDays(4)
                task.setFinish(at(end.getYear(), end.getMonthValue(), end.getDayOfMonth(), 8 if milestone else 17, 0))
                task.setBaselineFinish(at(end.getYear(), end.getMonthValue(), end.getDayOfMonth(), 17, 0))
                task.setDuration(duration(0 if milestone else 5, days))
                task.setMilestone(milestone)
                task.setGUID(mpxj.java("java.util.UUID").randomUUID())
                task.addResourceAssignment(people[count % len(people)])
                if before is not None:
                    task.addPredecessor(builder().predecessorTask(before).lag(duration(2, days)))
                before = task
                count += 1
    stream = mpxj.java("java.io.ByteArrayOutputStream")()
    writer = mpxj.java("org.mpxj.writer.UniversalProjectWriter")
    writer(mpxj.java("org.mpxj.writer.FileFormat").MSPDI).write(project, stream)
    print(f"built a plan of {count:,} tasks")
    return bytes(stream.toByteArray())


def database(backend: str, folder: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{folder / 'bench.db'}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS caresystem_bench_plan")
        conn.execute("CREATE DATABASE caresystem_bench_plan")
    return "postgresql+psycopg://postgres@127.0.0.1:5432/caresystem_bench_plan"


def _cpu() -> float:
    """CPU seconds of this process, the JVM's threads included: on a busy shared machine the fairer figure."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(label: str, action, goal: float | None = None):
    began, cpu = time.perf_counter(), _cpu()
    result = action()
    took, used = time.perf_counter() - began, _cpu() - cpu
    verdict = "" if goal is None else (" (goal < %.0f s: %s)" % (goal, "met" if took < goal else "MISSED"))
    print(f"{label:<32} {took:7.2f} s wall {used:7.2f} s CPU{verdict}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    timed("start the JVM", mpxj.start)
    content = timed("build the MSPDI file", build_plan)
    print(f"file size                        {len(content) / 1e6:7.2f} MB")
    with tempfile.TemporaryDirectory() as folder:
        url = database(args.backend, Path(folder))
        upgrade(url)
        install_audit_listener()
        engine = make_engine(url)
        factory = make_sessionmaker(engine)
        with session_scope(factory, actor="bench") as session:
            session.add(Programme(key="bench", name="Benchmark programme"))
        plan = timed("read the file (MPXJ)", lambda: service.read_file(content, "plan.xml"))
        with session_scope(factory, actor="bench") as session:
            programme = session.query(Programme).one()
            found = timed("preview", lambda: service.preview_import(session, actor=SYSTEM, programme=programme,
                                                                    plan=plan), goal=10)
            print("  would create:", {k: v["created"] for k, v in found.counts().items()})
        with session_scope(factory, actor="bench") as session:
            programme = session.query(Programme).one()
            timed("preview and import", lambda: service.import_plan(session, actor=SYSTEM, programme=programme,
                                                                    plan=plan), goal=10)
        with session_scope(factory, actor="bench") as session:
            programme = session.query(Programme).one()
            exported = timed("export MSPDI", lambda: service.export_mspdi(session, actor=SYSTEM,
                                                                         programme=programme), goal=3)
            timed("export XLSX", lambda: service.export_xlsx(session, actor=SYSTEM, programme=programme), goal=3)
            again = timed("preview the same file again", lambda: service.preview_import(
                session, actor=SYSTEM, programme=programme, plan=plan), goal=10)
            assert not again.changes_anything, "re-importing the same file must change nothing"
            print(f"  exported {len(exported) / 1e6:.2f} MB; the second preview changes nothing")
        engine.dispose()
    print(f"peak memory (this process)       {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:7.0f} MB")


if __name__ == "__main__":
    main()
