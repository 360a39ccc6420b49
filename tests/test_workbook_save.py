"""pse.workbook_save: a workbook saved by several processes is openpyxl's serial save, part for part."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill

import pse.workbook_save as workbook_save
from conftest import fill_style_grid
from pse.jobs import can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="fork not available")

STYLES = [
    {},
    {"font": Font(bold=True)},
    {"fill": PatternFill("solid", fgColor="FFC7CE")},
    {"alignment": Alignment(wrap_text=True, vertical="top")},
    {"number_format": "0.00E+00"},
    {"font": Font(italic=True, size=9), "fill": PatternFill("solid", fgColor="C6EFCE")},
]


def _book(grids: list[list[list[int]]], comment_on: int | None = None):
    """A workbook with one sheet per grid; each cell takes the style numbered in the grid."""
    book = Workbook()
    book.remove(book.active)
    for n, grid in enumerate(grids):
        ws = book.create_sheet(f"S{n}")
        fill_style_grid(ws, grid, STYLES)
        if len(grid) > 2:
            ws.merge_cells("A1:B1")
    if comment_on is not None:
        book.worksheets[comment_on]["A1"].comment = Comment("checked by the team", "pse")
    return book


def _parts(save) -> dict[str, bytes]:
    buffer = io.BytesIO()
    save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as z:
        return {name: z.read(name) for name in z.namelist() if name != "docProps/core.xml"}   # its save time


def _serial_and_parallel(grids, jobs=2, comment_on=None):
    serial = _parts(_book(grids, comment_on).save)
    flag = {}

    def parallel(buffer):
        flag["parallel"] = workbook_save.save_in_parallel(_book(grids, comment_on), buffer, jobs)

    return serial, _parts(parallel), flag["parallel"]


grid = st.lists(st.lists(st.integers(0, len(STYLES) - 1), min_size=1, max_size=6), min_size=1, max_size=8)


@settings(max_examples=15, deadline=None)
@given(st.lists(grid, min_size=2, max_size=5), st.sampled_from([2, 3]))
def test_parallel_save_is_the_serial_save(monkeypatch_grids, jobs):
    workbook_save.MIN_PARALLEL_CELLS, kept = 0, workbook_save.MIN_PARALLEL_CELLS
    try:
        serial, parallel, ran = _serial_and_parallel(monkeypatch_grids, jobs)
    finally:
        workbook_save.MIN_PARALLEL_CELLS = kept
    assert ran is True
    assert list(parallel) == list(serial)
    assert [name for name in serial if serial[name] != parallel[name]] == []


def test_a_sheet_with_a_comment_is_written_by_the_parent(monkeypatch):
    monkeypatch.setattr(workbook_save, "MIN_PARALLEL_CELLS", 0)
    grids = [[[1, 2, 3]] * 4, [[0, 4]] * 3, [[5, 1]] * 5]
    serial, parallel, ran = _serial_and_parallel(grids, comment_on=1)
    assert ran is True
    assert "xl/comments/comment1.xml" in parallel
    assert serial == parallel


def test_a_style_the_parent_missed_falls_back_to_the_serial_save(monkeypatch):
    monkeypatch.setattr(workbook_save, "MIN_PARALLEL_CELLS", 0)
    monkeypatch.setattr(workbook_save, "register_styles", lambda book: len(book._cell_styles))   # registers none
    grids = [[[1, 2, 3]] * 4, [[0, 4]] * 3]
    serial, parallel, ran = _serial_and_parallel(grids)
    assert ran is False
    assert serial == parallel


def test_a_small_workbook_is_saved_in_one_process():
    serial, parallel, ran = _serial_and_parallel([[[1, 2]] * 3, [[3]] * 2])
    assert ran is False and serial == parallel
