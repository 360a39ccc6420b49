"""The pipeline: a study in, the whole hazardous-area classification out (pvlib-style object)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pse.model.study import Study
    from pse.model.zoning import SectionLine


@dataclass
class AreaClassification:
    """Results of :func:`classify_area`: per-source reasoning, zone geometry, Ex check."""

    study: Study
    substances: dict
    results: list
    pieces: list
    zones: dict
    findings: list
    section: SectionLine | None = None

    @cached_property
    def section_pieces(self) -> list:
        """Zone pieces cut by the section line (for the elevation), computed on first use."""
        from pse.zoning.geometry import section_pieces

        if self.section is None:
            return []
        return section_pieces(self.pieces, self.section.start, self.section.end)

    @cached_property
    def section_zones(self) -> dict:
        """Disjoint zones in the elevation (Zone 0 over 1 over 2), computed on first use."""
        from pse.zoning.geometry import zones_with_precedence

        grouped: dict = {}
        for piece in self.section_pieces:
            grouped.setdefault(piece.zone, []).append(piece.polygon)
        return zones_with_precedence(grouped) if grouped else {}

    @cached_property
    def features(self) -> list:
        """One feature per zone polygon with its contributing sources (computed on first use: only the
        GeoJSON and the drawings' tags need it)."""
        from pse.zoning.geometry import zone_features

        return zone_features(self.zones, self.pieces)

    def geojson(self, features: bool = True) -> dict:
        """A GeoJSON FeatureCollection: one feature per zone polygon with ``zone`` and contributing ``sources``
        (coordinates in metres rounded to the millimetre, :func:`pse.zoning.geometry.polygon_geojson`);
        ``features=False``: the collection's other members only (``features`` left empty)."""
        from pse.zoning.geometry import polygon_geojson

        return {
            "type": "FeatureCollection",
            "name": f"{self.study.study.title} - hazardous areas",
            "features": [{"type": "Feature", "geometry": polygon_geojson(f["geometry"]),
                          "properties": feature_properties(f)} for f in self.features] if features else [],
        }


def feature_properties(feature: dict) -> dict:
    """The GeoJSON properties of a zone feature: zone, contributing sources, area in m2 (to 0.001 m2)."""
    return {"zone": feature["zone"], "sources": feature["sources"], "area_m2": round(feature["area_m2"], 3)}


_LAST: list = []      # [(study, fingerprint, classification)] of the last study classified in this process


def _fingerprint(study):
    """Its identity during ``pse run``, else a hash of its JSON (:func:`pse.model.unchanged.content_key`)."""
    from pse.model.unchanged import content_key

    return content_key(study)


def classify_area(study, reuse: bool = True) -> AreaClassification:
    """Classify every source, build the zone geometry, the elevation and the Ex equipment check.

    ``pse run`` asks for the classification of one study three times (module check and lint, the zones
    section, the generated Ex recommendations of the register): with ``reuse`` the last classification is
    returned when it is of the same study object with the same content (a hash of its JSON, so a study edited
    in place is classified again)."""
    try:
        fingerprint = _fingerprint(study) if reuse else None
    except ValueError:                    # a study pydantic cannot serialise: classify it, keep nothing
        fingerprint = None
    if fingerprint is None:
        return _classify(study)
    if _LAST and _LAST[0][0] is study and _LAST[0][1] == fingerprint:
        return _LAST[0][2]
    area = _classify(study)
    _LAST[:] = [(study, fingerprint, area)]
    return area


def _classify(study) -> AreaClassification:
    from pse.zoning.classify import _resolved_substances, classify_source
    from pse.zoning.excheck import check_equipment
    from pse.zoning.geometry import build_pieces, plan_zones

    substances = _resolved_substances(study)
    results = [classify_source(study, i, substances) for i in range(len(study.release_sources))]
    pieces = build_pieces(study, results)
    zones = plan_zones(pieces)
    findings = check_equipment(study, pieces, substances, results)
    section = study.zoning.section or _default_section(study, pieces)
    return AreaClassification(study, substances, results, pieces, zones, findings, section)


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
