"""Taiwan OSHA task risk assessment: tasks, their rows, controls and measures."""


from typing import ClassVar, Literal

from pydantic import (
    Field,
)

from pse.model.core import Identified, Obj
from pse.model.types import (
    Date,
    EquipmentRef,
    Id,
    Level,
    MachineHazardRef,
    RecommendationRef,
    Whole,
)

TaskPhase = Literal["normal", "startup_shutdown", "abnormal", "emergency"]


class TaskConditions(Obj):
    """Task conditions of the Taiwan OSHA worksheet (作業條件, seed 002 / seed 004 table 4)."""

    work_cycle: str | None = Field(None, description="作業週期: how often the task is done")
    environment: str | None = Field(None, description="作業環境: confined space, Ex area, work at height...")
    machinery: str | None = Field(None, description="機械/設備/工具: machinery, equipment and tools")
    chemicals_energy: str | None = Field(None, description="能源/化學物質: chemicals and energy sources")
    qualifications: str | None = Field(None, description="作業資格: licences and required training")


class TaskStep(Obj):
    """A step of a task; steps nest up to three levels (第一階..第三階作業)."""

    kind: ClassVar[str] = "task_step"
    name: str
    id: Id | None = None
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
    owner: str | None = None
    due: Date | None = None
    recommendation: RecommendationRef | None = None


class ResidualAcceptance(Obj):
    """A recorded acceptance of a residual risk: who accepted it, when and why (ISO 12100 5.6; TR-004)."""

    accepted_by: str = Field(description="name and role of the person who accepts the residual risk")
    accepted_on: Date
    reason: str = Field(description="why the residual risk is accepted (further reduction not practicable...)")


class TaskRow(Identified):
    """One hazard scenario of a task, rated before and after measures.

    ``hazard_type`` is a key of the 22-type taxonomy of seed 002 (``fall``,
    ``caught_in``...; see ``pse/taskrisk/data/hazard_types.yaml``), its zh-TW or
    English name, or a list of them (``[fire, explosion]`` for 火災/爆炸).
    """

    kind: ClassVar[str] = "task_row"
    step: str | None = Field(None, description="name or ID of the task step the row belongs to")
    phase: TaskPhase = "normal"
    hazard_type: str | list[str]
    scenario: str
    controls: Controls = Field(default_factory=Controls)
    severity: Level | None = None
    likelihood: Level | None = None
    measures: list[Measure] = Field(default_factory=list)
    residual_severity: Level | None = None
    residual_likelihood: Level | None = None
    acceptance: ResidualAcceptance | None = Field(
        None, description="recorded acceptance of the residual risk (clears TR-004)")
    machine_hazard: MachineHazardRef | None = Field(
        None, description="the machine hazard (machinery review) of the same accident")
    notes: str | None = None

    @property
    def hazard_types(self) -> list[str]:
        """``hazard_type`` as a list."""
        return [self.hazard_type] if isinstance(self.hazard_type, str) else list(self.hazard_type)


Performer = Literal["employee", "contractor", "supplier", "visitor"]
_EMPLOYEE: Performer = "employee"
_NORMAL: TaskPhase = "normal"


class Task(Identified):
    """A task of the Taiwan OSHA hazard identification and risk assessment (危害辨識及風險評估).

    The ID is the task number: department code + serial (``A-01``).
    """

    kind: ClassVar[str] = "task"
    name: str
    department: str | None = Field(None, description="department code (default: the ID's prefix)")
    steps: list[TaskStep] = Field(default_factory=list)
    conditions: TaskConditions = Field(default_factory=TaskConditions)
    performed_by: list[Performer] = Field(default_factory=lambda: [_EMPLOYEE])
    routine: bool = True
    phases: list[TaskPhase] = Field(default_factory=lambda: [_NORMAL])
    equipment: list[EquipmentRef] = Field(default_factory=list)
    rows: list[TaskRow] = Field(default_factory=list)


class TaskRiskSettings(Obj):
    """Study-wide settings of the task risk assessment.

    The worksheet version is ``version`` when declared; otherwise system for an
    OSH-management-system duty or 300 workers or more, basic for known high-risk
    work or 29 workers or fewer, standard for 30-299 (seed 004).
    """

    version: Literal["basic", "standard", "system"] | None = None
    osh_management_system: bool = Field(False, description="the employer must run an OSH management system")
    high_risk_work: bool = Field(False, description="known high-risk work (the basic version applies)")
    high_level: Whole = Field(4, ge=1,
                              description="risk level from which a measure with owner and due date is required")
    acceptable_residual_level: Whole | None = Field(
        None, ge=1, description="highest acceptable residual level (unset: the matrix's acceptable levels)")
    document_pattern: str | None = Field(
        None, description="regular expression of a document number (SOP/WI) in administrative controls")
    hazard_types: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="extra or overriding hazard types: key -> {en: ..., zh-TW: ...}")


TaskStep.model_rebuild()
