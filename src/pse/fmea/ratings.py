"""FMEA arithmetic: RPN, criticality, AIAG-VDA Action Priority and ranking (vectorised).

Every function takes plain ints or numpy arrays of ratings 1-10 and returns the
same shape.  Ratings outside 1-10 or non-integers raise :class:`RatingError`
(a ``ValueError``) naming the offending value.

Ranking uses one ``numpy.lexsort`` so a million rows rank in a fraction of a
second (``python benchmarks/run.py --stage fmea_rank``, stage in ``benchmarks/stages_fmea.py``).
"""

from __future__ import annotations

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


def rpn(severity, occurrence, detection) -> int | object:
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


def criticality(severity, occurrence) -> int | object:
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


def rank_order(severity, occurrence, detection, by: str = "action_priority", table=None):
    """Row indices from first to act on to last (``numpy.lexsort``), and the rank of every row (1 = first).

    Orders (every tie then kept in input order, so the ranking is deterministic):

    - ``rpn``: RPN descending, ties broken by severity then occurrence (descending);
    - ``action_priority`` (AIAG-VDA default): AP H > M > L, then severity, occurrence, detection descending;
    - ``criticality``: S x O descending, then severity, then detection.

    Returns ``(order, rank)``: ``order[k]`` is the row placed k-th; ``rank[i]`` is row i's place (1-based).

    >>> order, rank = rank_order([8, 2, 9], [6, 6, 2], [2, 8, 6], by="rpn")   # RPN 96, 96, 108
    >>> order.tolist(), rank.tolist()
    ([2, 0, 1], [2, 3, 1])
    """
    import numpy as np

    s, _ = _ratings("severity", severity)
    o, _ = _ratings("occurrence", occurrence)
    d, _ = _ratings("detection", detection)
    s, o, d = np.atleast_1d(s), np.atleast_1d(o), np.atleast_1d(d)
    n = s.shape[0]
    position = np.arange(n)
    s32 = s.astype(np.int32)
    if by == "rpn":
        keys = (position, -o, -s, -(s32 * o * d))
    elif by == "action_priority":
        from pse.fmea.ap import load_ap_table

        ap = (table or load_ap_table()).codes[s, o, d].astype(np.int16)
        keys = (position, -d, -o, -s, -ap)
    elif by == "criticality":
        keys = (position, -d, -s, -(s32 * o))
    else:
        raise ValueError(f"unknown ranking {by!r}: use one of {', '.join(RANKINGS)}")
    order = np.lexsort(keys)  # last key is the primary key
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(1, n + 1)
    return order, rank
