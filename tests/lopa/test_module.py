"""`pse lopa`, `pse sil` and the `pse run` section on the bundled study."""

from __future__ import annotations

import openpyxl
from click.testing import CliRunner

from conftest import WORKSHEETS
from pse.cli import cli

STUDY = str(WORKSHEETS / "electronics-plant.yaml")

CCPS_COLUMNS = ["Scenario", "Consequence", "Severity", "Initiating event", "IE frequency source",
                "IE frequency (/yr)", "Enabling conditions", "Enabling conditions (product)", "Conditional modifiers",
                "Conditional modifiers (product)", "General process design",
                "BPCS", "Alarm and operator response", "Additional mitigation", "IPLs",
                "Intermediate event frequency (/yr)", "SIS PFD", "Demand on the SIF (/yr)",
                "Mitigated frequency now (/yr)", "Tolerable now?", "Mitigated frequency planned (/yr)",
                "Tolerable planned?", "Tolerable frequency (/yr)", "Tolerable frequency from", "Required RRF", "SIL",
                "What closes the gap"]


def test_pse_lopa_prints_the_worksheet():
    result = CliRunner().invoke(cli, ["lopa", STUDY, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "S-1.1" in result.output and "no SIL required" in result.output and "SIL 2" in result.output
    assert "1.00E-05" in result.output


def test_pse_sil_prints_the_verification():
    result = CliRunner().invoke(cli, ["sil", STUDY, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "SIF-01" in result.output and "meets target" in result.output


def test_run_writes_lopa_outputs_in_ccps_layout(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", STUDY, "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    for name in ("lopa-worksheet.csv", "lopa-worksheet.md", "lopa-worksheet.html", "lopa.xlsx",
                 "sif-list.csv", "sif-verification.md", "lopa-uncertainty.csv"):
        assert (out / "lopa" / name).is_file(), name
    book = openpyxl.load_workbook(out / "lopa" / "lopa.xlsx")
    assert book.sheetnames == ["LOPA", "SIF", "Uncertainty"]
    sheet = book["LOPA"]
    header_row = next(r for r in range(1, 10) if sheet.cell(row=r, column=1).value == "Scenario")
    headers = [c.value for c in sheet[header_row]]
    assert headers[:len(CCPS_COLUMNS)] == CCPS_COLUMNS
    assert sheet.freeze_panes == f"A{header_row + 1}"
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "Layer of protection analysis" in summary
    # the report section shows the compact table (9 key columns); the 32-column audit table is in the files
    section = summary[summary.index("## Layer of protection analysis"):]
    header = next(line for line in section.splitlines() if line.startswith("| Scenario"))
    assert [c.strip() for c in header.strip("|").split("|")] == [
        "Scenario", "Consequence (severity)", "IE frequency (/yr)", "Credited IPLs", "Mitigated frequency now (/yr)",
        "Mitigated frequency planned (/yr)", "Tolerable frequency (/yr)", "Gap / SIL", "Recommendation"]
    assert "LOPA summary (full audit table: lopa/lopa.xlsx" in section
    s21 = next(line for line in section.splitlines() if line.startswith("| S-2.1"))
    assert "R-05" in s21 and "SIL 2" in s21 and "1.50E-03" in s21      # now 0.1 x 0.1 x 0.3 x 0.5 = 1.5e-3


def test_run_in_chinese_has_chinese_headers(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", STUDY, "--out", str(out), "--lang", "zh-TW"])
    assert result.exit_code == 0, result.output
    text = (out / "lopa" / "lopa-worksheet.csv").read_text(encoding="utf-8")
    assert "起始事件" in text and "一般安全設計" in text


def test_bad_sif_input_gives_one_line_per_problem(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text(
        "study: {title: T}\n"
        "sifs:\n"
        "  - id: F1\n"
        "    description: trip\n"
        "    sensors:\n"
        "      description: s\n"
        "      architecture: 1oo4\n"
        "      lambda_du_per_h: 1.0e-6\n"
        "      proof_test_interval_h: 8760\n"
        "    final_elements:\n"
        "      description: v\n"
        "      architecture: 1oo1\n"
        "      lambda_du_per_h: 2.0e-6\n"
        "      proof_test_interval_h: 8760\n"
        "      proof_test_coverage: 0.9\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "bad.yaml"])
    assert result.exit_code == 1
    assert "bad.yaml:7: sifs[0].sensors.architecture: '1oo4' is not one of" in result.output
    assert "bad.yaml:10: sifs[0].final_elements: proof_test_coverage below 1 needs mission_time_h" in result.output
    assert "Traceback" not in result.output
