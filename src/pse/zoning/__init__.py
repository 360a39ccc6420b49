"""Hazardous-area classification per IEC 60079-10-1 and IEC 60079-10-2, zone geometry (shapely) and drawings.

Calculation layer (pure functions; imported lazily, so ``import pse.zoning`` costs nothing):

* :mod:`pse.zoning.release` -- Annex B release rates, critical pressure, gas density, release characteristic,
  background concentration
* :mod:`pse.zoning.figures` -- Table D.1 (exact), Figure C.1 / D.1 and Table C.1 (digitised, indicative)
* :mod:`pse.zoning.excheck` -- EPL / gas group / temperature class suitability
* :mod:`pse.zoning.shape` -- zone shape in elevation by gas density (buoyant / heavy / neutral)
* :mod:`pse.zoning.dust` -- IEC 60079-10-2 dust zones, IEC 60079-14 dust surface-temperature rule
* :mod:`pse.zoning.classify` -- the chain for each source (steps in ``rate``, ``ventilation``, ``extent``,
  ``dust_chain``), with its reasoning (:mod:`pse.zoning.reasons`, labels en / zh-TW)
* :mod:`pse.zoning.findings` -- Ex-check failures as generated recommendations and lint warnings
* :mod:`pse.zoning.geometry` -- extents, clipping, precedence, union, section (shapely 2)
* :mod:`pse.zoning.area` -- the pipeline: :func:`classify_area` (study -> :class:`AreaClassification`)
* :mod:`pse.zoning.drawing` / :mod:`pse.zoning.sheets` -- drawings and data sheets
"""

from __future__ import annotations

from pse._lazy import lazy_exports

_EXPORTS = {
    "critical_pressure_pa": "release", "gas_release_rate_kg_s": "release", "is_choked": "release",
    "choked_gas_release_rate_kg_s": "release", "subsonic_gas_release_rate_kg_s": "release",
    "liquid_release_rate_kg_s": "release", "gas_density_kg_m3": "release", "lfl_kg_m3": "release",
    "release_characteristic_m3_s": "release", "background_concentration": "release",
    "pool_evaporation_rate_kg_s": "release", "antoine_vapour_pressure_pa": "release", "NoRelease": "release",
    "buoyancy": "shape", "zone_shape": "shape",
    "cloud_zone": "dust", "layer_zone": "dust", "max_surface_temperature_c": "dust",
    "dust_epl_suitable": "dust", "dust_group_suitable": "dust",
    "generated_recommendations": "findings",
    "table_d1": "figures", "dilution_from_figure_c1": "figures", "hazardous_distance_from_figure_d1": "figures",
    "outdoor_velocity_table_c1": "figures",
    "epl_suitable": "excheck", "gas_group_suitable": "excheck", "temperature_class_limit_c": "excheck",
    "required_temperature_class": "excheck",
    "substance_library": "library", "extent_recipes": "library",
    "classify": "classify", "classify_source": "classify", "ClassificationError": "classify",
    "classify_area": "area", "AreaClassification": "area",
    "zones_with_precedence": "geometry", "build_pieces": "geometry", "plan_zones": "geometry",
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
