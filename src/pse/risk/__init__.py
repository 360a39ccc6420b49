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

from typing import TYPE_CHECKING, Any

__all__ = [
    "MatrixSpec",
    "RiskMatrix",
    "LevelInfo",
    "LevelError",
    "UnknownMatrixError",
    "load_matrix",
    "available_matrices",
]

_FROM_SPEC = {"MatrixSpec"}

if TYPE_CHECKING:  # pragma: no cover
    from .matrix import (LevelError, LevelInfo, RiskMatrix, UnknownMatrixError,
                         available_matrices, load_matrix)
    from .spec import MatrixSpec


def __getattr__(name: str) -> Any:
    if name in _FROM_SPEC:
        from . import spec

        return getattr(spec, name)
    if name in __all__:
        from . import matrix

        return getattr(matrix, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
