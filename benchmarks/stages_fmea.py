"""FMEA stages for benchmarks/run.py: RPN + AIAG-VDA Action Priority + ranking of N rows.

Floor: the same answer with the least numpy work - the product S*O*D, a fancy-indexed lookup in the
precomputed 10x10x10 AP table, and the ranking as one lookup in a precomputed 1000-cell sort-key table (built
in the setup, outside the timing) followed by one stable sort of uint16 keys (numpy's radix sort); the check
asserts the same RPN, AP and order, so the ratio shows the cost of pse's input checks and API.
"""

from __future__ import annotations


def _setup(generate):
    def setup(n):
        import pse.fmea as fmea

        fmea.load_ap_table()   # YAML read once, outside the timing
        fmea.rank_order([1], [1], [1], by="rpn")   # pse's own key table cached, like the floor's
        return generate.fmea_arrays(n), _floor_keys()

    return setup


def _floor_keys():
    """The 1000 rating cells ordered by (RPN, S, O) descending, as a uint16 rank per cell (floor setup)."""
    import numpy as np

    s, o, d = (a.ravel() for a in np.meshgrid(*(np.arange(1, 11),) * 3, indexing="ij"))
    cells = np.lexsort((-o, -s, -(s * o * d)))
    keys = np.zeros((11, 11, 11), dtype=np.uint16)
    keys[s[cells], o[cells], d[cells]] = np.arange(cells.size)
    return keys


def _run(inputs):
    import pse.fmea as fmea

    (s, o, d), _ = inputs
    return fmea.rpn(s, o, d), fmea.action_priority_code(s, o, d), fmea.rank_order(s, o, d, by="rpn")[0]


def _floor(inputs):
    import numpy as np

    from pse.fmea.ap import load_ap_table

    (s, o, d), keys = inputs
    rpn = s * o * d
    ap = load_ap_table().codes[s, o, d]
    return rpn, ap, np.argsort(keys[s, o, d], kind="stable")


def _check(ours, floor):
    import numpy as np

    assert all(np.array_equal(a, b) for a, b in zip(ours, floor, strict=True))


def stages(Stage, generate):
    return [Stage("fmea_rank",
                  "FMEA RPN + AP + ranking of N rows vs bare numpy (product, AP lookup, key lookup + stable sort)",
                  _setup(generate), _run, _floor, sizes=(1_000, 10_000, 100_000, 1_000_000), check=_check)]
