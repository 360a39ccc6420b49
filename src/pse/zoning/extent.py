"""Steps of the chain: the hazardous distance (declared, recipe, Figure D.1) and the zone extents, shaped in
elevation by the gas's density (:mod:`pse.zoning.shape`)."""

from __future__ import annotations

import difflib

from pse.zoning.classify import ClassificationError, Step, ZoneExtent, _need

GAS_ZONES = ("0", "1", "2")


def real_zones(step: Step) -> list[str]:
    return [zone for zone in step.result.zones if zone in GAS_ZONES]


def whole_room(step: Step) -> bool:
    return step.result.indoor and (step.result.dilution == "low" or step.in_room.classify_whole_room)


def release_type(step: Step) -> str:
    """Figure D.1 curve: declared, else jet (choked), heavy gas (denser than air), else diffusive."""
    result, rtype = step.result, step.source.release_type
    if rtype is None:
        heavier = (step.sub.relative_vapour_density or 1.0) > 1.0
        rtype = "jet" if result.choked else ("heavy_gas" if heavier else "diffusive")
        step.why("release_type", rtype=(f"rt_{rtype}", {}), why=(f"rtw_{rtype}", {}))
    result.release_type = rtype
    return rtype


def hazardous_distance(step: Step) -> None:
    """Step 7: the hazardous distance r (declared extent_m, or Figure D.1 from X); recipes replace the step."""
    from pse.zoning.figures import hazardous_distance_from_figure_d1

    source, result = step.source, step.result
    if source.recipe:
        return
    x = result.release_characteristic_m3_s
    if source.extent_m is not None:
        result.hazardous_distance_m = source.extent_m
        step.why("distance_declared", r=f"{source.extent_m:g}", src=source.extent_source or "-")
    elif x is not None and real_zones(step):
        reading = hazardous_distance_from_figure_d1(x, release_type(step))
        result.hazardous_distance_m, result.indicative = float(reading.value), True
        step.why("figure_d1", detail=reading.reason)
    elif real_zones(step) and not whole_room(step):
        raise ClassificationError(step.path, f"source '{source.id}': no hazardous distance: give extent_m, a recipe, "
                                             "or the release data for Figure D.1")


def zone_extents(step: Step) -> None:
    """Step 8: one extent per drawn zone, shaped by buoyancy; the last one to the whole room when it spreads."""
    from pse.zoning.shape import buoyancy

    if step.source.recipe:
        recipe_extents(step)
        return
    result, source = step.result, step.source
    result.buoyancy = buoyancy(step.sub.relative_vapour_density)
    real = real_zones(step)
    if real and result.hazardous_distance_m is not None:
        above = source.extent_above_m if source.extent_above_m is not None else source.height_m
        step.why(f"shape_{result.buoyancy}", rvd=step.sub.relative_vapour_density,
                 override="" if above is None and source.extent_below_m is None else (
                     "shape_override", {"above": "-" if above is None else f"{above:g}",
                                        "below": "-" if source.extent_below_m is None
                                        else f"{source.extent_below_m:g}"}))
    spread = whole_room(step)
    for i, zone in enumerate(real):
        radius = surrounding_radius(step, zone, i)
        if spread and i == len(real) - 1:
            room = step.in_room
            result.extents.append(ZoneExtent(zone, radius, 0.0, room.height_m or 0.0, True, "whole room"))
            step.why("whole_room_low" if result.dilution == "low" else "whole_room_declared", zone=zone,
                     room=room.id)
            continue
        if radius is not None:
            result.extents += shaped(step, zone, radius, "Figure D.1 (indicative)" if result.indicative and i == 0
                                     else ("declared" if i == 0 else "surrounding zone"))
    ne = [zone for zone in result.zones if zone.endswith("NE")]
    if ne:
        step.why("negligible", zone=ne[0][0])


def surrounding_radius(step: Step, zone: str, i: int) -> float | None:
    """The first zone's radius is the hazardous distance; a surrounding zone's is declared or factor x r."""
    distance = step.result.hazardous_distance_m
    if distance is None or i == 0:
        return distance
    factor = step.study.zoning.surrounding_zone_factor
    radius = step.source.outer_extent_m or distance * factor
    step.why("surrounding_declared" if step.source.outer_extent_m else "surrounding_factor", zone=zone,
             r=f"{radius:.2f}", factor=f"{factor:g}")
    return radius


def shaped(step: Step, zone: str, radius: float, basis: str) -> list[ZoneExtent]:
    """The slabs of a zone of ``radius`` by the source's buoyancy and its above/below overrides."""
    from pse.zoning.shape import zone_shape

    source = step.source
    above = source.extent_above_m if source.extent_above_m is not None else source.height_m
    parts = zone_shape(step.result.buoyancy, radius, step.z, above, source.extent_below_m)
    return [ZoneExtent(zone, p.radius_m, p.z_bottom_m, p.z_top_m, False,
                       basis if p.part == "main" else "grade layer", p.part) for p in parts]


def recipe_extents(step: Step) -> None:
    """An extent recipe (API RP 505, NFPA 497, EI 15 figure) replaces the Table D.1 zones."""
    from pse.zoning.library import extent_recipes

    source, result = step.source, step.result
    name = _need(source.recipe, step.path + ("recipe",), "no extent recipe named")
    recipes = extent_recipes(step.study.zoning.extent_recipes)
    recipe = recipes.get(name)
    if recipe is None:
        close = difflib.get_close_matches(name, list(recipes), n=1, cutoff=0.5)
        raise ClassificationError(step.path + ("recipe",), f"unknown extent recipe '{source.recipe}'"
                                  + (f" (did you mean '{close[0]}'?)" if close else ""))
    step.why("recipe", recipe=source.recipe, name=recipe["name"], src=recipe["source"], figure=recipe["figure"],
             checked="" if recipe.get("checked") else ("not_checked", {}))
    for zr in recipe["zones"]:
        zr = dict(zr)
        top = step.z + (zr.get("height_m") or zr["radius_m"])
        bottom = 0.0 if zr.get("below_m") is None else max(0.0, step.z - zr["below_m"])
        result.extents.append(ZoneExtent(str(zr["zone"]), zr["radius_m"], bottom, top, False,
                                         f"recipe {source.recipe}"))
    result.hazardous_distance_m = max(e.radius_m for e in result.extents if e.radius_m is not None)
