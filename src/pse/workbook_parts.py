"""``study.xlsx`` from module workbooks built and serialised apart, then merged part by part (issue 19).

In ``pse run`` each module's workbook is built as soon as the module has run, as a job (:mod:`pse.jobs`) beside
the next modules: the job runs the module's builder on a workbook of its own, writes each worksheet's XML with
openpyxl's ``WorksheetWriter`` and saves the module's own ``.xlsx`` from those parts (:func:`module_parts`).
``study.xlsx`` is then assembled by :func:`merge_parts`: one worksheet per part, with the part's workbook-level
settings (title, state, print titles and area, filter), and the part's cell style ids renumbered into the study
workbook's style table.

Why the ids can be renumbered.  A worksheet's XML depends on the rest of its workbook only through its style
ids: ``s`` of a cell or a row and ``style`` of a column index ``cellXfs`` of ``styles.xml``
(ECMA-376 Part 1, 18.3.1.4 ``c``, 18.3.1.73 ``row``, 18.3.1.13 ``col``), and each ``xf`` indexes the font, fill,
border, number-format, alignment and protection lists.  openpyxl registers fonts and the other lists as cells
are styled and ``cellXfs`` as the sheets are written, each list in first-use order.  Adding a module's lists to
the study workbook's in their order (:func:`renumbered_styles`) gives every entry the index the one-workbook
build gives it, so the merged file has the same ``styles.xml`` and the same ids as building every module on
one workbook and saving it (tested).

A module is merged from parts only when its sheets are *plain* (:func:`pse.workbook_save.is_plain`: nothing that
adds a relationship or a workbook-wide entry, such as images, comments or conditional formats), it uses no named
style but ``Normal`` and no workbook-level defined name, and each sheet gets in ``study.xlsx`` the title it has in
its own workbook (no clash with an earlier module's sheet: a clash would change references to the sheet inside
the part).  Any other module is built on the study workbook itself, at its place, as before.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

#: a style id in a worksheet part: a cell's ``s``, a row's ``s`` or a column's ``style`` (openpyxl writes a
#: cell's attributes in the order r, s, t)
STYLE_ID = re.compile(rb'(<c r="[A-Z]+[0-9]+" s="|<row [^>]*?\bs="|<col [^>]*?\bstyle=")([0-9]+)"')


@dataclass
class SheetPart:
    """One worksheet serialised apart: its XML file and what ``xl/workbook.xml`` says of it."""

    title: str
    file: str
    state: str = "visible"
    print_rows: str | None = None
    print_cols: str | None = None
    print_area: object = None        # openpyxl's PrintArea of the sheet
    auto_filter: str | None = None
    defined_names: list = field(default_factory=list)


@dataclass
class ModuleParts:
    """A module's worksheets serialised apart, with the style lists their ids index."""

    requested: list[str]            # titles the builder asked for, in the order it made the sheets
    made: list[str]                 # the titles they got in the module's workbook, in the same order
    sheets: list[SheetPart]         # in workbook order
    styles: dict                    # list name -> the module workbook's list (see :func:`renumbered_styles`)
    folder: str = ""                # where the parts are (and the module's own workbook, if written)


#: openpyxl's style lists an ``xf`` indexes, in ``StyleArray`` order, and the number of built-in number formats
STYLE_LISTS = ("_fonts", "_fills", "_borders", "_number_formats", "_protections", "_alignments")
BUILTIN_FORMATS = 164
#: the module's own workbook, in the job's folder (moved into the outputs when the run uses these parts)
OWN_WORKBOOK = "own.xlsx"


def is_mergeable(book) -> bool:
    """True if every sheet of ``book`` can be merged from its XML part (see the module docstring)."""
    from pse.workbook_save import is_plain

    return bool(book.worksheets) and all(is_plain(ws) for ws in book.worksheets) \
        and len(book._named_styles) == 1 and not len(book.defined_names)


def module_parts(builder, stem: str, folder: str, own: bool = True) -> ModuleParts | None:
    """Run ``builder`` on a workbook of its own; write each sheet's XML into ``folder`` (a folder of its own)
    and, if ``own``, the module's own workbook, from the same parts, as ``folder/own.xlsx``; None if the module is
    not mergeable or has no visible sheet (it is then built on the study workbook)."""
    from openpyxl.worksheet._writer import WorksheetWriter

    from pse.workbook import WorkbookTarget, new_book
    from pse.workbook_save import save_with_parts, text_not_formulas

    book = new_book()
    target = WorkbookTarget(book, stem)
    builder(target)
    if not is_mergeable(book) or not any(ws.sheet_state == "visible" for ws in book.worksheets):
        return None
    text_not_formulas(book)         # the sheets are written one by one: each registers its styles in turn
    sheets, files = [], {}
    for i, ws in enumerate(book.worksheets):
        path = os.path.join(folder, f"{stem}-{i}.xml")
        WorksheetWriter(ws, out=path).write()
        files[id(ws)] = path
        sheets.append(SheetPart(ws.title, path, ws.sheet_state, ws._print_rows, ws._print_cols,
                                ws._print_area, ws.auto_filter.ref,
                                list(ws.defined_names.values())))
    if own:
        book.active = next(i for i, ws in enumerate(book.worksheets) if ws.sheet_state == "visible")
        save_with_parts(book, os.path.join(folder, OWN_WORKBOOK), files)
    return ModuleParts(list(target.requested), [ws.title for ws in target.sheets], sheets,
                       {name: list(getattr(book, name)) for name in (*STYLE_LISTS, "_cell_styles")}, folder)


def renumbered_styles(book, styles: dict) -> list[int]:
    """The study workbook's ``cellXfs`` index of each ``xf`` of a module (its lists added to ``book``'s in order).

    >>> from pse.workbook import new_book
    >>> from openpyxl.styles import Font
    >>> module, study = new_book(), new_book()
    >>> study._fonts.add(Font(bold=True)), module._fonts.add(Font(italic=True))
    (1, 1)
    >>> from openpyxl.styles.cell_style import StyleArray
    >>> module._cell_styles.add(StyleArray([1, 0, 0, 0, 0, 0, 0, 0, 0]))
    1
    >>> renumbered_styles(study, {n: list(getattr(module, n)) for n in (*STYLE_LISTS, "_cell_styles")})
    [0, 1]
    >>> [list(s)[0] for s in study._cell_styles]        # the italic font is the study's font 2
    [0, 2]
    """
    from openpyxl.styles.cell_style import StyleArray

    maps = {name: [getattr(book, name).add(item) for item in styles[name]] for name in STYLE_LISTS}

    def number_format(i: int) -> int:
        return i if i < BUILTIN_FORMATS else BUILTIN_FORMATS + maps["_number_formats"][i - BUILTIN_FORMATS]

    ids = []
    for xf in styles["_cell_styles"]:
        font, fill, border, fmt, protection, alignment, pivot, quote, named = xf
        ids.append(book._cell_styles.add(StyleArray([
            maps["_fonts"][font], maps["_fills"][fill], maps["_borders"][border], number_format(fmt),
            maps["_protections"][protection], maps["_alignments"][alignment], pivot, quote, named])))
    return ids


def renumbered_part(data: bytes, ids: list[int]) -> bytes:
    """A worksheet part with each style id ``i`` replaced by ``ids[i]``.

    >>> renumbered_part(b'<row r="1" s="2" customFormat="1"><c r="A1" s="1" t="n"><v>1</v></c></row>', [0, 5, 7])
    b'<row r="1" s="7" customFormat="1"><c r="A1" s="5" t="n"><v>1</v></c></row>'
    """
    new = [str(i).encode() for i in ids]
    return STYLE_ID.sub(lambda m: m[1] + new[int(m[2])] + b'"', data)


def merge_parts(book, stem: str, parts: ModuleParts) -> dict | None:
    """Add a module's sheets to the study workbook ``book`` from its parts: ``{id(worksheet): path, or (path, the
    study's style id of each of the part's)}`` for :func:`pse.workbook_save.save_with_parts`; None (nothing added)
    if a title would differ from the one in the module's own workbook."""
    from pse.workbook import unique_sheet_title

    taken = set(book.sheetnames)
    for requested, made in zip(parts.requested, parts.made, strict=True):
        title = unique_sheet_title(requested, taken, stem)
        if title != made:
            return None
        taken.add(title)
    ids = renumbered_styles(book, parts.styles)
    identity = ids == list(range(len(ids)))
    files: dict = {}
    for part in parts.sheets:
        ws = book.create_sheet(part.title)
        ws.sheet_state = part.state
        ws._print_rows, ws._print_cols = part.print_rows, part.print_cols
        ws._print_area = part.print_area
        ws.auto_filter.ref = part.auto_filter
        for name in part.defined_names:
            ws.defined_names[name.name] = name
        files[id(ws)] = part.file if identity else (part.file, ids)    # renumbered as it is saved, one at a time
    return files
