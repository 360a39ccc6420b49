"""Cells made by pse.sheet_cells equal the cells openpyxl makes one at a time (value, type, style, format)."""

from __future__ import annotations

import datetime

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font

from pse.sheet_cells import CellStore, style_array


def _alone(ws, value, style):
    cell = Cell(ws, row=3, column=2, value=value, style_array=style)
    return repr(cell._value), "s" if cell.data_type == "f" else cell.data_type, cell.number_format, \
        cell.font.b, cell.alignment.wrap_text


def _stored(ws, store, value, style):
    store.put(3, 2, value, style)
    cell = ws._cells[(3, 2)]
    return repr(cell._value), cell.data_type, cell.number_format, cell.font.b, cell.alignment.wrap_text


VALUES = [None, "", "a", "=HYPERLINK(\"x\")", "=", "#N/A", "#DIV/0!", "x" * 40_000, 1, 1.0, True, False, 0.0,
          -0.0, 2.5e-7, datetime.date(2024, 5, 1), datetime.datetime(2024, 5, 1, 8, 30), datetime.time(8, 30),
          "儲槽 TK-201\n第二行"]


@pytest.mark.parametrize("styled", [False, True])
def test_every_kind_of_value_is_stored_as_openpyxl_stores_it(styled):
    ws = openpyxl.Workbook().active
    style = style_array(ws, font=Font(bold=True), alignment=Alignment(wrap_text=True)) if styled else None
    store = CellStore(ws)
    for value in VALUES + VALUES:             # the second time from the store's cache
        assert _stored(ws, store, value, style) == _alone(ws, value, style), value


@given(st.text(max_size=30))
def test_any_text_is_stored_as_openpyxl_stores_it_or_refused_alike(text):
    ws = openpyxl.Workbook().active
    try:
        expected = _alone(ws, text, None)
    except openpyxl.utils.exceptions.IllegalCharacterError:
        with pytest.raises(openpyxl.utils.exceptions.IllegalCharacterError):
            CellStore(ws).put(1, 1, text, None)
        return
    assert _stored(ws, CellStore(ws), text, None) == expected


def test_each_cell_has_its_own_copy_of_its_style():
    ws = openpyxl.Workbook().active
    style = style_array(ws, alignment=Alignment(wrap_text=True))
    store = CellStore(ws)
    store.put(1, 1, "a", style)
    store.put(2, 1, "b", style)
    ws["A1"].font = Font(bold=True)
    assert ws["A1"].font.b and not ws["A2"].font.b and ws["A2"].alignment.wrap_text


def test_rows_added_after_the_store_follow_its_rows():
    ws = openpyxl.Workbook().active
    store = CellStore(ws)
    store.put(4, 1, "a", None)
    store.done()
    ws.append(["b"])
    assert ws["A5"].value == "b"
