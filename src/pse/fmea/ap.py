"""The AIAG-VDA Action Priority table as data: load the compact table, expand it to all 1000 S/O/D cells.

The handbook (AIAG & VDA FMEA Handbook, 1st edition 2019, Action Priority table
for DFMEA and PFMEA) prints AP as severity bands x occurrence bands (rows) by
detection bands (columns).  :func:`expand_table` turns that compact form into a
10 x 10 x 10 lookup array so that :func:`pse.fmea.action_priority` is one numpy
fancy-indexing step, whatever the number of rows.

Codes: ``L = 1``, ``M = 2``, ``H = 3`` (higher = act first); index 0 of every
axis is unused so that ``table[s, o, d]`` takes the ratings as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

DATA = Path(__file__).with_name("data")
CODES = {"L": 1, "M": 2, "H": 3}
LETTERS = ("", "L", "M", "H")


class ApTableError(ValueError):
    """The Action Priority table data are malformed (gaps, overlaps, wrong letters)."""


@dataclass(frozen=True)
class ApTable:
    """The expanded AP table (``codes[s, o, d]``, shape 11 x 11 x 11) with its provenance."""

    id: str
    title: str
    source: str
    edition: str
    checked: bool
    checked_against: str
    levels: dict
    codes: np.ndarray  # uint8, index 0 unused

    def letter(self, severity: int, occurrence: int, detection: int) -> str:
        """AP letter of one cell.

        >>> load_ap_table().letter(8, 6, 2), load_ap_table().letter(2, 6, 8)
        ('H', 'L')
        """
        return LETTERS[int(self.codes[severity, occurrence, detection])]


def _band_index(bands: list, name: str) -> list[int]:
    """For each rating 1..10 the index of the band containing it; checks cover and order."""
    index = [-1] * 11
    for i, band in enumerate(bands):
        low, high = int(band[0]), int(band[1])
        if low > high:
            raise ApTableError(f"{name}: band {band} runs backwards")
        for rating in range(low, high + 1):
            if not 1 <= rating <= 10:
                raise ApTableError(f"{name}: band {band} goes outside 1-10")
            if index[rating] != -1:
                raise ApTableError(f"{name}: rating {rating} is in two bands")
            index[rating] = i
    missing = [r for r in range(1, 11) if index[r] == -1]
    if missing:
        raise ApTableError(f"{name}: ratings {missing} are in no band")
    return index


def _band_key(band) -> str:
    low, high = int(band[0]), int(band[1])
    return str(low) if low == high else f"{low}-{high}"


def expand_table(data: dict):
    """Expand the compact AP table (bands + rows of letters) to a ``uint8[11, 11, 11]`` code array.

    Rule: AP(s, o, d) = ``rows[band(s)][band(o)][band(d)]`` where ``band(x)``
    is the band of that axis containing x (AIAG-VDA 2019 AP table layout).

    >>> table = expand_table(yaml_table())
    >>> int(table[8, 6, 2]), int(table[2, 6, 8])      # H = 3, L = 1
    (3, 1)
    """
    import numpy as np

    s_index = _band_index(data["severity_bands"], "severity_bands")
    o_index = _band_index(data["occurrence_bands"], "occurrence_bands")
    d_index = _band_index(data["detection_bands"], "detection_bands")
    rows = data["rows"]
    compact = np.zeros((len(data["severity_bands"]), len(data["occurrence_bands"]), len(data["detection_bands"])),
                       dtype=np.uint8)
    for i, band in enumerate(data["severity_bands"]):
        key = _band_key(band)
        if key not in rows:
            raise ApTableError(f"rows: no row for severity band {key}")
        strings = rows[key]
        if len(strings) != compact.shape[1]:
            raise ApTableError(f"rows[{key}]: {len(strings)} occurrence bands, expected {compact.shape[1]}")
        for j, letters in enumerate(strings):
            if len(letters) != compact.shape[2] or set(letters) - set(CODES):
                raise ApTableError(f"rows[{key}][{j}]: {letters!r} must be {compact.shape[2]} letters of H, M, L")
            compact[i, j, :] = [CODES[c] for c in letters]
    table = np.zeros((11, 11, 11), dtype=np.uint8)
    s = np.array(s_index[1:])[:, None, None]
    o = np.array(o_index[1:])[None, :, None]
    d = np.array(d_index[1:])[None, None, :]
    table[1:, 1:, 1:] = compact[s, o, d]
    return table


def yaml_table(path: str | Path | None = None) -> dict:
    """The compact AP table as stored (``data/action_priority.yaml``), read with ``yaml.safe_load``."""
    from pse.packagedata import load_package_yaml

    path = Path(path) if path else DATA / "action_priority.yaml"
    return load_package_yaml(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def load_ap_table(path: str | None = None) -> ApTable:
    """The AIAG-VDA 2019 Action Priority table, expanded to all 1000 cells (cached)."""
    data = yaml_table(path)
    codes = expand_table(data)
    codes.setflags(write=False)
    return ApTable(data["id"], data["title"], data["source"], str(data["edition"]), bool(data.get("checked")),
                   data.get("checked_against", ""), data.get("levels", {}), codes)
