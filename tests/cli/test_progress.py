"""`pse run` progress: one line per stage with its time, sub-steps from the modules, in the run language."""

from __future__ import annotations

import re

from pse import registry
from pse.run import run_study


def _study(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("study: {title: T, language: en}\nrecommendations:\n  - {id: R-1, text: t}\n", encoding="utf-8")
    return path


def test_every_module_line_ends_with_its_time(tmp_path):
    lines: list[str] = []
    run_study(_study(tmp_path), tmp_path / "out", lang="en", progress=lines.append)
    assert lines[0].startswith("checking")
    assert re.fullmatch(r"\[1/1\] Study done \(\d+\.\d s\)", lines[2]), lines
    assert re.fullmatch(r"done in \d+\.\d s", lines[-1])


def test_chinese_progress_has_no_english_units(tmp_path):
    lines: list[str] = []
    run_study(_study(tmp_path), tmp_path / "out", lang="zh-TW", progress=lines.append)
    assert re.fullmatch(r"完成，共 \d+\.\d 秒", lines[-1])
    assert any(re.search(r"完成（\d+\.\d 秒）$", line) for line in lines)


def test_a_module_reports_sub_steps_timed_from_its_start(tmp_path):
    lines: list[str] = []
    ctx = registry.RunContext(out=tmp_path, lang="en", progress=lines.append)
    ctx.begin("LOPA")
    ctx.step("workbook")
    assert re.fullmatch(r" {4}LOPA: workbook \(\d+\.\d s\)", lines[0])


def test_a_site_s_lint_warnings_are_counted_past_the_first_fifty(capsys):
    """pse run prints the first warnings in full and counts the rest by rule (pse lint prints every one)."""
    from pse.commands import RUN_WARNINGS_SHOWN, print_run_warnings
    from pse.model.errors import Problem

    warnings = [Problem("site.yaml", i + 1, f"scenarios[{i}]", "empty cells", "warning", "HAZOP-EMPTY")
                for i in range(RUN_WARNINGS_SHOWN + 1200)]
    warnings += [Problem("site.yaml", 9000 + i, f"failure_modes[{i}]", "AP H", "warning", "FMEA-AP-H")
                 for i in range(30)]
    print_run_warnings(warnings, "site.yaml", "en")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == RUN_WARNINGS_SHOWN + 1
    assert lines[0].startswith("site.yaml:1: warning: scenarios[0]")
    assert lines[-1] == ("... and 1,230 more warnings (HAZOP-EMPTY 1,200, FMEA-AP-H 30); "
                         "`pse lint site.yaml` lists every one")
    print_run_warnings(warnings, "site.yaml", "zh-TW")
    assert capsys.readouterr().err.splitlines()[-1] == \
        "……另有 1,230 項警告（HAZOP-EMPTY 1,200、FMEA-AP-H 30）；`pse lint site.yaml` 列出全部"


def test_a_few_warnings_are_all_printed(capsys):
    from pse.commands import print_run_warnings
    from pse.model.errors import Problem

    print_run_warnings([Problem("s.yaml", 3, "nodes[0]", "no design intent", "warning", "HAZOP-INTENT")], "s.yaml",
                       "en")
    assert capsys.readouterr().err.splitlines() == ["s.yaml:3: warning: nodes[0]: no design intent [HAZOP-INTENT]"]


def test_a_finished_run_ends_at_once_with_every_line_and_file(tmp_path):
    """pse run ends with os._exit once its outputs are published (pse.cli.main): its streams are flushed first,
    even into a pipe, and the exit status is the run's."""
    import subprocess
    import sys

    from conftest import WORKSHEETS

    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "pse", "run", str(WORKSHEETS / "punch-press.yaml"), "--out", str(out),
                           "--lang", "en"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    last = done.stdout.splitlines()[-1]
    assert last.startswith("wrote ") and last.endswith(f" files to {out}")
    assert "done in" in done.stderr and (out / "report.html").stat().st_size > 0
    failed = subprocess.run([sys.executable, "-m", "pse", "run", str(tmp_path / "missing.yaml"), "--out",
                             str(tmp_path / "none")], capture_output=True, text=True)
    assert failed.returncode == 1 and "file not found" in failed.stderr
