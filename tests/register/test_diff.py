"""`pse diff`: empty for a study against itself; a known edit gives exactly that edit."""

from __future__ import annotations

from click.testing import CliRunner

from conftest import WORKSHEETS
from pse.cli import cli
from pse.diff import diff_studies
from pse.model import load_study

BASE = """\
study: {title: T, revision: A}
causes: [{id: C1, description: valve closed}]
consequences: [{id: Q1, description: fire}]
scenarios:
  - {id: S1, cause: C1, consequence: Q1, severity: S3, likelihood: P3, recommendations: [R1]}
recommendations:
  - {id: R1, text: add a trip, owner: A, due: 2027-01-01, status: open}
"""


def test_diff_of_a_study_with_itself_is_empty():
    study = WORKSHEETS / "electronics-plant.yaml"
    assert diff_studies(load_study(study), load_study(study)) == []
    result = CliRunner().invoke(cli, ["diff", str(study), str(study), "--lang", "en"])
    assert result.exit_code == 0 and result.output.strip() == "0 changes"
    result = CliRunner().invoke(cli, ["diff", str(study), str(study)])     # the study's language: zh-TW
    assert result.exit_code == 0 and result.output.strip() == "共 0 項變更"


def test_known_edit_is_listed_exactly(write_study):
    old = load_study(write_study(BASE, "old.yaml"))
    new_text = (BASE.replace("likelihood: P3", "likelihood: P1")
                .replace("status: open}", "status: closed, evidence: WO-7}")
                .replace("revision: A", "revision: B")
                + "  - {id: R2, text: train operators, owner: B, due: 2027-02-01, status: open}\n")
    new_text = new_text.replace("recommendations: [R1]", "recommendations: [R1, R2]")
    new = load_study(write_study(new_text, "new.yaml"))
    lines = [str(c) for c in diff_studies(old, new)]
    assert lines == [
        "changed   study metadata: revision 'A' -> 'B'",
        "added     recommendation R2",
        "closed    recommendation R1: status open -> closed",
        "changed   recommendation R1: evidence",
        "re-rated  scenario S1: severity/likelihood S3/P3 -> S3/P1; risk level 4 -> 3",
        "changed   scenario S1: recommendations",
    ]


def test_known_edit_in_zh_tw_has_no_english_left(write_study):
    old = write_study(BASE.replace("revision: A", "revision: A, language: zh-TW"), "old.yaml")
    new_text = (BASE.replace("likelihood: P3", "likelihood: P1")
                .replace("status: open}", "status: in_progress, evidence: WO-7}")
                .replace("revision: A", "revision: B, language: zh-TW")
                .replace("{id: Q1, description: fire}", "{id: Q1, description: fire, category: environment}"))
    new = write_study(new_text, "new.yaml")
    result = CliRunner().invoke(cli, ["diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "修改 研究 基本資料: 版次 'A' -> 'B'",
        "修改 後果 Q1: 後果類別",
        "修改 建議事項 R1: 狀態 未處理 -> 處理中",
        "修改 建議事項 R1: 佐證資料",
        "重新評等 情境 S1: 嚴重度/可能性 S3/P3 -> S3/P1; 風險等級 4 -> 3",
        "共 5 項變更",
    ]
    english = CliRunner().invoke(cli, ["diff", str(old), str(new), "--lang", "en"]).output.splitlines()
    assert english[2] == "changed   recommendation R1: status open -> in_progress"
    assert english[-1] == "5 changes"


def test_zone_grown_is_reported_with_areas(write_study):
    room = """\
study: {title: T}
substances: [{id: S, name: Ethylene, library: ethylene}]    # neutral density: the zone is the plain circle
rooms: [{id: A, name: yard, indoor: false, outline: [[0, 0], [40, 0], [40, 40], [0, 40]],
         ventilation: {dilution: medium, availability: good}}]
release_sources:
  - {id: R1, substance: S, grade: secondary, room: A, location: {x: 20, y: 20}, extent_m: %s}
"""
    old = load_study(write_study(room % "2", "old.yaml"))
    new = load_study(write_study(room % "3", "new.yaml"))
    (line,) = [str(c) for c in diff_studies(old, new) if c.kind == "zone"]
    assert line.startswith("grown     zone 2: 12.5 m2 -> 28.")    # pi 2^2 -> pi 3^2, polygonal buffer
    (change,) = [c for c in diff_studies(old, new) if c.kind == "zone"]
    zh = change.text("zh-TW")
    assert zh.startswith("擴大 危險區域 2: 平面面積 12.5 m2 -> 28.") and "plan" not in zh and "Zone" not in zh
