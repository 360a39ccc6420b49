"""The classification chain of IEC 60079-10-1:2015 for every source of release of a study.

For each source: substance properties -> release rate (Annex B, or declared) -> release characteristic ->
degree of dilution (declared, or Figure C.1 with the indoor background-concentration check) -> availability ->
zone types (Table D.1) -> hazardous distance (declared, extent recipe, or Figure D.1) -> zone extents.
Every step is written into :attr:`SourceResult.reasoning` for the report.
"""

from __future__ import annotations

from functools import lru_cache

import difflib
import math
from dataclasses import dataclass, field

REAL_ZONES = ("0", "1", "2")


class ClassificationError(ValueError):
    """A source cannot be classified; ``path`` is the data path of the offending field."""

    def __init__(self, path: tuple, message: str):
        super().__init__(message)
        self.path = path
        self.message = message


@dataclass
class ZoneExtent:
    """One zone around one source: horizontal radius (or the whole room) and vertical range."""

    zone: str
    radius_m: float | None
    height_m: float
    below_m: float | None
    whole_room: bool
    basis: str


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
    hazardous_distance_m: float | None = None
    extents: list[ZoneExtent] = field(default_factory=list)
    indicative: bool = False
    reasoning: list[str] = field(default_factory=list)

    @property
    def zone_text(self) -> str:
        return " + ".join(self.zones)


def room_polygon(room):
    from shapely.geometry import Polygon

    return Polygon(room.outline)


def source_base_geometry(source):
    """The source's geometry in plan: Point, LineString or Polygon."""
    from shapely.geometry import LineString, Point, Polygon

    shape = source.shape or ("point" if not source.points else ("line" if len(source.points) < 3 else "line"))
    if source.shape is None and source.points and len(source.points) >= 3 and source.points[0] == source.points[-1]:
        shape = "area"
    if shape == "area":
        return Polygon(source.points)
    if shape == "line" or (source.points and len(source.points) >= 2):
        return LineString(source.points)
    if source.location is not None:
        return Point(source.location.x, source.location.y)
    return Point(source.points[0])


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
    if source.room:
        room = study.get(source.room)
        if not _covers(room, probe):
            raise ClassificationError(("release_sources", index, "location" if source.location else "points"),
                                      f"source '{source.id}' at ({probe.x:g}, {probe.y:g}) is outside its room "
                                      f"'{room.id}'")
        return room
    for room in study.rooms:
        if _covers(room, probe):
            return room
    if study.rooms:
        raise ClassificationError(("release_sources", index, "location" if source.location else "points"),
                                  f"source '{source.id}' at ({probe.x:g}, {probe.y:g}) is outside every room "
                                  f"({', '.join(r.id for r in study.rooms)}): give its room or fix its position")
    return None


def _resolved_substances(study) -> dict:
    from pse.zoning.library import substance_library
    from pse.zoning.substances import resolve

    out = {}
    for i, sub in enumerate(study.substances):
        if sub.library and sub.library not in substance_library():
            close = difflib.get_close_matches(sub.library, list(substance_library()), n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else (
                f" (known: {', '.join(sorted(substance_library()))})")
            raise ClassificationError(("substances", i, "library"),
                                      f"unknown substance '{sub.library}' in the substance library{hint}")
        out[sub.id] = resolve(sub)
    return out


def check_substances(study) -> list[tuple[tuple, str]]:
    """(path, message) for every unknown library key of the study's substances."""
    from pse.zoning.library import substance_library

    problems = []
    for i, sub in enumerate(study.substances):
        if sub.library and sub.library not in substance_library():
            close = difflib.get_close_matches(sub.library, list(substance_library()), n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else (
                f" (known: {', '.join(sorted(substance_library()))})")
            problems.append((("substances", i, "library"),
                             f"unknown substance '{sub.library}' in the substance library{hint}"))
    return problems


def _need(value, path, message):
    if value is None:
        raise ClassificationError(path, message)
    return value


def classify_source(study, index: int, substances: dict | None = None) -> SourceResult:
    """Classify release source ``index`` of ``study`` (see the module docstring for the chain)."""
    from pse.zoning.figures import (dilution_from_figure_c1, hazardous_distance_from_figure_d1,
                                    outdoor_velocity_table_c1, table_d1)
    from pse.zoning.library import extent_recipes, table_d1_printed
    from pse.zoning.release import (background_concentration, critical_pressure_pa, gas_density_kg_m3,
                                    gas_release_rate_kg_s, is_choked, liquid_release_rate_kg_s,
                                    release_characteristic_m3_s)

    settings = study.zoning
    source = study.release_sources[index]
    path = ("release_sources", index)
    substances = substances if substances is not None else _resolved_substances(study)
    sub = substances[source.substance]
    room = find_room(study, index)
    indoor = bool(room and room.indoor)
    vent = room.ventilation if room else None
    z = source.location.z if source.location else 0.0
    base = source_base_geometry(source)
    probe = base.representative_point() if base.geom_type != "Point" else base
    result = SourceResult(source=source.id, description=source.description or "", substance=sub.id,
                          grade=source.grade, room=room.id if room else None, indoor=indoor,
                          location=(round(probe.x, 3), round(probe.y, 3), z))
    why = result.reasoning
    why.append(f"Substance {sub.name}: LFL {sub.lel_vol_pct} vol%, M {sub.molar_mass_kg_per_kmol} kg/kmol, "
               f"relative vapour density {sub.relative_vapour_density} ({sub.sources['lel_vol_pct']}).")
    why.append(f"Grade of release: {source.grade}; " + (
        f"{'indoor' if indoor else 'outdoor'} room/area {room.id} ({room.name})." if room else
        "outdoors (no room or area declared)."))
    t_amb = settings.ambient_temperature_c + 273.15
    p_amb = settings.ambient_pressure_pa
    k = settings.safety_factor_k
    molar_mass = sub.molar_mass_kg_per_kmol
    if molar_mass:
        result.gas_density_kg_m3 = gas_density_kg_m3(molar_mass, t_amb, p_amb)

    # -- release rate ---------------------------------------------------------------------------------
    if source.release_rate_kg_s is not None:
        result.release_rate_kg_s = source.release_rate_kg_s
        result.rate_basis = f"declared ({source.release_rate_source or 'study'})"
        why.append(f"Release rate W_g = {source.release_rate_kg_s:.3g} kg/s, declared "
                   f"({source.release_rate_source or 'no source given'}).")
    elif source.hole_area_mm2 is not None and source.pressure_pa is not None:
        area = source.hole_area_mm2 * 1e-6
        t_k = (source.temperature_c if source.temperature_c is not None else settings.ambient_temperature_c) + 273.15
        cd = source.discharge_coefficient
        if source.phase in ("gas", "vapour"):
            sub_path = ("substances", next(i for i, x in enumerate(study.substances) if x.id == sub.id))
            gamma = _need(sub.gamma, sub_path, f"substance '{sub.id}' has no gamma (cp/cv): give it on the "
                                                     "substance to compute the gas release rate")
            _need(molar_mass, sub_path, f"substance '{sub.id}' has no molar_mass_kg_per_kmol")
            w = gas_release_rate_kg_s(area, source.pressure_pa, t_k, molar_mass, gamma, cd, 1.0, p_amb)
            result.choked = is_choked(source.pressure_pa, gamma, p_amb)
            p_c = critical_pressure_pa(gamma, p_amb)
            result.release_rate_kg_s = w
            result.rate_basis = f"IEC 60079-10-1 Annex B eq. {'B.3 (choked)' if result.choked else 'B.4 (subsonic)'}"
            why.append(f"Gas release (Annex B): p = {source.pressure_pa:.4g} Pa {'>' if result.choked else '<='} "
                       f"p_c = {p_c:.4g} Pa -> {'choked, eq. B.3' if result.choked else 'not choked, eq. B.4'}; "
                       f"S = {source.hole_area_mm2:g} mm2, Cd = {cd:g}, T = {t_k:.2f} K, gamma = {gamma:g}: "
                       f"W_g = {w:.3g} kg/s.")
        else:
            rho_l = _need(sub.liquid_density_kg_m3, path + ("substance",),
                          f"substance '{sub.id}' has no liquid_density_kg_m3 for the liquid release rate")
            w_liquid = liquid_release_rate_kg_s(area, rho_l, source.pressure_pa - p_amb, cd)
            why.append(f"Liquid release (Annex B eq. B.1): S = {source.hole_area_mm2:g} mm2, Cd = {cd:g}, "
                       f"rho = {rho_l:g} kg/m3, dp = {source.pressure_pa - p_amb:.4g} Pa: W = {w_liquid:.3g} kg/s.")
            boiling = sub.boiling_point_c
            if boiling is not None and t_k - 273.15 >= boiling:
                result.release_rate_kg_s = w_liquid
                result.rate_basis = "Annex B eq. B.1, flashing liquid taken wholly as vapour"
                why.append(f"Liquid at {t_k - 273.15:g} degC is at or above its boiling point {boiling:g} degC: the "
                           "whole liquid release is taken as vapour (conservative).")
            else:
                why.append("Liquid below its boiling point: the vapour release rate is its evaporation, which must be "
                           "declared (release_rate_kg_s) for Figures C.1/D.1.")
    if result.release_rate_kg_s is not None and molar_mass and sub.lel_vol_pct:
        x = release_characteristic_m3_s(result.release_rate_kg_s, result.gas_density_kg_m3,
                                        sub.lel_vol_pct / 100.0, k)
        result.release_characteristic_m3_s = x
        why.append(f"Release characteristic X = W_g/(rho_g k LFL) = {result.release_rate_kg_s:.3g}/"
                   f"({result.gas_density_kg_m3:.3g} x {k:g} x {sub.lel_vol_pct / 100:g}) = {x:.3g} m3/s.")

    # -- degree of dilution ---------------------------------------------------------------------------
    x = result.release_characteristic_m3_s
    heavier = (sub.relative_vapour_density or 1.0) > 1.0
    if vent is not None and vent.dilution:
        result.dilution = vent.dilution
        result.dilution_basis = f"declared ({vent.source or 'study'})"
        why.append(f"Degree of dilution: {vent.dilution}, declared for {room.id} ({vent.source or 'no source given'}).")
    elif x is not None:
        air_flow = None
        if indoor:
            area = room_polygon(room).area
            volume = area * room.height_m if room.height_m else None
            if vent.air_flow_m3_s is not None:
                air_flow = vent.air_flow_m3_s
            elif vent.air_changes_per_h is not None and volume:
                air_flow = vent.air_changes_per_h * volume / 3600.0
            if vent.velocity_m_s is not None:
                velocity, vbasis = vent.velocity_m_s, "declared"
            elif air_flow is not None and room.height_m:
                minx, miny, maxx, maxy = room_polygon(room).bounds
                cross = room.height_m * min(maxx - minx, maxy - miny)
                velocity = air_flow / cross
                vbasis = (f"air flow {air_flow:.3g} m3/s through the room cross-section {cross:.3g} m2 "
                          "(height x shorter plan side)")
            else:
                raise ClassificationError(("rooms", study.rooms.index(room), "ventilation"),
                                          f"room '{room.id}': give ventilation.dilution, or velocity_m_s, or "
                                          "air_changes_per_h / air_flow_m3_s with height_m, to assess the dilution")
        else:
            if vent is not None and vent.velocity_m_s is not None:
                velocity, vbasis = vent.velocity_m_s, "declared"
            else:
                reading = outdoor_velocity_table_c1(heavier, z, bool(vent and vent.obstructed))
                velocity, vbasis = reading.value, reading.detail
        result.velocity_m_s = velocity
        why.append(f"Ventilation velocity u_w = {velocity:.3g} m/s ({vbasis}).")
        reading = dilution_from_figure_c1(x, velocity)
        result.dilution = reading.value
        result.dilution_basis = "Figure C.1 (indicative)"
        result.indicative = True
        why.append(reading.detail + ("" if reading.in_range else " (X outside the digitised range)") + ".")
        if indoor and air_flow is not None and sub.lel_vol_pct:
            xb = background_concentration(result.release_rate_kg_s, result.gas_density_kg_m3, air_flow,
                                          vent.inefficiency_factor)
            fraction = xb / (sub.lel_vol_pct / 100.0)
            result.background_fraction_of_lfl = fraction
            limit = settings.background_limit_fraction_of_lfl
            verdict = "above" if fraction > limit else "below"
            why.append(f"Background concentration X_b = f Q_g/Q_a = {vent.inefficiency_factor:g} x "
                       f"{result.release_rate_kg_s / result.gas_density_kg_m3:.3g}/{air_flow:.3g} = {xb:.3g} "
                       f"({fraction:.1%} of LFL), {verdict} the limit {limit:.0%} of LFL"
                       + (" -> low dilution." if fraction > limit else "."))
            if fraction > limit:
                result.dilution = "low"
                result.dilution_basis = "background concentration above the limit (C.3.4)"
    else:
        field_path = ("rooms", study.rooms.index(room), "ventilation", "dilution") if room else path
        raise ClassificationError(path, f"source '{source.id}': cannot assess the degree of dilution: give the "
                                        "release data (release_rate_kg_s, or hole_area_mm2 and pressure_pa) or "
                                        f"declare the dilution on the {'room' if room else 'area'}"
                                  ) if not room else ClassificationError(
            field_path, f"room '{room.id}': source '{source.id}' gives no release rate, so declare "
                        "ventilation.dilution (high, medium or low)")
    result.availability = vent.availability if vent is not None else "good"
    if vent is None:
        why.append("Availability of ventilation outdoors: good (natural ventilation in the open air).")
    else:
        why.append(f"Availability of ventilation: {vent.availability} ({vent.type}).")

    # -- zone type ----------------------------------------------------------------------------------------
    result.zones = table_d1(source.grade, result.dilution, result.availability)
    result.table_cell = table_d1_printed(source.grade, result.dilution, result.availability)
    why.append(f"Table D.1 [{source.grade} / {result.dilution} dilution / {result.availability} availability]: "
               f"{result.table_cell} -> {' + '.join(result.zones)}.")

    # -- extent ---------------------------------------------------------------------------------------------
    real = [zn for zn in result.zones if zn in REAL_ZONES]
    whole_room = indoor and (result.dilution == "low" or room.classify_whole_room)
    if source.recipe:
        recipes = extent_recipes(study.zoning.extent_recipes)
        recipe = recipes.get(source.recipe)
        if recipe is None:
            close = difflib.get_close_matches(source.recipe, list(recipes), n=1, cutoff=0.5)
            raise ClassificationError(path + ("recipe",), f"unknown extent recipe '{source.recipe}'"
                                      + (f" (did you mean '{close[0]}'?)" if close else ""))
        why.append(f"Extent from recipe '{source.recipe}': {recipe['name']} - {recipe['source']}, "
                   f"figure {recipe['figure']}{'' if recipe.get('checked') else ' (not checked)'}; it replaces the "
                   "Table D.1 zones.")
        for zr in recipe["zones"]:
            zr = dict(zr)
            result.extents.append(ZoneExtent(str(zr["zone"]), zr["radius_m"], zr.get("height_m") or zr["radius_m"],
                                             zr.get("below_m"), False, f"recipe {source.recipe}"))
        result.hazardous_distance_m = max(e.radius_m for e in result.extents)
    else:
        distance = None
        if source.extent_m is not None:
            distance = source.extent_m
            why.append(f"Hazardous distance {distance:g} m, declared ({source.extent_source or 'no source given'}).")
            basis = "declared"
        elif x is not None and real:
            rtype = source.release_type
            if rtype is None:
                if result.choked:
                    rtype = "jet"
                elif heavier and source.phase != "gas":
                    rtype = "heavy_gas"
                elif heavier:
                    rtype = "heavy_gas"
                else:
                    rtype = "diffusive"
                why.append(f"Release type for Figure D.1: {rtype.replace('_', ' ')} ("
                           + ("choked jet" if result.choked else ("vapour denser than air" if heavier
                                                                  else "low-momentum release lighter than air"))
                           + ").")
            result.release_type = rtype
            reading = hazardous_distance_from_figure_d1(x, rtype)
            distance = reading.value
            result.indicative = True
            basis = "Figure D.1 (indicative)"
            why.append(reading.detail + ".")
        elif real and not whole_room:
            raise ClassificationError(path, f"source '{source.id}': no hazardous distance: give extent_m, a recipe, "
                                            "or the release data for Figure D.1")
        result.hazardous_distance_m = distance
        factor = settings.surrounding_zone_factor
        for i, zone in enumerate(real):
            if distance is None:
                radius = None
            elif i == 0:
                radius = distance
            else:
                radius = source.outer_extent_m or distance * factor
                why.append(f"Surrounding Zone {zone}: {radius:g} m ("
                           + ("declared outer_extent_m" if source.outer_extent_m else
                              f"{factor:g} x the hazardous distance, zoning.surrounding_zone_factor") + ").")
            spread = whole_room and i == len(real) - 1
            height = source.height_m or (radius if radius is not None else (room.height_m if room else 0.0))
            result.extents.append(ZoneExtent(zone, radius, height or 0.0, None, spread,
                                             basis if i == 0 else "surrounding zone"))
        if whole_room and real:
            why.append(f"Zone {real[-1]} spread to the whole of room {room.id}: "
                       + ("low dilution indoors (the explosive atmosphere is not confined near the source)."
                          if result.dilution == "low" else "classify_whole_room declared by the study."))
    ne = [zn for zn in result.zones if zn.endswith("NE")]
    if ne:
        why.append(f"Zone {ne[0][0]} NE: a zone of negligible extent, kept in the schedule, not drawn.")
    return result


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
