"""LOPA of a study's scenarios over arrays: the credit rules applied to a safeguard table (issue 19).

The same rules and arithmetic as :func:`pse.lopa.evaluate.evaluate`, in two steps:

1. :func:`lopa_tables` reads the study once: one row per scenario (f_IE, BPCS-failure cause,
   products of enabling conditions and conditional modifiers, tolerable frequency) and one row
   per (scenario, listed safeguard).  What a safeguard brings to every scenario -- core
   attributes, evidence, administrative / PPE justification, operator response time, PFD with
   the BPCS and operator-response floors, worksheet column, where it acts -- is decided once per
   safeguard by the rules of :mod:`pse.lopa.credit` (``credit._static``).
2. :func:`lopa_arrays` applies the scenario-dependent rules with numpy over those rows:

   * a proposed layer is not credited now (existing layers only);
   * a BPCS layer is not credited when the initiating event is a BPCS failure, and at most one
     BPCS layer is credited per scenario, the first listed that passes (CCPS 2015);
   * shared equipment (IEC 61511-1:2016 9.3.3, CCPS 2001 ch. 6) depends on the layers credited
     before it in the same scenario; scenarios whose layers name equipment tags are decided by
     the sequential rule :func:`pse.lopa.credit.credit_layers` (the same function ``evaluate``
     uses), every other scenario by the array rule;
   * the products per scenario (``np.multiply.at`` in listed order), the SIF demand
     ``D = f_IE x enabling x PFD(before)``, ``P_after``, RRF and SIL bands; scenarios crediting a
     high-demand SIF take ``min(f, PFH x 8760 x P_after)`` layer by layer as in ``evaluate``.

The results equal ``evaluate``'s (tests/lopa/test_table.py; the benchmark ``lopa_study`` checks
them against a plain-Python pass over the same model objects).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["LopaTables", "LopaArrays", "lopa_tables", "lopa_arrays"]


@dataclass
class LopaTables:
    """The study's LOPA scenarios and their safeguard rows as arrays (built by :func:`lopa_tables`)."""

    scenario_ids: list
    ie: np.ndarray                  # f_IE, 1/yr
    bpcs_failure: np.ndarray        # bool: the cause is a BPCS failure
    enabling: np.ndarray            # product of enabling conditions
    modifiers: np.ndarray           # product of conditional modifiers
    tolerable: np.ndarray           # 1/yr
    consequence: np.ndarray         # consequence code (for summed initiating events)
    row_scenario: np.ndarray        # scenario index of each safeguard row
    row_safeguard: np.ndarray       # safeguard code of each row
    passes: np.ndarray              # per safeguard: an IPL passing every scenario-independent rule
    proposed: np.ndarray            # per safeguard: proposed (credited in the planned state only)
    bpcs: np.ndarray                # per safeguard: a BPCS function
    sis: np.ndarray                 # per safeguard: a SIF (worksheet column SIS)
    before: np.ndarray              # per safeguard: a non-SIS layer acting before the SIF
    pfd: np.ndarray                 # per safeguard: PFD credited (floors applied; 1 when none)
    sif: np.ndarray                 # per safeguard: SIF code, -1 for none
    sequential: np.ndarray          # per scenario: decided by the sequential rule (equipment tags)
    sif_ids: list
    declared_high: np.ndarray       # per SIF: declared high-demand or continuous
    sif_pfh: np.ndarray             # per SIF: PFH 1/h (NaN when not verified)
    sum_initiating_events: bool
    context: Any = None             # the pse.lopa.evaluate._Context the tables were read with
    scenarios: list = field(default_factory=list)
    by_row: dict = field(default_factory=dict)  # the per-safeguard columns and bpcs_failure gathered per row once


@dataclass
class LopaArrays:
    """LOPA results per scenario (planned state and now state), frequencies per year."""

    scenario_ids: list
    intermediate: np.ndarray
    sis_pfd: np.ndarray
    mitigated: np.ndarray
    intermediate_now: np.ndarray
    mitigated_now: np.ndarray
    demand: np.ndarray
    after: np.ndarray
    tolerable: np.ndarray
    rrf: np.ndarray
    sil: np.ndarray                 # 0 none, 1..4, -1 above SIL 4
    credited: np.ndarray            # per safeguard row, planned state
    credited_now: np.ndarray

    @property
    def tolerable_now(self) -> np.ndarray:
        return self.mitigated_now <= self.tolerable * (1 + 1e-12)


def _safeguard_columns(ctx, safeguards: list) -> dict:
    """Scenario-independent credit data of each safeguard, decided once by :mod:`pse.lopa.credit`."""
    from pse.lopa.credit import _static, limited_pfd

    n = len(safeguards)
    cols: dict[str, Any] = {k: np.zeros(n, dtype=bool) for k in ("passes", "proposed", "bpcs", "sis", "before", "tags")}
    pfd, sif = np.ones(n), np.full(n, -1)
    sif_code: dict = {}
    for i, sg in enumerate(safeguards):
        static = ctx.memo.get(sg.id)
        if static is None:
            static = ctx.memo[sg.id] = _static(sg, ctx.kind_of, ctx.tags_of, ctx.proposed_of, ctx.pfd_of)
        cols["proposed"][i] = static.proposed is not None
        if sg.ipl is None:
            continue
        cols["passes"][i] = not static.before and not static.after
        cols["bpcs"][i], cols["tags"][i] = static.bpcs, bool(static.tags)
        cols["sis"][i] = static.category == "sis"
        cols["before"][i] = static.category != "sis" and static.info["acts"] == "before_sif"
        if static.pfd is not None:
            pfd[i] = limited_pfd(sg.ipl, static.pfd, static.kind)[0]
        if sg.ipl.sif:
            sif[i] = sif_code.setdefault(sg.ipl.sif, len(sif_code))
    cols.update(pfd=pfd, sif=sif, sif_ids=list(sif_code))
    return cols


def _scenario_rows(study, ctx, scenarios):
    """Per-scenario arrays and the (scenario, safeguard) rows, in listed order."""
    from pse.lopa.evaluate import _product, initiating_event_of, tolerable_frequency

    position: dict = {}
    safeguards: list = []
    rows: list = []
    counts = np.zeros(len(scenarios), dtype=np.int64)
    n = len(scenarios)
    ie, enabling, modifiers, tolerable = np.empty(n), np.empty(n), np.empty(n), np.empty(n)
    bpcs_failure, consequence = np.zeros(n, dtype=bool), np.empty(n, dtype=np.int64)
    consequences: dict = {}
    get = study.get
    for i, scenario in enumerate(scenarios):
        event = initiating_event_of(get(scenario.cause), ctx.ie_library)
        assert event is not None        # pse.lopa.checks refuses a LOPA scenario without its frequency
        ie[i], bpcs_failure[i] = event.frequency_per_yr, event.bpcs_failure
        enabling[i] = _product(m.probability for m in scenario.enabling_conditions)
        modifiers[i] = _product(m.probability for m in scenario.conditional_modifiers)
        tolerable[i] = tolerable_frequency(study, scenario, get(scenario.consequence))[0]
        consequence[i] = consequences.setdefault(scenario.consequence, len(consequences))
        for sid in scenario.safeguards:
            code = position.get(sid)
            if code is None:
                code = position[sid] = len(safeguards)
                safeguards.append(get(sid))
            rows.append(code)
        counts[i] = len(scenario.safeguards)
    return (dict(ie=ie, enabling=enabling, modifiers=modifiers, tolerable=tolerable, bpcs_failure=bpcs_failure,
                 consequence=consequence),
            np.asarray(rows, dtype=np.int64), np.repeat(np.arange(n), counts), safeguards)


def lopa_tables(study, sif_pfds: dict | None = None, sif_pfhs: dict | None = None) -> LopaTables:
    """Read the study's LOPA scenarios into arrays (one pass over the model objects)."""
    from pse.lopa.evaluate import _Context, lopa_scenarios

    ctx = _Context(study, sif_pfds, sif_pfhs)
    scenarios = lopa_scenarios(study)
    per_scenario, row_safeguard, row_scenario, safeguards = _scenario_rows(study, ctx, scenarios)
    cols = _safeguard_columns(ctx, safeguards)
    sequential = np.zeros(len(scenarios), dtype=bool)
    np.logical_or.at(sequential, row_scenario, cols["tags"][row_safeguard])
    sif_ids = cols.pop("sif_ids")
    declared = np.array([ctx.sifs[s].demand_mode in ("high", "continuous") if s in ctx.sifs else False
                         for s in sif_ids], dtype=bool)
    pfh = np.array([ctx.sif_pfhs.get(s, np.nan) for s in sif_ids], dtype=float)
    del cols["tags"]
    by_row = {name: cols[name][row_safeguard] for name in ("passes", "proposed", "bpcs", "sis", "before", "pfd",
                                                            "sif")}
    by_row["bpcs_failure"] = per_scenario["bpcs_failure"][row_scenario]
    return LopaTables(by_row=by_row, scenario_ids=[s.id for s in scenarios], row_scenario=row_scenario,
                      row_safeguard=row_safeguard, sequential=sequential, sif_ids=sif_ids, declared_high=declared,
                      sif_pfh=pfh, sum_initiating_events=bool(study.lopa.sum_initiating_events), context=ctx,
                      scenarios=scenarios, **per_scenario, **cols)


def _credit(t: LopaTables, now: bool) -> np.ndarray:
    """Credited flag of each safeguard row by the array rules (sequential scenarios filled later)."""
    r = t.by_row
    eligible = r["passes"] & ~r["proposed"] if now else r["passes"].copy()
    bpcs = r["bpcs"]
    candidate = eligible & bpcs & ~r["bpcs_failure"]
    first = np.zeros_like(candidate)
    rows = np.flatnonzero(candidate)
    if rows.size:
        _, first_of_scenario = np.unique(t.row_scenario[rows], return_index=True)
        first[rows[first_of_scenario]] = True
    return eligible & (~bpcs | first)


def _sequential(t: LopaTables, credited: np.ndarray, state: str) -> None:
    """Scenarios naming equipment tags: the sequential rule of :func:`pse.lopa.credit.credit_layers`."""
    from pse.lopa.credit import credit_layers
    from pse.lopa.evaluate import initiating_event_of

    ctx, study = t.context, t.context.study
    starts = np.searchsorted(t.row_scenario, np.flatnonzero(t.sequential))
    for i, start in zip(np.flatnonzero(t.sequential), starts, strict=True):
        scenario = t.scenarios[i]
        event = initiating_event_of(study.get(scenario.cause), ctx.ie_library)
        assert event is not None        # pse.lopa.checks refuses a LOPA scenario without its frequency
        layers = credit_layers([study.get(sid) for sid in scenario.safeguards], event.bpcs_failure, ctx.pfd_of,
                               ie_tags=event.tags, tags_of=ctx.tags_of, kind_of=ctx.kind_of,
                               proposed_of=ctx.proposed_of, state=state, memo=ctx.memo)
        credited[start:start + len(layers)] = [layer.credited for layer in layers]


def _products(t: LopaTables, credited: np.ndarray):
    """Per scenario: PFD product of credited non-SIS layers, of SIFs, of non-SIS layers before the SIF."""
    n = len(t.scenario_ids)
    pfd, sis = t.by_row["pfd"], t.by_row["sis"]
    out = []
    for mask in (credited & ~sis, credited & sis, credited & t.by_row["before"]):
        product = np.ones(n)
        np.multiply.at(product, t.row_scenario[mask], pfd[mask])
        out.append(product)
    return out


def _sif_targets(t: LopaTables, intermediate: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from pse.lopa.sil import sil_for_rrf_array

    base = intermediate
    if t.sum_initiating_events:
        total = np.bincount(t.consequence, weights=intermediate)
        members = np.bincount(t.consequence)
        base = np.where(members[t.consequence] > 1, total[t.consequence], intermediate)
    rrf = base / t.tolerable
    return rrf, sil_for_rrf_array(np.maximum(rrf, 1e-300))


def _high_demand(t: LopaTables, credited: np.ndarray, intermediate, mitigated, after, demand_sif) -> None:
    """``min(f, PFH x 8760 x P_after)`` for the scenarios crediting a verified high-demand SIF (as evaluate)."""
    demand, planned_count = demand_sif
    high = (t.declared_high | (demand > 1.0)) & ~np.isnan(t.sif_pfh) & (planned_count > 0)
    sif, pfd, is_sis = t.by_row["sif"], t.by_row["pfd"], t.by_row["sis"]
    hit = credited & (sif >= 0)
    hit &= np.where(sif >= 0, high[np.maximum(sif, 0)], False)
    for i in np.unique(t.row_scenario[hit]):
        rows = np.flatnonzero((t.row_scenario == i) & credited)
        frequency = intermediate[i]
        for r in rows:
            if sif[r] >= 0 and high[sif[r]]:
                frequency = min(frequency, t.sif_pfh[sif[r]] * 8760.0 * after[i])
            elif is_sis[r]:
                frequency *= pfd[r]
        mitigated[i] = frequency


def lopa_arrays(t: LopaTables) -> LopaArrays:
    """The LOPA of every scenario of ``t`` with numpy (module docstring), planned and now."""
    states = {}
    demand_sif = None
    for state in ("planned", "now"):
        credited = _credit(t, state == "now")
        if t.sequential.any():
            _sequential(t, credited, state)
        non_sis, sis_pfd, before = _products(t, credited)
        factor = t.enabling * t.modifiers
        intermediate = t.ie * (factor * non_sis)
        demand = t.ie * t.enabling * before
        after = t.modifiers * (non_sis / before)
        mitigated = intermediate * sis_pfd
        if demand_sif is None:      # the SIF demands are those of the planned state (as evaluate)
            rows = credited & (t.by_row["sif"] >= 0)
            codes = t.by_row["sif"][rows]
            demand_sif = (np.bincount(codes, weights=demand[t.row_scenario[rows]], minlength=len(t.sif_ids)),
                          np.bincount(codes, minlength=len(t.sif_ids)))
        if len(t.sif_ids):
            _high_demand(t, credited, intermediate, mitigated, after, demand_sif)
        states[state] = (credited, intermediate, sis_pfd, mitigated, demand, after)
    credited, intermediate, sis_pfd, mitigated, demand, after = states["planned"]
    rrf, sil = _sif_targets(t, intermediate)
    return LopaArrays(t.scenario_ids, intermediate, sis_pfd, mitigated, states["now"][1], states["now"][3], demand,
                      after, t.tolerable, rrf, sil, credited, states["now"][0])
