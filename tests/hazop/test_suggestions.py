"""Suggestions by equipment type count in no result until a named reviewer accepts them."""

from __future__ import annotations

from click.testing import CliRunner

from pse.cli import cli
from pse.hazop import worksheet
from pse.hazop.generate import generate
from pse.lopa.evaluate import lopa_scenarios
from pse.model import load_study

STUDY = """\
study: {title: suggestions}
hazop: {lopa_rules: [{severity_at_least: S3}]}
lopa: {criteria: [{severity: S3, tolerable_frequency_per_yr: 1.0e-4},
                  {severity: S4, tolerable_frequency_per_yr: 1.0e-5}]}
nodes: [{id: N-02, name: Tank, parameters: [level, pressure, flow]}]
equipment: [{id: EQ-TK, tag: TK-401, type: tank, node: N-02}]
"""


def test_suggestions_never_enter_results_unaccepted(write_study):
    path = write_study(STUDY)
    result = generate(path, suggest=True, lang="en")
    assert [s.scenario["id"] for s in result.suggestions] == ["SUG-EQ-TK-1", "SUG-EQ-TK-2", "SUG-EQ-TK-3"]
    study = load_study(path)
    suggested = study.get("SUG-EQ-TK-1")
    assert suggested.origin == "suggested" and study.get("SUG-EQ-TK-1-C").origin == "suggested"
    # rate it as the rule would send it to LOPA: still nothing counts
    text = path.read_text(encoding="utf-8").replace(
        "    origin: suggested\n    notes: Suggested for tank TK-401", "    origin: suggested\n    severity: S4\n"
        "    likelihood: P3\n    notes: Suggested for tank TK-401", 1).replace(
        "    equipment: EQ-TK\n    origin: suggested\n",
        "    equipment: EQ-TK\n    initiating_event: {frequency_per_yr: 0.1}\n    origin: suggested\n", 1)
    path.write_text(text, encoding="utf-8")
    study = load_study(path)
    assert study.get("SUG-EQ-TK-1").severity == "S4"
    assert "SUG-EQ-TK-1" not in set(worksheet(study)["Row ID"])
    assert lopa_scenarios(study) == []
    full = worksheet(study, include_suggestions=True).set_index("Row ID")
    assert full.loc["SUG-EQ-TK-1", "Risk"] == "" and full.loc["SUG-EQ-TK-1", "LOPA"] == ""
    # accepted by a named reviewer on a date: now it counts (and the LOPA rule applies)
    run = CliRunner().invoke(cli, ["hazop", "accept", str(path), "SUG-EQ-TK-1", "--by", "Plant manager",
                                   "--on", "2026-12-01"])
    assert run.exit_code == 0, run.output
    study = load_study(path)
    assert study.get("SUG-EQ-TK-1-G1").accepted_by == "Plant manager"
    table = worksheet(study).set_index("Row ID")
    assert table.loc["SUG-EQ-TK-1", "Risk"] == 4 and table.loc["SUG-EQ-TK-1", "LOPA"] == "Y"
    assert [s.id for s in lopa_scenarios(study)] == ["SUG-EQ-TK-1"]


def test_half_recorded_acceptance_is_an_error(write_study):
    import pytest

    from pse.model import StudyError

    path = write_study(STUDY + """
causes: [{id: C1, description: c, origin: suggested, accepted_by: A. Lin}]
consequences: [{id: Q1, description: q}]
scenarios: [{id: S1, cause: C1, consequence: Q1}]
""")
    with pytest.raises(StudyError) as err:
        load_study(path)
    text = str(err.value)
    assert "causes[0].accepted_on: acceptance needs both accepted_by (who) and accepted_on (when)" in text
    assert "scenarios[0].cause: 'C1' is an unaccepted suggestion" in text
