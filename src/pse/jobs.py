"""Work that runs beside the pipeline in forked processes, so ``pse run`` uses the machine's cores.

A *job* is a function that writes output files (a drawing, ``study.xlsx``) and needs nothing back but a small
picklable value.  :class:`Jobs` starts each in a child made with ``fork`` (POSIX): the child sees the parent's
memory as it was at the fork, so a job needs no pickling of its inputs, and the parent goes on with the next
stage.  At most ``jobs - 1`` children run at once (the parent is the other worker); a job started when every
slot is taken runs in the parent, as it would without parallelism.  The files a job writes must be reserved by
the parent before it starts (:meth:`pse.registry.RunContext.path`), since what a child changes in memory is lost.

Rules that keep a run correct with any number of jobs:

- a job writes only its own files, never files another stage reads before :meth:`Jobs.join`;
- :meth:`Jobs.join` waits for every job and raises the first failure as the job raised it (a study error stays
  a one-line error with its file and field), so nothing is published unless every job succeeded;
- a child that dies without a result (killed, out of memory) is a failure naming the job and its exit code;
- with ``jobs = 1``, where ``fork`` is not available (Windows, macOS), or where the memory available is less
  than twice the parent's resident size (:func:`memory_allows_fork`: a child may come to copy what it reads),
  every job runs in the parent, in the order started: the outputs are the same files, byte for byte (tested).

The parent freezes its garbage collector's generations at each fork (:func:`gc.freeze`, as the Python
documentation recommends before ``fork``), so a child does not copy the parent's pages just by collecting.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

#: environment variable that sets the default number of jobs (``pse run --jobs`` overrides it)
JOBS_VARIABLE = "PSE_JOBS"


def cores_available() -> int:
    """Cores this process may run on (its CPU affinity where the system reports it), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:          # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """True where a job can run in a forked child (Linux; macOS and Windows run jobs in the parent)."""
    import multiprocessing

    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def default_jobs() -> int:
    """``PSE_JOBS`` if set (a whole number >= 1), else the cores available."""
    text = os.environ.get(JOBS_VARIABLE, "").strip()
    if text:
        try:
            value = int(text)
        except ValueError:
            value = 0
        if value < 1:
            raise ValueError(f"{JOBS_VARIABLE}={text!r}: the number of jobs is a whole number of at least 1")
        return value
    return cores_available()


def memory_allows_fork() -> bool:
    """True unless the memory available is less than twice this process's resident size (Linux ``/proc``).

    A child shares the parent's pages until either touches them; CPython's reference counts touch every object
    a job reads, so a child can come to copy up to the size of what it reads.  Where that might not fit, jobs
    run in the parent (the same files, in one process).  True where ``/proc`` cannot be read.
    """
    try:
        meminfo = Path("/proc/meminfo").read_text()
        statm = Path("/proc/self/statm").read_text().split()
    except OSError:                 # pragma: no cover - not Linux
        return True
    available_kb = next((int(line.split()[1]) for line in meminfo.splitlines()
                         if line.startswith("MemAvailable:")), None)
    if available_kb is None:        # pragma: no cover - a kernel before 3.14
        return True
    resident_kb = int(statm[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    return available_kb >= 2 * resident_kb


class JobFailed(RuntimeError):
    """A job's child ended without a result (killed, out of memory) or with an error that could not be sent."""


@dataclass
class Job:
    """One started job: its name, and its result once :meth:`Jobs.join` has returned."""

    name: str
    report_reads: bool = True       # the report reads its files: joined before report.html is built
    process: object = None          # the child (multiprocessing.Process), None if the job ran in the parent
    reader: object = None           # the parent's end of the result pipe
    outcome: tuple | None = None    # (True, value) or (False, exception)

    def result(self):
        """The job's return value (after :meth:`Jobs.join`)."""
        if self.outcome is None:
            raise RuntimeError(f"job {self.name!r} has not been joined")
        ok, value = self.outcome
        if not ok:
            raise value
        return value


@dataclass
class Jobs:
    """Jobs started beside the pipeline; ``jobs`` is the number of processes working at once (parent included)."""

    jobs: int = 1
    started: list[Job] = field(default_factory=list)

    def _free_slot(self) -> bool:
        running = [job for job in self.started if job.process is not None and job.outcome is None]
        for job in running:
            if not job.process.is_alive():      # type: ignore[attr-defined]
                self._collect(job)
        return sum(1 for job in self.started if job.process is not None and job.outcome is None) < self.jobs - 1

    def start(self, name: str, work: Callable[[], object], report_reads: bool = True) -> Job:
        """Run ``work`` in a forked child if a slot is free, else now in the parent; returns its :class:`Job`.
        ``report_reads=False`` marks a job whose files the report does not read (a DXF, a CSV)."""
        job = Job(name, report_reads)
        self.started.append(job)
        if self.jobs > 1 and can_fork() and self._free_slot() and memory_allows_fork():
            self._fork(job, work)
        else:
            job.outcome = _outcome(work)
        return job

    def _fork(self, job: Job, work: Callable[[], object]) -> None:
        import gc
        import multiprocessing

        context = multiprocessing.get_context("fork")
        reader, writer = context.Pipe(duplex=False)
        for stream in (sys.stdout, sys.stderr):     # a child flushing the parent's buffer would print it twice
            stream.flush()
        gc.freeze()
        try:
            process = context.Process(target=_child, args=(work, writer, os.getpid()), name=f"pse-{job.name}")
            process.start()
        finally:
            gc.unfreeze()
        writer.close()
        job.process, job.reader = process, reader

    def _collect(self, job: Job) -> None:
        process, reader = job.process, job.reader
        try:
            job.outcome = reader.recv()             # type: ignore[attr-defined]
        except EOFError:
            process.join()                          # type: ignore[attr-defined]
            job.outcome = (False, JobFailed(
                f"{job.name}: the process writing it ended without a result "
                f"(exit code {process.exitcode}: killed or out of memory?)"))  # type: ignore[attr-defined]
        finally:
            reader.close()                          # type: ignore[attr-defined]
        process.join()                              # type: ignore[attr-defined]

    def join(self, report_reads_only: bool = False) -> None:
        """Wait for every job (or only those whose files the report reads); raise the first failure among the
        jobs waited for (in the order they were started)."""
        chosen = [job for job in self.started if job.report_reads or not report_reads_only]
        for job in chosen:
            if job.outcome is None:
                self._collect(job)
        for job in chosen:
            if job.outcome is not None and not job.outcome[0]:
                raise job.outcome[1]

    def abandon(self) -> None:
        """Stop every child still running (a run that failed elsewhere: its outputs will not be published)."""
        for job in self.started:
            if job.outcome is None and job.process is not None:
                job.process.terminate()             # type: ignore[attr-defined]
                job.process.join()                  # type: ignore[attr-defined]
                job.reader.close()                  # type: ignore[attr-defined]
                job.outcome = (False, JobFailed(f"{job.name}: stopped"))


def _outcome(work: Callable[[], object]) -> tuple:
    try:
        return True, work()
    except Exception as exc:       # noqa: BLE001 - re-raised by Jobs.join, in the parent, as it was raised
        return False, exc


def _die_with_parent(parent: int) -> None:
    """Linux: the kernel kills this child if the parent dies (``prctl(PR_SET_PDEATHSIG, SIGKILL)``), so a killed
    ``pse run`` leaves no writer behind in its staging folder; a no-op where ``prctl`` is not available."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)      # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):   # pragma: no cover - not Linux
        return
    if os.getppid() != parent:          # the parent died before prctl took effect
        os._exit(1)


def _child(work: Callable[[], object], writer, parent: int) -> None:
    """In the child: run the job, send ``(ok, value or exception)``; an unpicklable result is sent as text."""
    import pickle
    import traceback

    _die_with_parent(parent)
    outcome = _outcome(work)
    try:
        data = pickle.dumps(outcome)
        pickle.loads(data)          # an exception whose class cannot be rebuilt is sent as text instead
    except Exception:              # noqa: BLE001
        text = traceback.format_exception(outcome[1]) if not outcome[0] else ["result not picklable"]
        data = pickle.dumps((False, JobFailed("".join(text).strip())))
    writer.send_bytes(data)
    writer.close()
