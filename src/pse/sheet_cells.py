"""Cells put straight into an openpyxl worksheet's cell store, each as ``Cell(ws, row, column, value, style)``
would make it, at a fraction of the cost: the workbook builders of :mod:`pse.tables`, the HAZOP sheets and the
task-risk form write 10^5 cells at site scale.

* Each distinct value is bound once per sheet (:meth:`CellStore.bind`: openpyxl's own type inference and text
  checks run on a probe cell), and each cell gets the probe's stored value and data type; a text openpyxl would
  read as a formula is stored as text (pse writes no formula, :func:`pse.tables.save_workbook`).
* Each distinct style is built once (:class:`SheetStyles`: an openpyxl style array) and every cell gets its own
  copy of it, so setting a style on one cell later never changes another.
* A date or time keeps openpyxl's full binding (it also sets the cell's number format).
* The cyclic garbage collector is paused while a builder makes its cells (:func:`collector_paused`): every
  cell lives as long as its workbook, so there is nothing to collect, but each full collection walks the whole
  heap (the study, its tables and every cell made so far): a third of the building time at site scale.

>>> from openpyxl import Workbook
>>> ws = Workbook().active
>>> store = CellStore(ws)
>>> store.put(1, 1, "=1+2", None); store.put(1, 2, 2.5, None)
>>> [(c.value, c.data_type) for c in ws[1]]
[('=1+2', 's'), (2.5, 'n')]
"""

from __future__ import annotations

from pse.collector import collector_paused  # noqa: F401 - the builders take it from here


def value_key(value) -> tuple:
    """A dict key for a table value converted once: its type and value, a zero float by its text (0.0 and -0.0
    are equal keys, but not the same text).  Raises ``TypeError`` for an unhashable value (a list).

    >>> value_key(-0.0) == value_key(0.0), value_key(1) == value_key(1.0)
    (False, False)
    """
    key = (float, str(value)) if isinstance(value, float) and value == 0 else (type(value), value)
    hash(key)
    return key


class CellStore:
    """The cells of one worksheet, made from bound values and style arrays (see the module docstring)."""

    def __init__(self, ws):
        from array import array

        from openpyxl.cell.cell import Cell
        from openpyxl.styles.cell_style import StyleArray

        self.ws, self.cells = ws, ws._cells
        self.bound: dict[tuple, tuple | None] = {}
        self.texts: dict[str, tuple] = {}           # the bound value of each text (most cells hold one)
        self._cell, self._new, self._array, self._style_type = Cell, Cell.__new__, array.__new__, StyleArray

    def bind(self, value) -> tuple | None:
        """``(stored value, data type)`` openpyxl gives ``value`` (text never a formula), once per distinct
        value (1, 1.0, True, 0.0 and -0.0 kept apart); None for a date or time (made by :meth:`put` in full)."""
        kind = type(value)
        if kind is float or kind is int:      # openpyxl's binding of a number: the number, type "n"
            return value, "n"
        if kind is str:
            try:
                return self.texts[value]
            except KeyError:
                self.texts[value] = text = self._text(value)
                return text
        try:
            key = value_key(value)
            return self.bound[key]
        except KeyError:
            self.bound[key] = bound = self._probe(value)
            return bound
        except TypeError:                 # unhashable (a list): bound every time
            return self._probe(value)

    def _text(self, value: str) -> tuple:
        """What :meth:`_probe` gives a text, by openpyxl's own rules (``Cell._bind_value``, ``check_string``):
        an error code is an error, any other text is text; a text openpyxl would change or refuse (too long
        or with a control character) goes through the probe."""
        from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE

        if len(value) > 32767 or ILLEGAL_CHARACTERS_RE.search(value):
            bound = self._probe(value)
            assert bound is not None          # a text is never a date
            return bound
        return value, "e" if value in ERROR_CODES else "s"

    def _probe(self, value) -> tuple | None:
        probe = self._cell(self.ws, value=value)
        if probe.data_type == "d":
            return None
        return probe._value, "s" if probe.data_type == "f" else probe.data_type

    def put(self, row: int, column: int, value, style) -> None:
        """A new cell of ``value`` with a copy of the style array ``style`` (None: no style)."""
        bound = self.bind(value)
        if bound is None:
            cell = self._cell(self.ws, row=row, column=column, value=value, style_array=style)
            if cell.data_type == "f":
                cell.data_type = "s"
            self.cells[(row, column)] = cell
            return
        self.make(row, column, bound[0], bound[1], style)

    def make(self, row: int, column: int, stored, data_type: str, style) -> None:
        """A new cell holding ``stored`` (already bound, :meth:`bind`) with a copy of ``style``: the slots
        ``Cell.__init__`` sets, without its descriptor calls."""
        cell = self._new(self._cell)
        cell.row, cell.column, cell._value, cell.data_type = row, column, stored, data_type
        cell.parent, cell._hyperlink, cell._comment = self.ws, None, None
        cell._style = None if style is None else self._array(self._style_type, "i", style)
        self.cells[(row, column)] = cell

    def done(self) -> None:
        """Tell the worksheet which rows now hold cells (``ws.append`` continues after them)."""
        if self.cells:
            self.ws._current_row = max(self.ws._current_row, max(row for row, _ in self.cells))


def style_array(ws, **styles):
    """The openpyxl style array of a cell with ``styles`` (``font=``, ``fill=``, ``alignment=``,
    ``number_format=``...), each registered in the workbook once here."""
    from openpyxl.cell.cell import Cell

    probe = Cell(ws)
    for name, value in styles.items():
        setattr(probe, name, value)
    return probe._style
