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


def input_errors(study) -> list[Problem]:
    """Errors: unknown hazard types (normalised to their key when known), incomplete or
    orphan ratings, steps deeper than three levels."""
    from pse.taskrisk.data import hazard_types

    smap = study.source_map
    types = hazard_types(study.task_risk.hazard_types)
    problems: list[Problem] = []
    for i, task in enumerate(study.tasks):
        base = ("tasks", i)
        for name, _, depth in rating.step_names(task.steps):
            if depth > 3:
                problems.append(smap.problem(base + ("steps",), f"step '{name}' is nested {depth} levels deep: "
                                                                f"break tasks down to three levels at most"))
                break
        for j, row in enumerate(task.rows):
            path = base + ("rows", j)
            keys = []
            for k, value in enumerate(row.hazard_types):
                key = rating.hazard_key(value, types)
                where = path + ("hazard_type",) + ((k,) if isinstance(row.hazard_type, list) else ())
                if key is None:
                    problems.append(smap.problem(where, f"unknown hazard type {value!r}"
                                                        f"{rating.hazard_suggestion(value, types)} (the 22 types "
                                                        f"of seed 002: {', '.join(list(types)[:6])}, ...)"))
                keys.append(key or value)
            object.__setattr__(row, "hazard_type", keys[0] if isinstance(row.hazard_type, str) else keys)
            for first, second in (("severity", "likelihood"), ("residual_severity", "residual_likelihood")):
                a, b = getattr(row, first), getattr(row, second)
                if (a is None) != (b is None):
                    missing = second if b is None else first
                    given = first if b is None else second
                    problems.append(smap.problem(path + (given,), f"{given} without {missing}: give both"))
            if (row.residual_severity is not None or row.residual_likelihood is not None) and (
                    row.severity is None or row.likelihood is None):
                field = "residual_severity" if row.residual_severity is not None else "residual_likelihood"
                problems.append(smap.problem(path + (field,), "residual rating without an initial one: rate "
                                                              "severity and likelihood before the measures first"))
    return problems


def _warn(study, path, rule, en, zh) -> Problem:
    return study.source_map.problem(path, f"{en} / {zh}", severity="warning", rule=rule)


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
                out.append(_warn(study, path + ("step",), "TR-010",
                                 f"step '{row.step}' is not a step of task {task.id}",
                                 f"步驟「{row.step}」不在作業 {task.id} 之作業步驟中"))
    return out


def _task_rules(study, task, base, version) -> list[Problem]:
    out = []
    if not TASK_NUMBER.match(task.id):
        out.append(_warn(study, base + ("id",), "TR-009",
                         f"task number '{task.id}' is not department code + serial (e.g. A-01)",
                         f"作業編號「{task.id}」應為部門代號＋流水號（例：A-01）"))
    if not task.rows:
        out.append(_warn(study, base, "TR-008", f"task {task.id} has no hazard rows",
                         f"作業 {task.id} 未辨識任何危害"))
        return out
    phases = {row.phase for row in task.rows}
    if "normal" not in phases:
        out.append(_warn(study, base + ("rows",), "TR-002",
                         f"task {task.id} is not assessed for normal operation",
                         f"作業 {task.id} 未評估正常作業情況之危害"))
    if not phases & {"abnormal", "emergency"}:
        out.append(_warn(study, base + ("rows",), "TR-002",
                         f"task {task.id} is not assessed for abnormal or emergency conditions",
                         f"作業 {task.id} 未評估異常或緊急情況之危害"))
    for phase in task.phases:
        if phase not in phases:
            out.append(_warn(study, base + ("phases",), "TR-002",
                             f"task {task.id} lists phase '{phase}' but no row assesses it",
                             f"作業 {task.id} 列有作業階段「{phase}」但無對應之危害項目"))
    if version == "system":
        for field in CONDITION_FIELDS:
            if not getattr(task.conditions, field):
                out.append(_warn(study, base + ("conditions",), "TR-008",
                                 f"task condition '{field}' is blank (system version)",
                                 f"作業條件「{field}」未填寫（系統版）"))
    return out


def _row_rules(study, row, path, matrix, version) -> list[Problem]:
    settings = study.task_risk
    out = []
    pattern = settings.document_pattern
    for k, control in enumerate(row.controls.administrative):
        if not rating.cites_document(control, pattern):
            out.append(_warn(study, path + ("controls", "administrative", k), "TR-001",
                             f"administrative control '{control}' cites no document (SOP or WI number)",
                             "管理控制須標註標準作業程序或工作指導書之名稱或編號"))
    if not row.scenario.strip():
        out.append(_warn(study, path + ("scenario",), "TR-008", "the consequence scenario is blank",
                         "危害可能造成後果之情境描述未填寫"))
    if version in ("standard", "system") and row.severity is None:
        out.append(_warn(study, path, "TR-008", f"row {row.id} is not rated (severity and likelihood blank)",
                         f"項目 {row.id} 未評估嚴重度及可能性"))
    for k, measure in enumerate(row.measures):
        if not measure.owner or measure.due is None:
            blank = " and ".join(f for f, v in (("owner", measure.owner), ("due", measure.due)) if not v)
            out.append(_warn(study, path + ("measures", k), "TR-008",
                             f"measure '{measure.text}' has no {blank}",
                             "控制措施未指定負責人或完成期限"))
    initial, residual = levels(row, matrix)
    high = initial is not None and initial >= settings.high_level
    tiers = [m.tier for m in row.measures]
    if high:
        if not any(m.owner and m.due for m in row.measures):
            out.append(_warn(study, path + ("measures",), "TR-003",
                             f"level-{initial} risk without a measure that has an owner and a due date",
                             f"風險等級 {initial} 之項目須有指定負責人及完成期限之控制措施"))
        if row.measures and not rating.hardware_measure(tiers):
            out.append(_warn(study, path + ("measures",), "TR-006",
                             f"level-{initial} risk treated by administrative controls or PPE only: consider "
                             f"elimination, substitution or engineering controls first",
                             "高風險項目僅採管理控制或個人防護具，應依消除、取代、工程控制之優先順序考量"))
        if residual is None:
            out.append(_warn(study, path, "TR-004", f"level-{initial} risk without a residual rating",
                             f"風險等級 {initial} 之項目未評估控制後預估風險"))
    if residual is not None and row.acceptance is None and \
            not rating.residual_acceptable(residual, matrix, settings.acceptable_residual_level):
        out.append(_warn(study, path + ("residual_likelihood",), "TR-004",
                         f"residual level {residual} ({matrix.label(residual)}) is not acceptable: "
                         f"reduce it (recommended: low or below) or record the acceptance "
                         f"(acceptance: accepted_by, accepted_on, reason)",
                         f"控制後預估風險等級 {residual}（{matrix.label(residual, 'zh-TW')}）非可接受風險，"
                         f"建議降至低度風險以下或記錄風險接受"))
    if residual is not None:
        if not matrix.likelihood_at_least(row.likelihood, row.residual_likelihood):
            out.append(_warn(study, path + ("residual_likelihood",), "TR-005",
                             f"residual likelihood {row.residual_likelihood} is above the initial {row.likelihood}",
                             f"控制後可能性 {row.residual_likelihood} 高於現有風險之可能性 {row.likelihood}"))
        if not matrix.severity_at_least(row.severity, row.residual_severity):
            out.append(_warn(study, path + ("residual_severity",), "TR-005",
                             f"residual severity {row.residual_severity} is above the initial {row.severity}",
                             f"控制後嚴重度 {row.residual_severity} 高於現有風險之嚴重度 {row.severity}"))
        elif row.residual_severity != row.severity and not rating.hardware_measure(tiers):
            out.append(_warn(study, path + ("residual_severity",), "TR-007",
                             f"severity lowered from {row.severity} to {row.residual_severity} by administrative "
                             f"controls or PPE alone: severity reflects the worst credible consequence",
                             "僅以管理控制或個人防護具降低嚴重度，嚴重度應反映最嚴重可能後果"))
    return out
