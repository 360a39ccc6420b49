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
