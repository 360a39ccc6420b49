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

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

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
    """Explosion-protection marking of an item of equipment (IEC 60079-0)."""

    epl: Optional[Literal["Ga", "Gb", "Gc", "none"]] = None
    gas_group: Optional[Literal["IIA", "IIB", "IIC"]] = None
    temperature_class: Optional[Literal["T1", "T2", "T3", "T4", "T5", "T6"]] = None
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


class Substance(Identified):
    """A substance handled; properties not given here come from the package library."""

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
    gas_group: Optional[Literal["IIA", "IIB", "IIC"]] = None
    temperature_class: Optional[Literal["T1", "T2", "T3", "T4", "T5", "T6"]] = None
    source: Optional[str] = None


class Deviation(Identified):
    """A HAZOP deviation: guide word x parameter at a node ("high pressure")."""

    kind: ClassVar[str] = "deviation"
    node: ref("node")
    guide_word: str
    parameter: str
    name: Optional[str] = None
    origin: Literal["generated", "manual"] = "manual"


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


class Consequence(Identified):
    """What the deviation leads to, if no safeguard works."""

    kind: ClassVar[str] = "consequence"
    description: str
    category: Literal["people", "environment", "asset", "reputation"] = "people"
    risk_matrix: Optional[str] = Field(None, description="matrix of the severity (default: the study's)")
    severity: Optional[Level] = None
    node: Optional[ref("node")] = None


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
class TaskConditions(Obj):
    """Task conditions of the Taiwan OSHA worksheet (seed 002)."""

    work_cycle: Optional[str] = None
    environment: Optional[str] = None
    machinery: Optional[str] = None
    chemicals_energy: Optional[str] = None
    qualifications: Optional[str] = None


class TaskStep(Obj):
    """A step of a task; steps nest up to three levels."""

    name: str
    id: Optional[Id] = None
    steps: list["TaskStep"] = Field(default_factory=list)


class Controls(Obj):
    """Existing controls split by the hierarchy."""

    engineering: list[str] = Field(default_factory=list)
    administrative: list[str] = Field(default_factory=list)
    ppe: list[str] = Field(default_factory=list)


class Measure(Obj):
    """A risk-reduction measure with its tier in the hierarchy of controls."""

    text: str
    tier: Literal["elimination", "substitution", "engineering", "administrative", "ppe"]
    owner: Optional[str] = None
    due: Optional[Date] = None
    recommendation: Optional[ref("recommendation")] = None


class TaskRow(Identified):
    """One hazard scenario of a task, rated before and after measures."""

    kind: ClassVar[str] = "task_row"
    step: Optional[str] = None
    phase: Literal["normal", "startup_shutdown", "abnormal", "emergency"] = "normal"
    hazard_type: str
    scenario: str
    controls: Controls = Field(default_factory=Controls)
    severity: Optional[Level] = None
    likelihood: Optional[Level] = None
    measures: list[Measure] = Field(default_factory=list)
    residual_severity: Optional[Level] = None
    residual_likelihood: Optional[Level] = None


class Task(Identified):
    """A task of the Taiwan OSHA hazard identification and risk assessment."""

    kind: ClassVar[str] = "task"
    name: str
    department: Optional[str] = None
    steps: list[TaskStep] = Field(default_factory=list)
    conditions: TaskConditions = Field(default_factory=TaskConditions)
    performed_by: list[Literal["employee", "contractor", "supplier", "visitor"]] = Field(
        default_factory=lambda: ["employee"])
    routine: bool = True
    phases: list[Literal["normal", "startup_shutdown", "abnormal", "emergency"]] = Field(
        default_factory=lambda: ["normal"])
    equipment: list[ref("equipment")] = Field(default_factory=list)
    rows: list[TaskRow] = Field(default_factory=list)


# --------------------------------------------------------------------------- machinery
class DangerZone(Identified):
    kind: ClassVar[str] = "danger_zone"
    description: str


class MachineHazard(Identified):
    """A hazard of a machine (ISO 12100 Annex B) with its risk estimation."""

    kind: ClassVar[str] = "machine_hazard"
    group: str
    hazard: Optional[str] = None
    description: str
    phase: Optional[str] = None
    danger_zone: Optional[ref("danger_zone")] = None
    severity: Optional[Level] = None
    likelihood: Optional[Level] = None
    recommendations: list[ref("recommendation")] = Field(default_factory=list)


class Machine(Identified):
    """A machine under ISO 12100 review."""

    kind: ClassVar[str] = "machine"
    name: str
    type: str
    equipment: Optional[ref("equipment")] = None
    designated_product: bool = False
    safety_label: Optional[str] = None
    type_approval_no: Optional[str] = None
    life_cycle_phases: list[str] = Field(default_factory=list)
    danger_zones: list[DangerZone] = Field(default_factory=list)
    hazards: list[MachineHazard] = Field(default_factory=list)


# --------------------------------------------------------------------------- FMEA
class FailureMode(Identified):
    """An FMEA row: failure mode with S/O/D ratings before and after actions."""

    kind: ClassVar[str] = "failure_mode"
    item: str
    function: Optional[str] = None
    failure_mode: str
    effect: str
    cause: str
    severity: int = Field(ge=1, le=10)
    occurrence: int = Field(ge=1, le=10)
    detection: int = Field(ge=1, le=10)
    prevention_controls: list[str] = Field(default_factory=list)
    detection_controls: list[str] = Field(default_factory=list)
    equipment: Optional[ref("equipment")] = None
    initiating_event: Optional[InitiatingEventData] = None
    recommendations: list[ref("recommendation")] = Field(default_factory=list)
    severity_after: Optional[int] = Field(None, ge=1, le=10)
    occurrence_after: Optional[int] = Field(None, ge=1, le=10)
    detection_after: Optional[int] = Field(None, ge=1, le=10)


# --------------------------------------------------------------------------- zoning
class Ventilation(Obj):
    """Ventilation of a room or area, declared or with the data to evaluate it."""

    type: Literal["natural", "artificial"] = "natural"
    dilution: Optional[Literal["high", "medium", "low"]] = None
    availability: Literal["good", "fair", "poor"] = "fair"
    air_changes_per_h: Optional[NonNegative] = None
    velocity_m_s: Optional[NonNegative] = None


class Room(Identified):
    """A room or open area; its outline is a polygon in plan (metres)."""

    kind: ClassVar[str] = "room"
    name: str
    indoor: bool = True
    outline: list[tuple[float, float]] = Field(min_length=3)
    height_m: Optional[float] = Field(None, gt=0)
    ventilation: Ventilation = Field(default_factory=Ventilation)


class ReleaseSource(Identified):
    """A source of release of flammable gas or vapour (IEC 60079-10-1)."""

    kind: ClassVar[str] = "release_source"
    description: Optional[str] = None
    equipment: Optional[ref("equipment")] = None
    room: Optional[ref("room")] = None
    substance: ref("substance")
    grade: Literal["continuous", "primary", "secondary"]
    phase: Literal["gas", "liquid", "vapour"] = "gas"
    location: Optional[Location] = None
    points: list[tuple[float, float]] = Field(default_factory=list, description="line or area geometry")
    hole_area_mm2: Optional[float] = Field(None, gt=0)
    pressure_pa: Optional[float] = Field(None, gt=0, description="absolute pressure")
    temperature_c: Optional[float] = None
    extent_m: Optional[float] = Field(None, gt=0, description="declared hazardous distance (overrides the estimate)")


# --------------------------------------------------------------------------- study
class Study(Obj):
    """A whole study: metadata, the shared objects, and each module's rows."""

    study: StudyMeta
    risk_matrix: str = Field("tw-osha-5", description="default risk matrix (preset name or declared below)")
    risk_matrices: dict[str, MatrixSpec] = Field(default_factory=dict)
    lopa: LopaSettings = Field(default_factory=LopaSettings)
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
    machines: list[Machine] = Field(default_factory=list)
    failure_modes: list[FailureMode] = Field(default_factory=list)
    rooms: list[Room] = Field(default_factory=list)
    release_sources: list[ReleaseSource] = Field(default_factory=list)

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
        entry = self._index.get(object_id)
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
