"""Checks of the task risk assessment: input errors and the coaches' lint rules.

Errors (the study cannot be used): an unknown hazard type, a residual rating
without an initial one, a severity without a likelihood (or the reverse), steps
nested deeper than three levels.

Lint warnings (``pse lint``; also printed by ``pse check``), each from the review
of seed 002 and the method of seed 004, with a message in English and zh-TW:

======  ==================================================================
TR-001  an administrative control cites no document (SOP / WI number)
TR-002  a task is not assessed for the normal and for an abnormal or emergency phase
TR-003  a row at level 4 or 5 has no measure with an owner and a due date
TR-004  the residual level is not acceptable (recommended: low or below) and no
        acceptance is recorded (``acceptance``), or a level-4/5 row has no residual rating
TR-005  the residual likelihood (or severity) is above the initial one
TR-006  a level-4/5 row is treated by administrative controls or PPE only (hierarchy)
TR-007  the severity is lowered by administrative controls or PPE alone
TR-008  a field of the worksheet version in force is blank
TR-009  a task number is not department code + serial (A-01)
TR-010  a row names a step that is not in its task
======  ==================================================================
"""

from __future__ import annotations

import re

from pse.model.errors import Problem
from pse.taskrisk import rating

RULES = {
    "TR-001": "administrative controls cite a document (SOP/WI number)",
    "TR-002": "each task is assessed for normal and for abnormal or emergency phases",
    "TR-003": "every level-4/5 row has a measure with owner and due date",
    "TR-004": "residual level acceptable (low or below) or flagged",
    "TR-005": "residual likelihood not above the initial",
    "TR-006": "level-4/5 rows are not treated by administrative controls or PPE alone",
    "TR-007": "severity is not lowered by administrative controls or PPE alone",
    "TR-008": "no blank fields in the worksheet version in force",
    "TR-009": "task number = department code + serial",
    "TR-010": "a row's step is a step of its task",
}

TASK_NUMBER = re.compile(r"^[A-Za-z][A-Za-z0-9]*-\d+$")
CONDITION_FIELDS = ("work_cycle", "environment", "machinery", "chemicals_energy", "qualifications")


def _matrix(study):
    from pse.model.validate import matrix_for

    return matrix_for(study)


def levels(row, matrix) -> tuple:
    """``(initial level, residual level)`` of a row; ``None`` where not rated."""
    initial = (rating.risk_level(row.severity, row.likelihood, matrix)
               if row.severity is not None and row.likelihood is not None else None)
    residual = (rating.risk_level(row.residual_severity, row.residual_likelihood, matrix)
                if row.residual_severity is not None and row.residual_likelihood is not None else None)
    return initial, residual


def check(study) -> list[Problem]:
    """Errors first; lint warnings only when the task rows are usable."""
    errors = input_errors(study)
    if errors:
        return errors
    return lint(study)


def _msg(key: str, /, **values):
    """The catalogue message ``key`` of the task-risk labels in every language (:class:`pse.i18n.Message`)."""
    from pse.i18n import catalogue_message
    from pse.taskrisk.data import LABELS

    return catalogue_message(key, LABELS, **values)


def _lab(key: str) -> dict[str, str]:
    """A task-risk label in every language, to fill a message placeholder."""
    from pse.i18n import LANGUAGES, label
    from pse.taskrisk.data import LABELS

    return {lang: label(key, lang, LABELS) for lang in LANGUAGES}


def input_errors(study) -> list[Problem]:
    """Errors: unknown hazard types (normalised to their key when known), incomplete or
    orphan ratings, steps deeper than three levels."""
    from pse.taskrisk.data import hazard_types

    types = hazard_types(study.task_risk.hazard_types)
    problems: list[Problem] = []
    for i, task in enumerate(study.tasks):
        base = ("tasks", i)
        for name, _, depth in rating.step_names(task.steps):
            if depth > 3:
                problems.append(study.source_map.problem(base + ("steps",), _msg("err_step_depth", name=name,
                                                                                    depth=depth)))
                break
        for j, row in enumerate(task.rows):
            problems += _row_errors(study, row, base + ("rows", j), types)
    return problems


def _row_errors(study, row, path, types) -> list[Problem]:
    smap = study.source_map
    problems = []
    keys = []
    for k, value in enumerate(row.hazard_types):
        key = rating.hazard_key(value, types)
        where = path + ("hazard_type",) + ((k,) if isinstance(row.hazard_type, list) else ())
        if key is None:
            close = rating.closest_hazard_type(value, types)
            suggestion = _msg("err_hazard_suggestion", match=close).texts if close else ""
            problems.append(smap.problem(where, _msg("err_hazard_type", value=value, suggestion=suggestion,
                                                     known=", ".join(list(types)[:6]))))
        keys.append(key or value)
    object.__setattr__(row, "hazard_type", keys[0] if isinstance(row.hazard_type, str) else keys)
    for first, second in (("severity", "likelihood"), ("residual_severity", "residual_likelihood")):
        a, b = getattr(row, first), getattr(row, second)
        if (a is None) != (b is None):
            missing = second if b is None else first
            given = first if b is None else second
            problems.append(smap.problem(path + (given,), _msg("err_half_rating", given=_field(given),
                                                               missing=_field(missing))))
    if (row.residual_severity is not None or row.residual_likelihood is not None) and (
            row.severity is None or row.likelihood is None):
        field = "residual_severity" if row.residual_severity is not None else "residual_likelihood"
        problems.append(smap.problem(path + (field,), _msg("err_residual_without_initial")))
    return problems


def _field(name: str) -> dict[str, str]:
    """A row field as named in a message: its key in English (as written in the study), its label in zh-TW."""
    return {"en": name, "zh-TW": _lab(name)["zh-TW"]}


def _warn(study, path, rule, key, **values) -> Problem:
    return study.source_map.problem(path, _msg(key, **values), severity="warning", rule=rule)


def lint(study) -> list[Problem]:
    """Every lint warning of the study's tasks (rules TR-001..TR-010)."""
    settings = study.task_risk
    matrix = _matrix(study)
    version, _ = rating.worksheet_version(study.study.headcount, declared=settings.version,
                                          osh_management_system=settings.osh_management_system,
                                          high_risk_work=settings.high_risk_work)
    out: list[Problem] = []
    for i, task in enumerate(study.tasks):
        base = ("tasks", i)
        out += _task_rules(study, task, base, version)
        steps = rating.step_names(task.steps)
        known_steps = {n for n, _, _ in steps} | {s for _, s, _ in steps if s}
        for j, row in enumerate(task.rows):
            path = base + ("rows", j)
            out += _row_rules(study, row, path, matrix, version)
            if row.step is not None and row.step not in known_steps:
                out.append(_warn(study, path + ("step",), "TR-010", "tr010", step=row.step, task=task.id))
    return out


def _task_rules(study, task, base, version) -> list[Problem]:
    out = []
    if not TASK_NUMBER.match(task.id):
        out.append(_warn(study, base + ("id",), "TR-009", "tr009", task=task.id))
    if not task.rows:
        out.append(_warn(study, base, "TR-008", "tr008_no_rows", task=task.id))
        return out
    phases = {row.phase for row in task.rows}
    if "normal" not in phases:
        out.append(_warn(study, base + ("rows",), "TR-002", "tr002_normal", task=task.id))
    if not phases & {"abnormal", "emergency"}:
        out.append(_warn(study, base + ("rows",), "TR-002", "tr002_abnormal", task=task.id))
    for phase in task.phases:
        if phase not in phases:
            out.append(_warn(study, base + ("phases",), "TR-002", "tr002_phase", task=task.id,
                             phase=_lab(f"phase_{phase}")))
    if version == "system":
        for field in CONDITION_FIELDS:
            if not getattr(task.conditions, field):
                out.append(_warn(study, base + ("conditions",), "TR-008", "tr008_condition", field=_field(field)))
    return out


def _document_rules(study, row, path) -> list[Problem]:
    """TR-001 and the blank-field part of TR-008 for one row."""
    out = []
    for k, control in enumerate(row.controls.administrative):
        if not rating.cites_document(control, study.task_risk.document_pattern):
            out.append(_warn(study, path + ("controls", "administrative", k), "TR-001", "tr001", control=control))
    if not row.scenario.strip():
        out.append(_warn(study, path + ("scenario",), "TR-008", "tr008_scenario"))
    for k, measure in enumerate(row.measures):
        if not measure.owner or measure.due is None:
            blank = ("tr008_owner_due" if not measure.owner and measure.due is None
                     else "tr008_owner" if not measure.owner else "tr008_due")
            out.append(_warn(study, path + ("measures", k), "TR-008", "tr008_measure", measure=measure.text,
                             blank=_lab(blank)))
    return out


def _row_rules(study, row, path, matrix, version) -> list[Problem]:
    settings = study.task_risk
    out = _document_rules(study, row, path)
    if version in ("standard", "system") and row.severity is None:
        out.append(_warn(study, path, "TR-008", "tr008_not_rated", row=row.id))
    initial, residual = levels(row, matrix)
    tiers = [m.tier for m in row.measures]
    if initial is not None and initial >= settings.high_level:
        if not any(m.owner and m.due for m in row.measures):
            out.append(_warn(study, path + ("measures",), "TR-003", "tr003", level=initial))
        if row.measures and not rating.hardware_measure(tiers):
            out.append(_warn(study, path + ("measures",), "TR-006", "tr006", level=initial))
        if residual is None:
            out.append(_warn(study, path, "TR-004", "tr004_no_residual", level=initial))
    if residual is not None and row.acceptance is None and \
            not rating.residual_acceptable(residual, matrix, settings.acceptable_residual_level):
        names = {lang: matrix.label(residual, lang) for lang in ("en", "zh-TW")}
        out.append(_warn(study, path + ("residual_likelihood",), "TR-004", "tr004_residual", level=residual,
                         name=names))
    if residual is not None:
        out += _residual_rules(study, row, path, tiers, matrix)
    return out


def _residual_rules(study, row, path, tiers, matrix) -> list[Problem]:
    """TR-005 (residual above initial) and TR-007 (severity lowered without a hardware measure)."""
    out = []
    if not matrix.likelihood_at_least(row.likelihood, row.residual_likelihood):
        out.append(_warn(study, path + ("residual_likelihood",), "TR-005", "tr005_likelihood",
                         residual=row.residual_likelihood, initial=row.likelihood))
    if not matrix.severity_at_least(row.severity, row.residual_severity):
        out.append(_warn(study, path + ("residual_severity",), "TR-005", "tr005_severity",
                         residual=row.residual_severity, initial=row.severity))
    elif row.residual_severity != row.severity and not rating.hardware_measure(tiers):
        out.append(_warn(study, path + ("residual_severity",), "TR-007", "tr007", initial=row.severity,
                         residual=row.residual_severity))
    return out
