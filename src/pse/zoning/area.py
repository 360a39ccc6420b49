"""The pipeline: a study in, the whole hazardous-area classification out (pvlib-style object)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class AreaClassification:
    """Results of :func:`classify_area`: per-source reasoning, zone geometry, Ex check."""

    study: object
    substances: dict
    results: list
    pieces: list
    zones: dict
    features: list
    findings: list
    section: object = None
    section_zones: dict = field(default_factory=dict)
    section_pieces: list = field(default_factory=list)

    def geojson(self) -> dict:
        """A GeoJSON FeatureCollection: one feature per zone polygon with ``zone`` and contributing ``sources``."""
        from shapely.geometry import mapping

        return {
            "type": "FeatureCollection",
            "name": f"{self.study.study.title} - hazardous areas",
            "features": [{"type": "Feature", "geometry": mapping(f["geometry"]),
                          "properties": {"zone": f["zone"], "sources": f["sources"],
                                         "area_m2": round(f["area_m2"], 3)}} for f in self.features],
        }


def classify_area(study) -> AreaClassification:
    """Classify every source, build the zone geometry, the elevation and the Ex equipment check."""
    from pse.zoning.classify import _resolved_substances, classify_source
    from pse.zoning.excheck import check_equipment
    from pse.zoning.geometry import build_pieces, plan_zones, section_pieces, zone_features, zones_with_precedence

    substances = _resolved_substances(study)
    results = [classify_source(study, i, substances) for i in range(len(study.release_sources))]
    pieces = build_pieces(study, results)
    zones = plan_zones(pieces)
    features = zone_features(zones, pieces)
    findings = check_equipment(study, pieces, substances, results)
    section = study.zoning.section or _default_section(study, pieces)
    out = AreaClassification(study, substances, results, pieces, zones, features, findings, section)
    if section is not None:
        cut = section_pieces(pieces, section.start, section.end)
        grouped = {}
        for piece in cut:
            grouped.setdefault(piece.zone, []).append(piece.polygon)
        out.section_pieces = cut
        out.section_zones = zones_with_precedence(grouped)
    return out


def _default_section(study, pieces):
    """A horizontal section through the middle of the zones when the study declares none."""
    import shapely

    from pse.model.schema import SectionLine

    if not pieces:
        return None
    minx, miny, maxx, maxy = shapely.total_bounds([p.polygon for p in pieces])
    for room in study.rooms:
        rx0, ry0, rx1, ry1 = shapely.Polygon(room.outline).bounds
        minx, maxx = min(minx, rx0), max(maxx, rx1)
    y = (miny + maxy) / 2
    return SectionLine(start=(minx - 1, y), end=(maxx + 1, y), label="A-A")
