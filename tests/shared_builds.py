"""Things that are costly to build and only read by the tests, built once per test run however many workers run it."""

import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def run_directory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory of this test run that every xdist worker sees (each worker's own temporary root is inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` (one worker at a time) for the block."""
    with open(path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """The directory `name`, filled by `build` for the first worker that asks; the others wait for it, then share
    it. Those who share it must only read it."""
    shared = run_directory(tmp_path_factory)
    target, done = shared / name, shared / f"{name}.built"
    with locked(shared / f"{name}.lock"):
        if not done.exists():
            shutil.rmtree(target, ignore_errors=True)  # left by a worker whose build failed
            target.mkdir()
            build(target)
            done.touch()
    return target
