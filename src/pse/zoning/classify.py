"""The classification chain of IEC 60079-10-1 for every source of release of a study.

For each source (pvlib ModelChain style, one named step each, :func:`classify_source` runs them in order):
substance properties -> release rate (Annex B orifice, pool evaporation, or declared) -> release characteristic ->
degree of dilution (declared, or Figure C.1 with the indoor background-concentration check) -> availability ->
zone types (Table D.1) -> hazardous distance (declared, extent recipe, or Figure D.1) -> zone extents shaped by
the gas's density (:mod:`pse.zoning.shape`).  Dust sources go through :mod:`pse.zoning.dust_chain` instead.
Every step is written into :attr:`SourceResult.reasoning` as :class:`~pse.zoning.reasons.Reason` lines.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from pse.model.study import Study
    from pse.model.zoning import ReleaseSource, Room, Ventilation
    from pse.zoning.substances import SubstanceData

REAL_ZONES = ("0", "1", "2", "20", "21", "22")


class ClassificationError(ValueError):
    """A source cannot be classified; ``path`` is the data path of the offending field."""

    def __init__(self, path: tuple, message: str):
        super().__init__(message)
        self.path = path
        self.message = message


@dataclass
class ZoneExtent:
    """One zone (or one slab of it) around one source: plan radius (or the whole room) and heights above grade."""

    zone: str
    radius_m: float | None
    z_bottom_m: float
    z_top_m: float
    whole_room: bool
    basis: str
    part: str = "main"

    @property
    def height_m(self) -> float:
        return self.z_top_m - self.z_bottom_m


@dataclass
class SourceResult:
    """Everything decided for one source of release, with the reasoning."""

    source: str
    description: str
    substance: str
    grade: str
    room: str | None
    indoor: bool
    location: tuple
    release_rate_kg_s: float | None = None
    rate_basis: str = ""
    choked: bool | None = None
    gas_density_kg_m3: float | None = None
    release_characteristic_m3_s: float | None = None
    velocity_m_s: float | None = None
    background_fraction_of_lfl: float | None = None
    dilution: str = ""
    dilution_basis: str = ""
    availability: str = ""
    zones: tuple = ()
    table_cell: str = ""
    release_type: str | None = None
    buoyancy: str = "neutral"
    hazardous_distance_m: float | None = None
    extents: list[ZoneExtent] = field(default_factory=list)
    indicative: bool = False
    dust: bool = False
    dust_group: str | None = None
    surface_limit_c: float | None = None      # dust: maximum permitted surface temperature (IEC 60079-14 5.6.3)
    surface_limit_text: str = ""
    reasoning: list = field(default_factory=list)

    @property
    def zone_text(self) -> str:
        return " + ".join(self.zones)

    def reasoning_text(self, lang: str = "en") -> str:
        return " ".join(r.text(lang) if hasattr(r, "text") else str(r) for r in self.reasoning)


@dataclass
class Step:
    """What every step of the chain reads: the study, the source and its surroundings, and the result so far."""

    study: Study
    index: int
    source: ReleaseSource
    sub: SubstanceData
    room: Room | None
    result: SourceResult

    @property
    def path(self) -> tuple:
        return ("release_sources", self.index)

    @property
    def vent(self) -> Ventilation | None:
        return self.room.ventilation if self.room else None

    @property
    def in_room(self) -> Room:
        """The source's room where the step needs one (indoor steps run only for sources in a room)."""
        return _need(self.room, self.path + ("room",), f"source '{self.source.id}' needs its room")

    @property
    def in_vent(self) -> Ventilation:
        return self.in_room.ventilation

    @property
    def z(self) -> float:
        return self.source.location.z if self.source.location else 0.0

    def why(self, key: str, **values) -> None:
        from pse.zoning.reasons import Reason

        self.result.reasoning.append(Reason(key, values))

    def substance_path(self) -> tuple:
        return ("substances", next(i for i, x in enumerate(self.study.substances) if x.id == self.sub.id))


def room_polygon(room):
    from shapely.geometry import Polygon

    return Polygon(room.outline)


def source_base_geometry(source):
    """The source's geometry in plan: Point, LineString (two or more points) or Polygon (``shape: area``, or a
    closed ring of three or more points).  Made once per position and shape (:func:`_base_geometry`): the check,
    the zones, the drawing and the DXF each ask for it, and a shapely geometry costs ~30 us to make."""
    where = (source.location.x, source.location.y) if source.location is not None else None
    return _base_geometry(source.shape, tuple(tuple(p) for p in source.points), where)


@lru_cache(maxsize=65536)
def _base_geometry(shape: str | None, points: tuple, location: tuple | None):
    from shapely.geometry import LineString, Point, Polygon

    closed = len(points) >= 3 and points[0] == points[-1]
    if shape == "area" or (shape is None and closed):
        return Polygon(points)
    if points and (shape == "line" or len(points) >= 2):
        return LineString(points)
    if location is not None:
        return Point(*location)
    return Point(points[0])


@lru_cache(maxsize=4096)
def _room_region(outline: tuple):
    """The room outline grown by 1e-9 m (a point on a wall is inside), prepared for fast ``covers``."""
    import shapely
    from shapely.geometry import Polygon

    region = Polygon(outline).buffer(1e-9)
    shapely.prepare(region)
    return region


def _covers(room, probe) -> bool:
    return _room_region(tuple(tuple(p) for p in room.outline)).covers(probe)


def find_room(study, index: int):
    """The room of source ``index`` (declared, or the one containing it); raises ClassificationError."""
    source = study.release_sources[index]
    geometry = source_base_geometry(source)
    probe = geometry.representative_point() if geometry.geom_type != "Point" else geometry
    where = ("release_sources", index, "location" if source.location else "points")
    if source.room:
        room = study.get(source.room)
        if not _covers(room, probe):
            raise ClassificationError(where, f"source '{source.id}' at ({probe.x:g}, {probe.y:g}) is outside its "
                                             f"room '{room.id}'")
        return room
    for room in study.rooms:
        if _covers(room, probe):
            return room
    if study.rooms:
        raise ClassificationError(where, f"source '{source.id}' at ({probe.x:g}, {probe.y:g}) is outside every room "
                                         f"({', '.join(r.id for r in study.rooms)}): give its room or fix its position")
    return None


def check_substances(study) -> list[tuple[tuple, str]]:
    """(path, message) for every substance whose ``library`` names nothing known (pse library or chemicals)."""
    from pse.zoning.substances import UnknownSubstance, resolve

    problems = []
    for i, sub in enumerate(study.substances):
        try:
            resolve(sub)
        except UnknownSubstance as exc:
            problems.append((("substances", i, "library"), str(exc)))
    return problems


def _resolved_substances(study) -> dict:
    from pse.zoning.substances import UnknownSubstance, resolve

    out = {}
    for i, sub in enumerate(study.substances):
        try:
            out[sub.id] = resolve(sub)
        except UnknownSubstance as exc:
            raise ClassificationError(("substances", i, "library"), str(exc)) from None
    return out


T = TypeVar("T")


def _need(value: T | None, path: tuple, message: str) -> T:
    """``value``, or a ClassificationError at ``path`` when it is missing (narrows the type for the step)."""
    if value is None:
        raise ClassificationError(path, message)
    return value


def start(study, index: int, substances: dict) -> Step:
    """Step 1: the source, its substance and room; the substance and grade lines of the reasoning."""
    from pse.zoning.release import gas_density_kg_m3

    source = study.release_sources[index]
    sub = substances[source.substance]
    room = find_room(study, index)
    base = source_base_geometry(source)
    probe = base.representative_point() if base.geom_type != "Point" else base
    z = source.location.z if source.location else 0.0
    result = SourceResult(source=source.id, description=source.description or "", substance=sub.id,
                          grade=source.grade, room=room.id if room else None, indoor=bool(room and room.indoor),
                          location=(round(probe.x, 3), round(probe.y, 3), z), dust=sub.is_dust)
    step = Step(study, index, source, sub, room, result)
    settings = study.zoning
    if sub.molar_mass_kg_per_kmol and not sub.is_dust:
        result.gas_density_kg_m3 = gas_density_kg_m3(sub.molar_mass_kg_per_kmol,
                                                     settings.ambient_temperature_c + 273.15,
                                                     settings.ambient_pressure_pa)
    if not sub.is_dust:
        from pse.zoning.reasons import Provenance

        step.why("substance", name=sub.name, lfl=sub.lel_vol_pct, m=sub.molar_mass_kg_per_kmol,
                 rvd=sub.relative_vapour_density, src=Provenance(sub.sources.get("lel_vol_pct", "-")))
    if room:
        step.why("grade_room", grade=(f"grade_{source.grade}", {}), where=("indoor" if room.indoor else "outdoor", {}),
                 room=room.id, name=room.name)
    else:
        step.why("grade_open", grade=(f"grade_{source.grade}", {}))
    return step


def classify_source(study, index: int, substances: dict | None = None) -> SourceResult:
    """Classify release source ``index`` of ``study``: the steps of the module docstring, in order."""
    from pse.zoning.extent import hazardous_distance, zone_extents
    from pse.zoning.rate import release_characteristic, release_rate
    from pse.zoning.ventilation import availability, degree_of_dilution, zone_types

    substances = substances if substances is not None else _resolved_substances(study)
    step = start(study, index, substances)
    if step.sub.is_dust:
        from pse.zoning.dust_chain import classify_dust

        classify_dust(step)
        return step.result
    release_rate(step)
    release_characteristic(step)
    degree_of_dilution(step)
    availability(step)
    zone_types(step)
    hazardous_distance(step)
    zone_extents(step)
    return step.result


def classify(study) -> list[SourceResult]:
    """Classify every release source of ``study`` (raises :class:`ClassificationError` on the first problem)."""
    substances = _resolved_substances(study)
    return [classify_source(study, i, substances) for i in range(len(study.release_sources))]


def check(study) -> list[tuple[tuple, str]]:
    """Every problem of the zoning data as (data path, message), for ``pse check``."""
    problems = check_substances(study)
    if problems:
        return problems
    substances = _resolved_substances(study)
    for i in range(len(study.release_sources)):
        try:
            classify_source(study, i, substances)
        except ClassificationError as exc:
            problems.append((exc.path, exc.message))
        except ValueError as exc:
            problems.append((("release_sources", i), str(exc)))
    return problems


def finite(value) -> bool:
    return value is not None and math.isfinite(value)
