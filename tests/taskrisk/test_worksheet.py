"""The bundled examples laid out as seed 004's forms; Excel/HTML exports; the run section and CLI."""

from __future__ import annotations

import openpyxl
from click.testing import CliRunner

from conftest import WORKSHEETS
from pse.cli import cli
from pse.model import load_study
from pse.taskrisk.worksheet import assess, dataframe, worksheet

PLANT = WORKSHEETS / "electronics-plant.yaml"
PRESS = WORKSHEETS / "punch-press-shop.yaml"

# seed 004 表十三 (system version with residual risk); task conditions as in 表四/表五
SYSTEM_COLUMNS_ZH = ["編號", "作業名稱", "作業週期", "作業環境", "機械/設備/工具", "能源/化學物質", "作業資格", "危害類型",
                     "危害可能造成後果之情境描述", "工程控制", "管理控制", "個人防護具", "嚴重度", "可能性", "風險等級",
                     "5. 降低風險所採取之控制措施", "嚴重度", "可能性", "風險等級"]
SYSTEM_GROUPS_ZH = ["1. 作業編號及名稱", "2. 危害辨識及後果", "3. 現有防護設施", "4. 評估風險", "5. 降低風險所採取之控制措施",
                    "6. 控制後預估風險"]
STANDARD_COLUMNS_ZH = ["1. 作業/流程名稱", "2. 辨識危害及後果（危害可能造成後果之情境描述）", "3. 現有防護設施", "嚴重度", "可能性",
                       "風險等級", "5. 降低風險所採取之控制措施"]
BASIC_COLUMNS_ZH = ["1. 作業/流程名稱", "2. 辨識危害及後果（危害可能造成後果之情境描述）", "3. 現有防護設施",
                    "4. 降低風險所採取之控制措施"]


def _rows(study):
    return {a.row.id: a for a in assess(study)}


def test_seed_004_tank_cleaning_levels_exactly():
    rows = _rows(load_study(PLANT, module_checks=False))
    oxygen = rows["A-01-01"]
    assert (oxygen.row.severity, oxygen.row.likelihood, oxygen.initial_level) == ("S4", "P3", 4)
    assert (oxygen.row.residual_severity, oxygen.row.residual_likelihood, oxygen.residual_level) == ("S4", "P1", 3)
    assert [m.tier for m in oxygen.row.measures] == ["engineering", "administrative", "administrative", "administrative"]
    # the six scenarios of seed 004 表五 with their hazard types
    a01 = [a.row for a in rows.values() if a.task.id == "A-01"]
    assert [r.hazard_type for r in a01] == ["contact_harmful_substance", "contact_harmful_substance",
                                            ["fire", "explosion"], "fall", "caught_in", "contact_harmful_substance"]
    press = rows["B-01-01"]
    assert (press.row.severity, press.row.likelihood, press.initial_level) == ("S3", "P4", 4)
    assert not press.row.controls.engineering and not press.row.controls.administrative


def test_punch_press_basic_and_standard_versions():
    study = load_study(PRESS, module_checks=False)
    basic = worksheet(study, "zh-TW")
    assert basic.version == "basic" and list(basic.table.columns) == BASIC_COLUMNS_ZH
    first = basic.table.iloc[0]
    assert first.iloc[2] == "無"
    assert "雙手操作式安全裝置" in first.iloc[3] and "感應式安全裝置" in first.iloc[3] and "標準作業程序" in first.iloc[3]
    standard = worksheet(study, "zh-TW", "standard")
    assert list(standard.table.columns) == STANDARD_COLUMNS_ZH
    assert list(standard.table.iloc[0].iloc[3:6]) == ["S3", "P4", 4]


def test_system_version_of_the_plant(tmp_path):
    study = load_study(PLANT, module_checks=False)
    sheet = worksheet(study, "zh-TW")
    assert sheet.version == "system" and sheet.reason == "須建置職業安全衛生管理系統"
    assert worksheet(study, "en").reason == "OSH management system duty"
    row = sheet.table.iloc[0]
    assert row.iloc[0] == "A-01" and row.iloc[2] == "1-2 times per month" and row.iloc[7] == "與有害物等之接觸"
    assert list(row.iloc[12:15]) == ["S4", "P3", 4] and list(row.iloc[16:19]) == ["S4", "P1", 3]
    tidy = dataframe(study)
    assert {"task", "row", "hazard_type", "level", "residual_level", "action"} <= set(tidy.columns)
    assert tidy.set_index("row").loc["A-01-01", "level_name"] == "High"


def _header_cells(ws, top, depth, columns):
    """Per column, the deepest non-empty header cell (merged cells keep their value top-left)."""
    out = []
    for j in range(1, columns + 1):
        values = [ws.cell(row=top + d, column=j).value for d in range(depth)]
        out.append([v for v in values if v][-1].split("\n")[0])
    return out


def test_excel_export_has_the_seed_columns_in_order_with_header_block_and_colours(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["taskrisk", str(PLANT), "--out", str(out), "--lang", "zh-TW"])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out / "taskrisk" / "task-risk.xlsx")
    ws = book.worksheets[0]
    assert _header_cells(ws, 5, 3, len(SYSTEM_COLUMNS_ZH)) == SYSTEM_COLUMNS_ZH
    groups = [ws.cell(row=5, column=j).value for j in range(1, 20)]
    assert [g.split("\n")[0] for g in groups if g] == SYSTEM_GROUPS_ZH
    assert ws.cell(row=5, column=1).value == "1. 作業編號及名稱\n1. Task number and name"   # bilingual
    block = [ws.cell(row=3, column=j).value.split("\n")[0] for j in (1, 3, 5, 7, 9)]
    assert block == ["公司名稱", "部門", "評估日期", "評估人員", "審核者"]
    assert ws.cell(row=3, column=2).value == "Example Electronics Co., Ltd."
    level = ws.cell(row=8, column=15)
    assert level.value == 4 and level.fill.fgColor.rgb.endswith("E65100")    # level 4 colour of tw-osha-5
    assert ws.cell(row=8, column=19).value == 3 and ws.cell(row=8, column=19).fill.fgColor.rgb.endswith("FBC02D")
    assert "Summary" in book.sheetnames


def test_run_writes_worksheet_heat_map_and_summary(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(PLANT), "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    for name in ("task-risk.xlsx", "task-risk.html", "task-risk.csv", "task-risk.md", "heatmap.svg", "heatmap.png"):
        assert (out / "taskrisk" / name).stat().st_size > 0, name
    assert (out / "taskrisk" / "heatmap.png").read_bytes()[:4] == b"\x89PNG"
    assert b"<svg" in (out / "taskrisk" / "heatmap.svg").read_bytes()[:500]
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "Rows per risk level" in summary and "Unacceptable risks" in summary
    page = (out / "taskrisk" / "task-risk.html").read_text(encoding="utf-8")
    assert 'colspan="5"' in page and "作業條件" in page and "Task conditions" in page


def test_counts_before_and_after_and_unacceptable_list():
    from pse.risk import load_matrix
    from pse.taskrisk.summary import cell_counts, level_counts, unacceptable

    study = load_study(PRESS, module_checks=False)
    assessed = assess(study)
    m = load_matrix("tw-osha-5")
    counts = level_counts(assessed, m).set_index("Level")
    # P-01-01 4 -> 3 (residual), P-01-02 3 (no residual)
    assert counts.loc["High", "Before measures"] == 1 and counts.loc["High", "After measures"] == 0
    assert counts.loc["Medium", "Before measures"] == 1 and counts.loc["Medium", "After measures"] == 2
    assert cell_counts(assessed, m)[2, 3] == 1      # S3 x P4
    risks = unacceptable(assessed, m, study.task_risk)
    assert list(risks["Row"]) == ["P-01-01", "P-01-02"]


def test_taskrisk_command_prints_the_worksheet():
    result = CliRunner().invoke(cli, ["taskrisk", str(PRESS), "--version", "standard", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "standard version" in result.output and "| S3" in result.output


def test_tidy_view_in_zh_tw_writes_enums_in_words():
    """Issue 16: the zh-TW data view (task-risk-data.csv) has no English condition keys left."""
    study = load_study(PLANT, module_checks=False)
    en, zh = dataframe(study, "en"), dataframe(study, "zh-TW")
    assert set(en["phase"]) <= {"normal", "startup_shutdown", "abnormal", "emergency"} and "normal" in set(en["phase"])
    assert set(zh["phase"]) <= {"正常", "開/停機", "異常", "緊急"} and "正常" in set(zh["phase"])
    assert set(zh["routine"]) <= {"是", "否"} and set(en["routine"]) <= {True, False}
    assert "員工" in zh.iloc[0]["performed_by"] and "employee" in en.iloc[0]["performed_by"]
    assert "工程控制" in zh.iloc[0]["tiers"] and "engineering" in en.iloc[0]["tiers"]
    assert set(zh["residual_acceptable"].dropna()) <= {"是", "否"}
