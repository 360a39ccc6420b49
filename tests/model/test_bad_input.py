"""Bad input: each case gives one clear line per problem and exit 1, never a traceback.

The cases are those listed in the foundation issue; each is run through the real
command line (``pse check``) so that the exit status and output are what a user sees.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from pse.cli import cli

LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<field>[^:]*): (?P<message>.+)$")

CASES = {
    "malformed_yaml": ("study:\n  title: \"unclosed\n", 2, "", "malformed YAML"),
    "wrong_type": ("study:\n  title: T\n  headcount: many\n", 3, "study.headcount", "whole number"),
    "unknown_key": ("study: {title: T}\ncauses: [{id: C1, description: x}]\n"
                    "consequences: [{id: Q1, description: y}]\n"
                    "scenarios:\n  - id: S1\n    cause: C1\n    consequence: Q1\n    likelyhood: P2\n",
                    8, "scenarios[0].likelyhood", "did you mean 'likelihood'?"),
    "duplicate_id": ("study: {title: T}\ncauses:\n  - {id: C1, description: x}\n  - {id: C1, description: y}\n",
                     4, "causes[1].id", "duplicate ID 'C1'"),
    "missing_reference": ("study: {title: T}\ncauses: [{id: C1, description: x}]\n"
                          "consequences: [{id: Q1, description: y}]\n"
                          "scenarios:\n  - id: S1\n    cause: C1\n    consequence: Q2\n",
                          7, "scenarios[0].consequence", "'Q2', which is not in the study"),
    "severity_not_in_matrix": ("study: {title: T}\ncauses: [{id: C1, description: x}]\n"
                               "consequences: [{id: Q1, description: y}]\n"
                               "scenarios:\n  - id: S1\n    cause: C1\n    consequence: Q1\n    severity: S5\n",
                               8, "scenarios[0].severity",
                               "'S5' is not a level of matrix 'tw-osha-5' (S1..S4)"),
    "likelihood_not_in_matrix": ("study: {title: T}\ncauses: [{id: C1, description: x}]\n"
                                 "consequences: [{id: Q1, description: y}]\n"
                                 "scenarios:\n  - id: S1\n    cause: C1\n    consequence: Q1\n"
                                 "    likelihood: 7\n",
                                 8, "scenarios[0].likelihood", "(P1..P4)"),
    "probability_out_of_range": ("study: {title: T}\ncauses: [{id: C1, description: x}]\n"
                                 "consequences: [{id: Q1, description: y}]\n"
                                 "scenarios:\n  - id: S1\n    cause: C1\n    consequence: Q1\n"
                                 "    conditional_modifiers:\n      - {description: ignition, probability: 1.5}\n",
                                 9, "scenarios[0].conditional_modifiers[0].probability",
                                 "must be a probability in (0, 1], got 1.5"),
    "probability_zero": ("study: {title: T}\nsafeguards:\n  - id: G1\n    description: PSV\n"
                         "    ipl: {pfd: 0}\n", 5, "safeguards[0].ipl.pfd", "(0, 1]"),
    "negative_frequency": ("study: {title: T}\ncauses:\n  - id: C1\n    description: x\n"
                           "    initiating_event:\n      frequency_per_yr: -0.1\n",
                           6, "causes[0].initiating_event.frequency_per_yr", "cannot be negative"),
    "unsafe_tag": ("study: {title: T}\ncauses:\n  - id: C1\n"
                   "    description: !!python/object/apply:os.system [\"true\"]\n",
                   4, "causes[0].description", "is not allowed"),
    "missing_include": ("study: {title: T}\ninclude: [nowhere.yaml]\n", 2, "include[0]",
                        "include file 'nowhere.yaml' not found"),
    "empty_file": ("", 1, "", "the file is empty"),
    "unknown_matrix": ("study: {title: T}\nrisk_matrix: tw-osha-9\n", 2, "risk_matrix", "tw-osha-9"),
    "id_as_number": ("study: {title: T}\ncauses:\n  - id: 1.10\n    description: x\n", 3, "causes[0].id",
                     "IDs are text"),
    "reference_to_wrong_kind": ("study: {title: T}\ncauses: [{id: C1, description: x}]\n"
                                "consequences: [{id: Q1, description: y}]\n"
                                "scenarios:\n  - id: S1\n    cause: Q1\n    consequence: Q1\n",
                                6, "scenarios[0].cause", "'Q1' is a consequence, not a cause"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_gives_one_clear_line_and_exit_1(name, tmp_path, monkeypatch):
    text, line, field, message = CASES[name]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "bad.yaml"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = [ln for ln in result.output.splitlines() if ln and not re.match(r"^\d+ errors?$", ln)]
    assert len(lines) == 1, result.output
    if field:
        match = LINE.match(lines[0])
        assert match, lines[0]
        assert match["file"] == "bad.yaml"
        assert int(match["line"]) == line
        assert match["field"] == field
        assert message in match["message"]
    else:
        assert lines[0].startswith(f"bad.yaml:{line}: ")
        assert message in lines[0]


def test_every_problem_is_reported_not_only_the_first(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text(
        "study: {title: T}\ncauses:\n  - {id: C1, description: x, initiating_event: {frequency_per_yr: -1}}\n"
        "  - {id: C2, descripton: y}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "bad.yaml"])
    assert result.exit_code == 1
    assert "bad.yaml:3: causes[0].initiating_event.frequency_per_yr" in result.output
    assert "bad.yaml:4: causes[1].descripton: unknown key 'descripton' (did you mean 'description'?)" \
        in result.output
    assert "bad.yaml:4: causes[1].description: required field is missing" in result.output
