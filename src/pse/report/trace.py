"""Traceability of a study: HAZOP scenario -> LOPA -> SIF -> verification -> FMEA; rows -> recommendations."""

from __future__ import annotations


def traceability_rows(study, lopa_result=None, verifications=None) -> list[list]:
    """Rows of the traceability table: scenario -> LOPA -> SIF -> verification -> FMEA; rows -> recommendations."""
    from pse.model.trace import recommendation_sources

    lopa_by_scenario = {r.scenario: r for r in (lopa_result.scenarios if lopa_result else [])}
    verif_by_sif = {v.sif: v for v in (verifications or [])}
    component_tags = {}
    for sif in study.sifs:
        tags = set()
        for name in ("sensors", "logic_solver", "final_elements"):
            sub = getattr(sif, name)
            if sub is not None:
                tags.update(sub.components)
        component_tags[sif.id] = tags
    equipment_tag = {e.id: e.tag for e in study.equipment}
    rows = []
    for scenario in study.scenarios:
        result = lopa_by_scenario.get(scenario.id)
        sifs = result.sifs if result else []
        fmea = [fm.id for fm in study.failure_modes
                if fm.equipment and any(equipment_tag.get(fm.equipment) in component_tags.get(s, ()) for s in sifs)]
        verification = "; ".join(
            f"{s}: PFD {verif_by_sif[s].pfd_avg:.2e}, SIL {verif_by_sif[s].achieved_sil}"
            if s in verif_by_sif and verif_by_sif[s].complete else s for s in sifs)
        rows.append([scenario.id, "HAZOP" if scenario.origin == "manual" else "HAZOP (suggested)",
                     (f"{result.mitigated_frequency_per_yr:.2e}/yr vs {result.tolerable_frequency_per_yr:.0e}; "
                      f"{result.sil_label}") if result else "-",
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
