"""SIGKILL `pse run`, `pse hazop generate` and `pse hazop import` at random moments: old or new, never a mix."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time

import pytest

from pse.model import load_study

TRIALS = 3   # per command; with the reference runs about 30 s on an idle 2-core machine
MAIN = """\
study: {title: OLDTITLE}
include: [more.yaml]
nodes:
  - {id: N-01, name: Reactor, parameters: [pressure, level]}
"""
MORE = "nodes:\n  - {id: N-02, name: Pump, parameters: [flow]}\n"


def _pse(*args, cwd):
    return subprocess.Popen([sys.executable, "-m", "pse", *map(str, args)], cwd=cwd,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _timed(*args, cwd) -> float:
    start = time.monotonic()
    assert _pse(*args, cwd=cwd).wait(timeout=120) == 0
    return time.monotonic() - start


def _kill_after(delay: float, *args, cwd) -> None:
    process = _pse(*args, cwd=cwd)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)


@pytest.fixture
def study(tmp_path):
    (tmp_path / "s.yaml").write_text(MAIN)
    (tmp_path / "more.yaml").write_text(MORE)
    return tmp_path


def test_killed_run_leaves_old_or_new_outputs(study):
    rng = random.Random(15)
    duration = _timed("run", "s.yaml", "--out", "out", cwd=study)
    for trial in range(TRIALS):
        old, new = ("OLDTITLE", "NEWTITLE") if trial % 2 == 0 else ("NEWTITLE", "OLDTITLE")
        (study / "s.yaml").write_text(MAIN.replace("OLDTITLE", new))
        _kill_after(rng.uniform(0.3, duration * 1.1), "run", "s.yaml", "--out", "out", cwd=study)
        seen = set()
        for path in (study / "out").rglob("*"):
            if path.is_file() and path.suffix in (".md", ".html", ".json"):
                text = path.read_text(encoding="utf-8")
                seen |= {t for t in (old, new) if t in text}
        assert len(seen) == 1, f"trial {trial}: mixed outputs {seen}"
        assert (study / "out" / ".pse-output").is_file()
    assert _pse("run", "s.yaml", "--out", "out", cwd=study).wait(timeout=120) == 0   # cleans what was left
    assert not [p for p in study.iterdir() if ".staging." in p.name or ".old." in p.name]


def test_killed_generate_leaves_old_or_new_study(study):
    rng = random.Random(16)
    (study / "ref").mkdir()
    (study / "ref" / "s.yaml").write_text(MAIN)
    (study / "ref" / "more.yaml").write_text(MORE)
    duration = _timed("hazop", "generate", "s.yaml", cwd=study / "ref")
    full = len(load_study(study / "ref" / "s.yaml").deviations)
    for trial in range(TRIALS):
        (study / "s.yaml").write_text(MAIN)
        (study / "more.yaml").write_text(MORE)
        _kill_after(rng.uniform(0.3, duration * 1.1), "hazop", "generate", "s.yaml", cwd=study)
        deviations = load_study(study / "s.yaml").deviations   # recovers an interrupted edit first
        assert len(deviations) in (0, full), f"trial {trial}: {len(deviations)} of {full} deviations"
        assert not [p for p in study.iterdir() if p.name.endswith((".pse-new", ".pse-journal"))
                    or p.name.startswith(".pse-edit-")]


def test_killed_import_leaves_old_or_new_study(study):
    import openpyxl

    from pse.hazop.excel import SHEET_KEYS

    assert _pse("hazop", "generate", "s.yaml", cwd=study).wait(timeout=120) == 0
    assert _pse("hazop", "export", "s.yaml", "--out", "x", cwd=study).wait(timeout=120) == 0
    book_path = study / "x" / "hazop" / "hazop.xlsx"
    book = openpyxl.load_workbook(book_path)
    for sheet in ("N-01", "N-02"):
        book[sheet].cell(row=7, column=SHEET_KEYS.index("notes") + 1, value="KILLTEST")
    book.save(study / "edited.xlsx")
    before = {p: (study / p).read_text() for p in ("s.yaml", "more.yaml")}
    rng = random.Random(17)
    duration = None
    for trial in range(TRIALS):
        for name, text in before.items():
            (study / name).write_text(text)
        if duration is None:
            duration = _timed("hazop", "import", "s.yaml", "edited.xlsx", cwd=study)
            continue
        _kill_after(rng.uniform(0.3, duration * 1.1), "hazop", "import", "s.yaml", "edited.xlsx", cwd=study)
        notes = [d.notes for d in load_study(study / "s.yaml").deviations if d.notes == "KILLTEST"]
        assert len(notes) in (0, 2), f"trial {trial}: {len(notes)} of 2 edits applied"
