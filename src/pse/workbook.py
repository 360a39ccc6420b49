"""One workbook writer for every module: the module's own ``.xlsx`` and ``study.xlsx`` alike.

A module describes its workbook as a *builder*: a function that adds its sheets
to a :class:`WorkbookTarget` (``target.create_sheet(name)`` like an openpyxl
``Workbook``).  :func:`write_workbook` runs the builder on a new workbook and
saves it; :func:`write_study_workbook` runs every module's builder, in run
order, on one workbook, so ``study.xlsx`` is *written*, not copied: page setup,
print titles, filters, validations, merged cells and images are the builder's
own, identical in both files.  Sheet names that clash in ``study.xlsx`` get the
module workbook's name as prefix (at most 31 characters, Excel's limit).

>>> from pse.workbook import new_book, WorkbookTarget
>>> book = new_book()
>>> a, b = WorkbookTarget(book, "lopa"), WorkbookTarget(book, "fmea")
>>> [a.create_sheet("Summary").title, b.create_sheet("Summary").title]
['Summary', 'fmea-Summary']
"""

from __future__ import annotations

from collections.abc import Callable

#: a module's workbook: adds its sheets to the target
Builder = Callable[["WorkbookTarget"], None]


def new_book():
    """An empty openpyxl workbook (the default sheet removed)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    return book


class WorkbookTarget:
    """Where a builder writes: a workbook shared with other modules or its own.

    ``create_sheet(title, index)`` makes a sheet with a unique title; ``index``
    counts among this target's sheets (0 = before its first sheet), so a module
    that orders its sheets keeps its order inside ``study.xlsx``.
    """

    def __init__(self, book, prefix: str = ""):
        self.book = book
        self.prefix = prefix
        self.sheets: list = []          # the worksheets this target made

    @property
    def sheetnames(self) -> list[str]:
        """Titles of the sheets this target made, in workbook order."""
        return [ws.title for ws in self.book.worksheets if any(ws is own for own in self.sheets)]

    def unique_title(self, title: str) -> str:
        """``title`` (31 characters at most), prefixed with the workbook name if already taken."""
        taken = set(self.book.sheetnames)
        name = title[:31]
        if name in taken and self.prefix:
            name = f"{self.prefix}-{title}"[:31]
        stem, n = name, 2
        while name in taken:
            name = f"{stem[:28]}-{n}"
            n += 1
        return name

    def create_sheet(self, title: str, index: int | None = None):
        """A new worksheet of this target (``index`` relative to this target's sheets)."""
        name = self.unique_title(title)
        if index is None or not self.sheets:
            ws = self.book.create_sheet(name)
        else:
            first = min(self.book.worksheets.index(own) for own in self.sheets)
            ws = self.book.create_sheet(name, index=first + index)
        self.sheets.append(ws)
        return ws


def save_book(book, path) -> None:
    """Save an openpyxl workbook atomically (all or nothing), every text cell as text (no formula injection)."""
    from pse.tables import save_workbook

    save_workbook(book, path)


def write_workbook(path, builder: Builder) -> None:
    """A module workbook: ``builder`` on a new workbook, saved atomically to ``path``."""
    book = new_book()
    builder(WorkbookTarget(book))
    save_book(book, path)


def write_study_workbook(path, builders: list[tuple[str, Builder]]) -> bool:
    """``study.xlsx``: every ``(workbook name, builder)`` on one workbook, in order. False if no sheet."""
    book = new_book()
    for name, builder in builders:
        builder(WorkbookTarget(book, name))
    if not book.worksheets:
        return False
    if all(ws.sheet_state != "visible" for ws in book.worksheets):
        return False
    book.active = next(i for i, ws in enumerate(book.worksheets) if ws.sheet_state == "visible")
    save_book(book, path)
    return True
