"""`pse health`, the `pse run` section, risk profile, register lines and bad input."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner
from conftest import WORKSHEETS

from pse.cli import cli
from pse.model import load_study

PLANT = str(WORKSHEETS / "electronics-plant.yaml")

SMALL = """
study: {title: t, language: zh-TW}
health:
  thermography: {attention_c: 45, improve_c: 65, immediate_c: 100, source: company standard}
exposure_assessments:
  - {id: EA-1, chemical: 硝酸, hazard_rating: 4, vapour_pressure_rating: 3, quantity_rating: 1, control_rating: 1,
     time_rating: 3}
manual_handling:
  - {id: MH-1, task: 包裝, load_points: 7, posture_points: 6, conditions_points: 1, time_rating: 4}
thermography:
  - id: TH-1
    component: 無熔絲開關
    measurements: [{date: 2026-10-15, temperature_c: 75.8}, {date: 2026-11-16, temperature_c: 109}]
"""


def test_run_section_profile_and_register(write_study, tmp_path):
    path = write_study(SMALL)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    for name in ("sqra.csv", "kim-lhc.csv", "thermography.csv", "health.xlsx", "health.md"):
        assert (out / "health" / name).is_file(), name
    kim = (out / "health" / "kim-lhc.csv").read_text(encoding="utf-8")
    assert "MH-1,包裝,,7,6,1,14,4,56,4," in kim
    sqra = (out / "health" / "sqra.csv").read_text(encoding="utf-8")
    assert "1.73,2.63,3 中" in sqra
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "化學品暴露風險等級（SQRA）" in report and "人工物料處理風險等級（KIM-LHC）" in report
    assert "紅外線熱影像改善建議等級" in report
    # study thresholds: 109 < 100? no -> immediate; 75.8 -> improve; escalation with 1-week deadline
    from pse.register import actions

    study = load_study(path)
    register = {a.id: a for a in actions(study, dt.date(2026, 11, 30), "zh-TW")}
    assert register["THERMO-TH-1"].due == dt.date(2026, 11, 23) and register["THERMO-TH-1"].overdue_days == 7
    # lint: KIM range 4 without a recommendation
    check = CliRunner().invoke(cli, ["check", str(path)])
    assert "HEALTH-KIM" in check.output


def test_kim_row_without_load_is_a_one_line_error(write_study):
    path = write_study("study: {title: t}\nmanual_handling:\n  - {id: MH-1, task: x, posture_points: 2, "
                       "conditions_points: 0, time_rating: 2}\n")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    assert "study.yaml:3: manual_handling[0].load_points: give load_points, or load_kg and sex" in result.output


def test_thresholds_that_do_not_rise_are_an_error(write_study):
    path = write_study("study: {title: t}\nhealth:\n  thermography: {attention_c: 80, improve_c: 70, "
                       "immediate_c: 90}\nthermography:\n  - {id: T, component: c, measurements: "
                       "[{date: 2026-01-01, temperature_c: 50}]}\n")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1 and "must rise" in result.output


def test_bundled_plant_health():
    result = CliRunner().invoke(cli, ["health", PLANT, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "| MH-01 " in result.output and "| 56 " in result.output
    assert "| 2.45 " in result.output and "| 2.21 " in result.output
    row = next(line for line in result.output.splitlines() if "| TH-01 " in line)
    assert "75.8 → 2026-11-16 109 → 2026-11-20 24.5" in row and "| yes " in row and "R-FM-04" in row
