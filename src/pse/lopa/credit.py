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
from typing import NamedTuple

#: IEC 61511-1:2016 9.3.3 / CCPS 2015: lowest PFD claimable for a BPCS layer
BPCS_PFD_FLOOR = 0.1
#: CCPS 2015: lowest PFD claimable for operator response to an alarm
OPERATOR_RESPONSE_PFD_FLOOR = 0.1
#: CCPS 2001 ch. 6 / CCPS 2015: minimum time for a credited operator response, minutes
OPERATOR_RESPONSE_MIN_TIME_MIN = 10.0

#: IPL library types that are operator responses to an alarm (kept for old keys; the rule goes by kind)
OPERATOR_TYPES = {"operator_response", "operator_response_10min", "alarm_operator_response", "alarm"}
#: IPL library types that are BPCS functions
BPCS_TYPES = {"bpcs", "bpcs_loop", "bpcs_control_loop", "bpcs_interlock"}

#: what a layer is -> (where it acts by default, LOPA worksheet column).  Where it acts decides
#: whether it removes demands on a SIF (IEC 61511-1:2016 9.2/9.3; CCPS 2015 ch. 6: only layers that
#: act earlier in the sequence lower the demand rate); pse defaults: BPCS, alarm + operator response
#: and procedures act before the SIF; relief, passive and general-design layers act after it;
#: dike, deluge, PPE mitigate.  An unknown layer is put after the SIF (it then lowers no demand:
#: the conservative side for the demand mode).
LAYER_KINDS = {
    "bpcs": ("before_sif", "bpcs"),
    "alarm_operator": ("before_sif", "alarm"),
    "administrative": ("before_sif", "ipl"),
    "sif": ("sif", "sis"),
    "relief": ("after_sif", "ipl"),
    "passive": ("after_sif", "ipl"),
    "general_design": ("after_sif", "general_design"),
    "mitigation": ("mitigation", "additional_mitigation"),
    "ppe": ("mitigation", "additional_mitigation"),
    "other": ("after_sif", "ipl"),
}
_KEY_WORDS = (  # key fragments -> kind, for keys that are in no library (first match wins)
    (("sif", "sis"), "sif"),
    (("operator", "alarm", "human", "response"), "alarm_operator"),
    (("bpcs", "control_loop"), "bpcs"),
    (("general_design", "general_process_design", "inherent"), "general_design"),
    (("dike", "bund", "drain", "fireproof", "blast", "deluge", "fire_protection", "sprinkler", "mitigation"),
     "mitigation"),
    (("relief", "rupture", "psv", "vent"), "relief"),
    (("arrest", "passive"), "passive"),
    (("procedure", "permit", "training", "administrative", "inspection", "sop"), "administrative"),
    (("ppe", "respirator", "breathing"), "ppe"),
)


def layer_kind(ipl, safeguard_type: str = "engineering", library_category=None) -> str:
    """What a layer is, whatever its library key (pse rule, in this order).

    The declared ``ipl.layer``; a SIF reference; the IPL library entry's category; a safeguard of
    type administrative or PPE; a recorded response time (an operator response); the words of the
    key; else ``other``.

    >>> from types import SimpleNamespace as NS
    >>> layer_kind(NS(layer=None, sif=None, type='operator_action', response_time_min=None, bpcs=False))
    'alarm_operator'
    >>> layer_kind(NS(layer=None, sif=None, type='entry_permit', response_time_min=None, bpcs=False),
    ...            'administrative')
    'administrative'
    """
    if getattr(ipl, "layer", None):
        return ipl.layer
    if getattr(ipl, "sif", None):
        return "sif"
    if library_category in LAYER_KINDS:
        return library_category
    if safeguard_type in ("administrative", "ppe"):
        return safeguard_type
    if getattr(ipl, "response_time_min", None) is not None:
        return "alarm_operator"
    key = (getattr(ipl, "type", None) or "").lower()
    for words, kind in _KEY_WORDS:
        if any(word in key for word in words):
            return kind
    return "bpcs" if getattr(ipl, "bpcs", False) else "other"


def acts_of(ipl, kind: str) -> str:
    """Where a layer acts: the declared ``ipl.acts``, else the default of its kind (:data:`LAYER_KINDS`)."""
    return getattr(ipl, "acts", None) or LAYER_KINDS[kind][0]


@dataclass(slots=True)
class LayerCredit:
    """The decision on one safeguard of one scenario."""

    safeguard: str
    credited: bool
    pfd: float | None
    reason: str
    category: str = "ipl"
    sif: str | None = None
    kind: str = "other"
    acts: str = "after_sif"
    status: str = "existing"
    recommendation: str | None = None
    tags: tuple = ()
    justification: str | None = None


def is_bpcs(ipl, kind: str | None = None) -> bool:
    """Is the layer a BPCS function (declared, by its kind, or by its library type)?"""
    return bool(ipl.bpcs or kind == "bpcs" or (ipl.type or "") in BPCS_TYPES)


def is_operator_response(ipl, kind: str | None = None) -> bool:
    """Is the layer an alarm with operator response (by what it is, :func:`layer_kind`)?"""
    return (kind or layer_kind(ipl)) == "alarm_operator" or (ipl.type or "") in OPERATOR_TYPES


_CORE = ("independent", "specific", "dependable", "auditable")


def rule_core_attributes(ipl) -> str | None:
    """CCPS 2001 ch. 6: an IPL must be independent, specific, dependable and auditable.

    >>> from types import SimpleNamespace as NS
    >>> rule_core_attributes(NS(independent=True, specific=True, dependable=False, auditable=True))
    'not recorded as dependable'
    """
    if ipl.independent and ipl.specific and ipl.dependable and ipl.auditable:
        return None
    missing = [name for name in _CORE if not getattr(ipl, name)]
    if missing:
        return "not recorded as " + ", ".join(missing)
    return None


def rule_evidence(ipl) -> str | None:
    """CCPS 2001 ch. 6 (auditability): the study must cite evidence (test records, SRS...).

    >>> from types import SimpleNamespace as NS
    >>> rule_evidence(NS(evidence=None))
    'no evidence reference (e.g. proof-test or inspection records)'
    """
    if not (ipl.evidence or "").strip():
        return "no evidence reference (e.g. proof-test or inspection records)"
    return None


def rule_bpcs_not_initiator(ipl, cause_is_bpcs_failure: bool, kind: str | None = None) -> str | None:
    """CCPS 2015: a BPCS function cannot protect against a failure of the same BPCS.

    >>> from types import SimpleNamespace as NS
    >>> rule_bpcs_not_initiator(NS(bpcs=True, type='bpcs_loop'), True)
    'BPCS layer not independent: the initiating event is a BPCS failure'
    """
    if cause_is_bpcs_failure and is_bpcs(ipl, kind):
        return "BPCS layer not independent: the initiating event is a BPCS failure"
    return None


def rule_one_bpcs_layer(ipl, bpcs_already_credited: bool, kind: str | None = None) -> str | None:
    """CCPS 2015: at most one BPCS layer is credited in a scenario.

    >>> from types import SimpleNamespace as NS
    >>> rule_one_bpcs_layer(NS(bpcs=True, type=None), True)
    'a BPCS layer is already credited in this scenario (one BPCS credit at most)'
    """
    if bpcs_already_credited and is_bpcs(ipl, kind):
        return "a BPCS layer is already credited in this scenario (one BPCS credit at most)"
    return None


def rule_administrative(kind: str, justification: str | None) -> str | None:
    """CCPS 2001 ch. 6 / CCPS 2015 ch. 6: procedures, permits, training and PPE are not IPLs by default.

    They are credited only with a written justification, which the worksheet prints.

    >>> rule_administrative('administrative', None)
    'administrative control: not an IPL by default (CCPS), credited only with ipl.justification'
    >>> rule_administrative('ppe', 'written test of ...') is None
    True
    """
    if kind in ("administrative", "ppe") and not (justification or "").strip():
        what = "PPE" if kind == "ppe" else "administrative control"
        return f"{what}: not an IPL by default (CCPS), credited only with ipl.justification"
    return None


def rule_shared_equipment(tags, ie_tags, credited_tags: dict) -> str | None:
    """IEC 61511-1:2016 9.3.3 / CCPS 2001 ch. 6: a layer sharing a device with the initiating event or
    with a layer already credited is not independent of it.

    ``credited_tags`` maps a tag to the credited layer that uses it.

    >>> rule_shared_equipment(['LSHH-402', 'XV-401'], {'LT-401'}, {'XV-401': 'SG-SIF-01'})
    'shares XV-401 with credited layer SG-SIF-01 (not independent)'
    """
    for tag in tags:
        if tag in ie_tags:
            return f"shares {tag} with the initiating event (not independent)"
    for tag in tags:
        if tag in credited_tags:
            return f"shares {tag} with credited layer {credited_tags[tag]} (not independent)"
    return None


def rule_operator_response_time(ipl, kind: str | None = None) -> str | None:
    """CCPS 2001/2015: operator response is credited only with at least 10 min to act.

    >>> from types import SimpleNamespace as NS
    >>> rule_operator_response_time(NS(type='operator_response', response_time_min=5))
    'operator response needs at least 10 min to act (5 min recorded)'
    """
    if not is_operator_response(ipl, kind):
        return None
    time = ipl.response_time_min
    if time is None:
        return "operator response without a recorded response time (at least 10 min needed)"
    if time < OPERATOR_RESPONSE_MIN_TIME_MIN:
        return f"operator response needs at least 10 min to act ({time:g} min recorded)"
    return None


def limited_pfd(ipl, pfd: float, kind: str | None = None) -> tuple[float, str]:
    """Apply the PFD floors: BPCS and operator response are credited at PFD >= 0.1.

    Returns the PFD used and a note when the claimed value was raised.

    >>> from types import SimpleNamespace as NS
    >>> limited_pfd(NS(bpcs=True, type='bpcs_loop'), 0.01)
    (0.1, 'claimed PFD 0.01 raised to 0.1 (BPCS layer, IEC 61511-1 9.3.3)')
    """
    if is_bpcs(ipl, kind) and pfd < BPCS_PFD_FLOOR:
        return BPCS_PFD_FLOOR, f"claimed PFD {pfd:g} raised to 0.1 (BPCS layer, IEC 61511-1 9.3.3)"
    if is_operator_response(ipl, kind) and pfd < OPERATOR_RESPONSE_PFD_FLOOR:
        return OPERATOR_RESPONSE_PFD_FLOOR, (f"claimed PFD {pfd:g} raised to 0.1 "
                                             f"(operator response, CCPS 2015)")
    return pfd, ""


def worksheet_category(ipl, kind: str | None = None) -> str:
    """Column of the CCPS LOPA worksheet (seed 001 layout) that the layer belongs to."""
    kind = kind or layer_kind(ipl)
    if kind != "sif" and is_bpcs(ipl, kind) and kind not in ("alarm_operator",):
        return "bpcs"
    return LAYER_KINDS[kind][1]


def _default_kind(safeguard) -> str:
    return layer_kind(safeguard.ipl, getattr(safeguard, "type", "engineering"))


class _Static(NamedTuple):
    """What a safeguard brings to every scenario it is listed in (computed once per study)."""

    kind: str
    tags: tuple
    bpcs: bool
    category: str
    pfd: float | None
    proposed: str | None
    info: dict
    before: tuple          # reasons that do not depend on the scenario, in rule order
    after: tuple


def _static(safeguard, kind_of, tags_of, proposed_of, pfd_of) -> _Static:
    ipl = safeguard.ipl
    proposed = proposed_of(safeguard)
    status = dict(status="proposed" if proposed else "existing", recommendation=proposed)
    if ipl is None:
        return _Static("", (), False, "non_ipl", None, proposed, status, (), ())
    kind = kind_of(safeguard)
    tags = tuple(tags_of(safeguard))
    info = dict(kind=kind, acts="sif" if kind == "sif" else acts_of(ipl, kind), tags=tags,
                justification=ipl.justification, **status)
    pfd = pfd_of(safeguard)
    before = tuple(r for r in (rule_core_attributes(ipl), rule_evidence(ipl),
                               rule_administrative(kind, ipl.justification)) if r)
    after = tuple(r for r in (rule_operator_response_time(ipl, kind),
                              None if pfd is not None else
                              "no PFD: give ipl.pfd, an IPL library type, or a verified SIF") if r)
    return _Static(kind, tags, is_bpcs(ipl, kind), worksheet_category(ipl, kind), pfd, proposed, info, before, after)


def credit_layers(safeguards, cause_is_bpcs_failure: bool, pfd_of, *, ie_tags=(), tags_of=None, kind_of=None,
                  proposed_of=None, state: str = "planned", memo: dict | None = None) -> list[LayerCredit]:
    """Decide the credit of each safeguard of one scenario, in the order listed.

    ``safeguards`` are model :class:`~pse.model.schema.Safeguard` objects;
    ``pfd_of(safeguard)`` returns the claimed PFD (from the study, the IPL
    library, or a verified SIF) or ``None``; ``kind_of(safeguard)`` what the
    layer is (:func:`layer_kind`); ``tags_of(safeguard)`` the equipment tags it
    uses; ``proposed_of(safeguard)`` the recommendation that installs it when it
    is proposed (else ``None``).  ``state="now"`` credits existing layers only.
    ``memo`` (a dict kept for one study) caches what does not depend on the scenario.
    """
    kind_of = kind_of or _default_kind
    tags_of = tags_of or (lambda sg: sg.ipl.uses.tags())
    proposed_of = proposed_of or (lambda sg: sg.recommendation if getattr(sg, "status", "") == "proposed" else None)
    memo = {} if memo is None else memo
    decisions: list[LayerCredit] = []
    bpcs_credited = False
    credited_tags: dict[str, str] = {}
    for safeguard in safeguards:
        static = memo.get(safeguard.id)
        if static is None:
            static = memo[safeguard.id] = _static(safeguard, kind_of, tags_of, proposed_of, pfd_of)
        ipl = safeguard.ipl
        if ipl is None:
            decisions.append(LayerCredit(safeguard.id, False, None, "not claimed as an IPL", "non_ipl",
                                         **static.info))
            continue
        reasons = list(static.before)
        if static.proposed and state == "now":
            reasons.insert(0, f"proposed ({static.proposed}): credited in the planned LOPA only")
        if static.bpcs:
            reasons += [r for r in (rule_bpcs_not_initiator(ipl, cause_is_bpcs_failure, static.kind),
                                    rule_one_bpcs_layer(ipl, bpcs_credited, static.kind)) if r]
        reasons += static.after
        if not reasons and static.tags:
            shared = rule_shared_equipment(static.tags, ie_tags, credited_tags)
            if shared:
                reasons.append(shared)
        if reasons:
            decisions.append(LayerCredit(safeguard.id, False, static.pfd, "; ".join(reasons), static.category,
                                         ipl.sif, **static.info))
            continue
        assert static.pfd is not None          # rule "no PFD" refused the layer otherwise
        used, note = limited_pfd(ipl, static.pfd, static.kind)
        if static.bpcs:
            bpcs_credited = True
        for tag in static.tags:
            credited_tags.setdefault(tag, safeguard.id)
        decisions.append(LayerCredit(safeguard.id, True, used, note or "credited", static.category, ipl.sif,
                                     **static.info))
    return decisions
