"""Guide words, meaningful combinations, risk level by the declared matrix, the LOPA flag rule."""

from __future__ import annotations

import pytest

from pse.hazop.library import UnknownTermError, load_library
from pse.hazop.rules import lopa_flag, risk_level
from pse.model import load_study
from pse.risk import load_matrix

# IEC 61882:2016 guide words and meanings (checked against riskythinking.com, Risk Assessment Toolkit)
IEC_61882 = {"no": "Complete negation of the design intent", "more": "Quantitative increase",
             "less": "Quantitative decrease", "as well as": "Qualitative modification or increase",
             "part of": "Qualitative modification or decrease", "reverse": "Logical opposite of the design intent",
             "other than": "Complete substitution", "early": "Relative to the clock time",
             "late": "Relative to the clock time", "before": "Relating to order or sequence",
             "after": "Relating to order or sequence"}


def test_library_has_the_iec_61882_guide_words_in_order():
    lib = load_library()
    assert list(lib.guide_words) == list(IEC_61882)
    assert {k: g.meaning["en"] for k, g in lib.guide_words.items()} == IEC_61882
    assert all(g.name.get("zh-TW") for g in lib.guide_words.values())


def test_meaningful_combinations_for_flow_pressure_temperature():
    # tagsight.io (IEC 61882 practice): flow takes all seven basic words; pressure and temperature more/less
    lib = load_library()
    assert lib.meaningful_deviations(["flow", "pressure", "temperature"]) == [
        ("no", "flow"), ("more", "flow"), ("less", "flow"), ("as well as", "flow"), ("part of", "flow"),
        ("reverse", "flow"), ("other than", "flow"), ("more", "pressure"), ("less", "pressure"),
        ("more", "temperature"), ("less", "temperature")]
    assert lib.deviation_name("more", "flow") == "High flow"
    assert lib.deviation_name("no", "flow") == "No flow"
    assert lib.deviation_name("reverse", "flow") == "Reverse flow"
    assert lib.deviation_name("more", "pressure", "zh-TW") == "高壓"   # seed 001 row 1.1: 製程偏離 高壓


def test_unknown_terms_get_a_did_you_mean_hint():
    lib = load_library()
    with pytest.raises(UnknownTermError, match="unknown parameter 'presure' \\(did you mean 'pressure'\\?\\)"):
        lib.parameter("presure")
    with pytest.raises(UnknownTermError, match="unknown guide word 'mroe'"):
        lib.guide_word("mroe")
    assert lib.guide_word(False) == "no"        # a bare YAML `no`


SEED001 = """
study: {title: seed 001}
risk_matrix: seed001-hazop
hazop:
  lopa_rules: [{risk_at_least: 2}]
nodes: [{id: N-1, name: reactor, parameters: [pressure]}]
deviations: [{id: D1, node: N-1, guide_word: more, parameter: pressure}]
causes: [{id: C1, description: Three-way valve inadvertently closed, initiating_event: {frequency_per_yr: 0.01}}]
consequences:
  - {id: Q1, description: fire, severity: 2}
  - {id: Q2, description: explosion, severity: 1}
  - {id: Q3, description: minor leak, severity: 3}
scenarios:
  - {id: S-1.1, deviation: D1, cause: C1, consequence: Q1, likelihood: 2,
     none_identified: [safeguards, recommendations]}
  - {id: S-1.2, deviation: D1, cause: C1, consequence: Q2, likelihood: 2,
     none_identified: [safeguards, recommendations]}
  - {id: S-1.3, deviation: D1, cause: C1, consequence: Q3, likelihood: 2,
     none_identified: [safeguards, recommendations]}
  - {id: S-1.4, deviation: D1, cause: C1, consequence: Q2, likelihood: 2, lopa: false}
lopa:
  criteria: [{severity: 1, tolerable_frequency_per_yr: 1.0e-5}, {severity: 2, tolerable_frequency_per_yr: 1.0e-3},
             {severity: 3, tolerable_frequency_per_yr: 1.0e-2}]
"""


def test_seed001_rows_risk_and_lopa_flag_by_rule(write_study):
    # seed 001 HAZOP sheet: 1.1 severity 2, likelihood 2 -> risk 2, LOPA Y; 1.2 severity 1 -> risk 1, LOPA Y
    from pse.hazop import worksheet

    study = load_study(write_study(SEED001))
    table = worksheet(study).set_index("Row ID")
    assert table.loc["S-1.1", "Risk"] == 2 and table.loc["S-1.1", "LOPA"] == "Y"
    assert table.loc["S-1.2", "Risk"] == 1 and table.loc["S-1.2", "LOPA"] == "Y"
    assert table.loc["S-1.3", "Risk"] == 3 and table.loc["S-1.3", "LOPA"] == "N"
    assert table.loc["S-1.4", "LOPA"] == "N"          # set by hand: overrides the rule
    from pse.lopa.evaluate import lopa_scenarios

    assert [s.id for s in lopa_scenarios(study)] == ["S-1.1", "S-1.2"]


def test_severity_rule_on_tw_osha(write_study):
    study = load_study(write_study("""
        study: {title: t}
        hazop: {lopa_rules: [{severity_at_least: S4}]}
        causes: [{id: C1, description: c}]
        consequences: [{id: Q1, description: q}]
        scenarios:
          - {id: A, cause: C1, consequence: Q1, severity: S4, likelihood: P1}
          - {id: B, cause: C1, consequence: Q1, severity: S3, likelihood: P4}
          - {id: C, cause: C1, consequence: Q1, severity: S3, likelihood: P4, lopa: true}
        """), module_checks=False)   # the rule sends A and C to LOPA, which would then ask for IE data
    assert [lopa_flag(study, s) for s in study.scenarios] == [True, False, True]


def test_risk_level_follows_a_declared_matrix(write_study):
    study = load_study(write_study("""
        study: {title: t}
        risk_matrix: plant
        risk_matrices:
          plant:
            id: plant
            name: {en: plant 2x2}
            source: company standard
            checked: true
            worst: high
            level_worst: high
            severity: [{id: minor, rank: 1, name: {en: minor}}, {id: major, rank: 2, name: {en: major}}]
            likelihood: [{id: rare, rank: 1, name: {en: rare}}, {id: often, rank: 2, name: {en: often}}]
            levels:
              - {level: 1, name: {en: low}, action: {en: none}, acceptable: true, colour: "#00ff00"}
              - {level: 2, name: {en: high}, action: {en: act}, acceptable: false, colour: "#ff0000"}
            cells: {minor: {rare: 1, often: 1}, major: {rare: 1, often: 2}}
        nodes: [{id: N1, name: n, parameters: [flow]}]
        deviations: [{id: D1, node: N1, guide_word: "no", parameter: flow}]
        causes: [{id: C1, description: c}]
        consequences: [{id: Q1, description: q}]
        scenarios:
          - {id: A, deviation: D1, cause: C1, consequence: Q1, severity: major, likelihood: often}
          - {id: B, deviation: D1, cause: C1, consequence: Q1, severity: major, likelihood: rare}
        """))
    from pse.hazop import worksheet

    table = worksheet(study).set_index("Row ID")
    assert table.loc["A", "Risk"] == 2 and table.loc["B", "Risk"] == 1
    assert risk_level(load_matrix("tw-osha-5"), "S4", "P3") == 4      # seed 002 Table 1-3


def test_unknown_guide_word_and_parameter_are_one_line_errors(write_study, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from pse.cli import cli

    monkeypatch.chdir(tmp_path)
    write_study("""
        study: {title: t}
        nodes: [{id: N1, name: n, parameters: [flow, presure]}]
        deviations: [{id: D1, node: N1, guide_word: mroe, parameter: flow}]
        """, "bad.yaml")
    result = CliRunner().invoke(cli, ["check", "bad.yaml"])
    assert result.exit_code == 1
    assert "bad.yaml:3: nodes[0].parameters[1]: unknown parameter 'presure' (did you mean 'pressure'?)" in result.output
    assert "bad.yaml:4: deviations[0].guide_word: unknown guide word 'mroe' (did you mean 'more'?)" in result.output


def test_finished_worksheet_refuses_empty_cells(write_study):
    from pse.model import StudyError

    text = """
        study: {title: t}
        hazop: {finished: FLAG}
        nodes: [{id: N1, name: n, parameters: [pressure]}]
        deviations:
          - {id: D1, node: N1, guide_word: more, parameter: pressure}
          - {id: D2, node: N1, guide_word: less, parameter: pressure, none_identified: true}
        """
    study = load_study(write_study(text.replace("FLAG", "false")))
    assert any("D1" in str(w) and "HAZOP-EMPTY" in str(w) for w in study._warnings)
    assert not any("D2" in str(w) for w in study._warnings)
    with pytest.raises(StudyError, match="deviation 'D1' has no cause yet"):
        load_study(write_study(text.replace("FLAG", "true")))
