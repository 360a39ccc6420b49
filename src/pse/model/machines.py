"""ISO 12100 machinery reviews: machines, danger zones, tasks, hazards, safety functions, checklists."""


from typing import ClassVar, Literal

from pydantic import (
    Field,
)

from pse.model.core import Identified, Obj
from pse.model.tasks import ResidualAcceptance
from pse.model.types import (
    DangerZoneRef,
    EquipmentRef,
    Level,
    MachineHazardRef,
    MachineTaskRef,
    NonNegative,
    Real,
    RecommendationRef,
    SafetyFunctionRef,
    Whole,
)

LifeCyclePhase = Literal["transport", "installation", "commissioning", "setting", "operation", "cleaning",
                         "maintenance", "troubleshooting", "decommissioning"]


PerformanceLevel = Literal["a", "b", "c", "d", "e"]


class DangerZone(Identified):
    """A zone of the machine where a person can be harmed (ISO 12100 3.11)."""

    kind: ClassVar[str] = "danger_zone"
    description: str


class MachineTask(Identified):
    """A task done on or at the machine in one life-cycle phase (ISO 12100 5.4)."""

    kind: ClassVar[str] = "machine_task"
    name: str
    phase: LifeCyclePhase = "operation"
    persons: Whole | None = Field(None, ge=1, description="how many people do the task together")
    danger_zones: list[DangerZoneRef] = Field(default_factory=list)


class RiskGraph(Obj):
    """ISO 13849-1 Annex A risk-graph parameters of a hazard (and ISO 12100 5.5.2 probability).

    The parameter names avoid ``severity``/``likelihood``: those are the study matrix's levels.
    """

    severity_of_injury: Literal["S1", "S2"] = Field(
        description="S1 slight (reversible), S2 serious (irreversible, death)")
    frequency_of_exposure: Literal["F1", "F2"] = Field(description="F1 seldom/short, F2 frequent/long")
    possibility_of_avoidance: Literal["P1", "P2"] = Field(
        description="P1 possible under some conditions, P2 scarcely possible")
    probability_of_occurrence: Literal["low", "medium", "high"] | None = Field(
        None, description="ISO 12100 5.5.2.3.2 probability of the hazardous event (recorded, not used by the graph)")


class ReductionMeasure(Obj):
    """One measure of the ISO 12100 three-step method (6.1): design, safeguarding, information."""

    step: Literal["inherently_safe_design", "safeguarding", "information_for_use"]
    text: str
    safety_function: SafetyFunctionRef | None = None
    recommendation: RecommendationRef | None = None
    implemented: bool = Field(True, description="false: proposed, tracked by the recommendation")


class MachineHazard(Identified):
    """A hazard of a machine (ISO 12100 Annex B) with its risk estimation and reduction."""

    kind: ClassVar[str] = "machine_hazard"
    group: str = Field(description="ISO 12100 Annex B group key, e.g. 'mechanical'")
    hazard: str | None = Field(None, description="kind within the group, e.g. 'crushing'")
    description: str
    origin: str | None = Field(None, description="what on the machine causes it (slide, die, rolls...)")
    consequence: str | None = None
    phase: LifeCyclePhase | None = None
    task: MachineTaskRef | None = None
    danger_zone: DangerZoneRef | None = None
    risk_graph: RiskGraph | None = None
    severity: Level | None = None
    likelihood: Level | None = None
    measures: list[ReductionMeasure] = Field(default_factory=list)
    residual_severity: Level | None = None
    residual_likelihood: Level | None = None
    residual_risk: str | None = Field(None, description="residual risk after the measures, in words")
    recommendations: list[RecommendationRef] = Field(default_factory=list)
    acceptance: ResidualAcceptance | None = Field(None, description="recorded acceptance of the residual risk")


class Operations(Obj):
    """How often a wearing component operates: n_op = d_op h_op 3600 / t_cycle (ISO 13849-1 Annex C)."""

    days_per_year: float = Field(gt=0, le=366)
    hours_per_day: float = Field(gt=0, le=24)
    cycle_time_s: float = Field(gt=0, description="mean time between the start of two cycles, s")


class Component(Obj):
    """A component of a channel: its MTTFd (years), or its B10d (cycles) with the operations, or a typical value."""

    name: str
    typical: str | None = Field(None, description="key of the package library (data/iso13849.yaml components)")
    mttfd_years: float | None = Field(None, gt=0)
    b10d_cycles: float | None = Field(None, gt=0)
    dc_percent: float | None = Field(None, ge=0, le=100, description="diagnostic coverage of this component")
    source: str | None = Field(None, description="data sheet or standard the value comes from")


class Subsystem(Obj):
    """A subsystem of a safety function (input, logic, output): designated architecture or declared PFHd."""

    name: str
    category: Literal["B", "1", "2", "3", "4"] | None = None
    channels: list[list[Component]] = Field(default_factory=list, description="one or two channels of components")
    dc_avg_percent: float | None = Field(None, ge=0, le=100, description="unset: from the components' DC")
    ccf_score: float | None = Field(None, ge=0, le=100, description="ISO 13849-1 Annex F points")
    operations: Operations | None = None
    pfhd_per_hour: float | None = Field(None, gt=0, lt=1e-4,
                                           description="declared PFHd (manufacturer's data) instead of channels")
    annex_k_pfhd_per_hour: float | None = Field(
        None, gt=0, lt=1e-4, description="PFHd read in ISO 13849-1 Table K.1 for this category, DCavg and MTTFd "
        "(used instead of pse's held rows when it lies between them)")
    pl: PerformanceLevel | None = Field(None, description="declared PL of a certified subsystem")
    source: str | None = None
    # category 2 only: the test channel must find a fault before the next demand (ISO 13849-1:2023 6.2.5)
    test_rate_per_hour: float | None = Field(None, gt=0, description="category 2: tests per hour (3600 / interval s)")
    demand_rate_per_hour: float | None = Field(None, gt=0, description="category 2: demands of the safety function "
                                               "per hour")
    test_on_demand: bool = Field(False, description="category 2: tested on each demand, fault found and safe state "
                                 "reached before the hazard")
    test_channel_mttfd_years: float | None = Field(None, gt=0, description="category 2: MTTFd of the test "
                                                   "equipment with its output (TE, OTE)")
    low_test_rate_pfhd_factor: float | None = Field(None, ge=1, description="category 2 with 25 <= r_t/r_d < 100: "
                                                    "the Annex K factor read in the standard (default 1.1)")


class SafetyFunction(Identified):
    """A safety function of the control system (ISO 13849-1) with its required PL."""

    kind: ClassVar[str] = "safety_function"
    description: str
    hazards: list[MachineHazardRef] = Field(default_factory=list)
    plr: PerformanceLevel | None = Field(None, description="required PL; unset: from the hazards' risk graphs")
    pl_achieved: PerformanceLevel | None = Field(None, description="PL of the design (e.g. from SISTEMA)")
    category: Literal["B", "1", "2", "3", "4"] | None = None
    device: str | None = None
    subsystems: list[Subsystem] = Field(default_factory=list,
                                        description="input, logic, output: PL achieved computed (ISO 13849-1)")


class LightCurtain(Obj):
    """Light curtain (active opto-electronic protective device) of a machine; times in ms, lengths in mm."""

    resolution_mm: Real = Field(gt=0, description="detection capability d")
    response_time_ms: NonNegative = Field(description="ESPE response time")
    stopping_time_ms: NonNegative = Field(description="machine stopping time incl. control system")
    distance_mm: NonNegative | None = Field(None, description="installed distance to the danger zone")
    protective_height_mm: NonNegative | None = None
    slide_adjustment_mm: NonNegative | None = None
    stroke_mm: NonNegative | None = None
    intermediate_light_axes: bool | None = Field(None, description="MES 12-1: intermediate/auxiliary axes or fence")
    additional_distance_mm: NonNegative | None = Field(
        None, description="C of the Taiwan press formula D = 1.6(Tl+Ts)+C (table not verified: give it)")
    top_beam_height_mm: NonNegative | None = Field(None, description="ISO 13855 reach over: top beam height b")
    hazard_height_mm: NonNegative | None = Field(None, description="ISO 13855 reach over: hazard height a")


class TwoHandControl(Obj):
    """Two-hand control device of a press; times in ms (Taiwan formula) or s, lengths in mm."""

    type: Literal["safety_one_stroke", "two_hand_start"] = "safety_one_stroke"
    button_spacing_outer_mm: NonNegative | None = Field(None, description="outer edge to outer edge")
    synchronous_limit_s: NonNegative | None = Field(None, description="largest accepted delay between the hands")
    response_time_ms: NonNegative | None = Field(None, description="Tl: release to brake start")
    stopping_time_ms: NonNegative | None = Field(None, description="Ts: brake start to slide stop")
    clutch_engagement_points: Whole | None = Field(None, ge=1, description="two-hand start: engagement points N")
    crank_revolution_time_ms: NonNegative | None = Field(None, description="two-hand start: one crank revolution")
    distance_mm: NonNegative | None = Field(None, description="installed distance to the danger zone")
    covered: bool = Field(False, description="ISO 13855: encroachment of the hands prevented (C = 0)")
    separation_distance_mm: NonNegative | None = Field(
        None, description="ISO 13855:2024 separation distance D_DS read from the standard (needed for 2024)")


class Guard(Identified):
    """A guard or protective structure checked against ISO 13857:2019 (reaching over or through openings)."""

    kind: ClassVar[str] = "guard"
    description: str
    reach: Literal["over", "through_opening"]
    hazard_height_mm: NonNegative | None = Field(None, description="a: height of the hazard zone")
    structure_height_mm: NonNegative | None = Field(None, description="b: height of the protective structure")
    opening_mm: float | None = Field(None, gt=0, description="slot width, square side or round diameter")
    shape: Literal["slot", "square", "round"] | None = None
    distance_mm: NonNegative | None = Field(None, description="installed horizontal distance to the hazard")


class ChecklistResult(Obj):
    """The result of one checklist item (package data) for this machine."""

    item: str = Field(description="checklist item ID, e.g. 'PP-10'")
    result: Literal["pass", "fail", "na"]
    evidence: str | None = None
    note: str | None = None
    recommendation: RecommendationRef | None = None


class Machine(Identified):
    """A machine under ISO 12100 review."""

    kind: ClassVar[str] = "machine"
    name: str
    type: str = Field(description="machine type of the package checklists, e.g. 'power_press'")
    equipment: EquipmentRef | None = None
    designated_product: bool | None = Field(None, description="unset: from the machine type")
    safety_label: str | None = Field(None, description="safety label number (TD...) of a designated product")
    type_approval_no: str | None = Field(None, description="type-verification number (TC...)")
    manufacturer: str | None = None
    model: str | None = None
    operators: Whole | None = Field(None, ge=1, description="people who work the machine at the same time")
    operating_stations: Whole | None = Field(None, ge=0)
    life_cycle_phases: list[LifeCyclePhase] = Field(default_factory=list)
    tasks: list[MachineTask] = Field(default_factory=list)
    danger_zones: list[DangerZone] = Field(default_factory=list)
    hazards: list[MachineHazard] = Field(default_factory=list)
    safety_functions: list[SafetyFunction] = Field(default_factory=list)
    light_curtain: LightCurtain | None = None
    two_hand: TwoHandControl | None = None
    guards: list[Guard] = Field(default_factory=list)
    none_identified: list[str] = Field(
        default_factory=list, description="phases, task IDs and danger-zone IDs reviewed with no hazard identified")
    checklists: list[str] = Field(default_factory=list, description="extra package checklists besides the type's")
    checklist: list[ChecklistResult] = Field(default_factory=list)


class ChecklistItemSpec(Obj):
    """A checklist item declared by the study (adds to or overrides the package items)."""

    id: str
    checklist: str
    question: dict[str, str] = Field(description="{en: ..., zh-TW: ...}")
    method: Literal["visual", "measurement", "document"]
    citation: str
    note: str | None = None


class MachinerySettings(Obj):
    """Study-wide settings of the machinery review."""

    iso13855_edition: Literal["2010", "2024"] = "2010"
    items: list[ChecklistItemSpec] = Field(default_factory=list, description="study checklist items")
    generate_recommendations: bool = Field(
        True, description="a failed item without a linked recommendation gets one in the outputs")
