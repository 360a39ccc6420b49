"""LOPA of a study: every scenario flagged for LOPA, evaluated layer by layer.

The scenario evaluated is the study's own :class:`~pse.model.schema.Scenario`
(the HAZOP cause -> consequence pair), not a copy.  For each one:

``f_intermediate = f_IE x prod(enabling) x prod(modifiers) x prod(PFD of credited non-SIS IPLs)``
``f_mitigated    = f_intermediate x PFD_SIS``  (CCPS LOPA 2001, eq. 7-1; seed 001 worksheet layout)

The required risk reduction of an added SIF is ``f_intermediate / f_tolerable``
and its SIL target follows the IEC 61511-1 RRF bands (:func:`pse.lopa.sil.sil_target`).
With ``lopa.sum_initiating_events`` the intermediate frequencies of all causes
of one consequence are summed before comparing (CCPS 2001 ch. 8).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from pse.lopa.credit import LayerCredit, credit_layers
from pse.model.errors import Problem

COLUMNS = ("general_design", "bpcs", "alarm", "additional_mitigation", "ipl")


@dataclass
class InitiatingEvent:
    """Frequency of a scenario's cause, per year, with where it came from."""

    frequency_per_yr: float
    source: str
    error_factor: Optional[float]
    bpcs_failure: bool


@dataclass
class ScenarioResult:
    """The LOPA of one scenario (all frequencies per year)."""

    scenario: str
    node: Optional[str]
    cause: str
    cause_text: str
    consequence: str
    consequence_text: str
    risk_matrix: str
    severity: Optional[str]
    initiating_event: InitiatingEvent
    enabling_probability: float
    modifier_probability: float
    layers: list[LayerCredit]
    column_pfd: dict[str, float]
    intermediate_frequency_per_yr: float
    sis_pfd: float
    mitigated_frequency_per_yr: float
    tolerable_frequency_per_yr: float
    tolerable_source: str
    required_rrf: float
    sil_required: Optional[int]
    sil_label: str
    redesign: bool
    sifs: list[str] = field(default_factory=list)
    summed_with: list[str] = field(default_factory=list)

    @property
    def meets_tolerable(self) -> bool:
        return self.mitigated_frequency_per_yr <= self.tolerable_frequency_per_yr * (1 + 1e-12)

    @property
    def credited(self) -> list[LayerCredit]:
        return [layer for layer in self.layers if layer.credited]

    @property
    def not_credited(self) -> list[LayerCredit]:
        return [layer for layer in self.layers if not layer.credited]


@dataclass
class SifDemand:
    """A SIF credited in one or more scenarios, with the total demand placed on it."""

    sif: str
    scenarios: list[str]
    demand_rate_per_yr: float
    required_sil: Optional[int]
    demand_mode: str


@dataclass
class LopaResult:
    """All LOPA results of a study."""

    scenarios: list[ScenarioResult]
    sif_demands: list[SifDemand]


def lopa_scenarios(study) -> list:
    """Scenarios sent to LOPA: those flagged ``lopa: true`` (by hand or by the HAZOP rule)."""
    from pse.hazop.rules import lopa_flag

    return [s for s in study.scenarios if lopa_flag(study, s)]


def _libraries(study):
    from pse.lopa.library import load_library

    return (load_library("initiating_events", overrides=study.lopa.initiating_events or None),
            load_library("ipl_pfds", overrides=study.lopa.ipl_pfds or None))


def initiating_event_of(cause, ie_library) -> Optional[InitiatingEvent]:
    """The initiating-event frequency of a cause: the study's value, else its library entry."""
    data = cause.initiating_event
    if data is None:
        return None
    if data.frequency_per_yr is not None:
        return InitiatingEvent(data.frequency_per_yr, data.source or "study", data.error_factor,
                               data.bpcs_failure)
    if data.library and data.library in ie_library:
        entry = ie_library[data.library]
        frequency = entry.frequency_per_yr
        source = f"library: {entry.id} ({entry.source})"
        if frequency is None and entry.probability_per_opportunity is not None:
            if data.opportunities_per_yr is None:
                return None
            frequency = entry.probability_per_opportunity * data.opportunities_per_yr
            source = (f"library: {entry.id} {entry.probability_per_opportunity:g} per {entry.opportunity or 'opportunity'}"
                      f" x {data.opportunities_per_yr:g}/yr ({entry.source})")
        return InitiatingEvent(frequency, source, data.error_factor or entry.error_factor, data.bpcs_failure)
    return None


def tolerable_frequency(study, scenario, consequence) -> tuple[Optional[float], str]:
    """Tolerable frequency of a scenario: its own value, else the study's criterion for its severity."""
    if scenario.tolerable_frequency_per_yr is not None:
        return scenario.tolerable_frequency_per_yr, "scenario"
    matrix = scenario.risk_matrix or study.risk_matrix
    for criterion in study.lopa.criteria:
        if (criterion.risk_matrix or study.risk_matrix) != matrix:
            continue
        if criterion.severity != scenario.severity:
            continue
        if criterion.category and criterion.category != consequence.category:
            continue
        return criterion.tolerable_frequency_per_yr, criterion.source or f"criteria: severity {criterion.severity}"
    return None, ""


def check(study) -> list[Problem]:
    """Errors that stop a LOPA: no IE frequency, no tolerable frequency, unknown library keys."""
    problems: list[Problem] = []
    smap = study.source_map
    ie_library, ipl_library = _libraries(study)
    for scenario in lopa_scenarios(study):
        path = study.path_of(scenario.id)
        cause = study.get(scenario.cause)
        data = cause.initiating_event
        if data is not None and data.library and data.library not in ie_library and data.frequency_per_yr is None:
            problems.append(smap.problem(study.path_of(cause.id) + ("initiating_event", "library"),
                                         f"'{data.library}' is not in the initiating-event library "
                                         f"(known: {', '.join(sorted(ie_library)[:8])}, ...)"))
        elif initiating_event_of(cause, ie_library) is None:
            entry = ie_library.get(data.library) if data is not None and data.library else None
            if entry is not None and entry.probability_per_opportunity is not None:
                problems.append(smap.problem(study.path_of(cause.id) + ("initiating_event",),
                                             f"'{entry.id}' is a probability per {entry.opportunity or 'opportunity'}:"
                                             f" give initiating_event.opportunities_per_yr"))
            else:
                problems.append(smap.problem(path + ("cause",),
                                             f"cause '{cause.id}' has no initiating-event frequency: give "
                                             f"initiating_event.frequency_per_yr or a library key"))
        if scenario.severity is None and scenario.tolerable_frequency_per_yr is None:
            problems.append(smap.problem(path, "a LOPA scenario needs a severity (or tolerable_frequency_per_yr)"))
        elif tolerable_frequency(study, scenario, study.get(scenario.consequence))[0] is None:
            matrix = scenario.risk_matrix or study.risk_matrix
            problems.append(smap.problem(path + ("severity",),
                                         f"no tolerable frequency for severity {scenario.severity} of matrix "
                                         f"'{matrix}': add it to lopa.criteria"))
    for safeguard in study.safeguards:
        ipl = safeguard.ipl
        if ipl is not None and ipl.pfd is None and ipl.type and ipl.sif is None and ipl.type not in ipl_library:
            problems.append(smap.problem(study.path_of(safeguard.id) + ("ipl", "type"),
                                         f"'{ipl.type}' is not in the IPL library and no pfd is given"))
    return problems


def evaluate(study, sif_pfds: Optional[dict[str, float]] = None) -> LopaResult:
    """Evaluate every LOPA scenario of the study.

    ``sif_pfds`` maps SIF IDs to their verified PFDavg (from
    :func:`pse.lopa.verification.verify_sifs`); a SIF without one is credited
    with the ``ipl.pfd`` its safeguard declares, or not at all.
    """
    from pse.lopa.frequency import mitigated_frequency
    from pse.lopa.sil import sil_target

    sif_pfds = sif_pfds or {}
    ie_library, ipl_library = _libraries(study)

    def pfd_of(safeguard) -> Optional[float]:
        ipl = safeguard.ipl
        if ipl.sif and ipl.sif in sif_pfds:
            return sif_pfds[ipl.sif]
        if ipl.pfd is not None:
            return ipl.pfd
        if ipl.type and ipl.type in ipl_library:
            return ipl_library[ipl.type].pfd
        return None

    results: list[ScenarioResult] = []
    for scenario in lopa_scenarios(study):
        cause = study.get(scenario.cause)
        consequence = study.get(scenario.consequence)
        ie = initiating_event_of(cause, ie_library)
        safeguards = [study.get(sid) for sid in scenario.safeguards]
        layers = credit_layers(safeguards, ie.bpcs_failure, pfd_of)
        column_pfd = {name: 1.0 for name in COLUMNS + ("sis",)}
        for layer in layers:
            if layer.credited:
                column_pfd[layer.category] *= layer.pfd
        enabling = [m.probability for m in scenario.enabling_conditions]
        modifiers = [m.probability for m in scenario.conditional_modifiers]
        non_sis = [layer.pfd for layer in layers if layer.credited and layer.category != "sis"]
        intermediate = mitigated_frequency(ie.frequency_per_yr, non_sis, enabling, modifiers)
        sis_pfd = column_pfd["sis"]
        tolerable, tolerable_source = tolerable_frequency(study, scenario, consequence)
        target = sil_target(intermediate, tolerable)
        results.append(ScenarioResult(
            scenario=scenario.id, node=scenario.node, cause=cause.id, cause_text=cause.description,
            consequence=consequence.id, consequence_text=consequence.description,
            risk_matrix=scenario.risk_matrix or study.risk_matrix, severity=scenario.severity,
            initiating_event=ie, enabling_probability=_product(enabling),
            modifier_probability=_product(modifiers), layers=layers, column_pfd=column_pfd,
            intermediate_frequency_per_yr=intermediate, sis_pfd=sis_pfd,
            mitigated_frequency_per_yr=intermediate * sis_pfd,
            tolerable_frequency_per_yr=tolerable, tolerable_source=tolerable_source,
            required_rrf=target.rrf, sil_required=target.sil, sil_label=target.label,
            redesign=target.redesign,
            sifs=[layer.sif for layer in layers if layer.sif]))
    if study.lopa.sum_initiating_events:
        _sum_by_consequence(results)
    return LopaResult(results, _sif_demands(results))


def _product(values) -> float:
    out = 1.0
    for value in values:
        out *= value
    return out


def _sum_by_consequence(results: list[ScenarioResult]) -> None:
    """Several initiating events of one consequence: compare the summed frequency (CCPS 2001 ch. 8)."""
    from pse.lopa.frequency import summed_frequency
    from pse.lopa.sil import sil_target

    groups: dict[str, list[ScenarioResult]] = {}
    for result in results:
        groups.setdefault(result.consequence, []).append(result)
    for members in groups.values():
        if len(members) < 2:
            continue
        total_intermediate = summed_frequency([m.intermediate_frequency_per_yr for m in members])
        target = sil_target(total_intermediate, members[0].tolerable_frequency_per_yr)
        for member in members:
            member.summed_with = [m.scenario for m in members if m is not member]
            member.required_rrf, member.sil_required = target.rrf, target.sil
            member.sil_label, member.redesign = target.label, target.redesign


def _sif_demands(results: list[ScenarioResult]) -> list[SifDemand]:
    """Total demand rate on each SIF: the sum of the frequencies reaching it (before the SIS)."""
    from pse.lopa.frequency import demand_mode, total_demand_rate_per_yr

    by_sif: dict[str, list[ScenarioResult]] = {}
    for result in results:
        for sif in result.sifs:
            by_sif.setdefault(sif, []).append(result)
    demands = []
    for sif, members in sorted(by_sif.items()):
        rate = total_demand_rate_per_yr([m.intermediate_frequency_per_yr for m in members])
        required = [m.sil_required for m in members]
        worst = None if any(r is None for r in required) else max(required)
        demands.append(SifDemand(sif, [m.scenario for m in members], rate, worst, demand_mode(rate)))
    return demands
