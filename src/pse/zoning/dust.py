"""Combustible-dust zones, IEC 60079-10-2:2015, and the dust side of the Ex check (IEC 60079-14:2013).

Chain for a dust source: grade of release -> Zone 20/21/22 of the dust cloud (clause 6.2); housekeeping level ->
the zone from dust layers (Table 1: good none, fair Zone 22, poor Zone 21); extents from the source down to grade
(dust settles), defaults from the standard's Annex A examples (``data/dust_rules.yaml``, overridable per source
with ``extent_m`` / ``outer_extent_m``).  The Ex check needs EPL Da (Zone 20), Da/Db (21), Da/Db/Dc (22), a dust
group covering the substance's (IIIC > IIIB > IIIA) and a surface temperature below :func:`max_surface_temperature_c`.
"""

from __future__ import annotations

DUST_ZONES = ("20", "21", "22")


def dust_rules() -> dict:
    from pse.zoning.library import load_data

    return load_data("dust_rules")


def cloud_zone(grade: str) -> str:
    """Zone of the dust cloud around a source of release, IEC 60079-10-2:2015 6.2 / clause 7.

    >>> cloud_zone("continuous"), cloud_zone("primary"), cloud_zone("secondary")
    ('20', '21', '22')
    """
    return str(dust_rules()["zone_by_grade"][grade])


def layer_zone(housekeeping: str | None) -> str | None:
    """Zone from dust layers by housekeeping level, IEC 60079-10-2:2015 Table 1 (good: no zone).

    >>> layer_zone("good"), layer_zone("fair"), layer_zone("poor"), layer_zone(None)
    (None, '22', '21', None)
    """
    if housekeeping is None:
        return None
    zone = dust_rules()["zone_by_housekeeping"][housekeeping]
    return None if zone is None else str(zone)


def max_surface_temperature_c(mit_cloud_c: float, mit_layer_5mm_c: float | None,
                              layer_thickness_mm: float | None = None,
                              layer_ignition_c: float | None = None) -> tuple[float, str]:
    """Maximum permitted equipment surface temperature with dust, IEC 60079-14:2013 5.6.3::

        T_max = min(2/3 T_cloud, T_5mm - 75 K)          layers up to 5 mm
        T_max = min(2/3 T_cloud, T_L - 75 K)            thicker layers, T_L the ignition temperature of a
                                                        layer of that thickness (laboratory; it falls as the
                                                        layer thickens, IEC 60079-14 Figure 1)

    Temperatures in degC.  Returns ``(T_max, equation with numbers)``; a layer over 5 mm without
    ``layer_ignition_c`` raises ``ValueError`` (the 5 mm value is not conservative for it).

    >>> max_surface_temperature_c(450.0, 300.0)[0]          # min(300, 225)
    225.0
    >>> max_surface_temperature_c(450.0, 380.0)[0]          # min(300, 305)
    300.0
    >>> max_surface_temperature_c(450.0, 300.0, 12.5, 250.0)[0]
    175.0
    """
    cloud = 2.0 / 3.0 * mit_cloud_c
    thick = layer_thickness_mm is not None and layer_thickness_mm > 5.0
    if thick:
        if layer_ignition_c is None:
            raise ValueError(f"a dust layer of {layer_thickness_mm:g} mm is thicker than 5 mm: give "
                             "layer_ignition_c (ignition temperature of a layer that thick, IEC 60079-14 5.6.3.3)")
        layer, what = layer_ignition_c, f"T_L({layer_thickness_mm:g} mm)"
    elif mit_layer_5mm_c is not None:
        layer, what = mit_layer_5mm_c, "T_5mm"
    else:
        return round(cloud, 6), f"T_max = 2/3 T_cloud = 2/3 x {mit_cloud_c:g} = {cloud:.0f} degC"
    value = min(cloud, layer - 75.0)
    return round(value, 6), (f"T_max = min(2/3 T_cloud, {what} - 75) = min(2/3 x {mit_cloud_c:g}, {layer:g} - 75) "
                             f"= {value:.0f} degC")


def dust_epl_suitable(zone: str, epl: str | None) -> bool:
    """EPL allowed in a dust zone (IEC 60079-14:2013 Table 1).

    >>> dust_epl_suitable("21", "Db"), dust_epl_suitable("20", "Db"), dust_epl_suitable("22", None)
    (True, False, False)
    """
    from pse.zoning.library import ex_rules

    return epl in ex_rules()["dust_epl_allowed"][zone]


def dust_group_suitable(equipment_group: str | None, dust_group: str | None) -> bool:
    """Equipment dust group covers the substance's (IIIC covers IIIB covers IIIA); unknown dust needs IIIC.

    >>> dust_group_suitable("IIIC", "IIIB"), dust_group_suitable("IIIB", "IIIC"), dust_group_suitable("IIIB", None)
    (True, False, False)
    """
    from pse.zoning.library import ex_rules

    order = ex_rules()["dust_group_order"]
    if equipment_group is None:
        return False
    return order.index(equipment_group) >= order.index(dust_group or "IIIC")
