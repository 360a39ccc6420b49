"""Traceability across modules: which rows lead to which recommendations and SIFs.

A study is reviewed as a whole: a HAZOP scenario leads to a LOPA result, the
LOPA gap to a SIF, the SIF to its verification and to the FMEA of its devices;
task, machine and FMEA rows lead to recommendations.  This module finds those
links from the references in the study and reports orphans (a SIF no scenario
credits, a recommendation no row asks for) as lint warnings.
"""

from __future__ import annotations

from collections import defaultdict

from pse.model.errors import Problem


def recommendation_sources(study) -> dict[str, list[str]]:
    """Recommendation ID -> IDs of the rows that ask for it.

    Any field named ``recommendations`` or ``recommendation`` counts, at any depth:
    a nested object without an ID of its own (a task measure, an FMEA action)
    counts for the nearest row above it that has one.  One walk over the study, reading
    only the fields that may hold objects or recommendations (:func:`pse.model.walk.class_plan`).
    """
    from pse.model.walk import LIST, OBJECT, class_plan, shape_of

    sources: dict[str, list[str]] = defaultdict(list)

    def walk(obj, owner):
        shape = shape_of(type(obj))
        if shape == LIST:
            for item in obj:
                if shape_of(type(item)) in (OBJECT, LIST):
                    walk(item, owner)
            return
        if shape != OBJECT or type(obj).kind == "recommendation":
            return
        plan = class_plan(type(obj))
        if plan.identified:   # never getattr(obj, "id", None): pydantic's fallback __getattr__ is slow
            owner = obj.id or owner
        for name, is_recommendation in plan.trace:
            value = getattr(obj, name)
            if is_recommendation and owner:
                for rec in (value if isinstance(value, list) else [value]):
                    if isinstance(rec, str):
                        sources[rec].append(owner)
            elif value is not None:
                walk(value, owner)

    walk(study, None)
    return {k: list(dict.fromkeys(v)) for k, v in sources.items()}


def sif_sources(study) -> dict[str, list[str]]:
    """SIF ID -> scenarios whose safeguards credit it (through ``ipl.sif``)."""
    by_safeguard = {s.id: s.ipl.sif for s in study.safeguards if s.ipl is not None and s.ipl.sif}
    sources: dict[str, list[str]] = defaultdict(list)
    for scenario in study.scenarios:
        for sid in scenario.safeguards:
            if sid in by_safeguard:
                sources[by_safeguard[sid]].append(scenario.id)
    return dict(sources)


def orphan_problems(study) -> list[Problem]:
    """Lint warnings: SIFs no scenario credits; recommendations no row asks for."""
    smap = study.source_map
    problems = []
    sifs = sif_sources(study) if study.sifs else {}   # no SIF, no walk; no recommendation, no walk either
    for sif in study.sifs:
        if sif.id not in sifs:
            problems.append(smap.problem(study.path_of(sif.id), f"SIF '{sif.id}' is credited by no scenario: "
                                         f"every SIF should come from a LOPA gap / 此 SIF 未被任何情境採計",
                                         severity="warning", rule="TRACE-SIF"))
    recs = recommendation_sources(study) if study.recommendations else {}
    for rec in study.recommendations:
        if rec.id not in recs:
            problems.append(smap.problem(study.path_of(rec.id), f"recommendation '{rec.id}' is linked to no row: "
                                         f"say which scenario, task, machine or FMEA row it addresses / "
                                         f"此建議事項未連結任何分析項目",
                                         severity="warning", rule="TRACE-REC"))
    return problems


def lopa_now_planned(result) -> str:
    """The LOPA cell of the traceability table: mitigated frequency now and planned against the tolerable one.

    "now" credits existing layers only; "planned" adds the proposed ones (their recommendations).
    """
    now = result.now or result
    text = (f"now {now.mitigated_frequency_per_yr:.2e}/yr ({'tolerable' if now.meets_tolerable else 'NOT tolerable'})")
    if result.now is not None:
        text += (f"; planned {result.mitigated_frequency_per_yr:.2e}/yr "
                 f"({'tolerable' if result.meets_tolerable else 'NOT tolerable'})")
    return text + f" vs {result.tolerable_frequency_per_yr:.0e}; {result.sil_label}"


def _status_note(verification) -> str:
    return f" (proposed, {verification.recommendation})" if verification.status == "proposed" else ""


def _failure_modes_by_sif(study) -> dict[str, list[tuple[int, str]]]:
    """SIF ID -> (position, ID) of the FMEA rows of the equipment whose tag is one of its components."""
    by_tag: dict[str, list[tuple[int, str]]] = defaultdict(list)
    equipment_tag = {e.id: e.tag for e in study.equipment}
    for i, fm in enumerate(study.failure_modes):
        if fm.equipment and fm.equipment in equipment_tag:
            by_tag[equipment_tag[fm.equipment]].append((i, fm.id))
    out: dict[str, list[tuple[int, str]]] = {}
    for sif in study.sifs:
        tags: set[str] = set()
        for name in ("sensors", "logic_solver", "final_elements"):
            sub = getattr(sif, name)
            if sub is not None:
                tags.update(sub.components)
        out[sif.id] = [pair for tag in tags for pair in by_tag.get(tag, ())]
    return out


def traceability_rows(study, lopa_result=None, verifications=None) -> list[list]:
    """Rows of the traceability table: scenario -> LOPA -> SIF -> verification -> FMEA; rows -> recommendations."""
    lopa_by_scenario = {r.scenario: r for r in (lopa_result.scenarios if lopa_result else [])}
    verif_by_sif = {v.sif: v for v in (verifications or [])}
    fmea_of_sif = _failure_modes_by_sif(study)
    rows = []
    for scenario in study.scenarios:
        result = lopa_by_scenario.get(scenario.id)
        sifs = list(dict.fromkeys((result.sifs + [layer.sif for layer in result.layers if layer.sif])
                                  if result else []))
        found = sorted({pair for s in sifs for pair in fmea_of_sif.get(s, ())})
        fmea = [fm_id for _, fm_id in found]
        verification = "; ".join(
            f"{s}{_status_note(verif_by_sif[s])}: PFD {verif_by_sif[s].pfd_avg:.2e}, SIL {verif_by_sif[s].achieved_sil}"
            if s in verif_by_sif and verif_by_sif[s].complete else s for s in sifs)
        rows.append([scenario.id, "HAZOP" if scenario.origin == "manual" else "HAZOP (suggested)",
                     lopa_now_planned(result) if result else "-",
                     ", ".join(sifs) or "-", verification or "-", ", ".join(fmea) or "-",
                     ", ".join(scenario.recommendations) or "-"])
    sources = recommendation_sources(study)
    by_row: dict[str, list[str]] = {}
    for rec, rows_of in sources.items():
        for row in rows_of:
            by_row.setdefault(row, []).append(rec)
    for kind, collection in (("task", [r for t in study.tasks for r in t.rows]),
                             ("machine", [h for m in study.machines for h in m.hazards]),
                             ("FMEA", study.failure_modes)):
        for row in collection:
            if row.id in by_row:
                rows.append([row.id, kind, "-", "-", "-", "-", ", ".join(by_row[row.id])])
    return rows


