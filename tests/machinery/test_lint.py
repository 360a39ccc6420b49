"""Completeness prompts, acceptance and cross-module links of the machinery review: a failing and a passing study."""

from __future__ import annotations

from click.testing import CliRunner

from pse.cli import cli
from pse.machinery.check import check
from pse.machinery.links import machinery_links
from pse.model import load_study

MACHINE = """\
study: {title: t}
risk_matrix: tw-osha-5
machines:
  - id: M-1
    name: Press
    type: power_press
    safety_label: TD0000000
"""


def _rules(write_study, text):
    study = load_study(write_study(text))
    return [p for p in check(study) if p.severity == "warning"]


def _has(problems, rule, text=""):
    return any(p.rule == rule and text in str(p) for p in problems)


def test_operating_stations_prompt(write_study):
    assert _has(_rules(write_study, MACHINE + "    operators: 2\n"), "MACH-STATIONS", "operating_stations")
    assert not _has(_rules(write_study, MACHINE + "    operators: 2\n    operating_stations: 2\n"), "MACH-STATIONS")
    assert not _has(_rules(write_study, MACHINE + "    operators: 1\n"), "MACH-STATIONS")


CURTAIN = "    light_curtain: {resolution_mm: 14, response_time_ms: 10, stopping_time_ms: 100%s}\n"


def test_intermediate_axes_prompt(write_study):
    assert _has(_rules(write_study, MACHINE + CURTAIN % ""), "MACH-AXES")
    assert not _has(_rules(write_study, MACHINE + CURTAIN % ", intermediate_light_axes: true"), "MACH-AXES")


NO_HAZARD = MACHINE + """\
    life_cycle_phases: [operation, cleaning]
    danger_zones: [{id: DZ-1, description: die}]
    tasks: [{id: T-1, name: load, phase: operation}]
"""
HAZARD = """\
    hazards:
      - {id: H-1, group: mechanical, hazard: crushing, description: d, phase: operation, task: T-1, danger_zone: DZ-1}
"""


def test_phase_task_zone_without_hazard_prompt(write_study):
    problems = _rules(write_study, NO_HAZARD)
    for text in ("phase 'operation'", "phase 'cleaning'", "task 'T-1'", "danger zone 'DZ-1'"):
        assert _has(problems, "MACH-NOHAZ", text)
    problems = _rules(write_study, NO_HAZARD + HAZARD)
    assert _has(problems, "MACH-NOHAZ", "phase 'cleaning'") and not _has(problems, "MACH-NOHAZ", "T-1")
    assert not _has(_rules(write_study, NO_HAZARD + HAZARD + "    none_identified: [cleaning]\n"), "MACH-NOHAZ")


FUNCTION = MACHINE + """\
    hazards:
      - id: H-1
        group: mechanical
        hazard: crushing
        description: d
        risk_graph: {severity_of_injury: S2, frequency_of_exposure: F2, possibility_of_avoidance: P2}
    safety_functions:
      - id: SF-1
        description: light curtain stops the slide
        hazards: [H-1]
"""
SUBSYSTEMS = """\
        subsystems:
          - {name: curtain, pfhd_per_hour: 1.0e-8, pl: e}
          - name: valves
            category: "4"
            dc_avg_percent: 99
            ccf_score: %s
            channels: [[{name: V1, mttfd_years: 150}], [{name: V2, mttfd_years: 120}]]
"""


def test_safety_function_without_pl_prompt(write_study):
    assert _has(_rules(write_study, FUNCTION), "MACH-NOPL", "SF-1")
    assert not _has(_rules(write_study, FUNCTION + "        pl_achieved: e\n"), "MACH-NOPL")
    passing = _rules(write_study, FUNCTION + SUBSYSTEMS % 80)
    assert not _has(passing, "MACH-NOPL") and not _has(passing, "MACH-PL")


def test_pl_calculation_refused_names_the_requirement(write_study):
    problems = _rules(write_study, FUNCTION + SUBSYSTEMS % 50)
    assert _has(problems, "MACH-PLCALC", "CCF score of at least 65") and _has(problems, "MACH-NOPL")


def test_computed_pl_is_shown_with_its_steps(write_study):
    result = CliRunner().invoke(cli, ["machinery", str(write_study(FUNCTION + SUBSYSTEMS % 80)), "--lang", "en"])
    assert result.exit_code == 0, result.output
    # 1e-8 + Annex K category 4 at 100 y (capped 2500 y, row 100 y) 2.47e-8 = 3.47e-8 -> PL e
    assert "1e-08 + 2.47e-08 = 3.47e-08 /h -> PL e (PLr e: meets)" in result.output
    assert "symmetrised: MTTFd = 2/3 [C1 + C2 - 1/(1/C1 + 1/C2)]" in result.output


CHECKLIST = MACHINE + "    checklist:\n" + "".join(
    f"      - {{item: {i}, result: na}}\n" for i in
    [f"PP-{n:02d}" for n in range(1, 18)] + [f"GM-{n:02d}" for n in range(1, 10)] + ["DP-01", "DP-02"])


def test_unanswered_checklist_prompt(write_study):
    assert _has(_rules(write_study, MACHINE), "MACH-OPEN", "PP-01")
    assert not _has(_rules(write_study, CHECKLIST), "MACH-OPEN")


RESIDUAL = MACHINE + """\
    hazards:
      - {id: H-1, group: mechanical, hazard: crushing, description: d, severity: S4, likelihood: P2,
         residual_severity: S4, residual_likelihood: P1%s}
"""
ACCEPTANCE = ", acceptance: {accepted_by: Plant manager, accepted_on: 2026-11-30, reason: no further reduction}"


def test_machine_hazard_acceptance_clears_the_warning(write_study):
    assert _has(_rules(write_study, RESIDUAL % ""), "MACH-RESID", "H-1")
    assert not _has(_rules(write_study, RESIDUAL % ACCEPTANCE), "MACH-RESID")
    result = CliRunner().invoke(cli, ["machinery", str(write_study(RESIDUAL % ACCEPTANCE)), "--lang", "zh-TW"])
    assert "殘餘風險之接受紀錄" in result.output and "Plant manager" in result.output and "2026-11-30" in result.output


FMEA = FUNCTION + """\
        pl_achieved: c
tasks:
  - id: A-01
    name: press work
    rows:
      - {id: A-01-01, hazard_type: caught_in, scenario: hands crushed, machine_hazard: H-1}
failure_modes:
  - {id: FM-1, item: curtain, failure_mode: output stuck, effect: no stop, cause: wear,
     severity: 10, occurrence: 3, detection: 4, safety_function: SF-1}
"""


def test_links_and_fmea_failure_on_a_pl_gap_flagged(write_study):
    study = load_study(write_study(FMEA))
    links = {(x["from"], x["to"]): x for x in machinery_links(study)}
    assert links[("A-01-01", "H-1")]["machine"] == "M-1"
    assert links[("FM-1", "SF-1")]["gap"] == "PLr e, PL c"
    assert _has(check(study), "MACH-FMEA-GAP", "FM-1")
    closed = load_study(write_study(FMEA.replace("pl_achieved: c", "pl_achieved: e")))
    assert not _has(check(closed), "MACH-FMEA-GAP")


def test_link_to_an_unknown_safety_function_is_an_error(write_study):
    result = CliRunner().invoke(cli, ["check", str(write_study(FMEA.replace("safety_function: SF-1",
                                                                            "safety_function: SF-9")))])
    assert result.exit_code == 1 and "SF-9" in result.output and "Traceback" not in result.output


def test_checklist_items_listed_with_citations():
    result = CliRunner().invoke(cli, ["machinery-items", "--checklist", "power_press", "--lang", "en"])
    assert result.exit_code == 0
    assert "| PP-11 | power_press |" in result.output and "MES Art. 12-1" in result.output
    bad = CliRunner().invoke(cli, ["machinery-items", "--checklist", "nope"])
    assert bad.exit_code == 1 and "unknown checklist" in bad.output


def test_2024_separation_distance_field_accepted(write_study):
    text = MACHINE + """\
    two_hand: {response_time_ms: 20, stopping_time_ms: 80, distance_mm: 700, separation_distance_mm: 550}
machinery: {iso13855_edition: "2024"}
"""
    result = CliRunner().invoke(cli, ["machinery", str(write_study(text)), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "| 710.0 " in result.output       # 1600 x 0.1 + 550


def test_unknown_typical_component_is_an_error(write_study):
    text = (FUNCTION + SUBSYSTEMS % 80).replace("{name: V1, mttfd_years: 150}", "{name: V1, typical: contacter}")
    result = CliRunner().invoke(cli, ["check", str(write_study(text))])
    assert result.exit_code == 1 and "typical component 'contacter'" in result.output
    assert "did you mean 'contactor'" in result.output and "Traceback" not in result.output
