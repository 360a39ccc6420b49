"""FMEA stages for benchmarks/run.py: RPN + AIAG-VDA Action Priority + ranking of N rows.

Floor: the same answer with bare numpy - the product S*O*D, a fancy-indexed lookup in a precomputed
10x10x10 table, and one lexsort - so the ratio shows the cost of pse's input checks and API.
"""

from __future__ import annotations


def _setup(generate):
    def setup(n):
        import pse.fmea as fmea

        fmea.load_ap_table()   # YAML read once, outside the timing
        return generate.fmea_arrays(n)

    return setup


def _run(arrays):
    import pse.fmea as fmea

    s, o, d = arrays
    return fmea.rpn(s, o, d), fmea.action_priority_code(s, o, d), fmea.rank_order(s, o, d, by="rpn")[0]


def _floor(arrays):
    import numpy as np

    from pse.fmea.ap import load_ap_table

    s, o, d = arrays
    rpn = s * o * d
    ap = load_ap_table().codes[s, o, d]
    return rpn, ap, np.lexsort((np.arange(len(s)), -o, -s, -rpn))


def _check(ours, floor):
    import numpy as np

    assert all(np.array_equal(a, b) for a, b in zip(ours, floor))


def stages(Stage, generate):
    return [Stage("fmea_rank", "FMEA RPN + AP + ranking of N rows vs bare numpy (product, lookup, lexsort)",
                  _setup(generate), _run, _floor, sizes=(1_000, 10_000, 100_000, 1_000_000), check=_check)]
