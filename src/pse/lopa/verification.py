"""SIF verification: PFDavg of sensors + logic solver + final elements, HFT, achieved SIL.

``PFD_SIF = PFD_sensors + PFD_logic_solver + PFD_final_elements``
(IEC 61508-6:2010 B.3.2.2; each subsystem by its architecture's simplified
equation, :func:`pse.lopa.pfd.pfd_avg`).

The achieved SIL is the lower of the SIL of the PFDavg band
(IEC 61511-1:2016 Table 4) and the SIL that each subsystem's hardware fault
tolerance allows (IEC 61511-1:2016 11.4.5, Table 6: minimum HFT 0 for SIL 1-2
low demand, 1 for SIL 3 (and SIL 2 high demand), 2 for SIL 4).

In high-demand or continuous mode (more than one demand per year, IEC 61508-4:2010 3.5.16;
the demand comes from the LOPA, :mod:`pse.lopa.evaluate`) the SIF is verified by its PFH
(IEC 61508-6:2010 B.3.3, :mod:`pse.lopa.pfh`), ``PFH_SIF = PFH_S + PFH_LS + PFH_FE``, against
the PFH bands of IEC 61508-1:2010 Table 3.

Validity: the simplified equations are first-order in lambda x T1; when lambda_DU x T1 (or
lambda_DU x LT for the part the proof test misses) exceeds 0.1, or PFDavg reaches 0.1, the
verification says so and names what to use instead (exact 1oo1 expression, Markov models of
IEC 61508-6 B.5.2 / ISO/TR 12489).
"""

from __future__ import annotations

from dataclasses import dataclass, field

SUBSYSTEMS = ("sensors", "logic_solver", "final_elements")
SUBSYSTEM_LABELS = {"sensors": {"en": "Sensors", "zh-TW": "感測元件"},
                    "logic_solver": {"en": "Logic solver", "zh-TW": "邏輯控制器"},
                    "final_elements": {"en": "Final elements", "zh-TW": "最終元件"}}

#: largest lambda x T1 for which pse accepts the first-order simplified equations
LAMBDA_T1_LIMIT = 0.1


def pfd_avg_exact_1oo1(lambda_du_per_h: float, proof_test_interval_h: float) -> float:
    """Exact PFDavg of a 1oo1 channel over one proof-test interval (no repair time), dimensionless.

    ``PFDavg = 1 - (1 - exp(-lambda T1)) / (lambda T1)`` (mean over [0, T1] of ``1 - exp(-lambda t)``);
    it tends to ``lambda T1 / 2`` for ``lambda T1 << 1`` and to 1, never above, for large values.

    >>> round(pfd_avg_exact_1oo1(1e-4, 87600), 3)
    0.886
    """
    import math

    x = lambda_du_per_h * proof_test_interval_h
    return 0.0 if x == 0 else 1.0 - (-math.expm1(-x)) / x


def validity_warnings(subsystem, pfd: float) -> list[str]:
    """Where the simplified equations leave their range for one subsystem (pse rule, see module doc)."""
    out = []
    x = subsystem.lambda_du_per_h * subsystem.proof_test_interval_h
    if x > LAMBDA_T1_LIMIT:
        exact = (f"; exact 1oo1 PFDavg = 1 - (1 - exp(-lambda T1))/(lambda T1) = "
                 f"{pfd_avg_exact_1oo1(subsystem.lambda_du_per_h, subsystem.proof_test_interval_h):.3g}"
                 if subsystem.architecture == "1oo1" else "")
        out.append(f"lambda_DU x T1 = {x:.3g} > {LAMBDA_T1_LIMIT:g}: outside the range of the simplified "
                   f"equations (IEC 61508-6:2010 B.3.2.2 assumes lambda x T1 << 1); use a Markov or multi-phase "
                   f"model (IEC 61508-6 B.5.2, ISO/TR 12489){exact}")
    if subsystem.proof_test_coverage < 1 and subsystem.mission_time_h:
        y = (1 - subsystem.proof_test_coverage) * subsystem.lambda_du_per_h * subsystem.mission_time_h
        if y > LAMBDA_T1_LIMIT:
            out.append(f"(1 - PTC) lambda_DU x LT = {y:.3g} > {LAMBDA_T1_LIMIT:g}: the undetected failures make "
                       f"the simplified equations invalid; use a multi-phase Markov model (ISO/TR 12489)")
    if pfd > 1.0:
        out.append(f"PFDavg = {pfd:.3g} > 1 is not a probability: the simplified equations do not hold here")
    elif pfd >= 0.1:
        out.append(f"PFDavg = {pfd:.3g} >= 0.1: the first-order equations overstate it and no SIL can be claimed")
    return out


#: hardware fault tolerance of a MooN architecture: N - M
HFT_OF_ARCHITECTURE = {"1oo1": 0, "2oo2": 0, "1oo2": 1, "2oo3": 1, "1oo3": 2}


def hardware_fault_tolerance(architecture: str) -> int:
    """HFT of a MooN architecture = N - M (IEC 61511-1:2016 3.2.27: faults tolerated without loss of function).

    >>> hardware_fault_tolerance('2oo3')
    1
    """
    try:
        return HFT_OF_ARCHITECTURE[architecture]
    except KeyError:
        raise ValueError(f"unknown architecture {architecture!r} (1oo1, 1oo2, 2oo2, 2oo3, 1oo3)") from None


def sil_allowed_by_hft(hft: int, demand_mode: str = "low") -> int:
    """Highest SIL whose minimum HFT (IEC 61511-1:2016 Table 6) the subsystem meets.

    >>> sil_allowed_by_hft(0), sil_allowed_by_hft(1), sil_allowed_by_hft(0, 'high')
    (2, 3, 1)
    """
    from pse.lopa.sil import minimum_hft

    allowed = 0
    for sil in (1, 2, 3, 4):
        if minimum_hft(sil, demand_mode) <= hft:
            allowed = sil
    return allowed


@dataclass
class SubsystemResult:
    """Verification of one subsystem."""

    name: str
    description: str
    architecture: str
    pfd_avg: float
    hft: int
    sil_by_hft: int
    equation_latex: str
    equation_numbers: str
    inputs: dict
    pfd_perfect_test: float = 0.0
    equation_mathml: str = ""
    pfh_per_h: float = 0.0
    pfh_latex: str = ""
    pfh_numbers: str = ""
    pfh_mathml: str = ""
    warnings: list = field(default_factory=list)


@dataclass
class SifVerification:
    """Verification of one SIF against its target SIL."""

    sif: str
    description: str
    demand_mode: str
    target_sil: int | None
    target_source: str
    subsystems: list[SubsystemResult] = field(default_factory=list)
    pfd_avg: float | None = None
    sil_by_pfd: int | None = None
    achieved_sil: int | None = None
    missing: list[str] = field(default_factory=list)
    declared_mode: str = "low"
    demand_rate_per_yr: float | None = None
    pfh_per_h: float | None = None
    sil_by_pfh: int | None = None
    required_pfh_per_h: float | None = None
    status: str = "existing"
    recommendation: str | None = None
    warnings: list = field(default_factory=list)

    @property
    def high_demand(self) -> bool:
        return self.demand_mode in ("high", "continuous")

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def meets_target(self) -> bool | None:
        if not self.complete or self.target_sil is None or self.achieved_sil is None:
            return None
        if self.high_demand and self.required_pfh_per_h is not None and self.pfh_per_h is not None:
            return self.achieved_sil >= self.target_sil and self.pfh_per_h <= self.required_pfh_per_h * (1 + 1e-9)
        return self.achieved_sil >= self.target_sil

    @property
    def rrf(self) -> float | None:
        return None if self.pfd_avg is None else 1.0 / self.pfd_avg


def _inputs_of(subsystem) -> dict:
    return dict(lambda_du=subsystem.lambda_du_per_h, lambda_dd=subsystem.lambda_dd_per_h,
                proof_test_interval_h=subsystem.proof_test_interval_h, mttr_h=subsystem.mttr_h,
                mrt_h=subsystem.mrt_h, beta=subsystem.beta, beta_d=subsystem.beta_d)


def verify_subsystem(name: str, subsystem, demand_mode: str = "low", equations: bool = True) -> SubsystemResult:
    """PFDavg, PFH, HFT, validity and the equation (symbolic and with numbers) of one subsystem.

    The equation shown is the PFDavg one in low demand and the PFH one in high demand.
    """
    from pse.lopa.pfd import pfd_avg
    from pse.lopa.pfh import pfh

    inputs = _inputs_of(subsystem)
    extra = dict(proof_test_coverage=subsystem.proof_test_coverage, mission_time_h=subsystem.mission_time_h)
    value = float(pfd_avg(subsystem.architecture, **inputs, **extra))
    rate = float(pfh(subsystem.architecture, **inputs, **extra))
    hft = hardware_fault_tolerance(subsystem.architecture)
    shown = {k: v for k, v in inputs.items() if v is not None}
    shown.update(extra)
    result = SubsystemResult(name, subsystem.description, subsystem.architecture, value, hft,
                             sil_allowed_by_hft(hft, demand_mode), "", "", shown, pfh_per_h=rate,
                             warnings=validity_warnings(subsystem, value))
    if equations:
        _add_equations(result, subsystem.architecture, inputs, demand_mode)
    return result


def _add_equations(result: SubsystemResult, architecture: str, inputs: dict, demand_mode: str) -> None:
    from sympy.printing.mathml import mathml

    from pse.lopa.pfd import pfd_equation, pfd_equation_substituted
    from pse.lopa.pfh import pfh_equation, pfh_equation_substituted

    if demand_mode == "low":
        result.equation_latex, result.equation_numbers, result.pfd_perfect_test = pfd_equation_substituted(
            architecture, **inputs)
        result.equation_mathml = mathml(pfd_equation(architecture), printer="presentation")
    else:
        result.pfh_latex, result.pfh_numbers, _ = pfh_equation_substituted(architecture, **inputs)
        result.pfh_mathml = mathml(pfh_equation(architecture), printer="presentation")


def verify_sif(sif, target_sil: int | None = None, target_source: str = "", demand=None,
               equations: bool = True) -> SifVerification:
    """Verify one SIF: sum of subsystem PFDs (low demand) or PFHs (high demand), HFT limits, vs target.

    ``demand`` is the :class:`~pse.lopa.evaluate.SifDemand` of the LOPA; its mode wins over the
    declared one (IEC 61508-4:2010 3.5.16: the demand rate decides).
    """
    from pse.lopa.sil import sil_for_pfd, sil_for_pfh

    target = sif.target_sil if sif.target_sil is not None else target_sil
    source = "declared" if sif.target_sil is not None else (target_source or "")
    mode = demand.demand_mode if demand is not None else sif.demand_mode
    result = SifVerification(sif.id, sif.description, mode, target, source, declared_mode=sif.demand_mode,
                             demand_rate_per_yr=demand.demand_rate_per_yr if demand else None,
                             required_pfh_per_h=demand.required_pfh_per_h if demand else None,
                             status=sif.status, recommendation=sif.recommendation)
    for name in SUBSYSTEMS:
        subsystem = getattr(sif, name)
        if subsystem is None:
            result.missing.append(name)
            continue
        result.subsystems.append(verify_subsystem(name, subsystem, mode, equations))
    if result.missing:
        return result
    result.pfd_avg = sum(s.pfd_avg for s in result.subsystems)
    result.pfh_per_h = sum(s.pfh_per_h for s in result.subsystems)
    result.sil_by_pfd = sil_for_pfd(min(result.pfd_avg, 1.0))
    result.sil_by_pfh = sil_for_pfh(result.pfh_per_h)
    by_value = result.sil_by_pfh if result.high_demand else result.sil_by_pfd
    result.achieved_sil = min([by_value] + [s.sil_by_hft for s in result.subsystems])
    result.warnings = [f"{s.name}: {w}" for s in result.subsystems for w in s.warnings]
    if not result.high_demand and result.pfd_avg >= 0.1 and len(result.subsystems) > 1:
        result.warnings.append(f"PFDavg(SIF) = {result.pfd_avg:.3g} >= 0.1: outside the SIL bands and the range "
                               f"of the simplified equations")
    return result


def verify_sifs(study, lopa_result=None, equations: bool = True) -> list[SifVerification]:
    """Verify every SIF of the study; the target SIL and the demand mode come from its LOPA demand."""
    demands = {d.sif: d for d in (lopa_result.sif_demands if lopa_result else [])}
    out = []
    for sif in study.sifs:
        demand = demands.get(sif.id)
        target = demand.required_sil if demand else None
        source = f"LOPA: {', '.join(demand.scenarios)}" if demand else ""
        out.append(verify_sif(sif, target, source, demand, equations))
    return out
