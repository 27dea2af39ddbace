"""Reading planning files through MPXJ: Microsoft Project (.mpp, MSPDI .xml), ProjectLibre (.pod), Primavera
(.xer, PMXML), Planner, MPX and the others MPXJ knows, into a `FilePlan`.

Files are untrusted: the size is capped, XML is checked with defusedxml (no document type declarations, entities or
external references) before MPXJ sees it, and an unreadable or password-protected file is refused plainly.
"""

from datetime import date

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from caresystem.errors import Invalid
from caresystem.programme.plan.interchange import mpxj
from caresystem.programme.plan.interchange.plan_file import MAX_BYTES, MAX_TASKS, FilePlan, FileTask, Link

FORMATS = "Microsoft Project (.mpp or .xml), ProjectLibre (.pod), Primavera (.xer), Planner or MPX"


def check_size(content: bytes) -> None:
    if not content:
        raise Invalid.one("file", "is empty")
    if len(content) > MAX_BYTES:
        raise Invalid.one("file", f"is larger than {MAX_BYTES // (1024 * 1024)} MB")


def check_xml(content: bytes) -> None:
    """Refuse XML that declares a document type or entities (entity expansion, external references)."""
    head = content[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith((b"<", b"\xff\xfe", b"\xfe\xff")):  # UTF-16 XML starts with its byte order mark
        return
    try:
        fromstring(content, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise Invalid.one("file", "is XML with a document type declaration or entities, which are refused "
                                  "for safety; save it again from the planning tool") from None
    except ParseError as exc:
        raise Invalid.one("file", f"is not well-formed XML ({exc})") from None


def _reason(message: str) -> str:
    if "password" in message.lower() or "encrypt" in message.lower():
        return "is password protected; save a copy without a password and import that"
    return f"could not be read as a plan ({message.splitlines()[0][:200] if message else 'unknown error'})"


def read(content: bytes) -> FilePlan:
    """Read any file MPXJ recognises; raise Invalid naming the problem when it cannot."""
    check_size(content)
    check_xml(content)
    reader = mpxj.java("org.mpxj.reader.UniversalProjectReader")()
    stream = mpxj.java("java.io.ByteArrayInputStream")(content)
    try:
        project = reader.read(stream)
    except mpxj.java_error() as exc:
        raise Invalid.one("file", _reason(str(exc.getMessage() or exc))) from None
    if project is None:
        raise Invalid.one("file", f"is not a plan file that can be read; use {FORMATS}")
    return plan_of(project)


def _date(value) -> date | None:
    return None if value is None else date(value.getYear(), value.getMonthValue(), value.getDayOfMonth())


def _text(value) -> str | None:
    text = None if value is None else str(value).strip()
    return text or None


def _days(duration, properties) -> float:
    if duration is None:
        return 0.0
    days_unit = mpxj.java("org.mpxj.TimeUnit").DAYS
    return float(duration.convertUnits(days_unit, properties).getDuration())


def _keys(value) -> list[str] | None:
    text = _text(value)
    return None if text is None else [k.strip() for k in text.split(";") if k.strip()]


def _task(task, properties, aliases: set[str]) -> FileTask:
    def field(name):
        alias = mpxj.FIELD_ALIASES[name]
        return task.getFieldByAlias(alias) if alias in aliases else None

    parent = task.getParentTask()
    duration = task.getDuration()
    summary = bool(task.getSummary()) or task.getChildTasks().size() > 0
    zero = duration is not None and float(duration.getDuration()) == 0
    percent = task.getPercentageComplete()
    guid = task.getGUID()
    return FileTask(
        id=str(task.getID()), name=_text(task.getName()) or "", outline_level=int(task.getOutlineLevel() or 1),
        parent=str(parent.getID()) if parent is not None and (parent.getOutlineLevel() or 0) >= 1 else None,
        summary=summary, milestone=not summary and (bool(task.getMilestone()) or zero),
        external_id=str(guid).lower() if guid is not None else f"uid:{task.getUniqueID()}",
        type=_text(field("type")), key=_text(field("key")), projects=_keys(field("projects")),
        workstreams=_keys(field("workstreams")), status=_text(field("status")),
        baseline_finish=_date(task.getBaselineFinish()), start=_date(task.getStart()), finish=_date(task.getFinish()),
        actual_finish=_date(task.getActualFinish()),
        percent_complete=None if percent is None else float(percent.doubleValue()),
        active=task.getActive() is None or bool(task.getActive()),
        resources=[owner] if (owner := _text(field("owner"))) else [
            str(a.getResource().getName()) for a in task.getResourceAssignments()
            if a.getResource() is not None and a.getResource().getName() is not None],
        predecessors=[Link(predecessor=str(r.getPredecessorTask().getID()), type=str(r.getType()),
                           lag_days=_days(r.getLag(), properties)) for r in task.getPredecessors()],
        notes=_text(task.getNotes()))


def plan_of(project) -> FilePlan:
    """The tasks of an MPXJ ProjectFile in outline order (the project summary task, outline level 0, is left out)."""
    aliases = {str(f.getAlias()).lower() for f in project.getCustomFields() if f.getAlias() is not None}
    properties = project.getProjectProperties()
    tasks = [t for t in project.getTasks() if t.getID() is not None and (t.getOutlineLevel() or 0) >= 1
             and (t.getName() is not None or t.getChildTasks().size() > 0)]
    if len(tasks) > MAX_TASKS:
        raise Invalid.one("file", f"has {len(tasks)} tasks; at most {MAX_TASKS} are imported at once")
    file_format = str(properties.getFileType() or properties.getFileApplication() or "plan file")
    return FilePlan(format=file_format, tasks=[_task(t, properties, aliases) for t in tasks])
