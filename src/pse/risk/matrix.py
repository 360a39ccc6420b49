"""Risk matrices: load a preset, a YAML file or a study-declared matrix, and look levels up.

Presets (``pse/risk/data/*.yaml``):

* ``tw-osha-5`` - Taiwan OSHA 4x4 matrix with five risk levels, as reproduced in
  seed 002 (ISO 45001 coaching case, Tables 1-1..1-3); the P1 column for S1..S3
  is reconstructed and flagged as such.
* ``generic-5x5`` - a generic 5x5 example, not from a standard.
* ``seed001-hazop`` - the HAZOP scheme of seed 001 (butadiene reactor, 1 = worst);
  only two cells are attested, the rest is reconstructed.

Example
-------
>>> m = load_matrix('tw-osha-5')
>>> m.level('S4', 'P3')
4
>>> m.describe(m.level(2, 2)).name['en']
'Medium'
"""

from __future__ import annotations

import math
import numbers
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .spec import MatrixSpec, read_matrix_yaml, spec_from

__all__ = [
    "RiskMatrix",
    "LevelInfo",
    "LevelError",
    "UnknownMatrixError",
    "load_matrix",
    "available_matrices",
]

_NUMBERED = re.compile(r"^(.*?)(\d+)$")


class LevelError(ValueError):
    """A severity, likelihood or risk level that the matrix does not have."""


class UnknownMatrixError(KeyError, ValueError):
    """A matrix name that is neither a preset, a study-declared matrix nor a file."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True)
class LevelInfo:
    """What a risk level means: name, required action, acceptability, colour."""

    level: int
    name: Mapping[str, str]
    action: Mapping[str, str]
    acceptable: bool
    colour: str
    note: Mapping[str, str] | None = None


def _describe_ids(ids: tuple[str, ...]) -> str:
    """``('S1','S2','S3','S4')`` -> ``'S1..S4'``; ids that are not a numbered series are comma-separated."""
    if len(ids) > 2:
        matches = [_NUMBERED.match(i) for i in ids]
        parts = [m for m in matches if m is not None]
        if len(parts) == len(ids) and len({p.group(1) for p in parts}) == 1:
            nums = [int(p.group(2)) for p in parts]
            if all(b - a == 1 for a, b in zip(nums, nums[1:], strict=False)):
                return f"{ids[0]}..{ids[-1]}"
    return ", ".join(ids)


def _show(value: object) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def _text(texts: Mapping[str, str] | None, lang: str) -> str:
    if not texts:
        return ""
    if lang in texts:
        return texts[lang]
    if "en" in texts:
        return texts["en"]
    return next(iter(texts.values()))


@dataclass(frozen=True, eq=False)
class RiskMatrix:
    """An immutable, validated risk matrix with fast look-ups.

    Build it with :func:`load_matrix` (presets, files, study-declared matrices)
    or directly from a :class:`~pse.risk.spec.MatrixSpec`.

    Example
    -------
    >>> m = load_matrix('tw-osha-5')
    >>> m.id, m.severity_ids, m.likelihood_ids, m.level_values
    ('tw-osha-5', ('S1', 'S2', 'S3', 'S4'), ('P1', 'P2', 'P3', 'P4'), (1, 2, 3, 4, 5))
    """

    spec: MatrixSpec
    _sev_rank: Mapping[str, int] = field(init=False, repr=False)
    _lik_rank: Mapping[str, int] = field(init=False, repr=False)
    _cells: Mapping[tuple[str, str], int] = field(init=False, repr=False)
    _levels: Mapping[int, LevelInfo] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        spec = self.spec
        if not isinstance(spec, MatrixSpec):
            spec = MatrixSpec.model_validate(spec)
            object.__setattr__(self, "spec", spec)
        put = object.__setattr__
        put(self, "_sev_rank", MappingProxyType({e.id: e.rank for e in spec.severity}))
        put(self, "_lik_rank", MappingProxyType({e.id: e.rank for e in spec.likelihood}))
        put(self, "_cells", MappingProxyType(
            {(s, p): lv for s, row in spec.cells.items() for p, lv in row.items()}))
        put(self, "_levels", MappingProxyType({
            lv.level: LevelInfo(lv.level, MappingProxyType(dict(lv.name)), MappingProxyType(dict(lv.action)),
                                lv.acceptable, lv.colour,
                                MappingProxyType(dict(lv.note)) if lv.note else None)
            for lv in spec.levels}))

    def __repr__(self) -> str:
        return f"RiskMatrix({self.id!r})"

    # ---- identity and scales -------------------------------------------------
    @property
    def id(self) -> str:
        """The matrix ID (``spec.id``), e.g. ``'tw-osha-5'``."""
        return self.spec.id

    @property
    def severity_ids(self) -> tuple[str, ...]:
        """Severity IDs in rank order (rank 1 first).

        >>> load_matrix('seed001-hazop').severity_ids
        ('S1', 'S2', 'S3', 'S4')
        """
        return tuple(sorted(self._sev_rank, key=self._sev_rank.__getitem__))

    @property
    def likelihood_ids(self) -> tuple[str, ...]:
        """Likelihood IDs in rank order (rank 1 first).

        >>> load_matrix('tw-osha-5').likelihood_ids
        ('P1', 'P2', 'P3', 'P4')
        """
        return tuple(sorted(self._lik_rank, key=self._lik_rank.__getitem__))

    @property
    def level_values(self) -> tuple[int, ...]:
        """The risk-level numbers, ascending.

        >>> load_matrix('generic-5x5').level_values
        (1, 2, 3, 4)
        """
        return tuple(sorted(self._levels))

    @property
    def reconstructed_cells(self) -> frozenset[tuple[str, str]]:
        """Cells inferred rather than read from the source, as ``(severity, likelihood)``.

        Source: the ``reconstructed`` list of the matrix data.

        >>> sorted(load_matrix('tw-osha-5').reconstructed_cells)
        [('S1', 'P1'), ('S2', 'P1'), ('S3', 'P1')]
        """
        return frozenset((rc.severity, rc.likelihood) for rc in self.spec.reconstructed)

    @property
    def cells(self) -> Mapping[tuple[str, str], int]:
        """Read-only mapping ``(severity id, likelihood id) -> level``.

        >>> load_matrix('tw-osha-5').cells['S3', 'P4']
        4
        """
        return self._cells

    # ---- normalisation -------------------------------------------------------
    def _normalise(self, value: object, ranks: Mapping[str, int], kind: str) -> str:
        if isinstance(value, str):
            text = value.strip()
            if text in ranks:
                return text
            folded = text.casefold()
            for sid in ranks:
                if sid.casefold() == folded:
                    return sid
            if text.isdigit():
                rank = int(text)
                for sid, r in ranks.items():
                    if r == rank:
                        return sid
        elif isinstance(value, numbers.Integral) and not isinstance(value, bool):
            rank = int(value)
            for sid, r in ranks.items():
                if r == rank:
                    return sid
        ids = tuple(sorted(ranks, key=ranks.__getitem__))
        raise LevelError(f"{_show(value)} is not a level of matrix {self.id!r} ({_describe_ids(ids)})")

    def severity(self, value: str | int) -> str:
        """Normalise a severity (``'S2'``, ``'s2'``, ``2`` or ``'2'`` by rank) to its ID.

        Raises :class:`LevelError` for anything else.

        >>> m = load_matrix('tw-osha-5')
        >>> m.severity('s2'), m.severity(2), m.severity('2')
        ('S2', 'S2', 'S2')
        >>> m.severity('S5')
        Traceback (most recent call last):
        ...
        pse.risk.matrix.LevelError: 'S5' is not a level of matrix 'tw-osha-5' (S1..S4)
        """
        return self._normalise(value, self._sev_rank, "severity")

    def likelihood(self, value: str | int) -> str:
        """Normalise a likelihood (``'P3'``, ``'p3'``, ``3`` or ``'3'`` by rank) to its ID.

        >>> load_matrix('tw-osha-5').likelihood(3)
        'P3'
        """
        return self._normalise(value, self._lik_rank, "likelihood")

    # ---- look-ups ------------------------------------------------------------
    def level(self, severity: str | int, likelihood: str | int) -> int:
        """Risk level of a severity and a likelihood (IDs or ranks).

        Source: the matrix's ``cells`` (for ``tw-osha-5``: seed 002, Table 1-3).

        >>> m = load_matrix('tw-osha-5')
        >>> m.level('S4', 'P3'), m.level(2, 2), m.level('S1', 'P1')
        (4, 3, 1)
        """
        return self._cells[self.severity(severity), self.likelihood(likelihood)]

    def _level_key(self, level: object) -> int:
        if isinstance(level, numbers.Integral) and not isinstance(level, bool) and int(level) in self._levels:
            return int(level)
        if isinstance(level, str) and level.strip().isdigit() and int(level) in self._levels:
            return int(level)
        raise LevelError(
            f"{_show(level)} is not a risk level of matrix {self.id!r} "
            f"({_describe_ids(tuple(map(str, self.level_values)))})"
        )

    def describe(self, level: int) -> LevelInfo:
        """Name, required action, acceptability and colour of a risk level.

        Source: the matrix's ``levels`` (for ``tw-osha-5``: seed 002, risk levels
        and required action).

        >>> info = load_matrix('tw-osha-5').describe(5)
        >>> info.name['zh-TW'], info.acceptable, info.colour
        ('重大風險', False, '#8b0000')
        """
        return self._levels[self._level_key(level)]

    def label(self, level: int, lang: str = "en") -> str:
        """Name of a risk level in ``lang`` (falls back to English).

        >>> m = load_matrix('tw-osha-5')
        >>> m.label(4), m.label(4, 'zh-TW')
        ('High', '高度風險')
        """
        return _text(self.describe(level).name, lang)

    def likelihood_for_frequency(self, per_yr: float) -> str:
        """Likelihood ID whose frequency band holds ``per_yr`` (``min <= f < max``).

        Source: the ``frequency_per_yr`` bands (for ``tw-osha-5``: seed 002,
        Table 1-2).  Raises ``ValueError`` if the matrix has no bands or the
        frequency is negative, NaN or outside every band.

        >>> m = load_matrix('tw-osha-5')
        >>> m.likelihood_for_frequency(1e-5), m.likelihood_for_frequency(0.1), m.likelihood_for_frequency(3)
        ('P1', 'P3', 'P4')
        """
        bands = [(e.id, e.frequency_per_yr) for e in self.spec.likelihood if e.frequency_per_yr is not None]
        if not bands:
            raise ValueError(f"matrix {self.id!r} declares no frequency_per_yr bands for its likelihoods")
        if isinstance(per_yr, bool) or not isinstance(per_yr, numbers.Real):
            raise ValueError(f"frequency must be a number per year, got {per_yr!r}")
        f = float(per_yr)
        if math.isnan(f) or f < 0:
            raise ValueError(f"frequency must be >= 0 per year, got {per_yr!r}")
        for lid, band in bands:
            if band.min <= f and (band.max is None or f < band.max):
                return lid
        raise ValueError(f"frequency {per_yr!r}/yr falls in no likelihood band of matrix {self.id!r}")

    # ---- orderings -----------------------------------------------------------
    def worse_or_equal(self, level_a: int, level_b: int) -> bool:
        """Is risk level ``a`` at least as bad as ``b``? Respects ``level_worst``.

        >>> load_matrix('tw-osha-5').worse_or_equal(4, 3)
        True
        >>> load_matrix('seed001-hazop').worse_or_equal(1, 2)
        True
        """
        a, b = self._level_key(level_a), self._level_key(level_b)
        return a >= b if self.spec.level_worst == "high" else a <= b

    def severity_at_least(self, severity: str | int, threshold: str | int) -> bool:
        """Is ``severity`` at least as severe as ``threshold``? Respects ``worst``.

        >>> load_matrix('tw-osha-5').severity_at_least('S4', 'S3')
        True
        >>> load_matrix('seed001-hazop').severity_at_least(1, 2)  # 1 = most severe
        True
        """
        a = self._sev_rank[self.severity(severity)]
        b = self._sev_rank[self.severity(threshold)]
        return a >= b if self.spec.worst == "high" else a <= b

    def likelihood_at_least(self, likelihood: str | int, threshold: str | int) -> bool:
        """Is ``likelihood`` at least as likely as ``threshold``? Respects ``worst``.

        >>> load_matrix('tw-osha-5').likelihood_at_least('P2', 'P3')
        False
        """
        a = self._lik_rank[self.likelihood(likelihood)]
        b = self._lik_rank[self.likelihood(threshold)]
        return a >= b if self.spec.worst == "high" else a <= b

    # ---- vectorised ----------------------------------------------------------
    def _indices(self, values: Any, ranks: Mapping[str, int], normalise) -> Any:
        """Positions (0-based, in rank order) of an array of IDs or ranks."""
        import numpy as np

        arr = np.asarray(values)
        ids = tuple(sorted(ranks, key=ranks.__getitem__))
        pos = {sid: i for i, sid in enumerate(ids)}
        if arr.size == 0:
            return np.zeros(arr.shape, dtype=np.intp)
        if arr.dtype.kind in "iu":  # ranks: fully vectorised
            sorted_ranks = np.array([ranks[s] for s in ids])
            where = np.clip(np.searchsorted(sorted_ranks, arr), 0, len(ids) - 1)
            bad = sorted_ranks[where] != arr
            if bad.any():
                normalise(arr[bad].flat[0].item())  # raises LevelError
            return where.astype(np.intp)
        if arr.dtype.kind not in "USO":  # floats, bools...: not levels
            normalise(arr.flat[0].item())  # raises LevelError

        def one(v: Any) -> int:
            return pos[normalise(v.item() if isinstance(v, np.generic) else v)]

        try:
            uniq, inverse = np.unique(arr, return_inverse=True)
        except TypeError:  # mixed types in an object array
            cache: dict = {}
            out = np.empty(arr.size, dtype=np.intp)
            for k, v in enumerate(arr.flat):
                key = (type(v), v)
                if key not in cache:
                    cache[key] = one(v)
                out[k] = cache[key]
            return out.reshape(arr.shape)
        mapped = np.array([one(u) for u in uniq], dtype=np.intp)
        return mapped[inverse].reshape(arr.shape)

    def levels_array(self, severities: Iterable, likelihoods: Iterable):
        """Vectorised :meth:`level`: arrays (or scalars) of IDs or ranks, broadcast together.

        Returns an ``int64`` numpy array.  Used for whole-site studies.

        >>> m = load_matrix('tw-osha-5')
        >>> m.levels_array(['S4', 'S1', 'S2'], [3, 'P1', 'p2']).tolist()
        [4, 1, 3]
        >>> m.levels_array([[4], [1]], [1, 2, 3, 4]).tolist()
        [[3, 4, 4, 5], [1, 2, 3, 3]]
        """
        import numpy as np

        sev, lik = self.severity_ids, self.likelihood_ids
        table = np.array([[self._cells[s, p] for p in lik] for s in sev], dtype=np.int64)
        si = self._indices(severities, self._sev_rank, self.severity)
        li = self._indices(likelihoods, self._lik_rank, self.likelihood)
        si, li = np.broadcast_arrays(si, li)
        return table[si, li]


# ---- loading -----------------------------------------------------------------
def _data_dir():
    from importlib.resources import files

    return files(__package__) / "data"


def _load_file(path: Path) -> RiskMatrix:
    text = path.read_text(encoding="utf-8")
    return RiskMatrix(spec_from(read_matrix_yaml(text, str(path)), str(path)))


@cache
def _preset(name: str) -> RiskMatrix:
    res = _data_dir() / f"{name}.yaml"
    text = res.read_text(encoding="utf-8")
    return RiskMatrix(spec_from(read_matrix_yaml(text, f"preset {name!r}", trusted=True), f"preset {name!r}"))


@lru_cache(maxsize=1)
def _preset_names() -> tuple[str, ...]:
    return tuple(sorted(p.name[: -len(".yaml")] for p in _data_dir().iterdir() if p.name.endswith(".yaml")))


def available_matrices(declared: Mapping[str, Any] | None = None) -> list[str]:
    """Names of the preset matrices (file stems in ``pse/risk/data``), plus any study-declared ones.

    >>> available_matrices()
    ['generic-5x5', 'seed001-hazop', 'tw-osha-5']
    """
    names = set(_preset_names())
    if declared:
        names.update(declared)
    return sorted(names)


def load_matrix(name_or_path: str | os.PathLike | MatrixSpec | RiskMatrix,
                declared: Mapping[str, Any] | None = None) -> RiskMatrix:
    """Load a risk matrix by name, from a YAML file, or from the study's declarations.

    Look-up order: a name in ``declared`` (``risk_matrices`` of the study, values
    :class:`MatrixSpec` or plain mappings - "study-declared"), then a preset
    (cached), then a path to a YAML file.  An unknown name raises
    :class:`UnknownMatrixError` listing the available names.

    >>> load_matrix('tw-osha-5').level('S4', 'P3')
    4
    >>> load_matrix('nope')
    Traceback (most recent call last):
    ...
    pse.risk.matrix.UnknownMatrixError: unknown risk matrix 'nope'; available: generic-5x5, seed001-hazop, tw-osha-5
    """
    if isinstance(name_or_path, RiskMatrix):
        return name_or_path
    if isinstance(name_or_path, MatrixSpec):
        return RiskMatrix(name_or_path)
    if isinstance(name_or_path, str):
        if declared and name_or_path in declared:
            value = declared[name_or_path]
            if isinstance(value, RiskMatrix):
                return value
            return RiskMatrix(spec_from(value, f"risk_matrices[{name_or_path!r}]"))
        if name_or_path in _preset_names():
            return _preset(name_or_path)
    if isinstance(name_or_path, (str, os.PathLike)):
        path = Path(name_or_path)
        looks_like_path = (not isinstance(name_or_path, str)
                           or path.suffix.lower() in (".yaml", ".yml") or os.sep in str(name_or_path)
                           or "/" in str(name_or_path))
        if path.is_file():
            return _load_file(path)
        if looks_like_path:
            raise FileNotFoundError(f"risk matrix file not found: {name_or_path}")
        raise UnknownMatrixError(
            f"unknown risk matrix {name_or_path!r}; available: {', '.join(available_matrices(declared))}"
        )
    raise TypeError(f"load_matrix expects a name or a path, got {type(name_or_path).__name__}")
