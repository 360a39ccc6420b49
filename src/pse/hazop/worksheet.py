"""The HAZOP worksheet: one row per scenario (cause -> consequence), grouped by node and deviation.

Columns, in the usual HAZOP order: deviation -> cause -> consequence -> safeguards ->
severity / likelihood / risk level by the row's matrix -> recommendations -> risk after ->
LOPA.  A deviation with no scenario yet is one row with empty cells (or "None identified"
when the team said so).  Unaccepted suggestions are left out of :func:`worksheet` (they count
in no result) and are shown, without a risk level, only where the team reviews them (the
Excel export, ``include_suggestions=True``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

LABELS = str(Path(__file__).with_name("labels.yaml"))

#: worksheet columns (label keys), in order
KEYS = ("node", "row_id", "deviation_id", "guide_word", "parameter", "deviation", "cause_id", "cause",
        "consequence_id", "consequence", "category", "safeguards", "proposed_safeguards", "severity", "likelihood",
        "risk", "recommendations", "severity_after", "likelihood_after", "risk_after", "lopa_by_hand", "lopa",
        "origin", "accepted_by", "accepted_on", "notes")
#: columns computed by pse (edits in a workbook are ignored)
COMPUTED = ("node", "proposed_safeguards", "risk", "risk_after", "lopa", "origin")
LEVEL_KEYS = ("severity", "likelihood", "severity_after", "likelihood_after")


@lru_cache(maxsize=4096)     # the catalogue is read once per process; a row asks ~50 times
def _l(key: str, lang: str) -> str:
    from pse.i18n import label

    return label(key, lang, LABELS)


def none_identified_texts() -> set[str]:
    """Every spelling of "None identified" accepted on import (both languages, casefolded)."""
    return {_l("none_identified", "en").casefold(), _l("none_identified", "zh-TW").casefold(), "none", "無",
            "n/a"}


@dataclass
class Row:
    """One worksheet row: its ID, kind, node, matrix and the cell values by column key."""

    row_id: str
    kind: str                      # "scenario" or "deviation"
    node: str | None
    matrix: str
    values: dict = field(default_factory=dict)
    counts: bool = True


def _join(lines) -> str:
    return "\n".join(lines)


def _node_of(study, scenario) -> str | None:
    if scenario.node:
        return scenario.node
    deviation = study.get(scenario.deviation) if scenario.deviation else None
    if deviation is not None:
        return deviation.node
    cause = study.get(scenario.cause)
    return cause.node if cause is not None else None


def scenario_row(study, scenario, lang: str, library) -> Row:
    """The worksheet row of one scenario."""
    from pse.hazop.rules import lopa_flag, matrix_of, risk_after, risk_level, scenario_counts

    none = _l("none_identified", lang)
    deviation = study.get(scenario.deviation) if scenario.deviation else None
    cause = study.get(scenario.cause)
    consequence = study.get(scenario.consequence)
    matrix = matrix_of(study, scenario)
    counted = scenario_counts(study, scenario)
    existing, proposed = split_safeguards(study, scenario)
    recommendations = [study.get(r) for r in scenario.recommendations]
    values = {
        "node": _node_of(study, scenario) or "",
        "row_id": scenario.id,
        **_deviation_cells(deviation, lang, library),
        "cause_id": cause.id,
        "cause": cause.description,
        "consequence_id": consequence.id,
        "consequence": consequence.description,
        "category": consequence.category,
        "safeguards": _join(f"{s.id}: {s.description}" for s in existing)
        or (none if "safeguards" in scenario.none_identified else ""),
        "proposed_safeguards": _join(f"{s.id}: {s.description} ({rec or '-'})" for s, rec in proposed),
        "severity": scenario.severity or "",
        "likelihood": scenario.likelihood or "",
        "risk": (risk_level(matrix, scenario.severity, scenario.likelihood) or "") if counted else "",
        "recommendations": _join(f"{r.id}: {r.text}" for r in recommendations)
        or (none if "recommendations" in scenario.none_identified else ""),
        "severity_after": scenario.severity_after or "",
        "likelihood_after": scenario.likelihood_after or "",
        "risk_after": (risk_after(matrix, scenario) or "") if counted else "",
        "lopa_by_hand": "" if scenario.lopa is None else ("Y" if scenario.lopa else "N"),
        "lopa": ("Y" if lopa_flag(study, scenario) else "N") if counted else "",
        "origin": scenario.origin,
        "accepted_by": scenario.accepted_by or "",
        "accepted_on": scenario.accepted_on.isoformat() if scenario.accepted_on else "",
        "notes": scenario.notes or "",
    }
    return Row(scenario.id, "scenario", values["node"] or None, scenario.risk_matrix or study.risk_matrix, values,
               counted)


def split_safeguards(study, scenario) -> tuple[list, list]:
    """A scenario's safeguards as ``(existing, [(proposed, recommendation ID)])``, in the scenario's order.

    Proposed safeguards (:func:`pse.hazop.rules.installed_by`) get their own worksheet column,
    "Proposed safeguards (recommendation)", computed by pse (read-only in the workbook).
    """
    from pse.hazop.rules import installed_by

    existing, proposed = [], []
    for ref in scenario.safeguards:
        safeguard = study.get(ref)
        recommendation = installed_by(study, safeguard)
        if recommendation is None:
            existing.append(safeguard)
        else:
            proposed.append((safeguard, recommendation))
    return existing, proposed


def _deviation_cells(deviation, lang, library) -> dict:
    """Deviation ID, guide word, parameter and deviation name in ``lang``.

    In English the guide word and parameter are their library IDs (``more``, ``pressure``); in
    another language their library names (``過多``, ``壓力``).  The deviation's own ``name`` is shown
    as written unless it is the library's name of that deviation in some language (then the
    library's name in ``lang``): a zh-TW worksheet leaves no standard term in English.
    """
    if deviation is None:
        return {"deviation_id": "", "guide_word": "", "parameter": "", "deviation": ""}
    try:
        gw, par = library.guide_word(deviation.guide_word), library.parameter(deviation.parameter)
    except ValueError:
        return {"deviation_id": deviation.id, "guide_word": deviation.guide_word, "parameter": deviation.parameter,
                "deviation": deviation.name or ""}
    name = deviation.name or ""
    standard = library.parameters[par].deviations.get(gw) or {}
    if not name or name.casefold() in {str(t).casefold() for t in standard.values()}:
        name = library.deviation_name(gw, par, lang)
    return {"deviation_id": deviation.id, "guide_word": library.term_label("guide word", gw, lang),
            "parameter": library.term_label("parameter", par, lang), "deviation": name}


def deviation_row(study, deviation, lang: str, library, matrices: dict | None = None) -> Row:
    """The row of a deviation that has no scenario: empty cells or "None identified".

    ``matrices``: :func:`node_matrices` of the study when the caller has them (one pass for all rows).
    """
    values = {key: "" for key in KEYS}
    values.update(_deviation_cells(deviation, lang, library))
    values.update({"node": deviation.node, "row_id": deviation.id, "origin": deviation.origin,
                   "notes": deviation.notes or ""})
    if deviation.none_identified:
        values["cause"] = _l("none_identified", lang)
    matrix = node_matrix(study, deviation.node) if matrices is None else matrices.get(deviation.node,
                                                                                      study.risk_matrix)
    return Row(deviation.id, "deviation", deviation.node, matrix, values)


def node_matrix(study, node_id: str | None) -> str:
    """The matrix a node's rows are rated with: that of its first scenario, else the study's."""
    for scenario in study.scenarios:
        if scenario.risk_matrix and _node_of(study, scenario) == node_id:
            return scenario.risk_matrix
    return study.risk_matrix


def node_matrices(study) -> dict:
    """:func:`node_matrix` of every node that has a scenario with its own matrix, in one pass over the scenarios
    (nodes not in it use the study's matrix)."""
    matrices: dict = {}
    for scenario in study.scenarios:
        if scenario.risk_matrix:
            matrices.setdefault(_node_of(study, scenario), scenario.risk_matrix)
    return matrices


def rows(study, lang: str = "en", include_suggestions: bool = False, memo: dict | None = None) -> list[Row]:
    """Every worksheet row in order: node by node, deviation by deviation, then rows without a node.

    Linear in the rows: scenarios are indexed by deviation and by node once.  ``memo`` (a dict kept
    by the caller for one study and language) shares the scenario rows between calls, e.g. with
    and without suggestions: a scenario's row does not depend on which other rows are shown.
    """
    from pse.hazop.library import library_for
    from pse.hazop.rules import scenario_counts

    library = library_for(study)
    scenarios = [s for s in study.scenarios if include_suggestions or scenario_counts(study, s)]
    node_of = {s.id: _node_of(study, s) for s in scenarios}
    by_deviation: dict[str | None, list] = {}
    by_node: dict[str | None, list] = {}
    for scenario in scenarios:
        by_deviation.setdefault(scenario.deviation, []).append(scenario)
        by_node.setdefault(node_of[scenario.id], []).append(scenario)
    deviations_of: dict[str, list] = {}
    for deviation in study.deviations:
        deviations_of.setdefault(deviation.node, []).append(deviation)
    out: list[Row] = []
    done: set[str] = set()
    memo = {} if memo is None else memo
    matrices = node_matrices(study)

    def add(scenario) -> None:
        row = memo.get(scenario.id)
        if row is None:
            row = memo[scenario.id] = scenario_row(study, scenario, lang, library)
        out.append(row)
        done.add(scenario.id)

    for node in study.nodes:
        for deviation in deviations_of.get(node.id, []):
            members = [s for s in by_deviation.get(deviation.id, []) if (node_of[s.id] or node.id) == node.id
                       and s.id not in done]
            if not members:
                out.append(deviation_row(study, deviation, lang, library, matrices))
            for scenario in members:
                add(scenario)
        for scenario in by_node.get(node.id, []):
            if scenario.id not in done:
                add(scenario)
    for scenario in scenarios:
        if scenario.id not in done:
            add(scenario)
    return out


def worksheet(study, lang: str = "en", include_suggestions: bool = False, all_rows: list | None = None):
    """The HAZOP worksheet of a validated study as a pandas DataFrame (labels in ``lang``).

    Unaccepted suggestions are left out unless ``include_suggestions`` (then their risk and
    LOPA cells stay empty: they count in no result).  ``all_rows``: the rows of :func:`rows`
    when the caller has them already.
    """
    import pandas as pd

    if all_rows is None:
        all_rows = rows(study, lang, include_suggestions)
    records = [[row.values.get(k, "") for k in KEYS] for row in all_rows]
    return pd.DataFrame(records, columns=[_l(k, lang) for k in KEYS])


def risk_colour(study, matrix_name: str, level) -> str | None:
    """Fill colour of a risk-level cell: the matrix's colour for that level."""
    from pse.model.validate import matrix_for

    if level in ("", None):
        return None
    try:
        return matrix_for(study, matrix_name).describe(int(level)).colour
    except (KeyError, ValueError):
        return None


def sheet(study, lang: str = "en", all_rows: list | None = None):
    """The worksheet as a :class:`pse.tables.Sheet` (CSV, Markdown, HTML exports)."""
    from pse.tables import Sheet

    if all_rows is None:
        all_rows = rows(study, lang)
    table = worksheet(study, lang, all_rows=all_rows)
    meta = study.study
    header = [f"{meta.title} - {meta.company or ''} {meta.site or ''}".strip(),
              f"{_l('risk', lang)}: {study.risk_matrix}; revision {meta.revision or '-'}; {meta.date or ''}"]
    risk_columns = {_l("risk", lang), _l("risk_after", lang)}

    colours: dict = {}

    def colour(column, value, index):
        if column not in risk_columns:
            return None
        key = (all_rows[index].matrix, value)
        if key not in colours:
            colours[key] = risk_colour(study, *key)
        return colours[key]

    return Sheet("HAZOP", table, _l("hazop", lang), header, colour=colour, lang=lang,
                 widths={_l(k, lang): 40 for k in ("cause", "consequence", "safeguards", "recommendations")})


def summary(study, lang: str = "en", all_rows: list | None = None) -> dict:
    """Counts for the run summary: rows, deviations, counted scenarios, open deviations, suggestions, LOPA."""
    from pse.hazop.rules import lopa_flag, scenario_counts

    if all_rows is None:
        all_rows = rows(study, lang)
    return {
        "summary_rows": len(all_rows),
        "summary_deviations": len(study.deviations),
        "summary_scenarios": sum(1 for s in study.scenarios if scenario_counts(study, s)),
        "summary_open": sum(1 for r in all_rows if r.kind == "deviation" and not r.values["cause"]),
        "summary_suggested": sum(1 for s in study.scenarios if not scenario_counts(study, s)),
        "summary_lopa": sum(1 for s in study.scenarios if lopa_flag(study, s)),
    }
