"""FMEA: S/O/D ratings, RPN ranking and AIAG-VDA Action Priority (issue: FMEA).

Calculation layer (pure, vectorised: ints or numpy arrays):

* :func:`rpn` -- RPN = S x O x D (AIAG 4th edition)
* :func:`action_priority` -- AIAG-VDA 2019 Action Priority "H"/"M"/"L" from the 1000-cell table kept as data
* :func:`criticality` -- S x O
* :func:`rank_order` -- ranking by AP (default), RPN (ties: severity, then occurrence) or criticality

Study level: :func:`analyse` (rows before and after actions, ranks), :func:`worksheet` (DataFrame view),
:func:`initiating_events` (FMEA causes marked as LOPA initiating events), :func:`load_scale` (rating scales).
Modules are imported lazily, so ``import pse.fmea`` costs nothing.
"""

from __future__ import annotations

from pse._lazy import lazy_exports

_EXPORTS = {
    "rpn": "ratings",
    "criticality": "ratings",
    "action_priority": "ratings",
    "action_priority_code": "ratings",
    "rank_order": "ratings",
    "RatingError": "ratings",
    "RANKINGS": "ratings",
    "load_ap_table": "ap",
    "expand_table": "ap",
    "ApTable": "ap",
    "load_scale": "scales",
    "scale_names": "scales",
    "Scale": "scales",
    "analyse": "analysis",
    "FmeaResult": "analysis",
    "initiating_events": "analysis",
    "worksheet": "views",
    "ranking_table": "views",
    "scale_table": "views",
    "pareto_chart": "charts",
    "matrix_chart": "charts",
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
