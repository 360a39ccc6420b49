"""pse.figure: a drawing saved twice is the same file (no save time, no random SVG ids), named ids apart."""

from __future__ import annotations

import re

from pse.figure import new_figure, save

SVG_ID = re.compile(rb'id="([a-z]+[0-9a-f]{10})"')


def _figure():
    fig = new_figure(4, 3)
    ax = fig.add_subplot()
    ax.bar(["a", "b"], [3, 5], clip_on=True)
    ax.set_title("RPN")
    return fig


def test_the_same_drawing_gives_the_same_bytes(tmp_path):
    for run in ("one", "two"):
        (tmp_path / run).mkdir()
        save(_figure(), tmp_path / run, "chart", ("svg", "pdf", "png"))
    for fmt in ("svg", "pdf", "png"):
        assert (tmp_path / "one" / f"chart.{fmt}").read_bytes() == (tmp_path / "two" / f"chart.{fmt}").read_bytes()
    svg = (tmp_path / "one" / "chart.svg").read_bytes()
    assert b"<dc:date>" not in svg and SVG_ID.search(svg)
    assert b"/CreationDate" not in (tmp_path / "one" / "chart.pdf").read_bytes()


def test_two_drawings_in_one_page_share_no_id(tmp_path):
    """report.html inlines several SVGs: an id in two of them would resolve to the first."""
    save(_figure(), tmp_path, "pareto", ("svg",))
    save(_figure(), tmp_path, "matrix", ("svg",))
    ids = [set(SVG_ID.findall((tmp_path / f"{name}.svg").read_bytes())) for name in ("pareto", "matrix")]
    assert ids[0] and not ids[0] & ids[1]
