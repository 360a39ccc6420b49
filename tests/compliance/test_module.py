"""Bad input one-liners, `pse compliance`, the `pse run` outputs and the bundled electronics plant."""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import WORKSHEETS

from pse.cli import cli

PLANT = str(WORKSHEETS / "electronics-plant.yaml")


@pytest.mark.parametrize("body, message", [
    ("chemical_inventory:\n  - {id: CH-1, substance: unobtainium, quantity: 5}\n",
     "study.yaml:3: chemical_inventory[0].substance: unknown substance 'unobtainium'"),
    ("chemical_inventory:\n  - {id: CH-1, substance: acetone, quantity: -5}\n",
     "study.yaml:3: chemical_inventory[0].quantity: must be zero or positive"),
    ("inspections:\n  - {id: IN-1, tag: X, type: spaceship}\n",
     "study.yaml:3: inspections[0].type: unknown equipment type 'spaceship'"),
    ("inspections:\n  - {id: IN-1, tag: X, type: forklift, last_inspected: {weekly: 2026-01-01}}\n",
     "inspections[0].last_inspected.weekly: 'weekly' is not an inspection of forklift"),
    ("self_checks:\n  - {id: SC-1, checklist: nope}\n", "self_checks[0].checklist: unknown checklist 'nope'"),
    ("self_checks:\n  - id: SC-1\n    checklist: static\n    answers:\n      - {item: XX-9, answer: 'no'}\n",
     "self_checks[0].answers[0].item: unknown item 'XX-9'"),
])
def test_bad_input_is_one_line_and_writes_nothing(write_study, tmp_path, body, message):
    path = write_study("study: {title: t}\n" + body)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(path), "--out", str(out)])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if "study.yaml:" in line]
    assert len(errors) == 1
    assert not out.exists()


SMALL = """
study: {title: t, language: zh-TW}
self_checks:
  - id: SC-1
    checklist: static
    answers: [{item: SE-01, answer: "no"}, {item: SE-02, answer: "yes"}]
chemical_inventory:
  - {id: CH-1, substance: acetone, quantity: 200}
inspections:
  - {id: IN-1, tag: EX-1, type: ex_electrical, last_inspected: {monthly: 2020-01-31}}
"""


def test_run_writes_worksheets_workbook_and_calendar_in_zh_tw(write_study, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(write_study(SMALL)), "--out", str(out)])
    assert result.exit_code == 0, result.output
    folder = out / "compliance"
    for name in ("self-check-SC-1.csv", "self-check-SC-1.html", "inventory.md", "inspections.csv",
                 "inspections.ics", "compliance.xlsx", "compliance.md"):
        assert (folder / name).is_file(), name
    sheet = (folder / "self-check-SC-1.csv").read_text(encoding="utf-8-sig")
    assert sheet.splitlines()[0].startswith("序號,項目,檢核內容,是否符合,法規依據")
    assert "SE-01,設備與容器是否接地？接地裝置之有效性？,否,職業安全衛生設施規則第175條" in sheet
    book = openpyxl.load_workbook(folder / "compliance.xlsx")
    assert book.sheetnames == ["SC-1", "Inventory", "Inspections"]
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "法規符合性" in report and "法定自動檢查逾期" in report
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "公共危險物品管制量: 200/400 L = 0.5" in summary


def test_bundled_plant_compliance_and_register():
    runner = CliRunner()
    result = runner.invoke(cli, ["compliance", PLANT, "--lang", "en", "--today", "2026-12-01"])
    assert result.exit_code == 0, result.output
    assert "60/100 kg + 30/50 kg = 1.2 (> 1: reached)" in result.output
    assert "600/1000 kg + 200/400 L = 1.1" in result.output
    assert "SC-EX-2611 EX-02" in result.output and "R-CMP-01" in result.output
    actions = runner.invoke(cli, ["actions", PLANT, "--today", "2026-12-01", "--lang", "en"])
    assert actions.exit_code == 0, actions.output
    assert "INSP-IN-PR-01-yearly" in actions.output and "CMP-SC-EX-2611-EX-05" in actions.output
    assert "THERMO-TH-02" in actions.output
