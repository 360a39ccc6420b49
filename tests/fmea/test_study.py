"""FMEA rows in a study: bad input gives file:line: field: message; the worksheet, re-ranking, IE link."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import pse.fmea as fmea
from conftest import WORKSHEETS
from pse.cli import cli
from pse.model import StudyError, load_study

STUDY = WORKSHEETS / "electronics-plant.yaml"

HEAD = """\
study: {title: FMEA test}
recommendations:
  - {id: R-1, text: Fit a level switch, owner: Engineer, due: 2027-01-31, status: open}
failure_modes:
"""


def row(extra: str = "", s: str = "9", o: str = "4", d: str = "5", rid: str = "FM-1") -> str:
    return (f"  - id: {rid}\n    item: Heater\n    failure_mode: keeps heating\n    effect: fire\n"
            f"    cause: controller fails\n    severity: {s}\n    occurrence: {o}\n    detection: {d}\n" + extra)


def problems(write_study, text: str, monkeypatch, tmp_path) -> list[str]:
    monkeypatch.chdir(tmp_path)
    write_study(text, "fm.yaml")
    with pytest.raises(StudyError) as info:
        load_study("fm.yaml")
    return [str(p) for p in info.value.problems if p.severity == "error"]


def test_rating_outside_1_to_10(write_study, monkeypatch, tmp_path):
    lines = problems(write_study, HEAD + row(s="11", d="0"), monkeypatch, tmp_path)
    assert "fm.yaml:10: failure_modes[0].severity: a rating is from 1 to 10, got 11" in lines
    assert "fm.yaml:12: failure_modes[0].detection: a rating is from 1 to 10, got 0" in lines
    assert len(lines) == 2


def test_non_integer_ratings(write_study, monkeypatch, tmp_path):
    lines = problems(write_study, HEAD + row(o="4.5", d='"high"'), monkeypatch, tmp_path)
    assert lines == ["fm.yaml:11: failure_modes[0].occurrence: a rating is a whole number from 1 to 10, got 4.5",
                     "fm.yaml:12: failure_modes[0].detection: a rating is a whole number from 1 to 10, got 'high'"]


def test_post_action_rating_without_an_action(write_study, monkeypatch, tmp_path):
    lines = problems(write_study, HEAD + row("    occurrence_after: 2\n"), monkeypatch, tmp_path)
    assert lines == ["fm.yaml:13: failure_modes[0].occurrence_after: a post-action rating needs an action: "
                     "add 'actions' (or 'recommendations') to this row"]


def test_post_action_ratings_with_an_action_are_accepted(write_study, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write_study(HEAD + row("    actions: [{recommendation: R-1}]\n    occurrence_after: 2\n    detection_after: 3\n")
                + row(rid="FM-2", s="2", o="6", d="8"), "fm.yaml")
    study = load_study("fm.yaml")
    result = fmea.analyse(study)
    assert result.ap.tolist() == ["H", "L"] and result.rpn.tolist() == [180, 96]
    assert result.ap_after.tolist() == ["L", "L"] and result.rpn_after.tolist() == [54, 96]
    line = result.actions[0][0]
    assert (line.text, line.owner, str(line.due), line.status) == ("Fit a level switch", "Engineer", "2027-01-31",
                                                                   "open")


def test_action_without_text_or_recommendation(write_study, monkeypatch, tmp_path):
    lines = problems(write_study, HEAD + row("    actions: [{owner: me}]\n"), monkeypatch, tmp_path)
    assert lines == ["fm.yaml:13: failure_modes[0].actions[0]: an action needs 'text' or a 'recommendation' ID"]


def test_unknown_scale(write_study, monkeypatch, tmp_path):
    lines = problems(write_study, "fmea: {scale: aiag-5th}\n" + HEAD + row(), monkeypatch, tmp_path)
    assert len(lines) == 1 and lines[0].startswith("fm.yaml:1: fmea.scale: unknown FMEA scale 'aiag-5th'")


def test_declared_scale_must_have_ten_ranks(write_study, monkeypatch, tmp_path):
    levels = "{" + ", ".join(f"{r}: {{en: r{r}}}" for r in range(1, 10)) + "}"
    text = (f"fmea:\n  scale: mine\n  scales:\n    mine:\n      title: Mine\n      severity: {levels}\n"
            f"      occurrence: {levels}\n      detection: {levels}\n")
    lines = problems(write_study, text + HEAD + row(), monkeypatch, tmp_path)
    assert lines == ["fm.yaml:4: fmea.scales.mine: severity must describe ranks 1 to 10; missing [10]"]


def test_declared_scale_is_used(write_study, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    levels = "{" + ", ".join(f"{r}: {{en: rank {r}, zh-TW: 等級 {r}}}" for r in range(1, 11)) + "}"
    write_study(f"fmea:\n  scale: plant\n  scales:\n    plant:\n      title: Plant scale\n      severity: {levels}\n"
                f"      occurrence: {levels}\n      detection: {levels}\n" + HEAD + row(), "fm.yaml")
    study = load_study("fm.yaml")
    table = fmea.worksheet  # noqa: F841  (the public API exists)
    result = fmea.analyse(study)
    assert result.scale.title == "Plant scale" and result.scale.describe("severity", 3, "zh-TW") == "等級 3"


def test_cli_check_reports_one_line_per_problem(write_study, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    write_study(HEAD + row(s="12"), "fm.yaml")
    result = CliRunner().invoke(cli, ["check", "fm.yaml"])
    assert result.exit_code == 1
    assert "fm.yaml:10: failure_modes[0].severity: a rating is from 1 to 10, got 12" in result.output
    assert "Traceback" not in result.output


# ----------------------------------------------------------------------------- the bundled example
@pytest.fixture(scope="module")
def plant():
    return load_study(STUDY)


def test_example_rows_and_ranking(plant):
    result = fmea.analyse(plant)
    by_id = {r.id: i for i, r in enumerate(result.rows)}
    heater = by_id["FM-01"]   # seed 001: two independent cut-offs, alarm, display -> S10/O3/D4
    assert (result.rpn[heater], result.ap[heater]) == (120, "L")
    frame = fmea.worksheet(plant, "en")
    assert frame["ID"].tolist()[:4] == ["FM-02", "FM-11", "FM-03", "FM-04"]    # the AP H rows first
    assert frame["Rank"].tolist() == list(range(1, len(frame) + 1))
    assert set(frame["AP"]) == {"H", "M", "L"}
    ranked_rpn = fmea.ranking_table(plant, "en")
    moved = dict(zip(ranked_rpn["ID"], ranked_rpn["Rank after"], strict=True))
    assert moved["FM-11"] == 1       # detection improved but S10/O4/D3 stays H -> first after actions
    assert moved["FM-02"] > 1        # dry-fire protection: O5 -> O2, D8 -> D3: AP H -> L


def test_example_fmea_cause_is_a_lopa_initiating_event(plant):
    events = fmea.initiating_events(plant)
    assert [e["failure_mode"] for e in events] == ["FM-01"]
    assert events[0]["frequency_per_yr"] == pytest.approx(0.1)   # CCPS LOPA (2001) Table 5.1: BPCS loop failure
    assert events[0]["bpcs_failure"] is True


def test_example_links_the_sif_final_element(plant):
    xv = [r for r in plant.failure_modes if r.equipment == "EQ-XV-401"]
    assert {r.sif for r in xv} == {"SIF-01"} and len(xv) >= 3


def test_chinese_worksheet_headers(plant):
    frame = fmea.worksheet(plant, "zh-TW")
    assert {"失效模式", "嚴重度", "發生率", "可檢性", "行動優先度", "風險優先數"} <= set(frame.columns)


def test_action_status_prints_in_the_run_language():
    """Issue 16: the register status inside the actions cell is a study key; zh-TW prints it in Chinese."""
    from pse.fmea.analysis import ActionLine

    line = ActionLine("Fit a dry-fire cut-out", "prevention", "Engineer", None, "in_progress", "R-FM-01")
    assert line.describe("zh-TW") == "R-FM-01: Fit a dry-fire cut-out [Engineer, 處理中]"
    assert line.describe("en") == "R-FM-01: Fit a dry-fire cut-out [Engineer, in progress]"
