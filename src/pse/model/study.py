"""The whole study: metadata, the shared objects and each module's rows."""


from pydantic import (
    Field,
    PrivateAttr,
)

from pse.model.compliance import ChemicalStock, ComplianceSettings, InspectedEquipment, SelfCheck
from pse.model.core import Equipment, Obj, Recommendation, StudyMeta
from pse.model.fmea import FailureMode, FmeaSettings
from pse.model.health import ExposureAssessment, HealthSettings, ManualHandling, ThermographyFinding
from pse.model.loader import SourceMap
from pse.model.machines import Machine, MachinerySettings
from pse.model.process import (
    Cause,
    Consequence,
    Deviation,
    HazopSettings,
    Node,
    Safeguard,
    Scenario,
)
from pse.model.sif import LopaSettings, Sif
from pse.model.tasks import Task, TaskRiskSettings
from pse.model.zoning import ReleaseSource, Room, Substance, ZoningSettings
from pse.risk.spec import MatrixSpec


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
    self_checks: list[SelfCheck] = Field(default_factory=list)
    chemical_inventory: list[ChemicalStock] = Field(default_factory=list)
    inspections: list[InspectedEquipment] = Field(default_factory=list)
    compliance: ComplianceSettings = Field(default_factory=ComplianceSettings)
    exposure_assessments: list[ExposureAssessment] = Field(default_factory=list)
    manual_handling: list[ManualHandling] = Field(default_factory=list)
    thermography: list[ThermographyFinding] = Field(default_factory=list)
    health: HealthSettings = Field(default_factory=HealthSettings)

    _source: SourceMap | None = PrivateAttr(default=None)
    _index: dict = PrivateAttr(default_factory=dict)
    _warnings: list = PrivateAttr(default_factory=list)

    # -- convenience views ------------------------------------------------------
    @property
    def source_map(self):
        """Where each value came from (:class:`pse.model.loader.SourceMap`)."""
        return (self.__pydantic_private__ or {}).get("_source")

    def get(self, object_id: str):
        """The object with this ID (any kind), or ``None``."""
        # read the private index directly: pydantic's __getattr__ for private attributes costs
        # microseconds per call, and LOPA/HAZOP look objects up once per row
        private = self.__pydantic_private__ or {}
        entry = private["_index"].get(object_id)
        return entry[0] if entry else None

    def path_of(self, object_id: str) -> tuple:
        """Data path of the object with this ID, e.g. ``('scenarios', 3)``."""
        entry = (self.__pydantic_private__ or {})["_index"].get(object_id)   # direct: see get()
        return entry[1] if entry else ()

    def where(self, object_id: str, field: str | None = None) -> str:
        """``file:line`` of an object (or one of its fields), for messages."""
        path = self.path_of(object_id) + ((field,) if field else ())
        source = self.source_map
        if source is None:
            return "<study>"
        file, line = source.where(path)
        return f"{file}:{line}" if line else file

    def modules_used(self) -> list[str]:
        """Which collections are filled (used by ``pse run`` to pick modules)."""
        return [name for name in type(self).model_fields
                if isinstance(getattr(self, name), list) and getattr(self, name)]
