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
def test_a_full_slot_runs_the_next_job_in_the_parent(tmp_path):
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

