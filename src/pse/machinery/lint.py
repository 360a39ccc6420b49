"""Completeness prompts and PL/acceptance warnings of the machinery review (lint warnings of `pse check`).

========  =====================================================================================
MACH-STATIONS  a machine worked by more than one operator does not record its operating stations
MACH-AXES      a light curtain does not record whether it has intermediate light axes (MES 12-1)
MACH-NOHAZ     a life-cycle phase, task or danger zone has no hazard and is not in ``none_identified``
MACH-NOPL      a safety function has no PL achieved (neither computed from subsystems nor declared)
MACH-PLCALC    the PL calculation of a safety function cannot be done (the reason is given)
MACH-OPEN      a checklist item of the machine's checklists is not answered
MACH-RESID     a hazard's residual risk is not acceptable and no acceptance is recorded
========  =====================================================================================
"""

from __future__ import annotations


def _warn(study, path, rule: str, message: str):
    return study.source_map.problem(path, message, severity="warning", rule=rule)


def _record_prompts(study, machine, base) -> list:
    out = []
    if machine.operators and machine.operators > 1 and machine.operating_stations is None:
        out.append(_warn(study, base + ("operators",), "MACH-STATIONS",
                         f"{machine.operators} operators but no operating_stations recorded: record how many "
                         "operating stations the machine has (one per operator, MES 16) / 多人操作須記錄操作站數"))
    curtain = machine.light_curtain
    if curtain is not None and curtain.intermediate_light_axes is None:
        out.append(_warn(study, base + ("light_curtain",), "MACH-AXES",
                         "light curtain without intermediate_light_axes: record whether a body can stand between "
                         "the curtain and the die, and whether intermediate axes are fitted (MES 12-1) / "
                         "請記錄是否設置中間光軸"))
    return out


def _no_hazard_prompts(study, machine, base) -> list:
    out = []
    none = set(machine.none_identified)
    tasks = {t.id: t for t in machine.tasks}
    phases = {h.phase for h in machine.hazards if h.phase}
    phases |= {tasks[h.task].phase for h in machine.hazards if h.task in tasks}
    for k, phase in enumerate(machine.life_cycle_phases):
        if phase not in phases and phase not in none:
            out.append(_warn(study, base + ("life_cycle_phases", k), "MACH-NOHAZ",
                             f"life-cycle phase '{phase}' has no hazard: identify its hazards or add '{phase}' to "
                             "none_identified / 此生命週期階段未辨識危害"))
    with_task = {h.task for h in machine.hazards if h.task}
    for k, task in enumerate(machine.tasks):
        if task.id not in with_task and task.id not in none:
            out.append(_warn(study, base + ("tasks", k), "MACH-NOHAZ",
                             f"task '{task.id}' has no hazard: identify its hazards or add '{task.id}' to "
                             "none_identified / 此作業未辨識危害"))
    with_zone = {h.danger_zone for h in machine.hazards if h.danger_zone}
    for k, zone in enumerate(machine.danger_zones):
        if zone.id not in with_zone and zone.id not in none:
            out.append(_warn(study, base + ("danger_zones", k), "MACH-NOHAZ",
                             f"danger zone '{zone.id}' has no hazard: identify its hazards or add '{zone.id}' to "
                             "none_identified / 此危險區域未辨識危害"))
    return out


def _function_prompts(study, review, base) -> list:
    out = []
    for j, function in enumerate(review.machine.safety_functions):
        result = review.pl_results.get(function.id)
        path = base + ("safety_functions", j)
        if result is not None and result.error:
            out.append(_warn(study, path + ("subsystems",), "MACH-PLCALC",
                             f"PL of '{function.id}' cannot be computed: {result.error}"))
        if (result is None or result.pl is None) and not function.pl_achieved:
            out.append(_warn(study, path, "MACH-NOPL",
                             f"safety function '{function.id}' has no PL achieved: give its subsystems "
                             "(category, channels, DCavg, CCF) or pl_achieved / 安全功能未評估達成 PL"))
    return out


def _residual_prompts(study, machine, base, matrix) -> list:
    from pse.taskrisk.rating import residual_acceptable

    out = []
    for j, hazard in enumerate(machine.hazards):
        if hazard.acceptance is not None or hazard.residual_severity is None or hazard.residual_likelihood is None:
            continue
        level = matrix.level(hazard.residual_severity, hazard.residual_likelihood)
        if not residual_acceptable(level, matrix, study.task_risk.acceptable_residual_level):
            out.append(_warn(study, base + ("hazards", j, "residual_likelihood"), "MACH-RESID",
                             f"residual level {level} of '{hazard.id}' is not acceptable: reduce it or record the "
                             "acceptance (acceptance: accepted_by, accepted_on, reason) / 殘餘風險非可接受，"
                             "請降低或記錄接受"))
    return out


def lint(study, reviews) -> list:
    """Every completeness prompt and PL / acceptance warning of the machines of ``study``."""
    from pse.model.validate import matrix_for

    matrix = None
    out = []
    for i, review in enumerate(reviews):
        machine, base = review.machine, ("machines", i)
        out += _record_prompts(study, machine, base)
        out += _no_hazard_prompts(study, machine, base)
        out += _function_prompts(study, review, base)
        open_items = [row.item.id for row in review.checklist if row.result is None]
        if open_items:
            out.append(_warn(study, base + ("checklist",), "MACH-OPEN",
                             f"{len(open_items)} checklist item(s) not answered: {', '.join(open_items)} "
                             "(answer pass, fail or na) / 檢核項目未填答"))
        if any(h.residual_severity is not None for h in machine.hazards):
            matrix = matrix or matrix_for(study)
            out += _residual_prompts(study, machine, base, matrix)
    return out
