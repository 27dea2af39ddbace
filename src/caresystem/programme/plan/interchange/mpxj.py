"""The one door to MPXJ (the Java library that reads and writes Microsoft Project and other planning files).

JPype runs the Java virtual machine inside this process and a JVM cannot be restarted once stopped, so it is started
once, lazily, the first time a plan file is read or written (about half a second), and left running. PySpark's JVM
is a separate process and is not affected.
"""

import threading
from functools import cache

import jpype
from jpype import config as jpype_config

_starting = threading.Lock()
FIELD_ALIASES = {  # the task text fields caresystem writes, so its own exports come back exactly
    "type": "caresystem type", "key": "caresystem key", "projects": "caresystem projects",
    "workstreams": "caresystem workstreams", "status": "caresystem status", "owner": "caresystem owner"}


def start() -> None:
    with _starting:
        if not jpype.isJVMStarted():
            import mpxj  # noqa: F401 - importing it puts MPXJ's jars on the class path

            # No shutdown at exit: shutting the JVM down while a server thread that used it is still alive aborts
            # the interpreter, and MPXJ holds nothing that needs closing (files are read from and written to memory).
            jpype_config.onexit = False
            jpype.startJVM("-Djava.awt.headless=true", convertStrings=False)


@cache
def java(name: str):
    """A Java class by its full name, starting the JVM first if need be."""
    start()
    return jpype.JClass(name)


def java_error():
    """The base class of exceptions raised from Java, for `except` clauses."""
    start()
    return jpype.JException
