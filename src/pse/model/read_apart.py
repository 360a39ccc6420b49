"""A study file read in a forked child, so the reading's garbage does not stay in the run's memory.

Composing YAML makes a node and two marks for every scalar (about 1 KB together); they are freed once the plain
values and positions are built, but CPython's allocator keeps most of their pages, because the values that stay
alive were allocated among them.  Measured on a generated site of 10^4 objects of each kind (2026-12-02, the
process's resident size after the study is validated): read here 1,310 MB; read in a child and sent back pickled
817 MB (the values and positions are 42 MB pickled; 1.9 s to pickle in the child, 1.1 s to unpickle here);
the peak of the whole ``pse run`` process tree (proportional set size, sampled every second) went from
2,079 to 1,518 MiB, for ~2.8 s more CPU and ~2 s more wall time.
While the child reads, this process builds the study's model classes (pydantic, ~0.5 s) and imports what it
needs next.

The result is the one :func:`pse.model.loader.load_document` gives in this process: the same values and
positions, the same :class:`~pse.model.errors.StudyError` for a file it refuses.  Where ``fork`` is not
available or other threads run (a fork copies only the calling thread), or the child ends without a result
(killed, out of memory, an unexpected error), the file is read here, so any error is raised as it always was.
"""

from __future__ import annotations

import os
import pickle
import threading


def load_study_apart(path, *, module_checks: bool = True, imports: tuple[str, ...] = ()):
    """:func:`pse.model.validate.load_study` with the file read in a forked child (the same study or the same
    :class:`~pse.model.errors.StudyError`); meanwhile this process builds the model classes and imports the
    modules named in ``imports`` (what it needs next)."""
    from pse.collector import collector_paused

    with collector_paused():
        data, smap = load_document_apart(path, prepare=lambda: _import_all(("pse.model.validate", *imports)))
        from pse.model.validate import validate_document

        return validate_document(data, smap, module_checks=module_checks)


def _import_all(names) -> None:
    import importlib

    for name in names:
        importlib.import_module(name)


def load_document_apart(path, prepare=lambda: None):
    """``load_document(path)`` computed in a forked child; ``prepare()`` runs here meanwhile."""
    from pse.jobs import can_fork
    from pse.model.loader import load_document

    if not can_fork() or threading.active_count() > 1:     # a fork copies only this thread: read here
        prepare()
        return load_document(path)
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:                                    # pragma: no cover - the child ends with os._exit
        os.close(reader)
        _read_in_child(path, writer)
    os.close(writer)
    try:
        prepare()
        with os.fdopen(reader, "rb") as stream:
            payload = stream.read()
    except BaseException:                           # interrupted: the child goes too
        _stop(pid)
        raise
    _, status = os.waitpid(pid, 0)
    if status != 0 or not payload:
        return load_document(path)
    kind, value = pickle.loads(payload)
    if kind == "problems":
        from pse.model.errors import StudyError

        raise StudyError(value)
    return value


def _read_in_child(path, writer: int) -> None:              # pragma: no cover - runs in the child
    """Read the study, write ``("document", (data, smap))`` or ``("problems", [...])`` pickled, and end."""
    import signal

    from pse.collector import collector_paused
    from pse.jobs import die_with_parent
    from pse.model.errors import StudyError
    from pse.model.loader import load_document

    code = 1
    result: tuple[str, object]
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)     # Ctrl-C is the parent's: this child ends as it does
        die_with_parent(os.getppid())
        try:
            with collector_paused():
                result = ("document", load_document(path))
        except StudyError as exc:
            result = ("problems", exc.problems)
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(writer, "wb") as stream:
            stream.write(data)
        code = 0
    finally:
        os._exit(code)


def _stop(pid: int) -> None:
    import signal

    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
