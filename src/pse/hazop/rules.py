"""HAZOP rules: what counts in results, the risk of a row, and the LOPA flag.

* A row (scenario, cause, consequence, safeguard) *counts* when it was written by the team
  (``origin: manual``) or, if it came from the suggestion library (``origin: suggested``),
  once a named reviewer accepted it (``accepted_by`` and ``accepted_on`` both recorded).
* Risk level = the cell of the row's risk matrix at (severity, likelihood)
  (``RiskMatrix.level``; the matrix is the scenario's ``risk_matrix`` or the study's).
* LOPA flag: ``scenario.lopa`` set by hand wins; otherwise the row goes to LOPA when any
  ``hazop.lopa_rules`` entry for its matrix matches: severity at least as severe as
  ``severity_at_least`` (``RiskMatrix.severity_at_least``) or risk level at least as bad as
  ``risk_at_least`` (``RiskMatrix.worse_or_equal``).  An unaccepted suggestion never goes.

Seed 001 (butadiene reactor) check values: rows 1.1 (S2, L2 -> risk 2) and 1.2 (S1, L2 ->
risk 1) are both marked "LOPA = Y"; the rule ``risk_at_least: 2`` on ``seed001-hazop`` gives
exactly that:

>>> from pse.risk import load_matrix
>>> m = load_matrix("seed001-hazop")
>>> risk_level(m, 2, 2), risk_level(m, 1, 2)
(2, 1)
>>> rule_matches(m, None, 2, 2, 2), rule_matches(m, None, 2, 1, 2), rule_matches(m, None, 2, 3, 3)
(True, True, False)
"""

from __future__ import annotations


def counts(obj) -> bool:
    """Does a row count in results? Manual rows do; suggestions only once accepted.

    >>> from types import SimpleNamespace as Row
    >>> counts(Row(origin="manual", accepted_by=None, accepted_on=None))
    True
    >>> counts(Row(origin="suggested", accepted_by="A. Lin", accepted_on=None))
    False
    >>> counts(Row(origin="suggested", accepted_by="A. Lin", accepted_on="2026-11-30"))
    True
    """
    if getattr(obj, "origin", "manual") != "suggested":
        return True
    return bool(getattr(obj, "accepted_by", None)) and getattr(obj, "accepted_on", None) is not None


def risk_level(matrix, severity, likelihood) -> int | None:
    """Risk level of a row: ``matrix.level(severity, likelihood)``, ``None`` when either is unset.

    Source: the matrix's cell table (for ``tw-osha-5``: seed 002 Table 1-3).

    >>> from pse.risk import load_matrix
    >>> risk_level(load_matrix("tw-osha-5"), "S4", "P3"), risk_level(load_matrix("tw-osha-5"), "S4", None)
    (4, None)
    """
    if severity is None or likelihood is None:
        return None
    return matrix.level(severity, likelihood)


def risk_after(matrix, scenario) -> int | None:
    """Risk after the recommendations: (severity_after or severity) x (likelihood_after or likelihood).

    With no after-rating and no recommendations the risk is unchanged; with recommendations but no
    after-rating the cell is empty (the team has not rated it yet).
    """
    if scenario.severity_after is None and scenario.likelihood_after is None:
        if scenario.recommendations:
            return None
        return risk_level(matrix, scenario.severity, scenario.likelihood)
    return risk_level(matrix, scenario.severity_after or scenario.severity,
                      scenario.likelihood_after or scenario.likelihood)


def rule_matches(matrix, severity_at_least, risk_at_least, severity, level) -> bool:
    """Does one LOPA rule match a row of this severity and risk level?

    ``severity_at_least``: the row's severity is at least as severe (``matrix.severity_at_least``).
    ``risk_at_least``: the row's risk level is at least as bad (``matrix.worse_or_equal``).
    Either threshold may be ``None`` (not used); a row missing the rated value does not match.

    >>> from pse.risk import load_matrix
    >>> m = load_matrix("tw-osha-5")
    >>> rule_matches(m, "S4", None, "S4", 3), rule_matches(m, "S4", None, "S3", 4), rule_matches(m, None, 4, "S3", 4)
    (True, False, True)
    """
    if severity_at_least is not None and severity is not None:
        if matrix.severity_at_least(severity, severity_at_least):
            return True
    if risk_at_least is not None and level is not None:
        if matrix.worse_or_equal(level, risk_at_least):
            return True
    return False


def matrix_of(study, scenario):
    """The risk matrix a scenario is rated with (its own, else the study's)."""
    from pse.model.validate import matrix_for

    return matrix_for(study, scenario.risk_matrix or study.risk_matrix)


def lopa_by_rule(study, scenario) -> bool:
    """The study's LOPA rules applied to a scenario (ignoring any hand-set flag)."""
    rules = study.hazop.lopa_rules
    if not rules:
        return False
    name = scenario.risk_matrix or study.risk_matrix
    try:
        matrix = matrix_of(study, scenario)
        level = risk_level(matrix, scenario.severity, scenario.likelihood)
    except (KeyError, ValueError):
        return False
    for rule in rules:
        if (rule.risk_matrix or study.risk_matrix) != name:
            continue
        try:
            if rule_matches(matrix, rule.severity_at_least, rule.risk_at_least, scenario.severity, level):
                return True
        except (KeyError, ValueError):  # a bad threshold is reported by the HAZOP check
            continue
    return False


def scenario_counts(study, scenario) -> bool:
    """A scenario counts when it, its cause and its consequence all count (a missing one is no objection)."""
    if not counts(scenario):
        return False
    for ref in (scenario.cause, scenario.consequence):
        target = study.get(ref) if ref else None   # one look-up per reference
        if target is not None and not counts(target):
            return False
    return True


def lopa_flag(study, scenario) -> bool:
    """Is this scenario sent to LOPA? Hand-set ``lopa`` wins, else the study's rules; suggestions never."""
    if not scenario_counts(study, scenario):
        return False
    if scenario.lopa is not None:
        return scenario.lopa
    return lopa_by_rule(study, scenario)


def installed_by(study, safeguard) -> str | None:
    """The recommendation that installs a *proposed* safeguard; ``None`` for an existing one.

    Rule (issue 13, "now and planned"): a safeguard is proposed when its own ``status`` is
    ``proposed``, or when the SIF it credits (``ipl.sif``) is proposed; the recommendation is the
    safeguard's, else the SIF's.  Proposed safeguards are listed in the HAZOP worksheet's own
    column "Proposed safeguards (recommendation)", apart from the existing ones, and are
    credited only in the planned LOPA.

    >>> from types import SimpleNamespace as O
    >>> sif = O(status="proposed", recommendation="R-05")
    >>> study = O(get=lambda i: {"SIF-01": sif}.get(i))
    >>> installed_by(study, O(status="existing", recommendation=None, ipl=O(sif="SIF-01")))
    'R-05'
    >>> installed_by(study, O(status="existing", recommendation=None, ipl=None)) is None
    True
    """
    if getattr(safeguard, "status", "existing") == "proposed":
        return safeguard.recommendation or ""
    ipl = getattr(safeguard, "ipl", None)
    sif = study.get(ipl.sif) if ipl is not None and ipl.sif else None
    if sif is not None and getattr(sif, "status", "existing") == "proposed":
        return getattr(safeguard, "recommendation", None) or sif.recommendation or ""
    return None
