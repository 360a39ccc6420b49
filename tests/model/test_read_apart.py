"""A study read in a forked child (`pse run` with more than one job) is the study read here, errors included."""

from __future__ import annotations

import os

import pytest

from conftest import ROOT
from pse.model import StudyError, load_study, read_apart
from pse.model.loader import load_document

STUDIES = sorted((ROOT / "worksheets").glob("*.yaml"))


@pytest.mark.parametrize("path", STUDIES, ids=lambda p: p.stem)
def test_document_read_apart_is_the_document_read_here(path):
    data, smap = read_apart.load_document_apart(path)
    here_data, here_smap = load_document(path)
    assert data == here_data
    assert smap.positions == here_smap.positions and smap.main_file == here_smap.main_file


def test_study_read_apart_validates_as_read_here():
    path = ROOT / "worksheets" / "electronics-plant.yaml"
    apart, here = read_apart.load_study_apart(path), load_study(path)
    assert apart.model_dump(mode="json") == here.model_dump(mode="json")
    assert [str(p) for p in apart._warnings] == [str(p) for p in here._warnings]


def _problems(call, path) -> list[str]:
    with pytest.raises(StudyError) as caught:
        call(path)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("text", [
    "study: {title: T}\nscenarios:\n  - id: S1\n    id: S2\n",          # a key given twice
    "study: {title: T\n",                                                # malformed YAML
    "study: {title: T}\ncauses:\n  - id: C1\n    description: [1, 2\n",  # malformed further down
    "study: {title: T}\ninclude: [missing.yaml]\n",                      # an include that is not there
])
def test_a_refused_file_gives_the_same_problems_with_their_lines(tmp_path, text):
    path = tmp_path / "study.yaml"
    path.write_text(text, encoding="utf-8")
    assert _problems(read_apart.load_document_apart, path) == _problems(load_document, path)


def test_invalid_study_is_reported_as_when_read_here(tmp_path):
    path = tmp_path / "study.yaml"
    path.write_text("study: {title: T}\nscenarios:\n  - id: S1\n    severity: 9\n", encoding="utf-8")
    assert _problems(read_apart.load_study_apart, path) == _problems(load_study, path)


def test_a_child_that_ends_without_a_result_means_the_file_is_read_here(monkeypatch, tmp_path):
    path = ROOT / "worksheets" / "punch-press.yaml"
    monkeypatch.setattr(read_apart, "_read_in_child", lambda path, writer: os._exit(3))
    data, smap = read_apart.load_document_apart(path)
    assert data == load_document(path)[0]
    bad = tmp_path / "bad.yaml"
    bad.write_text("study: {title: T\n", encoding="utf-8")
    assert _problems(read_apart.load_document_apart, bad) == _problems(load_document, bad)


def test_without_fork_the_file_is_read_here(monkeypatch):
    import pse.jobs

    monkeypatch.setattr(pse.jobs, "can_fork", lambda: False)
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked"))
    prepared = []
    data, _ = read_apart.load_document_apart(STUDIES[0], prepare=lambda: prepared.append(True))
    assert data == load_document(STUDIES[0])[0] and prepared == [True]


@pytest.fixture
def forked(monkeypatch) -> list[int]:
    """The pids of the children ``os.fork`` makes during the test (fork itself unchanged)."""
    pids: list[int] = []
    real_fork = os.fork

    def fork():
        pid = real_fork()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return pids


def test_an_interrupt_while_waiting_stops_the_child(forked):
    def interrupted():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        read_apart.load_document_apart(STUDIES[0], prepare=interrupted)
    assert len(forked) == 1
    with pytest.raises(ChildProcessError):      # reaped: no child left running or as a zombie
        os.waitpid(forked[0], os.WNOHANG)


def test_a_ctrl_c_the_run_ignores_is_ignored_by_the_reading_child_too(monkeypatch, forked):
    """Ctrl-C is the run's to decide: where it is ignored (a run in the background), the child reading the file
    goes on, and the file is not read a second time here."""
    import signal
    import time

    import pse.model.loader as loader

    real, calls = loader.load_document, []

    def counted(*args, **kwargs):
        calls.append(os.getpid())
        return real(*args, **kwargs)

    def interrupt_the_child():
        time.sleep(0.3)
        os.kill(forked[0], signal.SIGINT)

    monkeypatch.setattr(loader, "load_document", counted)
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        data, _ = read_apart.load_document_apart(STUDIES[0], prepare=interrupt_the_child)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert os.getpid() not in calls
    assert data == real(STUDIES[0])[0]


def test_with_other_threads_running_the_file_is_read_here(monkeypatch):
    import threading

    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)
    helper.start()
    try:
        monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked beside another thread"))
        data, _ = read_apart.load_document_apart(STUDIES[0])
    finally:
        stop.set()
        helper.join()
    assert data == load_document(STUDIES[0])[0]
