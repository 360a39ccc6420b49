"""FMEA rating scales (severity, occurrence, detection 1-10) as data, in English and Traditional Chinese.

Presets live in ``data/scales.yaml`` (AIAG-VDA 2019 PFMEA and DFMEA, AIAG 4th
edition PFMEA and DFMEA); a study may declare its own under ``fmea.scales`` and
choose one with ``fmea.scale``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "scales.yaml"
AXES = ("severity", "occurrence", "detection")


class UnknownScaleError(KeyError):
    """No preset or declared scale has this name."""

    def __str__(self) -> str:
        return self.args[0]


@dataclass(frozen=True)
class Scale:
    """A rating scale: for each axis, rank 1..10 -> ``{'en': ..., 'zh-TW': ...}``."""

    name: str
    title: str
    source: str
    edition: str
    checked: bool
    severity: dict
    occurrence: dict
    detection: dict

    def describe(self, axis: str, rank: int, lang: str = "en") -> str:
        """Description of ``rank`` on ``axis`` in ``lang`` (falls back to English).

        >>> load_scale("aiag4-pfmea").describe("occurrence", 10)
        'Very high: >= 100 per thousand (>= 1 in 10)'
        """
        entry = getattr(self, axis)[int(rank)]
        return entry.get(lang) or entry["en"]


@lru_cache(maxsize=1)
def _presets() -> dict:
    from pse.packagedata import load_package_yaml

    return load_package_yaml(DATA.read_text(encoding="utf-8"))


def scale_names(declared: dict | None = None) -> list[str]:
    """Names of the preset scales and of the scales declared by a study."""
    return sorted(set(_presets()) | set(declared or {}))


def _levels(mapping: dict) -> dict:
    out = {}
    for rank, entry in mapping.items():
        if hasattr(entry, "model_dump"):
            entry = entry.model_dump(by_alias=True)
        out[int(rank)] = {k: v for k, v in entry.items() if v}
    return out


def load_scale(name: str, declared: dict | None = None) -> Scale:
    """The scale called ``name``: declared by the study (``fmea.scales``) first, else a preset."""
    if declared and name in declared:
        spec = declared[name]
        return Scale(name, spec.title, spec.source or "study", spec.edition or "", False,
                     *(_levels(getattr(spec, axis)) for axis in AXES))
    presets = _presets()
    if name not in presets:
        raise UnknownScaleError(f"unknown FMEA scale '{name}' (presets: {', '.join(sorted(presets))}; "
                                "or declare one under fmea.scales)")
    entry = presets[name]
    return Scale(name, entry["title"], entry["source"], str(entry.get("edition", "")), bool(entry.get("checked")),
                 *(_levels(entry[axis]) for axis in AXES))
