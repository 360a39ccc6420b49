"""Links of the machinery review to other modules: task-risk rows and FMEA rows (plain data for traceability)."""

from __future__ import annotations


def pl_gaps(study, reviews=None) -> dict[str, dict]:
    """Safety function ID -> {machine, plr, pl}: the functions whose PL achieved is missing or below PLr."""
    from pse.machinery.plr import pl_at_least
    from pse.machinery.report import achieved_pl
    from pse.machinery.review import review_study

    gaps = {}
    for review in review_study(study) if reviews is None else reviews:
        for function in review.machine.safety_functions:
            plr = review.function_plr[function.id][1]
            level, _ = achieved_pl(review, function)
            if plr and (level is None or not pl_at_least(level, plr)):
                gaps[function.id] = {"machine": review.machine.id, "plr": plr, "pl": level}
    return gaps


def machinery_links(study, reviews=None) -> list[dict]:
    """Every cross-module link to the machinery review, one dict per link.

    ``{"from": row ID, "module": "taskrisk" | "fmea", "to": machine hazard or safety function ID,
    "machine": machine ID, "gap": "PLr d, PL c" or ""}``.
    """
    hazards = {h.id: m.id for m in study.machines for h in m.hazards}
    functions = {f.id: m.id for m in study.machines for f in m.safety_functions}
    gaps = pl_gaps(study, reviews) if any(m.safety_function for m in study.failure_modes) else {}
    links = []
    for task in study.tasks:
        for row in task.rows:
            if row.machine_hazard:
                links.append({"from": row.id, "module": "taskrisk", "to": row.machine_hazard,
                              "machine": hazards.get(row.machine_hazard, ""), "gap": ""})
    for mode in study.failure_modes:
        if mode.safety_function:
            gap = gaps.get(mode.safety_function)
            links.append({"from": mode.id, "module": "fmea", "to": mode.safety_function,
                          "machine": functions.get(mode.safety_function, ""),
                          "gap": "" if gap is None else f"PLr {gap['plr']}, PL {gap['pl'] or '-'}"})
    return links


def link_problems(study, reviews=None) -> list:
    """Lint warnings: an FMEA failure that defeats a safety function with a PL gap (MACH-FMEA-GAP)."""
    out = []
    for link in machinery_links(study, reviews):
        if link["module"] == "fmea" and link["gap"]:
            out.append(study.source_map.problem(
                study.path_of(link["from"]) + ("safety_function",),
                f"FMEA failure '{link['from']}' defeats safety function '{link['to']}', whose PL does not reach "
                f"its PLr ({link['gap']}): this failure is not covered by a sufficient PL / 此失效模式所影響之安全"
                "功能未達要求性能等級", severity="warning", rule="MACH-FMEA-GAP"))
    return out


def traceability_link_rows(study) -> list[list]:
    """Rows for the study report's traceability table (7 columns: row, kind, LOPA, SIF/function, verification,
    FMEA, recommendations): task row -> machine hazard, FMEA row -> safety function with its PL gap."""
    rows = []
    for link in machinery_links(study):
        if link["module"] == "taskrisk":
            rows.append([link["from"], "task -> machine", "-", f"{link['machine']} {link['to']}", "-", "-", "-"])
        else:
            gap = f"PL gap: {link['gap']}" if link["gap"] else "-"
            rows.append([link["from"], "FMEA -> machine", "-", f"{link['machine']} {link['to']}", gap,
                         link["from"], "-"])
    return rows
