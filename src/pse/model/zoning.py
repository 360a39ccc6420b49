"""Hazardous-area zoning: substances, rooms, release sources and their geometry checks."""


from typing import ClassVar, Literal

from pydantic import (
    Field,
    field_validator,
    model_validator,
)

from pse.model.core import Identified, Location, Obj
from pse.model.types import (
    EquipmentRef,
    NonNegative,
    Real,
    RoomRef,
    SubstanceRef,
    Whole,
)


class SubstanceValue(Obj):
    """A property value from another source than the one in use (kept for the record, e.g. seed 001's AITs)."""

    source: str
    autoignition_c: Real | None = None
    lel_vol_pct: Real | None = Field(None, gt=0, le=100)
    flash_point_c: Real | None = None
    relative_vapour_density: Real | None = Field(None, gt=0)


class Substance(Identified):
    """A substance handled; properties not given here come from the package library (``library:`` key).

    A study value overrides the library's; ``source`` says where the study's values come from.
    """

    kind: ClassVar[str] = "substance"
    name: str
    library: str | None = Field(
        None, description="key in the pse substance library ('toluene'), or any name or CAS number listed in "
                          "IEC 60079-20-1 as transcribed by the `chemicals` package ('108-88-3', 'xylene')")
    cas: str | None = None
    formula: str | None = None
    lel_vol_pct: Real | None = Field(None, gt=0, le=100)
    uel_vol_pct: Real | None = Field(None, gt=0, le=100)
    autoignition_c: Real | None = None
    flash_point_c: Real | None = None
    boiling_point_c: Real | None = None
    relative_vapour_density: Real | None = Field(None, gt=0)
    molar_mass_kg_per_kmol: Real | None = Field(None, gt=0)
    gamma: Real | None = Field(None, gt=1, description="ratio of specific heats cp/cv")
    liquid_density_kg_m3: Real | None = Field(None, gt=0)
    gas_group: Literal["IIA", "IIB", "IIC"] | None = None
    temperature_class: Literal["T1", "T2", "T3", "T4", "T5", "T6"] | None = None
    dust_group: Literal["IIIA", "IIIB", "IIIC"] | None = Field(
        None, description="combustible dust: group IIIA flyings, IIIB non-conductive, IIIC conductive (IEC 60079-0)")
    mit_cloud_c: Real | None = Field(None, gt=0, description="dust: minimum ignition temperature of a cloud")
    mit_layer_c: Real | None = Field(None, gt=0, description="dust: minimum ignition temperature of a 5 mm layer")
    source: str | None = None
    other_values: list[SubstanceValue] = Field(
        default_factory=list, description="values from other sources, recorded with their source")

    @model_validator(mode="after")
    def _limits(self):
        if self.lel_vol_pct is not None and self.uel_vol_pct is not None and self.uel_vol_pct <= self.lel_vol_pct:
            raise ValueError(f"uel_vol_pct {self.uel_vol_pct} must be above lel_vol_pct {self.lel_vol_pct}")
        return self

    @property
    def is_dust(self) -> bool:
        """A combustible dust (IEC 60079-10-2) rather than a gas or vapour."""
        return self.dust_group is not None or self.mit_cloud_c is not None or self.mit_layer_c is not None


Point2 = tuple[Real, Real]


class Ventilation(Obj):
    """Ventilation of a room or area (IEC 60079-10-1:2015 Annex C): declared, or the data to evaluate it.

    ``dilution`` declared wins; otherwise the degree of dilution is read from Figure C.1 with the ventilation
    velocity (``velocity_m_s``, or for indoor rooms air flow / cross-section, or outdoors Table C.1) and, indoors,
    checked against the background concentration (air flow from ``air_flow_m3_s`` or ``air_changes_per_h``).
    """

    type: Literal["natural", "artificial"] = "natural"
    dilution: Literal["high", "medium", "low"] | None = None
    availability: Literal["good", "fair", "poor"] = "fair"
    air_changes_per_h: NonNegative | None = None
    air_flow_m3_s: NonNegative | None = Field(None, description="air flow through the room, m3/s")
    velocity_m_s: NonNegative | None = None
    inefficiency_factor: Real = Field(
        5.0, ge=1, le=5, description="f of the background-concentration check (1 ideal mixing .. 5 impeded "
                                     "air flow), IEC 60079-10-1:2015 C.3.4")
    obstructed: bool = Field(False, description="outdoors: obstructed area (Table C.1 column)")
    source: str | None = Field(None, description="where the declared values come from")


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
    height_m: Real | None = Field(None, gt=0)
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


def _polygon_problem(points) -> str | None:
    """Why ``points`` is not a simple polygon (self-intersecting, too few points, no area), or None.

    A polygon that :func:`_surely_simple` proves simple needs no shapely (whose import is a fixed
    0.15 s of ``pse check``); any other goes to shapely, which gives the reason.
    """
    if len(points) < 3:
        return "needs at least 3 points"
    if _surely_simple(points):
        return None
    from shapely.geometry import Polygon
    from shapely.validation import explain_validity

    polygon = Polygon(points)
    if not polygon.is_valid:
        reason = explain_validity(polygon)
        return f"is not a simple polygon ({reason.lower()}): its edges must not cross"
    if polygon.area <= 0:
        return "has no area"
    return None


#: relative size under which an orientation test is not trusted in floating point (then shapely decides):
#: far above the rounding of a 2x2 determinant (a few ulps, Shewchuk 1997, ccwerrboundA = 3.3e-16)
_ORIENTATION_TOLERANCE = 1e-12
_MAX_POINTS_CHECKED = 64   # the pairwise edge test is O(n^2): longer outlines go to shapely


def _orientation(a, b, c) -> int:
    """Sign of the cross product (b - a) x (c - a): 1 left turn, -1 right turn, 0 when too close to call."""
    left = (b[0] - a[0]) * (c[1] - a[1])
    right = (b[1] - a[1]) * (c[0] - a[0])
    cross = left - right
    if abs(cross) <= _ORIENTATION_TOLERANCE * (abs(left) + abs(right)) or cross == 0:
        return 0
    return 1 if cross > 0 else -1


def _surely_simple(points) -> bool:
    """True when the closed ring through ``points`` is certainly a simple polygon with area (else False:
    not simple, or too close to call in floating point).

    Simple: no two edges meet except consecutive edges at their shared vertex, and no two consecutive
    edges are collinear (every orientation test below must give a clear sign, so a touching vertex, an
    overlap or a repeated point all answer False).  Edges e_i and e_j that are not neighbours cross or
    touch exactly when each straddles the other's line (segment intersection by orientations, Cormen et
    al., *Introduction to Algorithms*, 3rd ed., 33.1).

    >>> _surely_simple([(0, 0), (4, 0), (4, 3), (0, 3)]), _surely_simple([(0, 0), (4, 3), (4, 0), (0, 3)])
    (True, False)
    >>> _surely_simple([(0, 0), (1, 0), (2, 0)]), _surely_simple([(0, 0), (1, 0), (1, 0), (0, 1)])
    (False, False)
    """
    n = len(points)
    if n < 3 or n > _MAX_POINTS_CHECKED:
        return False
    ring = [(float(x), float(y)) for x, y in points]
    for i in range(n):   # consecutive edges turn clearly (no repeated point, no straight or folded-back vertex)
        if _orientation(ring[i - 1], ring[i], ring[(i + 1) % n]) == 0:
            return False
    for i in range(n):
        a, b = ring[i], ring[(i + 1) % n]
        for j in range(i + 2, n):
            if i == 0 and j == n - 1:
                continue   # the last edge meets the first at point 0
            c, d = ring[j], ring[(j + 1) % n]
            o1, o2 = _orientation(a, b, c), _orientation(a, b, d)
            o3, o4 = _orientation(c, d, a), _orientation(c, d, b)
            if 0 in (o1, o2, o3, o4) or (o1 != o2 and o3 != o4):
                return False   # touching, collinear, too close to call, or crossing
    twice_area = sum(ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1] for i in range(n))
    return twice_area != 0


class ExtentZone(Obj):
    """One zone of an extent recipe: horizontal radius and height (metres) around the source."""

    zone: Literal["0", "1", "2", "20", "21", "22"]
    radius_m: Real = Field(gt=0)
    height_m: Real | None = Field(None, gt=0, description="above the source (default: radius)")
    below_m: Real | None = Field(None, ge=0, description="below the source (default: down to grade)")


class ExtentRecipe(Obj):
    """Declared zones around a kind of source, from a code figure (API RP 505, NFPA 497, EI 15...)."""

    name: str
    source: str = Field(description="document, edition")
    figure: str = Field(description="figure or table number")
    zones: list[ExtentZone] = Field(min_length=1)
    notes: str | None = None


class ReleaseSource(Identified):
    """A source of release of flammable gas or vapour (IEC 60079-10-1).

    Geometry: ``location`` (point), or ``points`` in plan: two or more points a line (a pipe run, a trench),
    three or more with ``shape: area`` an area (an open surface, a pool).  The zone type comes from Table D.1
    with the room's ventilation; the extent from ``extent_m`` (declared), an extent ``recipe``, or the release
    rate (declared ``release_rate_kg_s`` or computed from hole, pressure, temperature per Annex B) through
    Figure D.1 (indicative).
    """

    kind: ClassVar[str] = "release_source"
    description: str | None = None
    equipment: EquipmentRef | None = None
    room: RoomRef | None = None
    substance: SubstanceRef
    grade: Literal["continuous", "primary", "secondary"]
    phase: Literal["gas", "liquid", "vapour", "dust"] = "gas"
    location: Location | None = None
    points: list[Point2] = Field(default_factory=list, description="line or area geometry")
    shape: Literal["point", "line", "area"] | None = Field(None, description="default: from the geometry given")
    hole_area_mm2: Real | None = Field(None, gt=0)
    pressure_pa: Real | None = Field(None, gt=0, description="absolute pressure")
    compressibility_z: Real = Field(1.0, gt=0, le=3, description="compressibility factor Z of the gas at the "
                                                                   "source (Annex B; about 1.04 for H2 at 15 MPa)")
    pool_area_m2: Real | None = Field(None, gt=0, description="open vessel or pool surface (evaporation)")
    liquid_temperature_c: Real | None = Field(None, description="pool / vessel liquid temperature "
                                                                    "(default: temperature_c, else ambient)")
    vapour_pressure_pa: Real | None = Field(None, ge=0, description="vapour pressure at the liquid "
                                                                        "temperature (default: Antoine, chemicals)")
    wind_speed_m_s: Real | None = Field(None, gt=0, description="air speed over the pool (default: the "
                                                                    "ventilation velocity)")
    temperature_c: Real | None = None
    discharge_coefficient: Real = Field(0.75, gt=0, le=1, description="Cd (IEC 60079-10-1 Annex B: 0.50-0.75 "
                                                                       "sharp orifices, 0.95-0.99 rounded)")
    release_rate_kg_s: Real | None = Field(None, gt=0, description="declared release rate (vapour/gas)")
    release_rate_source: str | None = None
    release_type: Literal["jet", "diffusive", "heavy_gas"] | None = Field(
        None, description="Figure D.1 curve (default: jet for choked/high-velocity gas, heavy_gas for vapour "
                          "denser than air, else diffusive)")
    recipe: str | None = Field(None, description="extent recipe (package or zoning.extent_recipes)")
    extent_m: Real | None = Field(None, gt=0, description="declared hazardous distance (overrides the estimate)")
    outer_extent_m: Real | None = Field(None, gt=0, description="extent of a surrounding zone (Zone 0 + Zone 2...)")
    height_m: Real | None = Field(None, gt=0, description="vertical extent above the source (default: extent)")
    extent_above_m: Real | None = Field(None, ge=0, description="overrides the shape rule: extent above the "
                                                                    "source")
    extent_below_m: Real | None = Field(None, ge=0, description="overrides the shape rule: extent below the "
                                                                    "source")
    housekeeping: Literal["good", "fair", "poor"] | None = Field(
        None, description="dust: housekeeping level (IEC 60079-10-2:2015 Table 1), zones from dust layers")
    layer_thickness_mm: Real | None = Field(None, ge=0, description="dust: layer thickness that can form")
    layer_ignition_c: Real | None = Field(None, gt=0, description="dust: layer ignition temperature at "
                                                                      "layer_thickness_mm (laboratory)")
    extent_source: str | None = Field(None, description="where a declared extent comes from")

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

    safety_factor_k: Real = Field(
        0.5, gt=0, le=1, description="k applied to LFL in the release characteristic W/(rho k LFL); "
                                     "IEC 60079-10-1:2015 gives 0.5 to 1.0")
    background_limit_fraction_of_lfl: Real = Field(
        0.25, gt=0, le=1, description="indoor background concentration above this fraction of LFL -> low dilution")
    surrounding_zone_factor: Real = Field(
        2.0, ge=1, description="extent of a surrounding zone (e.g. the Zone 2 of 'Zone 1 + Zone 2') as a multiple "
                               "of the hazardous distance, unless declared per source (engineering judgement)")
    ambient_temperature_c: Real = 20.0
    ambient_pressure_pa: Real = Field(101325.0, gt=0)
    buffer_segments: Whole = Field(16, ge=4, le=256, description="segments per quarter circle of zone outlines")
    extent_recipes: dict[str, ExtentRecipe] = Field(default_factory=dict)
    section: SectionLine | None = None
    scale: str | None = Field(None, description="drawing scale text, e.g. '1:100' (default: from the sheet)")
    drawing_number: str | None = None
    north_deg: Real = Field(0.0, description="direction of plan north, degrees clockwise from the drawing's +y")
