"""FMEA arithmetic: RPN, criticality, AIAG-VDA Action Priority and ranking (vectorised).

Every function takes plain ints or numpy arrays of ratings 1-10 and returns the
same shape.  Ratings outside 1-10 or non-integers raise :class:`RatingError`
(a ``ValueError``) naming the offending value.

Ranking is a lookup in a 1000-cell key table and one stable sort, so a million rows rank in a fraction of a
second (``python benchmarks/run.py --stage fmea_rank``, stage in ``benchmarks/stages_fmea.py``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any  # the functions return an int for scalar ratings, a numpy array for arrays

RANKINGS = ("action_priority", "rpn", "criticality")


class RatingError(ValueError):
    """A severity, occurrence or detection rating that is not a whole number 1-10."""


def _ratings(name: str, value):
    """``(array of int16, was_scalar)``; raises :class:`RatingError` for non-integers or values outside 1-10."""
    import numpy as np

    scalar = np.ndim(value) == 0
    if scalar and isinstance(value, bool):
        raise RatingError(f"{name}: a rating is a whole number from 1 to 10, got {value!r}")
    array = np.asarray(value)
    if array.dtype.kind == "b" or array.dtype.kind not in "iuf":
        raise RatingError(f"{name}: a rating is a whole number from 1 to 10, got {value!r}")
    if array.dtype.kind == "f":
        whole = np.isfinite(array) & (array == np.round(array))
        if not whole.all():
            bad = array[~whole].flat[0].item()
            raise RatingError(f"{name}: a rating is a whole number from 1 to 10, got {bad!r}")
    out_of_range = (array < 1) | (array > 10)
    if out_of_range.any():
        bad = array[out_of_range].flat[0]
        raise RatingError(f"{name}: a rating is from 1 to 10, got {bad.item()!r}")
    return array.astype(np.int16), scalar


def _scalar_or_array(result, scalar: bool):
    return result.item() if scalar else result


def rpn(severity, occurrence, detection) -> Any:
    """Risk priority number RPN = S x O x D (1-1000).

    AIAG FMEA Reference Manual, 4th edition (2008): RPN = Severity x Occurrence x Detection.
    Dimensionless; the ratings are ordinal 1-10.  Accepts ints or numpy arrays.

    >>> rpn(8, 6, 2), rpn(2, 6, 8)
    (96, 96)
    >>> import numpy as np
    >>> rpn(np.array([10, 1]), np.array([10, 1]), np.array([10, 1])).tolist()
    [1000, 1]
    """
    s, scalar_s = _ratings("severity", severity)
    o, scalar_o = _ratings("occurrence", occurrence)
    d, scalar_d = _ratings("detection", detection)
    result = s.astype("int32") * o * d
    return _scalar_or_array(result, scalar_s and scalar_o and scalar_d)


def criticality(severity, occurrence) -> Any:
    """Criticality (risk priority) C = S x O (1-100), the severity x occurrence product.

    Used with the S x O matrix (e.g. IEC 60812:2018 criticality matrix, AIAG
    "SO" ranking) when detection is not to offset severity.

    >>> criticality(8, 6)
    48
    """
    s, scalar_s = _ratings("severity", severity)
    o, scalar_o = _ratings("occurrence", occurrence)
    return _scalar_or_array(s.astype("int32") * o, scalar_s and scalar_o)


def action_priority_code(severity, occurrence, detection, table=None):
    """AIAG-VDA Action Priority as a code: L = 1, M = 2, H = 3 (numpy lookup in the 1000-cell table).

    AIAG & VDA FMEA Handbook (2019), Action Priority table for DFMEA and PFMEA
    (data: ``pse/fmea/data/action_priority.yaml``).

    >>> action_priority_code(8, 6, 2), action_priority_code(2, 6, 8)
    (3, 1)
    """
    from pse.fmea.ap import load_ap_table

    s, scalar_s = _ratings("severity", severity)
    o, scalar_o = _ratings("occurrence", occurrence)
    d, scalar_d = _ratings("detection", detection)
    codes = (table or load_ap_table()).codes
    result = codes[s, o, d]
    return _scalar_or_array(result, scalar_s and scalar_o and scalar_d)


def action_priority(severity, occurrence, detection, table=None):
    """AIAG-VDA Action Priority "H", "M" or "L" of ratings S, O, D (ints or numpy arrays).

    AIAG & VDA FMEA Handbook (2019), Action Priority table: the same RPN can
    be H or L - S8/O6/D2 and S2/O6/D8 both have RPN 96.

    >>> action_priority(8, 6, 2), action_priority(2, 6, 8)
    ('H', 'L')
    >>> import numpy as np
    >>> action_priority(np.array([10, 5, 1]), np.array([1, 8, 10]), np.array([1, 8, 10])).tolist()
    ['L', 'H', 'L']
    """
    import numpy as np

    from pse.fmea.ap import LETTERS

    code = action_priority_code(severity, occurrence, detection, table)
    if np.ndim(code) == 0:
        return LETTERS[int(code)]
    return np.array(LETTERS, dtype="<U1")[code]


def _cell_keys(by: str, ap_codes):
    """Sort-key table ``key[s, o, d]`` (``uint16``, 0 = first to act on) of the 1000 rating cells for ``by``.

    Each ordering's keys decide every pair of distinct cells (RPN with S and O fixes D; AP with S, O and D is
    the cell; S x O with S fixes O, then D), so ranking N rows is one lookup and one stable sort of small
    integers (radix sort) instead of a lexsort over four keys.

    >>> import numpy as np
    >>> keys = _cell_keys("rpn", np.zeros((11, 11, 11), dtype=np.uint8))
    >>> int(keys[10, 10, 10]), int(keys[1, 1, 1])
    (0, 999)
    """
    import numpy as np

    s, o, d = (a.ravel() for a in np.meshgrid(*(np.arange(1, 11),) * 3, indexing="ij"))
    if by == "rpn":
        cell_order = np.lexsort((-o, -s, -(s * o * d)))
    elif by == "action_priority":
        cell_order = np.lexsort((-d, -o, -s, -ap_codes[s, o, d].astype(np.int16)))
    elif by == "criticality":
        cell_order = np.lexsort((-d, -s, -(s * o)))
    else:
        raise ValueError(f"unknown ranking {by!r}: use one of {', '.join(RANKINGS)}")
    keys = np.zeros((11, 11, 11), dtype=np.uint16)
    keys[s[cell_order], o[cell_order], d[cell_order]] = np.arange(cell_order.size, dtype=np.uint16)
    keys.setflags(write=False)
    return keys


@lru_cache(maxsize=8)
def _default_cell_keys(by: str):
    from pse.fmea.ap import load_ap_table

    return _cell_keys(by, load_ap_table().codes)


def rank_order(severity, occurrence, detection, by: str = "action_priority", table=None):
    """Row indices from first to act on to last, and the rank of every row (1 = first).

    Orders (every tie then kept in input order, so the ranking is deterministic):

    - ``rpn``: RPN descending, ties broken by severity then occurrence (descending);
    - ``action_priority`` (AIAG-VDA default): AP H > M > L, then severity, occurrence, detection descending;
    - ``criticality``: S x O descending, then severity, then detection.

    The ordering of the 1000 rating cells is computed once (:func:`_cell_keys`); N rows are then ranked by a
    lookup and a stable sort, O(N).

    Returns ``(order, rank)``: ``order[k]`` is the row placed k-th; ``rank[i]`` is row i's place (1-based).

    >>> order, rank = rank_order([8, 2, 9], [6, 6, 2], [2, 8, 6], by="rpn")   # RPN 96, 96, 108
    >>> order.tolist(), rank.tolist()
    ([2, 0, 1], [2, 3, 1])
    """
    import numpy as np

    if by not in RANKINGS:
        raise ValueError(f"unknown ranking {by!r}: use one of {', '.join(RANKINGS)}")
    s, _ = _ratings("severity", severity)
    o, _ = _ratings("occurrence", occurrence)
    d, _ = _ratings("detection", detection)
    s, o, d = np.atleast_1d(s), np.atleast_1d(o), np.atleast_1d(d)
    keys = _default_cell_keys(by) if table is None else _cell_keys(by, table.codes)
    order = np.argsort(keys[s, o, d], kind="stable")
    n = s.shape[0]
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(1, n + 1)
    return order, rank
