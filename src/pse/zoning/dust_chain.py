"""The chain for a combustible-dust source (IEC 60079-10-2:2015): grade -> cloud zone, housekeeping -> layer
zone, extents from the source down to grade (dust settles), a surrounding Zone 22 around Zone 20/21."""

from __future__ import annotations

from pse.zoning.classify import Step, ZoneExtent


def classify_dust(step: Step) -> None:
    """Zones 20/21/22 of one dust source, with the reasoning (steps of :mod:`pse.zoning.dust`)."""
    from pse.zoning.dust import cloud_zone, dust_rules, layer_zone

    source, result, sub = step.source, step.result, step.sub
    rules = dust_rules()
    step.why("dust_substance", name=sub.name, group=sub.dust_group or "-", cloud=sub.mit_cloud_c or "-",
             layer=sub.mit_layer_c or "-", src=sub.sources.get("mit_cloud_c", "-"))
    zone = cloud_zone(source.grade)
    step.why("dust_grade", grade=(f"grade_{source.grade}", {}), zone=zone)
    zones = [zone]
    layer = layer_zone(source.housekeeping)
    if source.housekeeping:
        step.why("dust_housekeeping", level=(f"hk_{source.housekeeping}", {}), zone=layer or "-")
    if zone in ("20", "21") and "22" not in zones:
        zones.append("22")
    if layer and layer not in zones:
        zones.append(layer)
    zones = sorted(set(zones))
    result.zones = tuple(zones)
    result.table_cell = f"IEC 60079-10-2:2015 6.2 / Table 1 ({rules['edition']})"
    first = source.extent_m if source.extent_m is not None else rules["extent_m"][zones[0]]
    result.hazardous_distance_m = first
    top = step.z + (source.extent_above_m if source.extent_above_m is not None else first)
    bottom = 0.0 if source.extent_below_m is None else max(0.0, step.z - source.extent_below_m)
    step.why("dust_extent", zone=zones[0], r=f"{first:g}", basis="declared" if source.extent_m is not None
             else rules["source"])
    result.extents.append(ZoneExtent(zones[0], first, bottom, top, False, "IEC 60079-10-2"))
    outer = first
    ceiling = step.room.height_m if step.room is not None and step.room.indoor and step.room.height_m else None
    for extra in zones[1:]:
        outer = source.outer_extent_m or outer + rules["surrounding_zone_22_m"]
        outer_top = max(top, step.z + outer) if ceiling is None else min(max(top, step.z + outer), ceiling)
        result.extents.append(ZoneExtent(extra, outer, 0.0, outer_top, False,
                                         "IEC 60079-10-2 surrounding / layer zone"))
        step.why("dust_outer", zone=extra, r=f"{outer:g}")
    result.availability = result.dilution = "-"
    surface_limit(step)


def surface_limit(step: Step) -> None:
    """The maximum permitted surface temperature with this dust and the layer that can form (IEC 60079-14)."""
    from pse.zoning.classify import ClassificationError
    from pse.zoning.dust import max_surface_temperature_c

    source, sub, result = step.source, step.sub, step.result
    result.dust_group = sub.dust_group
    if sub.mit_cloud_c is None:
        return
    try:
        t_max, text = max_surface_temperature_c(sub.mit_cloud_c, sub.mit_layer_c, source.layer_thickness_mm,
                                                source.layer_ignition_c)
    except ValueError as exc:
        raise ClassificationError(step.path + ("layer_ignition_c",), f"source '{source.id}': {exc}") from None
    result.surface_limit_c, result.surface_limit_text = t_max, text
    step.why("dust_surface", text=text)
