"""Room outlines and area sources: the shapely-free simple-polygon proof never disagrees with shapely."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Polygon

from pse.model.zoning import _polygon_problem, _surely_simple


def _shapely_says_valid(points) -> bool:
    polygon = Polygon(points)
    return polygon.is_valid and polygon.area > 0


# small integer grids make the degenerate cases (touching vertices, collinear edges, repeated points) common
_GRID = st.tuples(st.integers(-3, 3), st.integers(-3, 3))


@settings(max_examples=200)
@given(st.lists(_GRID, min_size=3, max_size=7))
def test_a_polygon_proven_simple_is_valid_for_shapely(points):
    if _surely_simple(points):
        assert _shapely_says_valid(points)


@settings(max_examples=100)
@given(st.lists(st.tuples(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6)), min_size=3, max_size=6))
def test_the_problem_is_shapely_s_answer_for_real_coordinates(points):
    assert (_polygon_problem(points) is None) == _shapely_says_valid(points)


def test_hand_drawn_outlines():
    # a room 10 m x 6 m, an L-shaped room, and a bow tie whose edges cross at (2, 1.5)
    assert _surely_simple([(0, 0), (10, 0), (10, 6), (0, 6)])
    assert _surely_simple([(0, 0), (6, 0), (6, 2), (2, 2), (2, 5), (0, 5)])
    assert not _surely_simple([(0, 0), (4, 3), (4, 0), (0, 3)])
    assert "not a simple polygon" in _polygon_problem([(0, 0), (4, 3), (4, 0), (0, 3)])
    # a vertex touching another edge (a pinched ring) is left to shapely, which refuses it
    pinched = [(0, 0), (4, 0), (2, 2), (4, 4), (0, 4), (2, 2)]
    assert not _surely_simple(pinched)
    assert _polygon_problem(pinched) is not None
    # a straight vertex (collinear points) is valid; the proof leaves it to shapely, which accepts it
    straight = [(0, 0), (1, 0), (2, 0), (2, 1), (0, 1)]
    assert not _surely_simple(straight) and _polygon_problem(straight) is None
