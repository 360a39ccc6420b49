"""LOPA of a study: every scenario flagged for LOPA, evaluated layer by layer, now and planned.

The scenario evaluated is the study's own :class:`~pse.model.schema.Scenario`
(the HAZOP cause -> consequence pair), not a copy.  For each one:

``f_intermediate = f_IE x prod(enabling) x prod(modifiers) x prod(PFD of credited non-SIS IPLs)``
``f_mitigated    = f_intermediate x PFD_SIS``  (CCPS LOPA 2001, eq. 7-1; seed 001 worksheet layout)

The demand each scenario places on a SIF it credits (CCPS 2015 ch. 6; IEC 61511-1:2016 9.2)::

    D = f_IE x prod(enabling) x prod(PFD of credited layers acting BEFORE the SIF)

Conditional modifiers and layers acting after the SIF (relief valve, dike, deluge) do not
lower it.  The demands are summed over the scenarios of a SIF; more than one demand per year
is the high-demand mode (IEC 61508-4:2010 3.5.16), where the SIF is verified by its PFH and
the scenario frequency is ``min(f_intermediate, PFH x 8760 h/yr x P_after)`` with ``P_after`` the
conditional modifiers times the layers acting after the SIF (every failure of the SIF meets a
demand soon; IEC 61508-6:2010 B.3.3).  The required PFH is ``min over the SIF's scenarios of
f_tolerable / (8760 x P_after)``: enabling conditions and layers before the SIF only reduce
demands, not the harm from a failed SIF (:func:`pse.lopa.frequency.required_pfh_per_h`).

Each scenario is evaluated twice: *now* (existing layers only) and *planned* (with the
proposed layers and SIFs of open recommendations).  The required risk reduction of an added
SIF is ``f_intermediate / f_tolerable`` and its SIL target follows the IEC 61511-1 RRF bands
(:func:`pse.lopa.sil.sil_target`).  With ``lopa.sum_initiating_events`` the intermediate
frequencies of all causes of one consequence are summed before comparing (CCPS 2001 ch. 8).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pse.lopa.credit import LayerCredit, credit_layers

COLUMNS = ("general_design", "bpcs", "alarm", "additional_mitigation", "ipl")
HOURS_PER_YEAR = 8760.0


@dataclass
class InitiatingEvent:
    """Frequency of a scenario's cause, per year, with where it came from."""

    frequency_per_yr: float
    source: str
    error_factor: float | None
    bpcs_failure: bool
    tags: tuple = ()


@dataclass
class ScenarioResult:
    """The LOPA of one scenario in one state (all frequencies per year)."""

    scenario: str
    node: str | None
    cause: str
    cause_text: str
    consequence: str
    consequence_text: str
    risk_matrix: str
    severity: str | None
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
    sil_required: int | None
    sil_label: str
    redesign: bool
    sifs: list[str] = field(default_factory=list)
    summed_with: list[str] = field(default_factory=list)
    state: str = "planned"
    enabling: list = field(default_factory=list)        # the scenario's Modifier objects
    modifiers: list = field(default_factory=list)
    before_sif_pfd: float = 1.0                         # product of credited layers acting before the SIF
    demand_per_yr: float = 0.0                          # D placed on each SIF of the scenario
    after_sif_probability: float = 1.0                  # P_after: modifiers x PFD of layers after the SIF
    notes: str | None = None
    now: ScenarioResult | None = None              # the same scenario on existing layers only
    high_demand_sifs: list[str] = field(default_factory=list)

    @property
    def meets_tolerable(self) -> bool:
        return self.mitigated_frequency_per_yr <= self.tolerable_frequency_per_yr * (1 + 1e-12)

    @property
    def tolerable_now(self) -> bool:
        """Tolerable on existing layers only (the planned ones are not installed)."""
        return (self.now or self).meets_tolerable

    @property
    def credited(self) -> list[LayerCredit]:
        return [layer for layer in self.layers if layer.credited]

    @property
    def not_credited(self) -> list[LayerCredit]:
        return [layer for layer in self.layers if not layer.credited]

    @property
    def gap_rrf(self) -> float:
        """Risk reduction still missing after every credited layer, SIFs included (<= 1: none)."""
        return self.mitigated_frequency_per_yr / self.tolerable_frequency_per_yr

    @property
    def sif_rrf(self) -> float:
        """RRF the credited SIFs must provide: ``f_intermediate / f_tolerable`` (IEC 61511-3 Annex F)."""
        return self.intermediate_frequency_per_yr / self.tolerable_frequency_per_yr


@dataclass
class SifDemand:
    """A SIF credited in one or more scenarios, with the total demand placed on it."""

    sif: str
    scenarios: list[str]
    demand_rate_per_yr: float
    required_sil: int | None
    demand_mode: str
    demands_per_yr: dict = field(default_factory=dict)   # scenario -> D
    required_pfh_per_h: float | None = None           # high demand: PFH that meets every scenario


@dataclass
class LopaResult:
    """All LOPA results of a study (``scenarios``: planned state, each with its ``now``)."""

    scenarios: list[ScenarioResult]
    sif_demands: list[SifDemand]

    @property
    def now(self) -> list[ScenarioResult]:
        return [r.now or r for r in self.scenarios]


def lopa_scenarios(study) -> list:
    """Scenarios sent to LOPA: those flagged ``lopa: true`` (by hand or by the HAZOP rule)."""
    from pse.hazop.rules import lopa_flag

    return [s for s in study.scenarios if lopa_flag(study, s)]


def libraries(study):
    """The initiating-event and IPL libraries with the study's overrides."""
    from pse.lopa.library import load_library

    return (load_library("initiating_events", overrides=study.lopa.initiating_events or None),
            load_library("ipl_pfds", overrides=study.lopa.ipl_pfds or None))


_libraries = libraries


def initiating_event_of(cause, ie_library) -> InitiatingEvent | None:
    """The initiating-event frequency of a cause: the study's value, else its library entry."""
    data = cause.initiating_event
    if data is None:
        return None
    tags = tuple(data.equipment_tags)
    if data.frequency_per_yr is not None:
        return InitiatingEvent(data.frequency_per_yr, data.source or "study", data.error_factor,
                               data.bpcs_failure, tags)
    if data.library and data.library in ie_library:
        entry = ie_library[data.library]
        frequency = entry.frequency_per_yr
        source = f"library: {entry.id} ({entry.source})"
        if frequency is None and entry.probability_per_opportunity is not None:
            if data.opportunities_per_yr is None:
                return None
            frequency = entry.probability_per_opportunity * data.opportunities_per_yr
            source = (f"library: {entry.id} {entry.probability_per_opportunity:g} per "
                      f"{entry.opportunity or 'opportunity'} x {data.opportunities_per_yr:g}/yr ({entry.source})")
        return InitiatingEvent(frequency, source, data.error_factor or entry.error_factor, data.bpcs_failure, tags)
    return None


def tolerable_frequency(study, scenario, consequence) -> tuple[float | None, str]:
    """Tolerable frequency of a scenario and where it came from: its own value, else the study's criterion."""
    if scenario.tolerable_frequency_per_yr is not None:
        return scenario.tolerable_frequency_per_yr, f"scenario {scenario.id}: tolerable_frequency_per_yr"
    matrix = scenario.risk_matrix or study.risk_matrix
    for i, criterion in enumerate(study.lopa.criteria):
        if (criterion.risk_matrix or study.risk_matrix) != matrix:
            continue
        if criterion.severity != scenario.severity:
            continue
        if criterion.category and criterion.category != consequence.category:
            continue
        where = f"lopa.criteria[{i}] ({matrix} {criterion.severity}"
        where += f", {criterion.category})" if criterion.category else ")"
        return criterion.tolerable_frequency_per_yr, where + (f": {criterion.source}" if criterion.source else "")
    return None, ""


def check(study):
    """Errors that stop a LOPA (see :mod:`pse.lopa.checks`)."""
    from pse.lopa.checks import check as _check

    return _check(study)


class _Context:
    """What every scenario of one study needs: libraries, SIF values, SIF status."""

    def __init__(self, study, sif_pfds, sif_pfhs):
        self.study = study
        self.ie_library, self.ipl_library = libraries(study)
        self.sif_pfds = sif_pfds or {}
        self.sif_pfhs = sif_pfhs or {}
        self.sifs = {s.id: s for s in study.sifs}
        self.memo: dict = {}       # per-safeguard credit data shared by every scenario (pse.lopa.credit._Static)

    def pfd_of(self, safeguard) -> float | None:
        ipl = safeguard.ipl
        if ipl.sif and ipl.sif in self.sif_pfds:
            return self.sif_pfds[ipl.sif]
        if ipl.pfd is not None:
            return ipl.pfd
        if ipl.type and ipl.type in self.ipl_library:
            return self.ipl_library[ipl.type].pfd
        return None

    def kind_of(self, safeguard) -> str:
        from pse.lopa.credit import layer_kind

        entry = self.ipl_library.get(safeguard.ipl.type or "")
        return layer_kind(safeguard.ipl, safeguard.type, entry.category if entry else None)

    def tags_of(self, safeguard) -> list[str]:
        tags = safeguard.ipl.uses.tags()
        sif = self.sifs.get(safeguard.ipl.sif or "")
        return tags + [t for t in sif.tags() if t not in tags] if sif else tags

    def proposed_of(self, safeguard) -> str | None:
        """Recommendation installing a proposed safeguard (or the proposed SIF it credits)."""
        if safeguard.status == "proposed":
            return safeguard.recommendation
        sif = self.sifs.get(safeguard.ipl.sif or "") if safeguard.ipl else None
        if sif is not None and sif.status == "proposed":
            return sif.recommendation
        return None


def _evaluate_state(ctx: _Context, scenario, cause, consequence, ie, state: str) -> ScenarioResult:
    """The LOPA of one scenario with the layers of ``state`` ('now' or 'planned')."""
    from pse.lopa.frequency import mitigated_frequency
    from pse.lopa.sil import sil_target

    study = ctx.study
    layers = credit_layers([study.get(sid) for sid in scenario.safeguards], ie.bpcs_failure, ctx.pfd_of,
                           ie_tags=ie.tags, tags_of=ctx.tags_of, kind_of=ctx.kind_of,
                           proposed_of=ctx.proposed_of, state=state, memo=ctx.memo)
    column_pfd = {name: 1.0 for name in COLUMNS + ("sis",)}
    before = after = 1.0
    for layer in layers:
        if layer.credited and layer.pfd is not None:       # a credited layer always has its PFD
            column_pfd[layer.category] *= layer.pfd
            if layer.category != "sis":
                if layer.acts == "before_sif":
                    before *= layer.pfd
                else:
                    after *= layer.pfd
    enabling = [m.probability for m in scenario.enabling_conditions]
    modifiers = [m.probability for m in scenario.conditional_modifiers]
    non_sis = [layer.pfd for layer in layers if layer.credited and layer.pfd is not None and layer.category != "sis"]
    intermediate = mitigated_frequency(ie.frequency_per_yr, non_sis, enabling, modifiers)
    sis_pfd = column_pfd["sis"]
    tolerable, tolerable_source = tolerable_frequency(study, scenario, consequence)
    assert tolerable is not None, f"{scenario.id}: no tolerable frequency (pse.lopa.checks refuses the study)"
    target = sil_target(intermediate, tolerable)
    return ScenarioResult(
        scenario=scenario.id, node=scenario.node, cause=cause.id, cause_text=cause.description,
        consequence=consequence.id, consequence_text=consequence.description,
        risk_matrix=scenario.risk_matrix or study.risk_matrix, severity=scenario.severity,
        initiating_event=ie, enabling_probability=_product(enabling),
        modifier_probability=_product(modifiers), layers=layers, column_pfd=column_pfd,
        intermediate_frequency_per_yr=intermediate, sis_pfd=sis_pfd,
        mitigated_frequency_per_yr=intermediate * sis_pfd,
        tolerable_frequency_per_yr=tolerable, tolerable_source=tolerable_source,
        required_rrf=target.rrf, sil_required=target.sil, sil_label=target.label,
        redesign=target.redesign, sifs=[layer.sif for layer in layers if layer.sif and layer.credited],
        state=state, enabling=list(scenario.enabling_conditions), modifiers=list(scenario.conditional_modifiers),
        before_sif_pfd=before, after_sif_probability=after * _product(modifiers),
        demand_per_yr=ie.frequency_per_yr * _product(enabling) * before,
        notes=scenario.notes)


def evaluate(study, sif_pfds: dict[str, float] | None = None,
             sif_pfhs: dict[str, float] | None = None) -> LopaResult:
    """Evaluate every LOPA scenario of the study, planned and now.

    ``sif_pfds`` / ``sif_pfhs`` map SIF IDs to their verified PFDavg and PFH (1/h) (from
    :func:`pse.lopa.verification.verify_sifs`); a SIF without a PFD is credited with the
    ``ipl.pfd`` its safeguard declares, or not at all.
    """
    ctx = _Context(study, sif_pfds, sif_pfhs)
    results: list[ScenarioResult] = []
    for scenario in lopa_scenarios(study):
        cause = study.get(scenario.cause)
        consequence = study.get(scenario.consequence)
        ie = initiating_event_of(cause, ctx.ie_library)
        planned = _evaluate_state(ctx, scenario, cause, consequence, ie, "planned")
        if any(layer.status == "proposed" for layer in planned.layers):
            planned.now = _evaluate_state(ctx, scenario, cause, consequence, ie, "now")
        results.append(planned)
    if study.lopa.sum_initiating_events:
        _sum_by_consequence(results)
        _sum_by_consequence([r.now for r in results if r.now is not None] +
                            [r for r in results if r.now is None])
    demands = _sif_demands(results, ctx)
    _apply_high_demand(results, demands, ctx)
    return LopaResult(results, demands)


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


def _sif_demands(results: list[ScenarioResult], ctx: _Context) -> list[SifDemand]:
    """Total demand on each SIF: sum over its scenarios of f_IE x enabling x PFD of layers before it."""
    from pse.lopa.frequency import demand_mode, required_pfh_per_h, total_demand_rate_per_yr
    from pse.lopa.sil import sil_for_required_pfh

    by_sif: dict[str, list[ScenarioResult]] = {}
    for result in results:
        for sif in result.sifs:
            by_sif.setdefault(sif, []).append(result)
    demands = []
    for sif, members in sorted(by_sif.items()):
        rate = total_demand_rate_per_yr([m.demand_per_yr for m in members])
        declared = ctx.sifs[sif].demand_mode if sif in ctx.sifs else "low"
        mode = declared if declared in ("high", "continuous") else demand_mode(rate)
        demand = SifDemand(sif, [m.scenario for m in members], rate, None, mode,
                           {m.scenario: m.demand_per_yr for m in members})
        if mode == "low":
            required = [m.sil_required for m in members]
            known = [r for r in required if r is not None]
            demand.required_sil = None if len(known) < len(required) else max(known)
        else:
            # pse.lopa.frequency.required_pfh_per_h: f_tol / (8760 x P_after), the most demanding scenario
            pfh = min(required_pfh_per_h(m.tolerable_frequency_per_yr, m.after_sif_probability) for m in members)
            demand.required_pfh_per_h = pfh
            demand.required_sil = sil_for_required_pfh(pfh)
        demands.append(demand)
    return demands


def _after_factor(result: ScenarioResult) -> float:
    """P_after: modifiers and layers after the SIF (:func:`pse.lopa.frequency.after_sif_probability`)."""
    return result.after_sif_probability


def _apply_high_demand(results: list[ScenarioResult], demands: list[SifDemand], ctx: _Context) -> None:
    """Scenarios crediting a high-demand SIF: ``f = min(f_intermediate, PFH x 8760 x P_after)`` x other SIF PFDs."""
    high = {d.sif for d in demands if d.demand_mode != "low" and d.sif in ctx.sif_pfhs}
    if not high:
        return
    for planned in results:
        for result in (planned, planned.now):
            if result is None or not (set(result.sifs) & high):
                continue
            frequency = result.intermediate_frequency_per_yr
            for layer in result.credited:
                if layer.sif in high:
                    frequency = min(frequency, ctx.sif_pfhs[layer.sif] * HOURS_PER_YEAR * _after_factor(result))
                elif layer.category == "sis" and layer.pfd is not None:
                    frequency *= layer.pfd
            result.mitigated_frequency_per_yr = frequency
            result.high_demand_sifs = sorted(set(result.sifs) & high)


__all__ = ["COLUMNS", "InitiatingEvent", "ScenarioResult", "SifDemand", "LopaResult", "lopa_scenarios",
           "libraries", "initiating_event_of", "tolerable_frequency", "check", "evaluate"]
