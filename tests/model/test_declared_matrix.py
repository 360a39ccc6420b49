"""A study may declare its own risk matrix and rate its rows with it."""

from __future__ import annotations

import pytest

from pse.model import StudyError, load_study

MATRIX = """\
risk_matrix: plant-3x3
risk_matrices:
  plant-3x3:
    id: plant-3x3
    name: {en: Plant 3x3}
    source: Company procedure HSE-07
    checked: true
    worst: high
    level_worst: high
    severity:
      - {id: A, rank: 1, name: Minor}
      - {id: B, rank: 2, name: Serious}
      - {id: C, rank: 3, name: Major}
    likelihood:
      - {id: L1, rank: 1, name: Rare}
      - {id: L2, rank: 2, name: Possible}
      - {id: L3, rank: 3, name: Likely}
    levels:
      - {level: 1, name: Low, action: none, acceptable: true, colour: "#00AA00"}
      - {level: 2, name: Medium, action: reduce, acceptable: false, colour: "#FFCC00"}
      - {level: 3, name: High, action: stop, acceptable: false, colour: "#CC0000"}
    cells:
      A: {L1: 1, L2: 1, L3: 2}
      B: {L1: 1, L2: 2, L3: 3}
      C: {L1: 2, L2: 3, L3: 3}
"""


def test_declared_matrix_rates_scenarios(write_study):
    path = write_study("study: {title: T}\n" + MATRIX + """\
causes: [{id: C1, description: x}]
consequences: [{id: Q1, description: y}]
scenarios: [{id: S1, cause: C1, consequence: Q1, severity: 3, likelihood: L2}]
""")
    study = load_study(path)
    from pse.model import matrix_for

    matrix = matrix_for(study)
    scenario = study.scenarios[0]
    assert (scenario.severity, scenario.likelihood) == ("C", "L2")
    assert matrix.level(scenario.severity, scenario.likelihood) == 3


def test_level_outside_declared_matrix_names_it(write_study):
    path = write_study("study: {title: T}\n" + MATRIX + """\
causes: [{id: C1, description: x}]
consequences: [{id: Q1, description: y}]
scenarios: [{id: S1, cause: C1, consequence: Q1, severity: S4}]
""")
    with pytest.raises(StudyError) as info:
        load_study(path)
    (problem,) = info.value.problems
    assert "'S4' is not a level of matrix 'plant-3x3'" in problem.message and problem.line == 29


def test_declared_matrix_with_a_missing_cell_is_rejected(write_study):
    path = write_study("study: {title: T}\n" + MATRIX.replace("      C: {L1: 2, L2: 3, L3: 3}\n",
                                                              "      C: {L1: 2, L2: 3}\n"))
    with pytest.raises(StudyError) as info:
        load_study(path)
    assert "(C, L3)" in str(info.value)
