"""`pse machinery`, the `pse run` section and the bundled examples (seed 004 case 1, seed 001 electroplating)."""

from __future__ import annotations

import openpyxl
from click.testing import CliRunner

from conftest import WORKSHEETS
from pse.cli import cli

PRESS = str(WORKSHEETS / "punch-press.yaml")
PLATING = str(WORKSHEETS / "electroplating-line.yaml")


def test_punch_press_review_finds_the_case_1_failures():
    result = CliRunner().invoke(cli, ["machinery", PRESS, "--lang", "en"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "MES Art. 12-1 / 機械設備器具安全標準第12條之1" in out
    row_11 = next(line for line in out.splitlines() if "| PP-11 " in line)
    row_12 = next(line for line in out.splitlines() if "| PP-12 " in line)
    assert "| fail " in row_11 and "R-PP-01" in row_11
    assert "| fail " in row_12 and "R-PP-02" in row_12
    stations = next(line for line in out.splitlines() if "One operating station per operator" in line)
    assert "does not meet" in stations
    assert "0 not checked" in out


def test_run_writes_review_and_checklist_in_both_languages(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", PRESS, "--out", str(out), "--lang", "zh-TW"])
    assert result.exit_code == 0, result.output
    for name in ("review.md", "review.html", "machinery.xlsx", "checklist.csv", "checklist.md", "checklist.html",
                 "hazards.csv", "safety-functions.csv", "calculations.csv", "recommendations.csv"):
        assert (out / "machinery" / name).is_file(), name
    checklist = (out / "machinery" / "checklist.csv").read_text(encoding="utf-8")
    assert "法規依據" in checklist and "不符合" in checklist
    assert "MES Art. 12-1 / 機械設備器具安全標準第12條之1" in checklist
    book = openpyxl.load_workbook(out / "machinery" / "machinery.xlsx")
    assert book.sheetnames == ["Hazards", "Safety functions", "Checklist", "Calculations", "Recommendations"]
    assert "機械安全評估" in (out / "summary.md").read_text(encoding="utf-8")


def test_electroplating_line_example(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["machinery", PLATING, "--lang", "en", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "each heater have at least two independent power cut-off" in result.output
    assert "checklist items: 12 pass, 3 fail, 1 n/a, 0 not checked" in result.output
    recs = (out / "machinery" / "recommendations.csv").read_text(encoding="utf-8")
    assert "R-EP-01" in recs and "REC-" not in recs


def test_machinery_command_rejects_a_study_without_machines(write_study):
    path = write_study("study: {title: empty}\n")
    result = CliRunner().invoke(cli, ["machinery", str(path)])
    assert result.exit_code != 0 and "has no machines" in result.output
