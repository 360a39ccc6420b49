"""The Pareto legend is placed where it hides no bar, bar label or point of the cumulative line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pse.fmea.charts import LEGEND_PLACES, legend_place


def _box(place: str, width: float, height: float) -> tuple[float, float, float, float]:
    x_anchor, y_anchor = LEGEND_PLACES[place]
    left = {1.0: 1.0 - width, 0.5: 0.5 - width / 2, 0.0: 0.0}[x_anchor]
    bottom = 1.0 - height if y_anchor == 1.0 else 0.5 - height / 2
    return left, bottom, left + width, bottom + height


def test_a_line_ending_top_right_moves_the_legend_to_the_middle():
    # the plant study's Pareto: nine bars falling from 0.87, the cumulative line reaching 0.95 at the right
    centres = [0.09 + 0.1025 * i for i in range(9)]
    tops = [0.87, 0.70, 0.52, 0.49, 0.42, 0.39, 0.37, 0.26, 0.07]
    line = [0.20, 0.37, 0.49, 0.60, 0.70, 0.79, 0.88, 0.94, 0.95]
    assert legend_place(centres, 0.083, tops, line, 0.24, 0.24) == "center right"


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 30).flatmap(lambda m: st.tuples(
    st.lists(st.floats(0.0, 0.9), min_size=m, max_size=m), st.lists(st.floats(0.0, 0.95), min_size=m, max_size=m))))
def test_a_free_place_hides_nothing(data):
    tops, line = data
    m = len(tops)
    centres, width = [(i + 0.5) / m for i in range(m)], 0.8 / m
    place = legend_place(centres, width, sorted(tops, reverse=True), sorted(line), 0.25, 0.24)
    left, bottom, right, top = _box(place, 0.25, 0.24)
    bars = zip(centres, sorted(tops, reverse=True), sorted(line), strict=True)
    free = all(not (c + width / 2 > left and c - width / 2 < right)
               or (t + 0.06 < bottom and not bottom - 0.03 <= y <= top + 0.03) for c, t, y in bars)
    assert free or place == "upper right"      # upper right is the fallback when every place is taken
