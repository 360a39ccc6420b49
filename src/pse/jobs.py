"""Work that runs beside the pipeline in forked processes, so ``pse run`` uses the machine's cores.

A *job* is a function that writes output files (a drawing, ``study.xlsx``) and needs nothing back but a small
picklable value.  :class:`Jobs` starts each in a child made with ``fork`` (POSIX): the child sees the parent's
memory as it was at the fork, so a job needs no pickling of its inputs, and the parent goes on with the next
stage.  At most ``jobs - 1`` children run at once (the parent is the other worker); a job started when every
slot is taken waits in a queue: it is forked when a slot frees (:meth:`Jobs.poll`, called at each start and
between stages), or run by the parent itself when the parent waits for it (:meth:`Jobs.wait`, :meth:`Jobs.join`),
so both cores stay busy without more processes than cores.  A queued job's inputs are the objects its function
holds, which no later stage changes (the run checks the study is unchanged, :mod:`pse.model.unchanged`).  The
files a job writes must be reserved by the parent before it starts (:meth:`pse.registry.RunContext.path`), since
what a child changes in memory is lost.

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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


def importing() -> bool:
    """True while a module is being imported (its ``__spec__._initializing``, what importlib itself checks)."""
    return any(getattr(getattr(module, "__spec__", None), "_initializing", False)
               for module in list(sys.modules.values()))


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
    work: Callable[[], object] | None = None    # the function of a job still queued (None once started)
    taken: Callable[[], object] = lambda: None    # the function of a queued job the parent took to run

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
    _busy: bool = False             # inside a method: the SIGCHLD handler (:meth:`refilling`) waits its turn

    @contextmanager
    def _turn(self) -> Iterator[None]:
        busy, self._busy = self._busy, True
        try:
            yield
        finally:
            self._busy = busy

    @contextmanager
    def refilling(self) -> Iterator[None]:
        """While inside, a child's exit forks the next queued job at once, wherever the parent is.

        Linux sends ``SIGCHLD`` when a child ends; Python runs the handler in the main thread between two
        bytecodes, so the fork sees a consistent interpreter (no other thread exists to hold a lock).  The handler
        does nothing while a :class:`Jobs` method is running (that method polls before it returns), while a module
        is being imported (the child would find it half made, :func:`importing`) or in a child.
        Without this, a slot freed in the middle of a long stage stays idle until the next :meth:`poll`.  Outside
        the main thread (a signal handler cannot be set there), with one job or without ``fork``, a no-op.
        """
        import signal
        import threading

        if self.jobs < 2 or not can_fork() or threading.current_thread() is not threading.main_thread():
            yield
            return
        owner = os.getpid()

        def on_child_exit(signum, frame) -> None:
            if os.getpid() != owner or self._busy or importing():
                return
            with self._turn():
                self._refill(run_here=False)        # a job never runs inside the handler, only in a child

        previous = signal.signal(signal.SIGCHLD, on_child_exit)
        try:
            yield
        finally:
            signal.signal(signal.SIGCHLD, previous)

    def _running(self) -> list[Job]:
        return [job for job in self.started if job.process is not None and job.outcome is None]

    def _free_slot(self) -> bool:
        for job in self._running():
            if not job.process.is_alive():      # type: ignore[attr-defined]
                self._collect(job)
        return len(self._running()) < self.jobs - 1

    def start(self, name: str, work: Callable[[], object], report_reads: bool = True) -> Job:
        """Run ``work`` in a forked child if a slot is free, else queue it (forked when a slot frees, or run by the
        parent when it waits for it); with one job, or no ``fork``, run it now.  Returns its :class:`Job`.
        ``report_reads=False`` marks a job whose files the report does not read (a DXF, a CSV)."""
        job = Job(name, report_reads)
        with self._turn():
            self.started.append(job)
            if self.jobs > 1 and can_fork():
                job.work = work
            else:
                job.outcome = _outcome(work)
        self.poll()
        return job

    def poll(self) -> None:
        """Collect the children that have ended and fork queued jobs into the free slots (in the order started);
        a queued job runs in the parent instead when memory is short (:func:`memory_allows_fork`)."""
        with self._turn():
            self._refill()

    def _refill(self, run_here: bool = True) -> None:
        """Fork queued jobs into the free slots; where memory is short or a fork fails (no process or memory left:
        ``OSError``), run them here (``run_here``) or leave them queued."""
        for job in self.started:
            work = job.work
            if work is None:
                continue
            if not self._free_slot():
                return
            try:
                if memory_allows_fork():
                    self._fork(job, work)
                    job.work = None
                    continue
            except OSError:
                job.process = job.reader = None
            if not run_here:
                return
            job.work = None
            job.outcome = _outcome(work)

    def wait(self, job: Job):
        """``job``'s result once it has ended; raises its failure.  Meanwhile the parent works too: it runs
        ``job`` itself if it is still queued, else the next queued job, before waiting for the child."""
        while job.outcome is None:
            self.poll()
            queued = self._take([job] + self.started)
            if queued is not None:
                queued.outcome = _outcome(queued.taken)
            elif job.outcome is None:
                with self._turn():
                    self._collect(job)
        self.poll()
        return job.result()

    def _take(self, candidates: list[Job]) -> Job | None:
        """The first queued job among ``candidates``, taken off the queue to run in the parent (its function in
        ``taken``)."""
        with self._turn():
            for job in candidates:
                if job.work is not None:
                    job.taken, job.work = job.work, None
                    return job
        return None

    def _fork(self, job: Job, work: Callable[[], object]) -> None:
        import gc
        import multiprocessing

        context = multiprocessing.get_context("fork")
        reader, writer = context.Pipe(duplex=False)
        gc.freeze()
        try:
            process = context.Process(target=_child, args=(work, writer, os.getpid()), name=f"pse-{job.name}")
            process.start()
        except BaseException:
            reader.close()
            writer.close()
            raise
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
        """Wait for every job (or only those whose files the report reads), running queued ones here; raise the
        first failure among the jobs waited for (in the order they were started)."""
        chosen = [job for job in self.started if job.report_reads or not report_reads_only]
        while any(job.outcome is None for job in chosen):
            self.poll()
            queued = self._take(chosen)
            if queued is not None:            # the parent works too: the queued job the report needs first
                queued.outcome = _outcome(queued.taken)
                continue
            running = next((job for job in chosen if job.outcome is None), None)
            if running is not None:
                with self._turn():
                    self._collect(running)
        for job in chosen:
            if job.outcome is not None and not job.outcome[0]:
                raise job.outcome[1]

    def abandon(self) -> None:
        """Stop every child still running (a run that failed elsewhere: its outputs will not be published)."""
        with self._turn():
            self._stop_all()

    def _stop_all(self) -> None:
        for job in self.started:
            if job.work is not None:
                job.work, job.outcome = None, (False, JobFailed(f"{job.name}: not started"))
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


def die_with_parent(parent: int) -> None:
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


def _own_streams() -> None:
    """In a child: ``sys.stdout`` and ``sys.stderr`` opened anew on the same descriptors.  The inherited streams
    may hold output the parent has not flushed yet (the fork may happen anywhere, see :meth:`Jobs.refilling`);
    the child would print it a second time when it flushes them at its end."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        try:
            fd = stream.fileno()
        except (AttributeError, OSError, ValueError):   # a stream without a descriptor (a test's capture)
            fd = None
        if fd is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))     # noqa: SIM115 - lives with the child
        else:
            setattr(sys, name, open(os.dup(fd), "w", encoding="utf-8", errors="backslashreplace",  # noqa: SIM115
                                    buffering=1))


def _child(work: Callable[[], object], writer, parent: int) -> None:
    """In the child: run the job, send ``(ok, value or exception)``; an unpicklable result is sent as text."""
    import pickle
    import signal
    import traceback

    signal.signal(signal.SIGCHLD, signal.SIG_DFL)     # the parent's refill handler is not the child's
    die_with_parent(parent)
    _own_streams()
    outcome = _outcome(work)
    try:
        data = pickle.dumps(outcome)
        pickle.loads(data)          # an exception whose class cannot be rebuilt is sent as text instead
    except Exception:              # noqa: BLE001
        text = traceback.format_exception(outcome[1]) if not outcome[0] else ["result not picklable"]
        data = pickle.dumps((False, JobFailed("".join(text).strip())))
    writer.send_bytes(data)
    writer.close()
