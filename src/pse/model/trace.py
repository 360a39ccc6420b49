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
    counts for the nearest row above it that has one.
    """
    from pse.model.schema import Obj

    sources: dict[str, list[str]] = defaultdict(list)

    def walk(obj, owner):
        if isinstance(obj, list):
            for item in obj:
                walk(item, owner)
            return
        if not isinstance(obj, Obj):
            return
        if type(obj).kind == "recommendation":
            return
        owner = getattr(obj, "id", None) or owner
        for name in type(obj).model_fields:
            value = getattr(obj, name)
            if name in ("recommendations", "recommendation") and owner:
                for rec in (value if isinstance(value, list) else [value]):
                    if isinstance(rec, str):
                        sources[rec].append(owner)
            else:
                walk(value, owner)

    for name in type(study).model_fields:
        walk(getattr(study, name), None)
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
    sifs = sif_sources(study)
    for sif in study.sifs:
        if sif.id not in sifs:
            problems.append(smap.problem(study.path_of(sif.id), f"SIF '{sif.id}' is credited by no scenario: "
                                         f"every SIF should come from a LOPA gap / 此 SIF 未被任何情境採計",
                                         severity="warning", rule="TRACE-SIF"))
    recs = recommendation_sources(study)
    for rec in study.recommendations:
        if rec.id not in recs:
            problems.append(smap.problem(study.path_of(rec.id), f"recommendation '{rec.id}' is linked to no row: "
                                         f"say which scenario, task, machine or FMEA row it addresses / "
                                         f"此建議事項未連結任何分析項目",
                                         severity="warning", rule="TRACE-REC"))
    return problems
