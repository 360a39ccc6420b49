"""Ex-check failures tracked as recommendations, the way machinery checklist failures are.

Every failing item of the Ex check (:func:`pse.zoning.excheck.check_equipment`) becomes a generated
recommendation ``REC-EX-<equipment>-Z<zone>`` (status open, owner and due date left to fill) traced to the
equipment, the zone and the sources of release that put it there.  A study adopts one by listing a
recommendation with that ID (giving owner, due date, status and, once closed, evidence): the study's entry
then stands in the register instead of the generated one.
"""

from __future__ import annotations


def recommendation_id(finding) -> str:
    """``REC-EX-<equipment>-Z<zone>``.

    >>> from types import SimpleNamespace
    >>> recommendation_id(SimpleNamespace(equipment="EQ-MTR-201", zone="1"))
    'REC-EX-EQ-MTR-201-Z1'
    """
    return f"REC-EX-{finding.equipment}-Z{finding.zone}"


def generated_recommendations(study, findings=None) -> list[dict]:
    """One entry per failing Ex-check item: id, text (en, zh-TW), owner/due None, status open, sources, generated.

    ``sources`` reads ``equipment / Zone z / source, source`` (the trace to equipment, zone and release sources).
    """
    from pse.zoning.excheck import recommendation_text

    if findings is None:
        from pse.zoning.area import classify_area

        findings = classify_area(study).findings
    out = []
    for f in findings:
        if f.ok:
            continue
        out.append({"id": recommendation_id(f),
                    "text": {lang: recommendation_text(f, lang) for lang in ("en", "zh-TW")},
                    "owner": None, "due": None, "status": "open",
                    "sources": [f"{f.equipment} / Zone {f.zone} / {', '.join(f.sources)}"], "generated": True})
    return out


def lint(study, findings) -> list:
    """``pse lint`` warnings: each failing item without a study recommendation of its ID (rule ZONE-EX)."""
    smap = study.source_map
    declared = {r.id for r in study.recommendations}
    index = {e.id: i for i, e in enumerate(study.equipment)}
    problems = []
    for f in findings:
        if f.ok or recommendation_id(f) in declared:
            continue
        problems.append(smap.problem(
            ("equipment", index[f.equipment], "ex"),
            f"{f.tag} in Zone {f.zone} fails the Ex check ({'; '.join(map(str, f.problems))}): pse adds "
            f"{recommendation_id(f)} to the register; list it in 'recommendations' with owner and due date / "
            "防爆檢查不合格, 已自動產生改善建議", severity="warning", rule="ZONE-EX"))
    return problems
