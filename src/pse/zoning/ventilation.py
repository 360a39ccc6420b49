"""Steps of the chain: ventilation velocity, degree of dilution (Figure C.1 and the background-concentration
check of C.3.4), availability and the zone types of Table D.1 (IEC 60079-10-1:2015 Annex C and D)."""

from __future__ import annotations

from pse.zoning.classify import ClassificationError, Step, _need, room_polygon


def _room_path(step: Step, *rest: str) -> tuple:
    return ("rooms", step.study.rooms.index(step.in_room), "ventilation") + rest


def air_flow_m3_s(step: Step) -> float | None:
    """Air flow through an indoor room (declared, or air changes x volume); zero is an error, never 0/0."""
    vent, room = step.in_vent, step.in_room
    if vent.air_flow_m3_s is not None:
        flow, field_name = vent.air_flow_m3_s, "air_flow_m3_s"
    elif vent.air_changes_per_h is not None and room.height_m:
        flow, field_name = vent.air_changes_per_h * room_polygon(room).area * room.height_m / 3600.0, \
            "air_changes_per_h"
    else:
        return None
    if flow <= 0:
        raise ClassificationError(_room_path(step, field_name),
                                  f"room '{room.id}': {vent.type} ventilation with no air flow (0 air changes per "
                                  "hour) dilutes nothing: give the real air flow, or declare dilution: low")
    return flow


def ventilation_velocity(step: Step, air_flow: float | None) -> tuple[float, tuple[str, dict]]:
    """u_w: declared, indoor air flow / cross-section, or outdoors Table C.1."""
    from pse.zoning.figures import outdoor_velocity_table_c1

    vent = step.vent
    if vent is not None and vent.velocity_m_s is not None:
        return vent.velocity_m_s, ("declared_value", {})
    if step.result.indoor:
        room = step.in_room
        if air_flow is None or not room.height_m:
            raise ClassificationError(_room_path(step), f"room '{room.id}': give ventilation.dilution, or "
                                      "velocity_m_s, or air_changes_per_h / air_flow_m3_s with height_m, to assess "
                                      "the dilution")
        minx, miny, maxx, maxy = room_polygon(room).bounds
        cross = room.height_m * min(maxx - minx, maxy - miny)
        return air_flow / cross, ("velocity_indoor", {"q": f"{air_flow:.3g}", "a": f"{cross:.3g}"})
    heavier = (step.sub.relative_vapour_density or 1.0) > 1.0
    reading = outdoor_velocity_table_c1(heavier, step.z, bool(vent and vent.obstructed))
    return float(reading.value), reading.reason


def degree_of_dilution(step: Step) -> None:
    """Step 4: declared, else Figure C.1 from X and u_w, then the indoor background check."""
    from pse.zoning.figures import dilution_from_figure_c1

    result, vent, room = step.result, step.vent, step.room
    if vent is not None and vent.dilution:
        result.dilution, result.dilution_basis = vent.dilution, f"declared ({vent.source or 'study'})"
        step.why("dilution_declared", dilution=(f"dil_{vent.dilution}", {}), room=step.in_room.id,
                 src=vent.source or "-")
        return
    x = result.release_characteristic_m3_s
    if x is None:
        if room is None:
            raise ClassificationError(step.path, f"source '{step.source.id}': cannot assess the degree of dilution: "
                                      "give the release data (release_rate_kg_s, hole_area_mm2 and pressure_pa, or "
                                      "pool_area_m2) or declare the dilution of its area")
        raise ClassificationError(_room_path(step, "dilution"), f"room '{room.id}': source '{step.source.id}' "
                                  "gives no release rate, so declare ventilation.dilution (high, medium or low)")
    air_flow = air_flow_m3_s(step) if result.indoor else None
    velocity, basis = ventilation_velocity(step, air_flow)
    result.velocity_m_s = velocity
    step.why("velocity", u=f"{velocity:.3g}", basis=basis)
    reading = dilution_from_figure_c1(x, velocity)
    result.dilution, result.dilution_basis, result.indicative = str(reading.value), "Figure C.1 (indicative)", True
    step.why("figure_c1", detail=reading.reason, note="" if reading.in_range else ("c1_out_of_range", {}))
    if result.indoor and air_flow is not None and step.sub.lel_vol_pct:
        background_check(step, air_flow)


def background_check(step: Step, air_flow: float) -> None:
    """C.3.4: X_b = f Q_g / Q_a against the limit fraction of LFL; above it the dilution is low."""
    from pse.zoning.release import background_concentration

    result, vent = step.result, step.in_vent
    rate = _need(result.release_rate_kg_s, step.path, "no release rate for the background concentration")
    density = _need(result.gas_density_kg_m3, step.path, "no gas density for the background concentration")
    lfl = _need(step.sub.lel_vol_pct, step.substance_path(), f"substance '{step.sub.id}' has no lel_vol_pct")
    xb = background_concentration(rate, density, air_flow, vent.inefficiency_factor)
    fraction = xb / (lfl / 100.0)
    limit = step.study.zoning.background_limit_fraction_of_lfl
    result.background_fraction_of_lfl = fraction
    step.why("background_above" if fraction > limit else "background_below", f=f"{vent.inefficiency_factor:g}",
             qg=f"{rate / density:.3g}", qa=f"{air_flow:.3g}", xb=f"{xb:.3g}",
             pct=f"{fraction:.1%}", limit=f"{limit:.0%}")
    if fraction > limit:
        result.dilution, result.dilution_basis = "low", "background concentration above the limit (C.3.4)"


def availability(step: Step) -> None:
    """Step 5: availability of the ventilation (outdoors: good)."""
    vent = step.vent
    step.result.availability = vent.availability if vent is not None else "good"
    if vent is None:
        step.why("availability_open")
    else:
        step.why("availability", availability=(f"av_{vent.availability}", {}), type=(f"vt_{vent.type}", {}))


def zone_types(step: Step) -> None:
    """Step 6: Table D.1 [grade / dilution / availability] -> zone types."""
    from pse.zoning.figures import table_d1
    from pse.zoning.library import table_d1_printed
    from pse.zoning.reasons import ZoneWords

    result = step.result
    result.zones = table_d1(result.grade, result.dilution, result.availability)
    result.table_cell = table_d1_printed(result.grade, result.dilution, result.availability)
    step.why("table_d1", grade=(f"grade_{result.grade}", {}), dilution=(f"dil_{result.dilution}", {}),
             availability=(f"av_{result.availability}", {}), cell=ZoneWords(result.table_cell),
             zones=" + ".join(result.zones))
