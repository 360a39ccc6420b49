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
        self.own_titles: dict[int, str] = {}   # id(worksheet) -> its title in the module's own workbook
        self._own_taken: set[str] = set()
        self.requested: list[str] = []  # the titles asked for, in the order the sheets were made

    @property
    def sheetnames(self) -> list[str]:
        """Titles of the sheets this target made, in workbook order."""
        return [ws.title for ws in self.book.worksheets if id(ws) in self.own_titles]

    def unique_title(self, title: str) -> str:
        """``title`` (31 characters at most), prefixed with the workbook name if already taken."""
        return unique_sheet_title(title, set(self.book.sheetnames), self.prefix)

    def own_title(self, ws) -> str:
        """The title ``ws`` (made by this target) has when the module's workbook is built on its own."""
        return self.own_titles[id(ws)]

    def create_sheet(self, title: str, index: int | None = None):
        """A new worksheet of this target (``index`` relative to this target's sheets)."""
        name = self.unique_title(title)
        self.requested.append(title)
        if index is None or not self.sheets:
            ws = self.book.create_sheet(name)
        else:
            first = min(self.book.worksheets.index(own) for own in self.sheets)
            ws = self.book.create_sheet(name, index=first + index)
        self.sheets.append(ws)
        own = unique_sheet_title(title, self._own_taken)
        self.own_titles[id(ws)] = own
        self._own_taken.add(own)
        return ws


def unique_sheet_title(title: str, taken: set[str], prefix: str = "") -> str:
    """``title`` cut to Excel's 31 characters, made unique among ``taken``: ``prefix-title``, then ``-2``, ``-3``.

    >>> unique_sheet_title("Summary", {"Summary"}, "fmea"), unique_sheet_title("Summary", {"Summary"})
    ('fmea-Summary', 'Summary-2')
    """
    name = title[:31]
    if name in taken and prefix:
        name = f"{prefix}-{title}"[:31]
    stem, n = name, 2
    while name in taken:
        name = f"{stem[:28]}-{n}"
        n += 1
    return name


def save_book(book, path, jobs: int = 1, parts: dict | None = None) -> None:
    """Save an openpyxl workbook atomically (all or nothing), every text cell as text (no formula injection);
    ``jobs`` > 1 writes its largest sheets in that many processes; ``parts`` are worksheets already serialised
    (:mod:`pse.workbook_save`, :mod:`pse.workbook_parts`)."""
    from pse.workbook_save import save_workbook

    save_workbook(book, path, jobs, parts)


def write_workbook(path, builder: Builder) -> None:
    """A module workbook: ``builder`` on a new workbook, saved atomically to ``path``."""
    book = new_book()
    builder(WorkbookTarget(book))
    save_book(book, path)


def build_study_book(builders: list[tuple[str, Builder]]):
    """Every ``(workbook name, builder)`` on one workbook, in order: ``(book, targets)``, or ``(None, targets)``
    if no sheet is visible (a workbook needs one)."""
    book = new_book()
    targets = []
    for name, builder in builders:
        target = WorkbookTarget(book, name)
        builder(target)
        targets.append(target)
    visible = [i for i, ws in enumerate(book.worksheets) if ws.sheet_state == "visible"]
    if not visible:
        return None, targets
    book.active = visible[0]
    return book, targets


def write_study_workbook(path, builders: list[tuple[str, Builder]]) -> bool:
    """``study.xlsx``: every ``(workbook name, builder)`` on one workbook, in order. False if no sheet."""
    book, _ = build_study_book(builders)
    if book is None:
        return False
    save_book(book, path)
    return True
