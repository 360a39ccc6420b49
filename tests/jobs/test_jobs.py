"""pse.jobs: work in forked children, results and failures back in the parent, inline where it cannot fork."""

from __future__ import annotations

import os

import pytest

from pse.jobs import JOBS_VARIABLE, JobFailed, Jobs, can_fork, default_jobs
from pse.model.errors import Problem, StudyError

needs_fork = pytest.mark.skipif(not can_fork(), reason="fork not available")


@needs_fork
def test_a_job_runs_in_a_child_and_returns_its_value(tmp_path):
    seen = {"changed": False}

    def work():
        seen["changed"] = True                 # lost: the child's memory is its own
        (tmp_path / "a.txt").write_text(str(os.getpid()))
        return 42

    jobs = Jobs(2)
    job = jobs.start("a", work)
    jobs.join()
    assert job.result() == 42
    assert int((tmp_path / "a.txt").read_text()) != os.getpid()
    assert seen["changed"] is False


def test_one_job_runs_in_the_parent(tmp_path):
    seen = []
    jobs = Jobs(1)
    job = jobs.start("a", lambda: seen.append(os.getpid()) or "done")
    jobs.join()
    assert seen == [os.getpid()] and job.result() == "done"


@needs_fork
def test_a_full_slot_queues_the_next_job_and_the_waiting_parent_runs_it(tmp_path):
    go = tmp_path / "go"

    def first_work():                         # busy until the second job has started
        import time

        for _ in range(1000):
            if go.exists():
                break
            time.sleep(0.01)
        return os.getpid()

    jobs = Jobs(2)                            # the parent and one child
    first = jobs.start("first", first_work)
    second = jobs.start("second", lambda: os.getpid())
    go.write_text("")
    jobs.join()
    pids = {first.result(), second.result()}
    assert os.getpid() in pids and len(pids) == 2


@needs_fork
def test_a_study_error_in_a_child_reaches_the_parent_whole():
    problem = Problem("s.yaml", 12, "scenarios[0].pfd", "a PFD is at most 1")

    def work():
        raise StudyError([problem])

    jobs = Jobs(2)
    jobs.start("w", work)
    with pytest.raises(StudyError) as caught:
        jobs.join()
    assert caught.value.problems == [problem]
    assert str(caught.value) == "s.yaml:12: scenarios[0].pfd: a PFD is at most 1"


@needs_fork
def test_a_child_that_dies_is_a_failure_naming_the_job():
    jobs = Jobs(2)
    jobs.start("plan.dxf", lambda: os._exit(9))
    with pytest.raises(JobFailed, match=r"plan.dxf.*exit code 9"):
        jobs.join()


class _Unpicklable(Exception):
    def __init__(self, a, b):                 # pickling rebuilds it with one argument: it cannot come back
        super().__init__(f"{a}/{b}")


@needs_fork
def test_an_error_that_cannot_be_pickled_comes_back_as_text():
    def work():
        raise _Unpicklable("x", "y")

    jobs = Jobs(2)
    jobs.start("w", work)
    with pytest.raises(JobFailed, match="_Unpicklable: x/y"):
        jobs.join()


def test_the_first_failure_in_start_order_is_raised():
    jobs = Jobs(1)
    jobs.start("a", lambda: 1 / 0)
    jobs.start("b", lambda: [][1])
    with pytest.raises(ZeroDivisionError):
        jobs.join()


def test_default_jobs_from_the_environment(monkeypatch):
    monkeypatch.setenv(JOBS_VARIABLE, "3")
    assert default_jobs() == 3
    monkeypatch.delenv(JOBS_VARIABLE)
    assert default_jobs() >= 1
    for bad in ("0", "two", "-1"):
        monkeypatch.setenv(JOBS_VARIABLE, bad)
        with pytest.raises(ValueError, match="at least 1"):
            default_jobs()


@needs_fork
def test_the_report_waits_only_for_what_it_reads(tmp_path):
    go = tmp_path / "go"

    def slow_dxf():
        import time

        for _ in range(1000):
            if go.exists():
                return "dxf"
            time.sleep(0.01)
        return "timed out"

    jobs = Jobs(3)
    dxf = jobs.start("plan.dxf", slow_dxf, report_reads=False)
    png = jobs.start("plan.png", lambda: "png")
    jobs.join(report_reads_only=True)
    assert png.result() == "png" and dxf.outcome is None      # the DXF still being written
    go.write_text("")
    jobs.join()
    assert dxf.result() == "dxf"


def test_a_context_without_jobs_writes_at_once(tmp_path):
    from pse.registry import RunContext

    ctx = RunContext(out=tmp_path)
    names = ctx.in_background("a", ["zones/a.txt"], lambda: (tmp_path / "zones" / "a.txt").write_text("x"))
    assert names == ["zones/a.txt"] and ctx.files == ["zones/a.txt"]
    assert (tmp_path / "zones" / "a.txt").read_text() == "x"


def test_short_memory_runs_jobs_in_the_parent(monkeypatch):
    import pse.jobs

    monkeypatch.setattr(pse.jobs, "memory_allows_fork", lambda: False)
    jobs = Jobs(2)
    job = jobs.start("a", os.getpid)
    jobs.join()
    assert job.result() == os.getpid()



def _busy_until(path, seconds: float = 10.0):
    """A job that runs until ``path`` exists; returns its process id."""

    def work():
        import time

        end = time.monotonic() + seconds
        while not path.exists() and time.monotonic() < end:
            time.sleep(0.01)
        return os.getpid()

    return work


@needs_fork
def test_a_queued_job_is_forked_when_the_slot_frees(tmp_path):
    import time

    jobs = Jobs(2)
    first = jobs.start("first", _busy_until(tmp_path / "go"))
    second = jobs.start("second", os.getpid)
    assert second.process is None and second.work is not None          # queued: the one child slot is taken
    (tmp_path / "go").write_text("")
    end = time.monotonic() + 10
    while second.process is None and time.monotonic() < end:
        jobs.poll()
        time.sleep(0.01)
    jobs.join()
    assert second.result() not in (os.getpid(), first.result())         # in a child of its own


@needs_fork
def test_a_child_that_ends_starts_the_next_job_without_a_call(tmp_path):
    """Inside refilling(), the SIGCHLD of a child that ends forks the next queued job while the parent computes."""
    import time

    jobs = Jobs(2)
    with jobs.refilling():
        jobs.start("first", lambda: 1)
        second = jobs.start("second", os.getpid)
        end = time.monotonic() + 10
        while second.process is None and time.monotonic() < end:      # the parent busy in Python code
            sum(range(1000))
        jobs.join()
    assert second.result() != os.getpid()


@needs_fork
def test_the_waiting_parent_runs_other_queued_jobs(tmp_path):
    jobs = Jobs(2)
    slow = jobs.start("slow", _busy_until(tmp_path / "go", seconds=5))
    other = jobs.start("other", lambda: (tmp_path / "go").write_text("go") and os.getpid())
    assert jobs.wait(slow) != os.getpid()
    assert other.result() == os.getpid()          # the parent ran it while the child worked, which let it end


@needs_fork
def test_output_the_parent_has_not_flushed_is_printed_once(tmp_path):
    """A child may fork in the middle of the parent's work (refilling): the parent's buffered output stays its own."""
    import subprocess
    import sys

    script = (
        "import os, sys\n"
        "from pse.jobs import Jobs\n"
        "sys.stdout.write('pending')\n"          # in the buffer of a pipe, not yet written
        "jobs = Jobs(2)\n"
        "job = jobs.start('a', lambda: sys.stdout.write('child') and sys.stdout.flush())\n"
        "jobs.join()\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.count("pending") == 1 and out.count("child") == 1


def test_an_import_in_progress_is_seen(tmp_path, monkeypatch):
    import importlib
    import sys

    (tmp_path / "half_made.py").write_text("from pse.jobs import importing\nSEEN = importing()\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("half_made")
    from pse.jobs import importing

    assert module.SEEN is True and importing() is False
    sys.modules.pop("half_made", None)


@needs_fork
def test_a_fork_that_fails_runs_the_job_in_the_parent(monkeypatch):
    import multiprocessing.context

    def refuse(self):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", refuse)
    jobs = Jobs(2)
    job = jobs.start("a", os.getpid)
    jobs.join()
    assert job.result() == os.getpid()
