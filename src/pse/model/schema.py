"""The study model: one file describes a plant, a process or a machine.

Every module of pse is a view of this one model.  Objects live in top-level
lists (``nodes``, ``causes``, ``scenarios``...) and point at each other by ID; a
HAZOP cause -> consequence pair *is* the scenario that LOPA evaluates (the LOPA
fields sit on the same :class:`Scenario` object), not a copy of it.

Each object class has a ``kind`` used by references (``ref("cause")``) and by
messages.  Unknown keys are errors (``extra="forbid"``).
"""

from __future__ import annotations

from typing import ClassVar, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from pse.model.types import (Date, FrequencyPerYr, Id, Level, NonNegative, Probability, ref)
from pse.risk.spec import MatrixSpec

Language = Literal["zh-TW", "en"]


class Obj(BaseModel):
    """Base of every study object: unknown keys are refused."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    kind: ClassVar[str] = "object"


class Identified(Obj):
    """An object with a stable ID, unique in the whole study."""

    id: Id


# --------------------------------------------------------------------------- metadata
class StudyMeta(Obj):
    """Who made the study, where, when, and in which language it is reported."""

    kind: ClassVar[str] = "study"
    title: str
    company: Optional[str] = None
    site: Optional[str] = None
    department: Optional[str] = None
    date: Optional[Date] = None
    assessors: list[str] = Field(default_factory=list)
    reviewer: Optional[str] = None
    revision: Optional[str] = None
    language: Language = "zh-TW"
    headcount: Optional[int] = Field(None, ge=0, description="workers on site (chooses the task-risk worksheet version)")
    description: Optional[str] = None


# --------------------------------------------------------------------------- process
class Node(Identified):
    """A HAZOP node: a section of the process with one design intent."""

    kind: ClassVar[str] = "node"
    name: str
    design_intent: Optional[str] = None
    parameters: list[str] = Field(default_factory=list, description="process parameters studied (flow, pressure...)")
    drawings: list[str] = Field(default_factory=list, description="P&ID or drawing numbers")
    description: Optional[str] = None


class Location(Obj):
    """Plan position in metres (site or room coordinates), elevation optional."""

    x: float
    y: float
    z: float = 0.0


class ExMarking(Obj):
    """Explosion-protection marking of an item of equipment (IEC 60079-0).

    ``epl: none`` records equipment that is not explosion-protected (ordinary industrial equipment).
    """

    epl: Optional[Literal["Ga", "Gb", "Gc", "none"]] = None
    gas_group: Optional[Literal["IIA", "IIB", "IIC"]] = None
    temperature_class: Optional[Literal["T1", "T2", "T3", "T4", "T5", "T6"]] = None
    max_surface_temperature_c: Optional[float] = Field(
        None, description="marked maximum surface temperature, when given instead of (or besides) a T class")
    certificate: Optional[str] = None


class Equipment(Identified):
    """An item of equipment, with its tag and type (pump, vessel, reactor...)."""

    kind: ClassVar[str] = "equipment"
    tag: str
    type: str
    name: Optional[str] = None
    node: Optional[ref("node")] = None
    room: Optional[ref("room")] = None
    location: Optional[Location] = None
    ex: Optional[ExMarking] = None
    description: Optional[str] = None


class SubstanceValue(Obj):
    """A property value from another source than the one in use (kept for the record, e.g. seed 001's AITs)."""

    source: str
    autoignition_c: Optional[float] = None
    lel_vol_pct: Optional[float] = Field(None, gt=0, le=100)
    flash_point_c: Optional[float] = None
    relative_vapour_density: Optional[float] = Field(None, gt=0)


class Substance(Identified):
    """A substance handled; properties not given here come from the package library (``library:`` key).

    A study value overrides the library's; ``source`` says where the study's values come from.
    """

    kind: ClassVar[str] = "substance"
    name: str
    library: Optional[str] = Field(None, description="key in the substance library, e.g. 'toluene'")
    cas: Optional[str] = None
    formula: Optional[str] = None
    lel_vol_pct: Optional[float] = Field(None, gt=0, le=100)
    uel_vol_pct: Optional[float] = Field(None, gt=0, le=100)
    autoignition_c: Optional[float] = None
    flash_point_c: Optional[float] = None
    boiling_point_c: Optional[float] = None
    relative_vapour_density: Optional[float] = Field(None, gt=0)
    molar_mass_kg_per_kmol: Optional[float] = Field(None, gt=0)
    gamma: Optional[float] = Field(None, gt=1, description="ratio of specific heats cp/cv")
    liquid_density_kg_m3: Optional[float] = Field(None, gt=0)
    gas_group: Optional[Literal["IIA", "IIB", "IIC"]] = None
    temperature_class: Optional[Literal["T1", "T2", "T3", "T4", "T5", "T6"]] = None
    source: Optional[str] = None
    other_values: list[SubstanceValue] = Field(
        default_factory=list, description="values from other sources, recorded with their source")

    @model_validator(mode="after")
    def _limits(self):
        if self.lel_vol_pct is not None and self.uel_vol_pct is not None and self.uel_vol_pct <= self.lel_vol_pct:
            raise ValueError(f"uel_vol_pct {self.uel_vol_pct} must be above lel_vol_pct {self.lel_vol_pct}")
        return self


class Deviation(Identified):
    """A HAZOP deviation: guide word x parameter at a node ("high pressure")."""

    kind: ClassVar[str] = "deviation"
    node: ref("node")
    guide_word: str
    parameter: str
    name: Optional[str] = None
    origin: Literal["generated", "manual"] = "manual"
    none_identified: bool = Field(
        False, description="the team found no credible cause: the worksheet shows 'None identified'")
    notes: Optional[str] = None


_SUGGESTED_HELP = "'suggested' rows (from the HAZOP suggestion library) count in no result until accepted"


class InitiatingEventData(Obj):
    """How often a cause happens, for LOPA (per year), with its source."""

    frequency_per_yr: Optional[FrequencyPerYr] = None
    library: Optional[str] = Field(None, description="key in the initiating-event library (e.g. 'bpcs_loop_failure')")
    opportunities_per_yr: Optional[FrequencyPerYr] = Field(
        None, description="for per-opportunity library entries (operator error, crane lift): opportunities per year")
    error_factor: Optional[float] = Field(None, ge=1)
    source: Optional[str] = None
    bpcs_failure: bool = Field(False, description="the cause is a failure of the basic process control system")


class Cause(Identified):
    """What makes a deviation happen (HAZOP cause, LOPA initiating event)."""

    kind: ClassVar[str] = "cause"
    description: str
    node: Optional[ref("node")] = None
    deviation: Optional[ref("deviation")] = None
    equipment: Optional[ref("equipment")] = None
    initiating_event: Optional[InitiatingEventData] = None
    origin: Literal["manual", "suggested"] = Field("manual", description=_SUGGESTED_HELP)
    accepted_by: Optional[str] = None
    accepted_on: Optional[Date] = None


class Consequence(Identified):
    """What the deviation leads to, if no safeguard works."""

    kind: ClassVar[str] = "consequence"
    description: str
    category: Literal["people", "environment", "asset", "reputation"] = "people"
    risk_matrix: Optional[str] = Field(None, description="matrix of the severity (default: the study's)")
    severity: Optional[Level] = None
    node: Optional[ref("node")] = None
    origin: Literal["manual", "suggested"] = Field("manual", description=_SUGGESTED_HELP)
    accepted_by: Optional[str] = None
    accepted_on: Optional[Date] = None


class IplClaim(Obj):
    """What the study records so that LOPA can credit a safeguard as an IPL.

    A safeguard is credited only when it is independent (of the initiating event
    and of the other credited layers), specific, dependable and auditable, with
    an evidence reference (CCPS, Layer of Protection Analysis, 2001, ch. 6).
    """

    type: Optional[str] = Field(None, description="key in the IPL library (relief_valve, bpcs_loop, operator_response...)")
    pfd: Optional[Probability] = None
    error_factor: Optional[float] = Field(None, ge=1)
    independent: bool = False
    specific: bool = False
    dependable: bool = False
    auditable: bool = False
    evidence: Optional[str] = Field(None, description="test records, inspection reports, SRS number...")
    bpcs: bool = Field(False, description="the layer is a function of the basic process control system")
    response_time_min: Optional[NonNegative] = Field(None, description="time available for operator response, minutes")
    sif: Optional[ref("sif")] = None
    source: Optional[str] = None


class Safeguard(Identified):
    """An existing control: engineering, administrative or PPE."""

    kind: ClassVar[str] = "safeguard"
    description: str
    type: Literal["engineering", "administrative", "ppe"] = Field(
        "engineering", description="control kind in the hierarchy of controls")
    tag: Optional[str] = None
    equipment: Optional[ref("equipment")] = None
    document: Optional[str] = Field(None, description="SOP or work-instruction number (administrative controls)")
    ipl: Optional[IplClaim] = None
    origin: Literal["manual", "suggested"] = Field("manual", description=_SUGGESTED_HELP)
    accepted_by: Optional[str] = None
    accepted_on: Optional[Date] = None


class Modifier(Obj):
    """An enabling condition or conditional modifier of a LOPA scenario."""

    description: str
    probability: Probability
    type: Optional[Literal["enabling", "ignition", "presence", "fatality", "other"]] = None
    source: Optional[str] = None
    error_factor: Optional[float] = Field(None, ge=1)


class Scenario(Identified):
    """A cause -> consequence pair with its safeguards: the HAZOP row and the LOPA scenario.

    Severity and likelihood are levels of the study's risk matrix (or of the
    matrix named here).  Severity defaults to the consequence's severity.
    """

    kind: ClassVar[str] = "scenario"
    cause: ref("cause")
    consequence: ref("consequence")
    node: Optional[ref("node")] = None
    deviation: Optional[ref("deviation")] = None
    safeguards: list[ref("safeguard")] = Field(default_factory=list)
    risk_matrix: Optional[str] = None
    severity: Optional[Level] = None
    likelihood: Optional[Level] = None
    severity_after: Optional[Level] = None
    likelihood_after: Optional[Level] = None
    recommendations: list[ref("recommendation")] = Field(default_factory=list)
    lopa: Optional[bool] = Field(None, description="send to LOPA; unset = decided by the study's rule")
    enabling_conditions: list[Modifier] = Field(default_factory=list)
    conditional_modifiers: list[Modifier] = Field(default_factory=list)
    tolerable_frequency_per_yr: Optional[FrequencyPerYr] = None
    origin: Literal["manual", "suggested"] = "manual"
    accepted_by: Optional[str] = None
    accepted_on: Optional[Date] = None
    notes: Optional[str] = None
    none_identified: list[Literal["safeguards", "recommendations"]] = Field(
        default_factory=list, description="columns the team left empty on purpose: shown as 'None identified'")


class LopaRule(Obj):
    """When a HAZOP row goes to LOPA without a hand-set flag: severity or risk level at or above a threshold."""

    risk_matrix: Optional[str] = Field(None, description="rows rated with this matrix (default: the study's)")
    severity_at_least: Optional[Level] = Field(None, description="severity at least as severe as this level")
    risk_at_least: Optional[int] = Field(None, description="risk level at least as bad as this level")

    @model_validator(mode="after")
    def _one_threshold(self):
        if self.severity_at_least is None and self.risk_at_least is None:
            raise ValueError("a LOPA rule needs severity_at_least or risk_at_least")
        return self


class GuideWordSpec(Obj):
    """A HAZOP guide word declared by the study (added to or replacing the library's)."""

    name: dict[str, str] = Field(description="{en: ..., zh-TW: ...}")
    meaning: dict[str, str] = Field(default_factory=dict)
    aliases: list[str] = Field(default_factory=list)
    source: Optional[str] = None


class ParameterSpec(Obj):
    """A HAZOP parameter declared by the study: its name and its meaningful guide words."""

    name: dict[str, str] = Field(description="{en: ..., zh-TW: ...}")
    deviations: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="guide word -> deviation name {en: ..., zh-TW: ...}")
    aliases: list[str] = Field(default_factory=list)
    source: Optional[str] = None


class HazopSettings(Obj):
    """Study-wide HAZOP settings: library extension or restriction, the LOPA rule, finished flag."""

    guide_words: dict[str, GuideWordSpec] = Field(default_factory=dict, description="added to the library")
    parameters: dict[str, ParameterSpec] = Field(default_factory=dict, description="added to the library")
    use_guide_words: Optional[list[str]] = Field(None, description="restrict generation to these guide words")
    use_parameters: Optional[list[str]] = Field(None, description="restrict the study to these parameters")
    lopa_rules: list[LopaRule] = Field(default_factory=list, description="any rule that matches flags the row")
    finished: bool = Field(False, description="the worksheet is finished: empty cells are errors, not warnings")


class Recommendation(Identified):
    """An action for the register: who, by when, status and evidence."""

    kind: ClassVar[str] = "recommendation"
    text: str
    owner: Optional[str] = None
    due: Optional[Date] = None
    status: Literal["open", "in_progress", "closed", "rejected"] = "open"
    evidence: Optional[str] = None
    reason: Optional[str] = Field(None, description="why it was rejected")
    closed_on: Optional[Date] = None
    tier: Optional[Literal["elimination", "substitution", "engineering", "administrative", "ppe"]] = None

    @model_validator(mode="after")
    def _closure(self):
        if self.status == "rejected" and not self.reason:
            raise ValueError("a rejected recommendation needs a 'reason'")
        if self.status == "closed" and not (self.evidence or "").strip():
            raise ValueError("a closed recommendation needs 'evidence' (what shows it was done: "
                             "work order, test record, photo reference)")
        return self


class SifSubsystem(Obj):
    """One subsystem of a SIF (sensors, logic solver or final elements), IEC 61508-6 Annex B.

    Rates are per hour, times in hours.  ``beta_d`` unset means beta/2 and
    ``mrt_h`` unset means equal to ``mttr_h`` (the IEC 61508-6 table conventions).
    """

    description: str
    architecture: Literal["1oo1", "1oo2", "2oo2", "2oo3", "1oo3"]
    lambda_du_per_h: NonNegative
    lambda_dd_per_h: NonNegative = 0.0
    proof_test_interval_h: float = Field(gt=0)
    mttr_h: NonNegative = 8.0
    mrt_h: Optional[NonNegative] = None
    beta: float = Field(0.0, ge=0, le=1)
    beta_d: Optional[float] = Field(None, ge=0, le=1)
    proof_test_coverage: float = Field(1.0, ge=0, le=1)
    mission_time_h: Optional[float] = Field(None, gt=0)
    components: list[str] = Field(default_factory=list, description="tags or models of the devices")
    source: Optional[str] = Field(None, description="where the failure data come from (FMEDA, exida SERH, plant data)")

    @model_validator(mode="after")
    def _coverage_needs_mission_time(self):
        if self.proof_test_coverage < 1.0 and self.mission_time_h is None:
            raise ValueError("proof_test_coverage below 1 needs mission_time_h (the uncovered failures "
                             "are found only at the end of the mission time)")
        return self


class Sif(Identified):
    """A safety instrumented function: sensors + logic solver + final elements (IEC 61511)."""

    kind: ClassVar[str] = "sif"
    description: str
    target_sil: Optional[int] = Field(None, ge=0, le=4, description="unset: taken from the LOPA gap")
    demand_mode: Literal["low", "high", "continuous"] = "low"
    sensors: Optional[SifSubsystem] = None
    logic_solver: Optional[SifSubsystem] = None
    final_elements: Optional[SifSubsystem] = None
    recommendation: Optional[ref("recommendation")] = None


class ToleranceCriterion(Obj):
    """Tolerable frequency of a consequence of one severity level (company criteria)."""

    risk_matrix: Optional[str] = Field(None, description="matrix of the severity (default: the study's)")
    severity: Level
    tolerable_frequency_per_yr: FrequencyPerYr
    category: Optional[Literal["people", "environment", "asset", "reputation"]] = Field(
        None, description="applies to consequences of this category only (unset: all)")
    source: Optional[str] = None


class LopaSettings(Obj):
    """Study-wide LOPA settings: tolerable frequencies, options, library overrides."""

    criteria: list[ToleranceCriterion] = Field(default_factory=list)
    sum_initiating_events: bool = Field(
        False, description="sum the mitigated frequencies of all causes of one consequence before comparing")
    initiating_events: dict[str, dict] = Field(default_factory=dict, description="overrides of library entries")
    ipl_pfds: dict[str, dict] = Field(default_factory=dict, description="overrides of library entries")
    monte_carlo_samples: int = Field(10_000, ge=100)
    monte_carlo_seed: Optional[int] = 20261123
    default_error_factor: float = Field(3.0, ge=1)


# --------------------------------------------------------------------------- task risk
TaskPhase = Literal["normal", "startup_shutdown", "abnormal", "emergency"]


class TaskConditions(Obj):
    """Task conditions of the Taiwan OSHA worksheet (作業條件, seed 002 / seed 004 table 4)."""

    work_cycle: Optional[str] = Field(None, description="作業週期: how often the task is done")
    environment: Optional[str] = Field(None, description="作業環境: confined space, Ex area, work at height...")
    machinery: Optional[str] = Field(None, description="機械/設備/工具: machinery, equipment and tools")
    chemicals_energy: Optional[str] = Field(None, description="能源/化學物質: chemicals and energy sources")
    qualifications: Optional[str] = Field(None, description="作業資格: licences and required training")


class TaskStep(Obj):
    """A step of a task; steps nest up to three levels (第一階..第三階作業)."""

    name: str
    id: Optional[Id] = None
    steps: list["TaskStep"] = Field(default_factory=list)


class Controls(Obj):
    """Existing controls (現有防護設施) split by the hierarchy: engineering / administrative / PPE.

    Administrative controls should cite their document (SOP or work-instruction
    number), e.g. ``Work permit procedure (OSH-P-021)``.
    """

    engineering: list[str] = Field(default_factory=list, description="工程控制")
    administrative: list[str] = Field(default_factory=list, description="管理控制 (cite SOP/WI numbers)")
    ppe: list[str] = Field(default_factory=list, description="個人防護具")


class Measure(Obj):
    """A risk-reduction measure with its tier in the hierarchy of controls, owner and due date."""

    text: str
    tier: Literal["elimination", "substitution", "engineering", "administrative", "ppe"]
    owner: Optional[str] = None
    due: Optional[Date] = None
    recommendation: Optional[ref("recommendation")] = None


class TaskRow(Identified):
    """One hazard scenario of a task, rated before and after measures.

    ``hazard_type`` is a key of the 22-type taxonomy of seed 002 (``fall``,
    ``caught_in``...; see ``pse/taskrisk/data/hazard_types.yaml``), its zh-TW or
    English name, or a list of them (``[fire, explosion]`` for 火災/爆炸).
    """

    kind: ClassVar[str] = "task_row"
    step: Optional[str] = Field(None, description="name or ID of the task step the row belongs to")
    phase: TaskPhase = "normal"
    hazard_type: str | list[str]
    scenario: str
    controls: Controls = Field(default_factory=Controls)
    severity: Optional[Level] = None
    likelihood: Optional[Level] = None
    measures: list[Measure] = Field(default_factory=list)
    residual_severity: Optional[Level] = None
    residual_likelihood: Optional[Level] = None
    notes: Optional[str] = None

    @property
    def hazard_types(self) -> list[str]:
        """``hazard_type`` as a list."""
        return [self.hazard_type] if isinstance(self.hazard_type, str) else list(self.hazard_type)


class Task(Identified):
    """A task of the Taiwan OSHA hazard identification and risk assessment (危害辨識及風險評估).

    The ID is the task number: department code + serial (``A-01``).
    """

    kind: ClassVar[str] = "task"
    name: str
    department: Optional[str] = Field(None, description="department code (default: the ID's prefix)")
    steps: list[TaskStep] = Field(default_factory=list)
    conditions: TaskConditions = Field(default_factory=TaskConditions)
    performed_by: list[Literal["employee", "contractor", "supplier", "visitor"]] = Field(
        default_factory=lambda: ["employee"])
    routine: bool = True
    phases: list[TaskPhase] = Field(default_factory=lambda: ["normal"])
    equipment: list[ref("equipment")] = Field(default_factory=list)
    rows: list[TaskRow] = Field(default_factory=list)


class TaskRiskSettings(Obj):
    """Study-wide settings of the task risk assessment.

    The worksheet version is ``version`` when declared; otherwise system for an
    OSH-management-system duty or 300 workers or more, basic for known high-risk
    work or 29 workers or fewer, standard for 30-299 (seed 004).
    """

    version: Optional[Literal["basic", "standard", "system"]] = None
    osh_management_system: bool = Field(False, description="the employer must run an OSH management system")
    high_risk_work: bool = Field(False, description="known high-risk work (the basic version applies)")
    high_level: int = Field(4, ge=1, description="risk level from which a measure with owner and due date is required")
    acceptable_residual_level: Optional[int] = Field(
        None, ge=1, description="highest acceptable residual level (unset: the matrix's acceptable levels)")
    document_pattern: Optional[str] = Field(
        None, description="regular expression of a document number (SOP/WI) in administrative controls")
    hazard_types: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="extra or overriding hazard types: key -> {en: ..., zh-TW: ...}")


# --------------------------------------------------------------------------- machinery
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
    persons: Optional[int] = Field(None, ge=1, description="how many people do the task together")
    danger_zones: list[ref("danger_zone")] = Field(default_factory=list)


class RiskGraph(Obj):
    """ISO 13849-1 Annex A risk-graph parameters of a hazard (and ISO 12100 5.5.2 probability).

    The parameter names avoid ``severity``/``likelihood``: those are the study matrix's levels.
    """

    severity_of_injury: Literal["S1", "S2"] = Field(description="S1 slight (reversible), S2 serious (irreversible, death)")
    frequency_of_exposure: Literal["F1", "F2"] = Field(description="F1 seldom/short, F2 frequent/long")
    possibility_of_avoidance: Literal["P1", "P2"] = Field(description="P1 possible under some conditions, P2 scarcely possible")
    probability_of_occurrence: Optional[Literal["low", "medium", "high"]] = Field(
        None, description="ISO 12100 5.5.2.3.2 probability of the hazardous event (recorded, not used by the graph)")


class ReductionMeasure(Obj):
    """One measure of the ISO 12100 three-step method (6.1): design, safeguarding, information."""

    step: Literal["inherently_safe_design", "safeguarding", "information_for_use"]
    text: str
    safety_function: Optional[ref("safety_function")] = None
    recommendation: Optional[ref("recommendation")] = None
    implemented: bool = Field(True, description="false: proposed, tracked by the recommendation")


class MachineHazard(Identified):
    """A hazard of a machine (ISO 12100 Annex B) with its risk estimation and reduction."""

    kind: ClassVar[str] = "machine_hazard"
    group: str = Field(description="ISO 12100 Annex B group key, e.g. 'mechanical'")
    hazard: Optional[str] = Field(None, description="kind within the group, e.g. 'crushing'")
    description: str
    origin: Optional[str] = Field(None, description="what on the machine causes it (slide, die, rolls...)")
    consequence: Optional[str] = None
    phase: Optional[LifeCyclePhase] = None
    task: Optional[ref("machine_task")] = None
    danger_zone: Optional[ref("danger_zone")] = None
    risk_graph: Optional[RiskGraph] = None
    severity: Optional[Level] = None
    likelihood: Optional[Level] = None
    measures: list[ReductionMeasure] = Field(default_factory=list)
    residual_severity: Optional[Level] = None
    residual_likelihood: Optional[Level] = None
    residual_risk: Optional[str] = Field(None, description="residual risk after the measures, in words")
    recommendations: list[ref("recommendation")] = Field(default_factory=list)


class SafetyFunction(Identified):
    """A safety function of the control system (ISO 13849-1) with its required PL."""

    kind: ClassVar[str] = "safety_function"
    description: str
    hazards: list[ref("machine_hazard")] = Field(default_factory=list)
    plr: Optional[PerformanceLevel] = Field(None, description="required PL; unset: from the hazards' risk graphs")
    pl_achieved: Optional[PerformanceLevel] = Field(None, description="PL of the design (e.g. from SISTEMA)")
    category: Optional[Literal["B", "1", "2", "3", "4"]] = None
    device: Optional[str] = None


class LightCurtain(Obj):
    """Light curtain (active opto-electronic protective device) of a machine; times in ms, lengths in mm."""

    resolution_mm: float = Field(gt=0, description="detection capability d")
    response_time_ms: NonNegative = Field(description="ESPE response time")
    stopping_time_ms: NonNegative = Field(description="machine stopping time incl. control system")
    distance_mm: Optional[NonNegative] = Field(None, description="installed distance to the danger zone")
    protective_height_mm: Optional[NonNegative] = None
    slide_adjustment_mm: Optional[NonNegative] = None
    stroke_mm: Optional[NonNegative] = None
    intermediate_light_axes: Optional[bool] = Field(None, description="MES 12-1: intermediate/auxiliary axes or fence")
    additional_distance_mm: Optional[NonNegative] = Field(
        None, description="C of the Taiwan press formula D = 1.6(Tl+Ts)+C (table not verified: give it)")


class TwoHandControl(Obj):
    """Two-hand control device of a press; times in ms (Taiwan formula) or s, lengths in mm."""

    type: Literal["safety_one_stroke", "two_hand_start"] = "safety_one_stroke"
    button_spacing_outer_mm: Optional[NonNegative] = Field(None, description="outer edge to outer edge")
    synchronous_limit_s: Optional[NonNegative] = Field(None, description="largest accepted delay between the hands")
    response_time_ms: Optional[NonNegative] = Field(None, description="Tl: release to brake start")
    stopping_time_ms: Optional[NonNegative] = Field(None, description="Ts: brake start to slide stop")
    clutch_engagement_points: Optional[int] = Field(None, ge=1, description="two-hand start: engagement points N")
    crank_revolution_time_ms: Optional[NonNegative] = Field(None, description="two-hand start: one crank revolution")
    distance_mm: Optional[NonNegative] = Field(None, description="installed distance to the danger zone")
    covered: bool = Field(False, description="ISO 13855: encroachment of the hands prevented (C = 0)")


class ChecklistResult(Obj):
    """The result of one checklist item (package data) for this machine."""

    item: str = Field(description="checklist item ID, e.g. 'PP-10'")
    result: Literal["pass", "fail", "na"]
    evidence: Optional[str] = None
    note: Optional[str] = None
    recommendation: Optional[ref("recommendation")] = None


class Machine(Identified):
    """A machine under ISO 12100 review."""

    kind: ClassVar[str] = "machine"
    name: str
    type: str = Field(description="machine type of the package checklists, e.g. 'power_press'")
    equipment: Optional[ref("equipment")] = None
    designated_product: Optional[bool] = Field(None, description="unset: from the machine type")
    safety_label: Optional[str] = Field(None, description="safety label number (TD...) of a designated product")
    type_approval_no: Optional[str] = Field(None, description="type-verification number (TC...)")
    manufacturer: Optional[str] = None
    model: Optional[str] = None
    operators: Optional[int] = Field(None, ge=1, description="people who work the machine at the same time")
    operating_stations: Optional[int] = Field(None, ge=0)
    life_cycle_phases: list[LifeCyclePhase] = Field(default_factory=list)
    tasks: list[MachineTask] = Field(default_factory=list)
    danger_zones: list[DangerZone] = Field(default_factory=list)
    hazards: list[MachineHazard] = Field(default_factory=list)
    safety_functions: list[SafetyFunction] = Field(default_factory=list)
    light_curtain: Optional[LightCurtain] = None
    two_hand: Optional[TwoHandControl] = None
    checklists: list[str] = Field(default_factory=list, description="extra package checklists besides the type's")
    checklist: list[ChecklistResult] = Field(default_factory=list)


class ChecklistItemSpec(Obj):
    """A checklist item declared by the study (adds to or overrides the package items)."""

    id: str
    checklist: str
    question: dict[str, str] = Field(description="{en: ..., zh-TW: ...}")
    method: Literal["visual", "measurement", "document"]
    citation: str
    note: Optional[str] = None


class MachinerySettings(Obj):
    """Study-wide settings of the machinery review."""

    iso13855_edition: Literal["2010", "2024"] = "2010"
    items: list[ChecklistItemSpec] = Field(default_factory=list, description="study checklist items")
    generate_recommendations: bool = Field(
        True, description="a failed item without a linked recommendation gets one in the outputs")


# --------------------------------------------------------------------------- FMEA
from typing import Annotated  # noqa: E402  (FMEA section: local imports keep shared lines untouched)

from pydantic import BeforeValidator, ValidationInfo, field_validator  # noqa: E402


def _fmea_rating(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"a rating is a whole number from 1 to 10, got {value!r}")
    if not 1 <= value <= 10:
        raise ValueError(f"a rating is from 1 to 10, got {value}")
    return value


#: an FMEA severity, occurrence or detection rating: a whole number 1-10
Rating = Annotated[int, BeforeValidator(_fmea_rating), Field(ge=1, le=10, description="rating 1-10 of the FMEA scale")]


class FmeaScaleLevel(Obj):
    """One rank of an FMEA rating scale with its description in both languages."""

    en: str
    zh_TW: Optional[str] = Field(None, alias="zh-TW")


class FmeaScaleSpec(Obj):
    """An FMEA rating scale (severity, occurrence, detection 1-10) declared by the study."""

    # FMEA kind: its severity/occurrence/detection are 1-10 scale texts, not risk-matrix levels (validate.py
    # skips the level check for failure_mode objects)
    kind: ClassVar[str] = "failure_mode"
    title: str
    source: Optional[str] = None
    edition: Optional[str] = None
    severity: dict[int, FmeaScaleLevel]
    occurrence: dict[int, FmeaScaleLevel]
    detection: dict[int, FmeaScaleLevel]

    @model_validator(mode="after")
    def _ten_ranks(self):
        for axis in ("severity", "occurrence", "detection"):
            ranks = sorted(getattr(self, axis))
            if ranks != list(range(1, 11)):
                missing = sorted(set(range(1, 11)) - set(ranks))
                extra = sorted(set(ranks) - set(range(1, 11)))
                raise ValueError(f"{axis} must describe ranks 1 to 10"
                                 + (f"; missing {missing}" if missing else "") + (f"; not allowed {extra}" if extra else ""))
        return self


class FmeaSettings(Obj):
    """Study-wide FMEA settings: rating scale, ranking rule, criticality column."""

    scale: str = Field("aiag-vda-pfmea", description="rating scale: aiag-vda-pfmea, aiag-vda-dfmea, aiag4-pfmea, "
                                                     "aiag4-dfmea, or one declared under fmea.scales")
    scales: dict[str, FmeaScaleSpec] = Field(default_factory=dict, description="scales declared by the study")
    ranking: Literal["action_priority", "rpn", "criticality"] = Field(
        "action_priority", description="how rows are ranked: AIAG-VDA Action Priority (default), RPN = S x O x D, "
                                       "or criticality S x O")
    criticality: bool = Field(False, description="add the criticality S x O column")


class FmeaAction(Obj):
    """A recommended action of an FMEA row: text or a recommendation of the register, owner, due date, status."""

    text: Optional[str] = None
    type: Literal["prevention", "detection", "design"] = "prevention"
    recommendation: Optional[ref("recommendation")] = None
    owner: Optional[str] = None
    due: Optional[Date] = None
    status: Literal["open", "in_progress", "closed", "rejected"] = "open"
    completed_on: Optional[Date] = None
    evidence: Optional[str] = None

    @model_validator(mode="after")
    def _text_or_recommendation(self):
        if not self.text and not self.recommendation:
            raise ValueError("an action needs 'text' or a 'recommendation' ID")
        return self


class FailureMode(Identified):
    """An FMEA row: item/function, failure mode, effect (S), cause (O), controls (D), actions, ratings after.

    Ratings are whole numbers 1-10 of the study's FMEA scale (``fmea.scale``).
    The cause may be marked as an initiating event with a frequency
    (``initiating_event``) so that LOPA can use it.  Post-action ratings
    (``*_after``) need at least one action or recommendation.
    """

    kind: ClassVar[str] = "failure_mode"
    item: str
    function: Optional[str] = None
    failure_mode: str
    effect: str
    cause: str
    severity: Rating
    occurrence: Rating
    detection: Rating
    prevention_controls: list[str] = Field(default_factory=list)
    detection_controls: list[str] = Field(default_factory=list)
    equipment: Optional[ref("equipment")] = None
    sif: Optional[ref("sif")] = Field(None, description="SIF this component belongs to (SIF component FMEA)")
    initiating_event: Optional[InitiatingEventData] = None
    recommendations: list[ref("recommendation")] = Field(default_factory=list)
    actions: list[FmeaAction] = Field(default_factory=list)
    severity_after: Optional[Rating] = None
    occurrence_after: Optional[Rating] = None
    detection_after: Optional[Rating] = None
    notes: Optional[str] = None

    @field_validator("severity_after", "occurrence_after", "detection_after")
    @classmethod
    def _after_needs_action(cls, value, info: ValidationInfo):
        if value is not None and not info.data.get("actions") and not info.data.get("recommendations"):
            raise ValueError("a post-action rating needs an action: add 'actions' (or 'recommendations') to this row")
        return value


# --------------------------------------------------------------------------- zoning
Point2 = tuple[float, float]


class Ventilation(Obj):
    """Ventilation of a room or area (IEC 60079-10-1:2015 Annex C): declared, or the data to evaluate it.

    ``dilution`` declared wins; otherwise the degree of dilution is read from Figure C.1 with the ventilation
    velocity (``velocity_m_s``, or for indoor rooms air flow / cross-section, or outdoors Table C.1) and, indoors,
    checked against the background concentration (air flow from ``air_flow_m3_s`` or ``air_changes_per_h``).
    """

    type: Literal["natural", "artificial"] = "natural"
    dilution: Optional[Literal["high", "medium", "low"]] = None
    availability: Literal["good", "fair", "poor"] = "fair"
    air_changes_per_h: Optional[NonNegative] = None
    air_flow_m3_s: Optional[NonNegative] = Field(None, description="air flow through the room, m3/s")
    velocity_m_s: Optional[NonNegative] = None
    inefficiency_factor: float = Field(
        5.0, ge=1, le=5, description="f of the background-concentration check (1 ideal mixing .. 5 impeded "
                                     "air flow), IEC 60079-10-1:2015 C.3.4")
    obstructed: bool = Field(False, description="outdoors: obstructed area (Table C.1 column)")
    source: Optional[str] = Field(None, description="where the declared values come from")


class Room(Identified):
    """A room or open area; its outline is a polygon in plan (metres).

    Indoors, zones are clipped by the walls (the outline) except through ``openings`` (polygons in plan drawn
    across the wall, e.g. a door swing or louvre, into which a zone may pass).  ``classify_whole_room: true``
    spreads every zone of a source in the room to the whole room (the standard's answer for low dilution
    indoors is applied automatically).
    """

    kind: ClassVar[str] = "room"
    name: str
    indoor: bool = True
    outline: list[Point2] = Field(min_length=3)
    openings: list[list[Point2]] = Field(default_factory=list, description="polygons where zones pass the walls")
    height_m: Optional[float] = Field(None, gt=0)
    ventilation: Ventilation = Field(default_factory=Ventilation)
    classify_whole_room: bool = False

    @field_validator("outline")
    @classmethod
    def _simple_outline(cls, outline):
        problem = _polygon_problem(outline)
        if problem:
            raise ValueError(f"the room outline {problem}")
        return outline

    @field_validator("openings")
    @classmethod
    def _simple_openings(cls, openings):
        for i, opening in enumerate(openings):
            problem = _polygon_problem(opening)
            if problem:
                raise ValueError(f"opening {i} {problem}")
        return openings


def _polygon_problem(points) -> Optional[str]:
    """Why ``points`` is not a simple polygon (self-intersecting, too few points, no area), or None."""
    if len(points) < 3:
        return "needs at least 3 points"
    from shapely.geometry import Polygon
    from shapely.validation import explain_validity

    polygon = Polygon(points)
    if not polygon.is_valid:
        reason = explain_validity(polygon)
        return f"is not a simple polygon ({reason.lower()}): its edges must not cross"
    if polygon.area <= 0:
        return "has no area"
    return None


class ExtentZone(Obj):
    """One zone of an extent recipe: horizontal radius and height (metres) around the source."""

    zone: Literal["0", "1", "2"]
    radius_m: float = Field(gt=0)
    height_m: Optional[float] = Field(None, gt=0, description="above the source (default: radius)")
    below_m: Optional[float] = Field(None, ge=0, description="below the source (default: down to grade)")


class ExtentRecipe(Obj):
    """Declared zones around a kind of source, from a code figure (API RP 505, NFPA 497, EI 15...)."""

    name: str
    source: str = Field(description="document, edition")
    figure: str = Field(description="figure or table number")
    zones: list[ExtentZone] = Field(min_length=1)
    notes: Optional[str] = None


class ReleaseSource(Identified):
    """A source of release of flammable gas or vapour (IEC 60079-10-1).

    Geometry: ``location`` (point), or ``points`` in plan: two or more points a line (a pipe run, a trench),
    three or more with ``shape: area`` an area (an open surface, a pool).  The zone type comes from Table D.1
    with the room's ventilation; the extent from ``extent_m`` (declared), an extent ``recipe``, or the release
    rate (declared ``release_rate_kg_s`` or computed from hole, pressure, temperature per Annex B) through
    Figure D.1 (indicative).
    """

    kind: ClassVar[str] = "release_source"
    description: Optional[str] = None
    equipment: Optional[ref("equipment")] = None
    room: Optional[ref("room")] = None
    substance: ref("substance")
    grade: Literal["continuous", "primary", "secondary"]
    phase: Literal["gas", "liquid", "vapour"] = "gas"
    location: Optional[Location] = None
    points: list[Point2] = Field(default_factory=list, description="line or area geometry")
    shape: Optional[Literal["point", "line", "area"]] = Field(None, description="default: from the geometry given")
    hole_area_mm2: Optional[float] = Field(None, gt=0)
    pressure_pa: Optional[float] = Field(None, gt=0, description="absolute pressure")
    temperature_c: Optional[float] = None
    discharge_coefficient: float = Field(0.75, gt=0, le=1, description="Cd (IEC 60079-10-1 Annex B: 0.50-0.75 "
                                                                       "sharp orifices, 0.95-0.99 rounded)")
    release_rate_kg_s: Optional[float] = Field(None, gt=0, description="declared release rate (vapour/gas)")
    release_rate_source: Optional[str] = None
    release_type: Optional[Literal["jet", "diffusive", "heavy_gas"]] = Field(
        None, description="Figure D.1 curve (default: jet for choked/high-velocity gas, heavy_gas for vapour "
                          "denser than air, else diffusive)")
    recipe: Optional[str] = Field(None, description="extent recipe (package or zoning.extent_recipes)")
    extent_m: Optional[float] = Field(None, gt=0, description="declared hazardous distance (overrides the estimate)")
    outer_extent_m: Optional[float] = Field(None, gt=0, description="extent of a surrounding zone (Zone 0 + Zone 2...)")
    height_m: Optional[float] = Field(None, gt=0, description="vertical extent above the source (default: extent)")
    extent_source: Optional[str] = Field(None, description="where a declared extent comes from")

    @model_validator(mode="after")
    def _geometry(self):
        if self.location is None and not self.points:
            raise ValueError("a release source needs a 'location' (point) or 'points' (line or area)")
        if self.shape == "area" and len(self.points) < 3:
            raise ValueError("shape 'area' needs at least 3 points")
        if self.shape == "line" and len(self.points) < 2:
            raise ValueError("shape 'line' needs at least 2 points")
        if self.shape == "area":
            problem = _polygon_problem(self.points)
            if problem:
                raise ValueError(f"points {problem}")
        return self


class SectionLine(Obj):
    """A section line for the elevation view."""

    start: Point2
    end: Point2
    label: str = "A-A"


class ZoningSettings(Obj):
    """Study-wide settings of the hazardous-area classification."""

    safety_factor_k: float = Field(
        0.5, gt=0, le=1, description="k applied to LFL in the release characteristic W/(rho k LFL); "
                                     "IEC 60079-10-1:2015 gives 0.5 to 1.0")
    background_limit_fraction_of_lfl: float = Field(
        0.25, gt=0, le=1, description="indoor background concentration above this fraction of LFL -> low dilution")
    surrounding_zone_factor: float = Field(
        2.0, ge=1, description="extent of a surrounding zone (e.g. the Zone 2 of 'Zone 1 + Zone 2') as a multiple "
                               "of the hazardous distance, unless declared per source (engineering judgement)")
    ambient_temperature_c: float = 20.0
    ambient_pressure_pa: float = Field(101325.0, gt=0)
    buffer_segments: int = Field(16, ge=4, le=256, description="segments per quarter circle of zone outlines")
    extent_recipes: dict[str, ExtentRecipe] = Field(default_factory=dict)
    section: Optional[SectionLine] = None
    scale: Optional[str] = Field(None, description="drawing scale text, e.g. '1:100' (default: from the sheet)")
    drawing_number: Optional[str] = None
    north_deg: float = Field(0.0, description="direction of plan north, degrees clockwise from the drawing's +y")


# --------------------------------------------------------------------------- study
class Study(Obj):
    """A whole study: metadata, the shared objects, and each module's rows."""

    study: StudyMeta
    risk_matrix: str = Field("tw-osha-5", description="default risk matrix (preset name or declared below)")
    risk_matrices: dict[str, MatrixSpec] = Field(default_factory=dict)
    lopa: LopaSettings = Field(default_factory=LopaSettings)
    hazop: HazopSettings = Field(default_factory=HazopSettings)
    fmea: FmeaSettings = Field(default_factory=FmeaSettings)
    nodes: list[Node] = Field(default_factory=list)
    equipment: list[Equipment] = Field(default_factory=list)
    substances: list[Substance] = Field(default_factory=list)
    deviations: list[Deviation] = Field(default_factory=list)
    causes: list[Cause] = Field(default_factory=list)
    consequences: list[Consequence] = Field(default_factory=list)
    safeguards: list[Safeguard] = Field(default_factory=list)
    scenarios: list[Scenario] = Field(default_factory=list)
    sifs: list[Sif] = Field(default_factory=list)
    recommendations: list[Recommendation] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    task_risk: TaskRiskSettings = Field(default_factory=TaskRiskSettings)
    machines: list[Machine] = Field(default_factory=list)
    machinery: MachinerySettings = Field(default_factory=MachinerySettings)
    failure_modes: list[FailureMode] = Field(default_factory=list)
    rooms: list[Room] = Field(default_factory=list)
    release_sources: list[ReleaseSource] = Field(default_factory=list)
    zoning: ZoningSettings = Field(default_factory=ZoningSettings)

    _source: object = PrivateAttr(default=None)
    _index: dict = PrivateAttr(default_factory=dict)
    _warnings: list = PrivateAttr(default_factory=list)

    # -- convenience views ------------------------------------------------------
    @property
    def source_map(self):
        """Where each value came from (:class:`pse.model.loader.SourceMap`)."""
        return self._source

    def get(self, object_id: str):
        """The object with this ID (any kind), or ``None``."""
        # read the private index directly: pydantic's __getattr__ for private attributes costs
        # microseconds per call, and LOPA/HAZOP look objects up once per row
        entry = self.__pydantic_private__["_index"].get(object_id)
        return entry[0] if entry else None

    def path_of(self, object_id: str) -> tuple:
        """Data path of the object with this ID, e.g. ``('scenarios', 3)``."""
        entry = self._index.get(object_id)
        return entry[1] if entry else ()

    def where(self, object_id: str, field: str | None = None) -> str:
        """``file:line`` of an object (or one of its fields), for messages."""
        path = self.path_of(object_id) + ((field,) if field else ())
        if self._source is None:
            return "<study>"
        file, line = self._source.where(path)
        return f"{file}:{line}" if line else file

    def modules_used(self) -> list[str]:
        """Which collections are filled (used by ``pse run`` to pick modules)."""
        return [name for name in type(self).model_fields
                if isinstance(getattr(self, name), list) and getattr(self, name)]


TaskStep.model_rebuild()
