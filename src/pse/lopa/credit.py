"""IPL credit rules: which safeguards of a scenario count as independent protection layers.

Each rule is a small function taking what it needs and returning ``None`` (the
rule is satisfied) or the reason the layer is refused; :func:`credit_layers`
applies them in order to a scenario's safeguards.  Safeguards that are not
credited stay in the worksheet with their reason ("non-IPL safeguards").

Sources: CCPS, *Layer of Protection Analysis: Simplified Process Risk
Assessment* (2001), ch. 6 (IPL core attributes: specific, independent,
dependable, auditable) and ch. 7; CCPS, *Guidelines for Initiating Events and
Independent Protection Layers in LOPA* (2015), ch. 5-6 (BPCS: one credit, not
when the initiating event is a BPCS failure; operator response needs time and
is credited at most 0.1); IEC 61511-1:2016 clause 9.3.3 (a BPCS protection layer
not designed to IEC 61511 is claimed with a risk reduction of at most 10, i.e.
PFD not below 0.1).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

#: IEC 61511-1:2016 9.3.3 / CCPS 2015: lowest PFD claimable for a BPCS layer
BPCS_PFD_FLOOR = 0.1
#: CCPS 2015: lowest PFD claimable for operator response to an alarm
OPERATOR_RESPONSE_PFD_FLOOR = 0.1
#: CCPS 2001 ch. 6 / CCPS 2015: minimum time for a credited operator response, minutes
OPERATOR_RESPONSE_MIN_TIME_MIN = 10.0

#: IPL library types that are operator responses to an alarm
OPERATOR_TYPES = {"operator_response", "operator_response_10min", "alarm_operator_response", "alarm"}
#: IPL library types that are BPCS functions
BPCS_TYPES = {"bpcs", "bpcs_loop", "bpcs_control_loop", "bpcs_interlock"}


@dataclass(frozen=True)
class LayerCredit:
    """The decision on one safeguard of one scenario."""

    safeguard: str
    credited: bool
    pfd: Optional[float]
    reason: str
    category: str = "ipl"
    sif: Optional[str] = None


def is_bpcs(ipl) -> bool:
    """Is the layer a BPCS function (declared, or by its library type)?"""
    return bool(ipl.bpcs or (ipl.type or "") in BPCS_TYPES)


def is_operator_response(ipl) -> bool:
    """Is the layer an operator response to an alarm (by its library type)?"""
    return (ipl.type or "") in OPERATOR_TYPES


def rule_core_attributes(ipl) -> Optional[str]:
    """CCPS 2001 ch. 6: an IPL must be independent, specific, dependable and auditable.

    >>> from types import SimpleNamespace as NS
    >>> rule_core_attributes(NS(independent=True, specific=True, dependable=False, auditable=True))
    'not recorded as dependable'
    """
    missing = [name for name in ("independent", "specific", "dependable", "auditable")
               if not getattr(ipl, name)]
    if missing:
        return "not recorded as " + ", ".join(missing)
    return None


def rule_evidence(ipl) -> Optional[str]:
    """CCPS 2001 ch. 6 (auditability): the study must cite evidence (test records, SRS...).

    >>> from types import SimpleNamespace as NS
    >>> rule_evidence(NS(evidence=None))
    'no evidence reference (e.g. proof-test or inspection records)'
    """
    if not (ipl.evidence or "").strip():
        return "no evidence reference (e.g. proof-test or inspection records)"
    return None


def rule_bpcs_not_initiator(ipl, cause_is_bpcs_failure: bool) -> Optional[str]:
    """CCPS 2015: a BPCS function cannot protect against a failure of the same BPCS.

    >>> from types import SimpleNamespace as NS
    >>> rule_bpcs_not_initiator(NS(bpcs=True, type='bpcs_loop'), True)
    'BPCS layer not independent: the initiating event is a BPCS failure'
    """
    if cause_is_bpcs_failure and is_bpcs(ipl):
        return "BPCS layer not independent: the initiating event is a BPCS failure"
    return None


def rule_one_bpcs_layer(ipl, bpcs_already_credited: bool) -> Optional[str]:
    """CCPS 2015: at most one BPCS layer is credited in a scenario.

    >>> from types import SimpleNamespace as NS
    >>> rule_one_bpcs_layer(NS(bpcs=True, type=None), True)
    'a BPCS layer is already credited in this scenario (one BPCS credit at most)'
    """
    if bpcs_already_credited and is_bpcs(ipl):
        return "a BPCS layer is already credited in this scenario (one BPCS credit at most)"
    return None


def rule_operator_response_time(ipl) -> Optional[str]:
    """CCPS 2001/2015: operator response is credited only with at least 10 min to act.

    >>> from types import SimpleNamespace as NS
    >>> rule_operator_response_time(NS(type='operator_response', response_time_min=5))
    'operator response needs at least 10 min to act (5 min recorded)'
    """
    if not is_operator_response(ipl):
        return None
    time = ipl.response_time_min
    if time is None:
        return "operator response without a recorded response time (at least 10 min needed)"
    if time < OPERATOR_RESPONSE_MIN_TIME_MIN:
        return f"operator response needs at least 10 min to act ({time:g} min recorded)"
    return None


def limited_pfd(ipl, pfd: float) -> tuple[float, str]:
    """Apply the PFD floors: BPCS and operator response are credited at PFD >= 0.1.

    Returns the PFD used and a note when the claimed value was raised.

    >>> from types import SimpleNamespace as NS
    >>> limited_pfd(NS(bpcs=True, type='bpcs_loop'), 0.01)
    (0.1, 'claimed PFD 0.01 raised to 0.1 (BPCS layer, IEC 61511-1 9.3.3)')
    """
    if is_bpcs(ipl) and pfd < BPCS_PFD_FLOOR:
        return BPCS_PFD_FLOOR, f"claimed PFD {pfd:g} raised to 0.1 (BPCS layer, IEC 61511-1 9.3.3)"
    if is_operator_response(ipl) and pfd < OPERATOR_RESPONSE_PFD_FLOOR:
        return OPERATOR_RESPONSE_PFD_FLOOR, (f"claimed PFD {pfd:g} raised to 0.1 "
                                             f"(operator response, CCPS 2015)")
    return pfd, ""


def worksheet_category(ipl) -> str:
    """Column of the CCPS LOPA worksheet (seed 001 layout) that the layer belongs to."""
    kind = (ipl.type or "").lower()
    if ipl.sif or kind in ("sif", "sis"):
        return "sis"
    if kind in ("general_design", "general_process_design", "inherent_design"):
        return "general_design"
    if is_bpcs(ipl):
        return "bpcs"
    if is_operator_response(ipl):
        return "alarm"
    if kind in ("dike", "bund", "underground_drainage", "open_vent", "fireproofing", "blast_wall",
                "flame_arrestor", "deluge", "fire_protection", "additional_mitigation"):
        return "additional_mitigation"
    return "ipl"


def credit_layers(safeguards, cause_is_bpcs_failure: bool, pfd_of) -> list[LayerCredit]:
    """Decide the credit of each safeguard of one scenario, in the order listed.

    ``safeguards`` are model :class:`~pse.model.schema.Safeguard` objects;
    ``pfd_of(safeguard)`` returns the claimed PFD (from the study, the IPL
    library, or a verified SIF) or ``None``.
    """
    decisions: list[LayerCredit] = []
    bpcs_credited = False
    for safeguard in safeguards:
        ipl = safeguard.ipl
        if ipl is None:
            decisions.append(LayerCredit(safeguard.id, False, None, "not claimed as an IPL", "non_ipl"))
            continue
        category = worksheet_category(ipl)
        pfd = pfd_of(safeguard)
        reasons = [r for r in (
            rule_core_attributes(ipl),
            rule_evidence(ipl),
            rule_bpcs_not_initiator(ipl, cause_is_bpcs_failure),
            rule_one_bpcs_layer(ipl, bpcs_credited),
            rule_operator_response_time(ipl),
        ) if r]
        if pfd is None:
            reasons.append("no PFD: give ipl.pfd, an IPL library type, or a verified SIF")
        if reasons:
            decisions.append(LayerCredit(safeguard.id, False, pfd, "; ".join(reasons), category, ipl.sif))
            continue
        used, note = limited_pfd(ipl, pfd)
        if is_bpcs(ipl):
            bpcs_credited = True
        decisions.append(LayerCredit(safeguard.id, True, used, note or "credited", category, ipl.sif))
    return decisions
