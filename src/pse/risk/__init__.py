"""Risk matrices as data: severity x likelihood -> risk level, with names, actions and colours.

Presets ship in ``pse/risk/data/*.yaml``; a study may declare its own under
``risk_matrices:`` with the same mapping (see :class:`pse.risk.spec.MatrixSpec`).
Names are imported lazily: ``import pse.risk`` costs nothing until used.

>>> from pse.risk import load_matrix
>>> m = load_matrix('tw-osha-5')
>>> m.level('S4', 'P3'), m.label(4), m.describe(4).acceptable
(4, 'High', False)
"""

from __future__ import annotations

from pse._lazy import lazy_exports

_EXPORTS = {
    "MatrixSpec": "spec",
    "RiskMatrix": "matrix",
    "LevelInfo": "matrix",
    "LevelError": "matrix",
    "UnknownMatrixError": "matrix",
    "load_matrix": "matrix",
    "available_matrices": "matrix",
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
