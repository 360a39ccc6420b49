"""``study.xlsx``: every module's sheets in one workbook, written by the modules' own builders.

Modules write their workbooks through :meth:`pse.registry.RunContext.write_workbook`,
which keeps each workbook's builder; ``study.xlsx`` runs those builders
on one workbook (:func:`pse.workbook.build_study_book`), so page setup,
print titles, filters, validations and images are kept.  In ``pse run`` the module workbooks are not
built on their own: :func:`write_run_workbooks` saves ``study.xlsx`` once and cuts each module's workbook out
of its zip parts (:mod:`pse.report.split`), so no cell is built or serialised twice.  A workbook written
some other way is copied cell by cell with its styles (:func:`copy_builder`;
images and page setup of such a workbook are not kept).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from pse.workbook import Builder


def copy_builder(source_path):
    """A builder that copies the sheets of an existing workbook, cell formats kept (fallback only)."""

    def build(target) -> None:
        from openpyxl import load_workbook

        for ws in load_workbook(source_path).worksheets:
            _copy_sheet(ws, target.create_sheet(ws.title))

    return build


def _copy_sheet(ws, target) -> None:
    import copy

    for row in ws.iter_rows():
        for cell in row:
            new = target.cell(row=cell.row, column=cell.column, value=cell.value)
            if cell.has_style:
                new.font, new.fill = copy.copy(cell.font), copy.copy(cell.fill)
                new.border, new.alignment = copy.copy(cell.border), copy.copy(cell.alignment)
                new.number_format, new.protection = cell.number_format, copy.copy(cell.protection)
            if cell.comment is not None:
                new.comment = copy.copy(cell.comment)
    for merged in ws.merged_cells.ranges:
        target.merge_cells(str(merged))
    for key, dim in ws.column_dimensions.items():
        target.column_dimensions[key].width = dim.width
        target.column_dimensions[key].hidden = dim.hidden
    for key, dim in ws.row_dimensions.items():
        target.row_dimensions[key].height = dim.height
    target.freeze_panes = ws.freeze_panes
    for validation in ws.data_validations.dataValidation:
        target.add_data_validation(copy.copy(validation))
    target.sheet_state = ws.sheet_state


def _run_builders(ctx, root) -> list[tuple[str, str, Builder]]:
    """``(file name, workbook name, builder)`` of every workbook of a run, in the order the files were written,
    then the whole traceability table (no file of its own: report.html shows its first rows and points here)."""
    built = dict(ctx.workbooks)
    builders: list[tuple[str, str, Builder]] = [
        (name, Path(name).stem, built.get(name) or copy_builder(Path(root) / name))
        for name in ctx.files if name.endswith(".xlsx") and name != "study.xlsx"]
    study = getattr(ctx, "study", None)
    if study is not None and builders:
        from pse.report.trace import traceability_sheet
        from pse.tables import sheets_builder

        sheet = traceability_sheet(study, ctx.lang)
        if len(sheet.table):
            builders.append(("", "traceability", sheets_builder([sheet])))      # no file of its own
    return builders


def study_workbook_builders(ctx, root) -> list:
    """``(name, builder)`` of every workbook of a run, in the order the files were written, then the whole
    traceability table (report.html shows its first rows and points here)."""
    return [(stem, builder) for _, stem, builder in _run_builders(ctx, root)]


def write_run_workbooks(ctx, root) -> bool:
    """``study.xlsx`` built and saved once, then each workbook ``ctx`` deferred cut out of it; False if
    ``study.xlsx`` has no visible sheet (then each deferred workbook is built on its own, as ``pse lopa`` would)."""
    from pse.workbook import build_study_book, save_book, write_workbook

    entries = _run_builders(ctx, root)
    book, targets = build_study_book([(stem, builder) for _, stem, builder in entries])
    deferred = dict(ctx.workbooks) if getattr(ctx, "defer_workbooks", False) else {}
    own_builds = [(name, deferred[name]) for (name, _, _), target in zip(entries, targets, strict=True)
                  if name in deferred and (book is None or not _visible(target))]
    cuts: list[tuple[str, list[tuple[str, str]]]] = []
    written = book is not None
    if book is not None:
        jobs = getattr(getattr(ctx, "jobs", None), "jobs", 1)
        save_book(book, Path(root) / "study.xlsx", jobs)
        for (name, _, _), target in zip(entries, targets, strict=True):
            if name in deferred and _visible(target):
                cuts.append((name, [(ws.title, target.own_title(ws)) for ws in book.worksheets
                                    if id(ws) in target.own_titles]))
    del book, targets
    if cuts:
        from pse.report.split import StudyParts

        parts = StudyParts(Path(root) / "study.xlsx")
        try:
            for name, titles in cuts:
                parts.write(Path(root) / name, titles)
        finally:
            parts.close()
    for name, builder in own_builds:      # no sheet, or no visible one: what the module's own build does
        write_workbook(Path(root) / name, builder)
    return written


def _visible(target) -> bool:
    return any(ws.sheet_state == "visible" for ws in target.sheets)


def write_study_workbook(path, builders) -> bool:
    """``study.xlsx`` from ``(name, builder)`` pairs (or workbook paths, copied); False if no sheet."""
    from pse.workbook import write_study_workbook as write

    pairs = [item if isinstance(item, tuple) else (Path(item).stem, copy_builder(item)) for item in builders]
    return write(path, pairs)
