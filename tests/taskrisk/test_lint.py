"""Every lint rule (TR-001..TR-010) with a passing and a failing case; bad input as one-line errors."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pse.cli import cli
from pse.model import load_study
from pse.taskrisk.lint import check

HEAD = """\
study: {title: t, headcount: 350}
tasks:
  - id: A-01
    name: Tank cleaning
    conditions: {work_cycle: monthly, environment: confined space, machinery: tank,
                 chemicals_energy: toluene, qualifications: confined-space training}
    steps: [{id: A-01.1, name: Enter}]
    rows:
"""
ABNORMAL = """\
      - id: A-01-09
        phase: emergency
        hazard_type: contact_harmful_substance
        scenario: rescuer enters without equipment
        severity: S2
        likelihood: P1
"""
GOOD = """\
      - id: A-01-01
        step: A-01.1
        hazard_type: contact_harmful_substance
        scenario: oxygen deficiency -> asphyxiation
        controls: {engineering: [Ventilation], administrative: [Work permit (OSH-P-021)], ppe: [Harness]}
        severity: S4
        likelihood: P3
        measures:
          - {text: 4-gas detector, tier: engineering, owner: Safety officer, due: 2027-01-31}
        residual_severity: S2
        residual_likelihood: P1
"""


def rules(write_study, rows: str = GOOD, head: str = HEAD, tail: str = ABNORMAL) -> list[str]:
    study = load_study(write_study(head + rows + tail), module_checks=False)
    return sorted(p.rule for p in check(study) if p.severity == "warning")


def test_a_clean_study_has_no_warning(write_study):
    assert rules(write_study) == []


@pytest.mark.parametrize("rule, old, new", [
    ("TR-001", "[Work permit (OSH-P-021)]", "[Work permit and training]"),
    ("TR-003", "owner: Safety officer, ", ""),
    ("TR-004", "residual_severity: S2", "residual_severity: S4"),
    ("TR-005", "residual_likelihood: P1", "residual_likelihood: P4"),
    ("TR-006", "tier: engineering", "tier: ppe"),
    ("TR-008", "scenario: oxygen deficiency -> asphyxiation", "scenario: ' '"),
    ("TR-010", "step: A-01.1", "step: Climb"),
])
def test_each_row_rule_fails_on_its_case(write_study, rule, old, new):
    assert GOOD.count(old) == 1
    assert rule in rules(write_study, GOOD.replace(old, new))


def test_tr002_normal_and_abnormal_or_emergency_phases(write_study):
    assert "TR-002" not in rules(write_study)
    assert rules(write_study, tail="") == ["TR-002"]
    assert "TR-002" in rules(write_study, rows="", tail=ABNORMAL)     # no normal row


def test_tr003_level_4_needs_owner_and_due_date(write_study):
    no_due = GOOD.replace(", due: 2027-01-31", "")
    found = rules(write_study, no_due)
    assert "TR-003" in found and "TR-008" in found
    no_measures = GOOD.split("        measures:")[0]
    assert "TR-003" in rules(write_study, no_measures)


def test_tr004_residual_not_acceptable_or_missing(write_study):
    # seed 004: S4/P1 -> level 3, medium: not low or below
    assert "TR-004" in rules(write_study, GOOD.replace("residual_severity: S2", "residual_severity: S4"))
    unrated = GOOD.split("        residual_severity")[0]
    assert "TR-004" in rules(write_study, unrated)
    accepted = HEAD.replace("headcount: 350}", "headcount: 350}\ntask_risk: {acceptable_residual_level: 3}")
    assert "TR-004" not in rules(write_study, GOOD.replace("residual_severity: S2", "residual_severity: S4"),
                                 head=accepted)


def test_tr006_hierarchy_admin_or_ppe_only_on_a_high_row(write_study):
    admin = GOOD.replace("tier: engineering", "tier: administrative")
    assert "TR-006" in rules(write_study, admin)
    assert "TR-006" not in rules(write_study, GOOD.replace("tier: engineering", "tier: substitution"))


def test_tr007_severity_lowered_by_administrative_controls_alone(write_study):
    admin = GOOD.replace("tier: engineering", "tier: administrative")
    assert "TR-007" in rules(write_study, admin)          # S4 -> S2 by a procedure
    assert "TR-007" not in rules(write_study)             # S4 -> S2 by an engineering measure
    same = admin.replace("residual_severity: S2", "residual_severity: S4")
    assert "TR-007" not in rules(write_study, same)


def test_tr008_blank_task_conditions_in_the_system_version(write_study):
    head = HEAD.replace("qualifications: confined-space training", "qualifications: ''")
    assert rules(write_study, head=head) == ["TR-008"]
    basic = head.replace("headcount: 350", "headcount: 12")    # the basic version has no condition columns
    assert rules(write_study, head=basic) == []


def test_tr008_unrated_row_in_the_standard_version(write_study):
    unrated = GOOD.split("        severity:")[0]
    assert "TR-008" in rules(write_study, unrated, head=HEAD.replace("350", "100"))
    assert "TR-008" not in rules(write_study, unrated, head=HEAD.replace("350", "12"))


def test_tr009_task_number_is_department_code_and_serial(write_study):
    assert "TR-009" in rules(write_study, head=HEAD.replace("id: A-01\n", "id: tank-cleaning\n"))


def test_messages_are_bilingual_with_rule_id(write_study):
    study = load_study(write_study(HEAD + GOOD.replace("(OSH-P-021)", "") + ABNORMAL), module_checks=False)
    (problem,) = check(study)
    assert problem.rule == "TR-001" and " / " in problem.message and "管理控制" in problem.message
    assert str(problem).startswith(f"{study.source_map.main_file}:13: warning: tasks[0].rows[0].controls.administrative[0]")


# --------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("old, new, line, field, words", [
    ("hazard_type: contact_harmful_substance\n        scenario: oxygen",
     "hazard_type: contact_harmful_substanse\n        scenario: oxygen", 11, "tasks[0].rows[0].hazard_type",
     "unknown hazard type 'contact_harmful_substanse' (did you mean 'contact_harmful_substance'?)"),
    ("        severity: S4\n        likelihood: P3\n", "", 16, "tasks[0].rows[0].residual_severity",
     "residual rating without an initial one"),
    ("tier: engineering", "tier: training", 17, "tasks[0].rows[0].measures[0].tier", "'training' is not one of"),
    ("likelihood: P3", "likelihood: P7", 15, "tasks[0].rows[0].likelihood", "'P7' is not a level"),
])
def test_bad_input_is_one_line_error(write_study, old, new, line, field, words):
    assert GOOD.count(old) == 1
    path = write_study(HEAD + GOOD.replace(old, new) + ABNORMAL)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    errors = [x for x in result.output.splitlines() if ": warning:" not in x and x.strip()]
    assert len(errors) == 2 and errors[1] == "1 error", errors
    assert errors[0].startswith(f"{path}:{line}: {field}: ") and words in errors[0], errors
    assert "Traceback" not in result.output


def test_tr004_cleared_by_a_recorded_acceptance(write_study):
    s4 = GOOD.replace("residual_severity: S2", "residual_severity: S4")
    assert "TR-004" in rules(write_study, s4)
    accepted = s4.replace("        residual_severity: S4", "        acceptance: {accepted_by: Plant manager, "
                          "accepted_on: 2026-11-30, reason: S4 cannot be lowered}\n        residual_severity: S4")
    assert "TR-004" not in rules(write_study, accepted)


def test_acceptance_needs_who_when_and_why(write_study):
    bad = GOOD.replace("        residual_severity: S2",
                       "        acceptance: {accepted_by: Plant manager}\n        residual_severity: S2")
    result = CliRunner().invoke(cli, ["check", str(write_study(HEAD + bad))])
    assert result.exit_code == 1 and "accepted_on" in result.output and "Traceback" not in result.output
