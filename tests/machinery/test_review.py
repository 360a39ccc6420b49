"""Machinery review of a study: failed items create recommendations; bad input gives one-line errors."""

from __future__ import annotations

from click.testing import CliRunner

from pse.cli import cli
from pse.machinery.review import register, review_study
from pse.model import load_study, warnings_of

BASE = """\
study: {title: Press review}
recommendations:
  - {id: R-1, text: Fit intermediate light axes}
machines:
  - id: M-1
    name: Press
    type: power_press
    safety_label: TD0000000
    checklist:
      - {item: PP-11, result: fail, recommendation: R-1}
      - {item: PP-12, result: fail, evidence: one station for two operators}
      - {item: PP-07, result: pass}
"""


def test_failed_item_without_link_creates_a_recommendation(write_study):
    study = load_study(write_study(BASE))
    entries = {e["id"]: e for e in register(study)}
    assert entries["R-1"]["sources"] == ["M-1 PP-11"] and not entries["R-1"]["generated"]
    generated = entries["REC-M-1-PP-12"]
    assert generated["generated"] and generated["status"] == "open"
    assert "operating station" in generated["text"]["en"] and "操作站" in generated["text"]["zh-TW"]
    warnings = [str(w) for w in warnings_of(study)]
    assert any("[MACH-REC]" in w and "PP-12" in w and "study.yaml:" in w for w in warnings)


def test_no_generated_recommendation_when_switched_off(write_study):
    study = load_study(write_study(BASE + "machinery: {generate_recommendations: false}\n"))
    assert [e["id"] for e in register(study)] == ["R-1"]


def test_unchecked_items_are_listed_as_not_checked(write_study):
    review = review_study(load_study(write_study(BASE)))[0]
    counts = review.counts()
    assert counts["failed"] == 2 and counts["passed"] == 1
    assert counts["open"] == len(review.checklist) - 3 > 0


def _check(write_study, text):
    path = write_study(text)
    result = CliRunner().invoke(cli, ["check", str(path)])
    return result.exit_code, result.output


def test_unknown_machine_type(write_study):
    code, out = _check(write_study, BASE.replace("type: power_press", "type: power_pres"))
    assert code == 1
    assert "study.yaml:7: machines[0].type: unknown machine type 'power_pres' (did you mean 'power_press'?)" in out
    assert "Traceback" not in out


def test_unknown_checklist_item(write_study):
    code, out = _check(write_study, BASE.replace("item: PP-07", "item: PP-99"))
    assert code == 1
    assert "study.yaml:12: machines[0].checklist[2].item: unknown checklist item 'PP-99'" in out


def test_item_of_a_checklist_the_machine_does_not_use(write_study):
    code, out = _check(write_study, BASE.replace("item: PP-07", "item: FL-01"))
    assert code == 1 and "item 'FL-01' belongs to checklist 'forklift'" in out


def test_plr_outside_a_to_e(write_study):
    text = BASE + "    safety_functions:\n      - {id: SF-1, description: curtain, plr: f}\n"
    code, out = _check(write_study, text)
    assert code == 1
    assert "study.yaml:14: machines[0].safety_functions[0].plr: 'f' is not one of 'a', 'b', 'c', 'd' or 'e'" in out


def test_negative_time(write_study):
    text = BASE + "    light_curtain: {resolution_mm: 14, response_time_ms: -5, stopping_time_ms: 100}\n"
    code, out = _check(write_study, text)
    assert code == 1
    assert "study.yaml:13: machines[0].light_curtain.response_time_ms: must be zero or positive, got -5.0" in out
    assert len([line for line in out.splitlines() if line.strip()]) == 2   # the problem and the count


def test_unknown_hazard_group_and_kind(write_study):
    text = BASE + ("    hazards:\n"
                   "      - {id: H-1, group: mechanic, description: x}\n"
                   "      - {id: H-2, group: mechanical, hazard: crush, description: y}\n")
    code, out = _check(write_study, text)
    assert code == 1
    assert ("machines[0].hazards[0].group: 'mechanic' is not an ISO 12100 Annex B group "
            "(did you mean 'mechanical'?)") in out
    assert "machines[0].hazards[1].hazard: 'crush' is not a kind of mechanical hazard (did you mean 'crushing'?)" in out


def test_calculation_contradicting_a_pass_is_a_warning(write_study):
    text = BASE.replace("      - {item: PP-07, result: pass}\n", "      - {item: PP-07, result: pass}\n"
                        "      - {item: PP-15, result: pass}\n") + \
        "    two_hand: {response_time_ms: 15, stopping_time_ms: 135, distance_mm: 420}\n"
    study = load_study(write_study(text))
    warnings = [str(w) for w in warnings_of(study)]
    assert any("[MACH-CALC]" in w and "needs 490.0, has 420.0" in w for w in warnings)


def test_designated_product_without_label_is_a_warning(write_study):
    study = load_study(write_study(BASE.replace("    safety_label: TD0000000\n", "")))
    assert any("[MACH-LABEL]" in str(w) for w in warnings_of(study))


def test_declared_plr_below_the_graph_is_a_warning(write_study):
    text = BASE + ("    hazards:\n"
                   "      - id: H-1\n        group: mechanical\n        hazard: crushing\n        description: hands\n"
                   "        risk_graph: {severity_of_injury: S2, frequency_of_exposure: F2,\n"
                   "                     possibility_of_avoidance: P2}\n"
                   "    safety_functions:\n"
                   "      - {id: SF-1, description: curtain, hazards: [H-1], plr: c, pl_achieved: c}\n")
    study = load_study(write_study(text))
    warnings = [str(w) for w in warnings_of(study)]
    assert any("[MACH-PLR]" in w and "'c' is below PLr 'e'" in w for w in warnings)


def test_life_cycle_phases_print_in_the_run_language():
    """ISO 12100 5.4 phases are study keys; the review prints them in zh-TW words (issue 16)."""
    from pse.machinery.report import phase_label

    assert (phase_label("cleaning", "zh-TW"), phase_label("cleaning", "en"), phase_label(None, "zh-TW")) == \
        ("清潔", "cleaning", "")
    from typing import get_args

    from pse.model.machines import LifeCyclePhase
    assert all(phase_label(p, "zh-TW") != p for p in get_args(LifeCyclePhase))


def test_press_calculation_table_has_no_english_in_zh_tw():
    import re
    from pathlib import Path

    from pse.machinery.report import calculation_table

    study = load_study(Path(__file__).parents[2] / "worksheets" / "punch-press.yaml")
    zh = calculation_table(review_study(study), "zh-TW")
    # words of the calculation table pse writes (the study's own guard descriptions stay as written)
    text = " ".join(str(v) for col in zh.columns if col not in ("查核",) for v in zh[col])
    english = sorted(set(re.findall(r"\b(?!mm\b|ms\b)[A-Za-z]{3,}\b", text)) - {"ISO"})
    assert english == [], english
    assert {"是", "否"} <= set(zh["要求／計算值"]) | set(zh["實際／申報值"])
    assert "ISO 13857:2019 4.2.2 表 2（高風險；數值未查證）" in set(zh["依據"])
    en = calculation_table(review_study(study), "en")
    assert "ISO 13857:2019 4.2.2 Table 2 (high risk; values not checked)" in set(en["Source"])
