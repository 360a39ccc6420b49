"""Core study objects shared by every module: the base classes, study metadata, equipment and recommendations.

The model files (this one, ``process``, ``sif``, ``tasks``, ``machines``, ``fmea``, ``zoning``, ``compliance``,
``health``, ``study``) do not use ``from __future__ import annotations``: with it, pydantic compiles and
evaluates each of the ~700 annotation strings when the classes are made (about 0.03 s of every ``pse`` start);
a class that refers to itself names itself in quotes.
"""


from typing import ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    model_validator,
)

from pse.model.types import (
    Date,
    Id,
    NodeRef,
    Real,
    RoomRef,
    Whole,
)

Language = Literal["zh-TW", "en"]


class Obj(BaseModel):
    """Base of every study object: unknown keys are refused."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    kind: ClassVar[str] = "object"


class Identified(Obj):
    """An object with a stable ID, unique in the whole study."""

    id: Id


class StudyMeta(Obj):
    """Who made the study, where, when, and in which language it is reported."""

    kind: ClassVar[str] = "study"
    title: str
    company: str | None = None
    site: str | None = None
    department: str | None = None
    date: Date | None = None
    assessors: list[str] = Field(default_factory=list)
    reviewer: str | None = None
    revision: str | None = None
    language: Language = "zh-TW"
    headcount: Whole | None = Field(None, ge=0, description="workers on site (chooses the task-risk worksheet version)")
    description: str | None = None
    font: str | None = Field(None, description="font for drawings and charts (a font name or a .ttf/.otf file); "
                                                 "default: a Traditional Chinese system font, else Noto Sans TC")


class Location(Obj):
    """Plan position in metres (site or room coordinates), elevation optional."""

    x: Real
    y: Real
    z: Real = 0.0


class ExMarking(Obj):
    """Explosion-protection marking of an item of equipment (IEC 60079-0).

    ``epl: none`` records equipment that is not explosion-protected (ordinary industrial equipment).
    """

    epl: Literal["Ga", "Gb", "Gc", "none"] | None = None
    gas_group: Literal["IIA", "IIB", "IIC"] | None = None
    temperature_class: Literal["T1", "T2", "T3", "T4", "T5", "T6"] | None = None
    max_surface_temperature_c: Real | None = Field(
        None, description="marked maximum surface temperature, when given instead of (or besides) a T class")
    dust_epl: Literal["Da", "Db", "Dc", "none"] | None = Field(None, description="EPL for dust (IEC 60079-0)")
    dust_group: Literal["IIIA", "IIIB", "IIIC"] | None = None
    dust_max_surface_temperature_c: float | None = Field(None, description="marked T for dust, e.g. T135 degC")
    certificate: str | None = None


class Equipment(Identified):
    """An item of equipment, with its tag and type (pump, vessel, reactor...)."""

    kind: ClassVar[str] = "equipment"
    tag: str
    type: str
    name: str | None = None
    node: NodeRef | None = None
    room: RoomRef | None = None
    location: Location | None = None
    ex: ExMarking | None = None
    description: str | None = None


class Recommendation(Identified):
    """An action for the register: who, by when, status and evidence."""

    kind: ClassVar[str] = "recommendation"
    text: str
    owner: str | None = None
    due: Date | None = None
    status: Literal["open", "in_progress", "closed", "rejected"] = "open"
    evidence: str | None = None
    reason: str | None = Field(None, description="why it was rejected")
    closed_on: Date | None = None
    tier: Literal["elimination", "substitution", "engineering", "administrative", "ppe"] | None = None

    @model_validator(mode="after")
    def _closure(self):
        if self.status == "rejected" and not self.reason:
            raise ValueError("a rejected recommendation needs a 'reason'")
        if self.status == "closed" and not (self.evidence or "").strip():
            raise ValueError("a closed recommendation needs 'evidence' (what shows it was done: "
                             "work order, test record, photo reference)")
        return self
