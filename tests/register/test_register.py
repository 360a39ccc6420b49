"""Recommendations register: overdue first, sources across modules, closure rules, re-scoring, orphans."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from conftest import WORKSHEETS
from pse.cli import cli
from pse.model import StudyError, load_study, warnings_of
from pse.register import actions, current_rating

STUDY = """\
study: {title: T}
causes: [{id: C1, description: x}]
consequences: [{id: Q1, description: y}]
scenarios:
  - {id: S1, cause: C1, consequence: Q1, severity: S4, likelihood: P3, severity_after: S4, likelihood_after: P1,
     recommendations: [R1, R2]}
recommendations:
  - {id: R1, text: late one, owner: A, due: 2026-01-01, status: open}
  - {id: R2, text: later one, owner: B, due: 2026-03-01, status: %s}
  - {id: R3, text: not yet due, owner: C, due: 2027-01-01, status: open}
  - {id: R4, text: done, owner: D, due: 2025-01-01, status: closed, evidence: WO-1}
"""


def test_overdue_first_then_by_due_date(write_study):
    study = load_study(write_study(STUDY % "open"))
    register = actions(study, today=dt.date(2026, 6, 1))
    assert [a.id for a in register] == ["R1", "R2", "R3", "R4"]
    assert [a.overdue_days for a in register] == [151, 92, 0, 0]
    assert register[0].sources == ["S1"]


def test_closing_all_recommendations_rescores_the_row(write_study):
    open_study = load_study(write_study(STUDY % "open", "a.yaml"))
    s = open_study.scenarios[0]
    args = (s.severity, s.likelihood, s.severity_after, s.likelihood_after, s.recommendations)
    assert current_rating(open_study, *args) == ("S4", "P3", "before")
    text = STUDY % "closed, evidence: test record T-9"
    text = text.replace("{id: R1, text: late one, owner: A, due: 2026-01-01, status: open}",
                        "{id: R1, text: late one, owner: A, due: 2026-01-01, status: closed, evidence: WO-2}")
    closed_study = load_study(write_study(text, "b.yaml"))
    assert current_rating(closed_study, *args) == ("S4", "P1", "after")


def test_closed_without_evidence_is_an_error(write_study):
    with pytest.raises(StudyError) as info:
        load_study(write_study(STUDY % "closed"))
    (problem,) = info.value.problems
    assert problem.field == "recommendations[1]" and "needs 'evidence'" in problem.message and problem.line == 9


def test_orphan_recommendation_and_sif_are_warned(write_study):
    study = load_study(write_study(STUDY % "open" + "sifs: [{id: F1, description: trip}]\n"))
    rules = {(w.rule, w.field) for w in warnings_of(study)}
    assert ("TRACE-REC", "recommendations[2]") in rules and ("TRACE-REC", "recommendations[3]") in rules
    assert ("TRACE-SIF", "sifs[0]") in rules
    assert not any(f == "recommendations[0]" for _, f in rules)


def test_pse_actions_command():
    result = CliRunner().invoke(cli, ["actions", str(WORKSHEETS / "electronics-plant.yaml"),
                                      "--today", "2027-02-10", "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.output.splitlines() if ln.startswith("| R-")]
    assert lines[0].startswith("| R-03") and lines[1].startswith("| R-01")   # most overdue first
