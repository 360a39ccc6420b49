"""``study.xlsx``: every module's sheets in one workbook, written by the modules' own builders.

Modules write their workbooks through :meth:`pse.registry.RunContext.write_workbook`,
which keeps each workbook's builder; ``study.xlsx`` runs those builders
on one workbook (:func:`pse.workbook.build_study_book`), so page setup,
print titles, filters, validations and images are kept.  In ``pse run`` no cell is built or serialised twice:
each module's workbook is built and serialised by a job as soon as the module has run, its own file written from
those parts and ``study.xlsx`` merged from them (:mod:`pse.workbook_parts`); a module that cannot be merged (images,
comments, a sheet title taken by an earlier module) is built on the study workbook and its own workbook is cut out
of the saved ``study.xlsx`` (:mod:`pse.report.split`).  A workbook written some other way is copied cell by cell
with its styles (:func:`copy_builder`; images and page setup of such a workbook are not kept).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from pse.workbook import Builder, WorkbookTarget


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
    if getattr(ctx, "study", None) is not None and builders:
        builders.append(("", "traceability", built.get("") or traceability_builder(ctx.study, ctx.lang)))
    return builders


def traceability_builder(study, lang: str) -> Builder:
    """The whole traceability table as a workbook builder (no sheet if the study traces nothing)."""

    def build(target) -> None:
        from pse.report.trace import traceability_sheet
        from pse.tables import sheets_builder

        sheet = traceability_sheet(study, lang)
        if len(sheet.table):
            sheets_builder([sheet])(target)

    return build


def start_traceability_parts(ctx) -> None:
    """``pse run``: the traceability sheet of ``study.xlsx`` built as a job, beside the report (see
    :meth:`pse.registry.RunContext.start_workbook_parts`), once the modules have run."""
    if ctx.study is not None and ctx.jobs is not None and any(
            name.endswith(".xlsx") and name != "study.xlsx" for name in ctx.files):
        builder = traceability_builder(ctx.study, ctx.lang)
        ctx.workbooks.append(("", builder))
        ctx.start_workbook_parts("", builder)


def study_workbook_builders(ctx, root) -> list:
    """``(name, builder)`` of every workbook of a run, in the order the files were written, then the whole
    traceability table (report.html shows its first rows and points here)."""
    return [(stem, builder) for _, stem, builder in _run_builders(ctx, root)]


def write_run_workbooks(ctx, root) -> bool:
    """``study.xlsx`` assembled once, each deferred module workbook written beside it; False if ``study.xlsx``
    has no visible sheet (then each deferred workbook is built on its own, as ``pse lopa`` would).

    A module whose sheets a job serialised (:mod:`pse.workbook_parts`) is merged from its parts, and its own
    workbook is the one the job wrote; any other is built on the study workbook, at its place, and its own
    workbook is cut out of the saved ``study.xlsx`` (:mod:`pse.report.split`)."""
    import os

    from pse.workbook import WorkbookTarget, new_book, save_book, write_workbook
    from pse.workbook_parts import OWN_WORKBOOK, merge_parts
    from pse.workbook_save import register_styles

    deferred = {name: b for name, b in ctx.workbooks if name} if getattr(ctx, "defer_workbooks", False) else {}
    jobs = getattr(ctx, "workbook_jobs", {})
    book = new_book()
    parts: dict = {}
    built: list[tuple[str, WorkbookTarget]] = []
    moved: list[tuple[str, str]] = []
    for name, stem, builder in _run_builders(ctx, root):
        module = ctx.jobs.wait(jobs[name]) if name in jobs else None
        merged = merge_parts(book, stem, module) if module is not None else None
        if module is not None and merged is not None:
            parts.update(merged)
            if name in deferred:
                moved.append((os.path.join(module.folder, OWN_WORKBOOK), name))
            continue
        target = WorkbookTarget(book, stem)
        builder(target)
        register_styles(book, target.sheets)    # the one-workbook save's ids: merged modules after it follow
        built.append((name, target))
    if not any(ws.sheet_state == "visible" for ws in book.worksheets):
        for name, builder in deferred.items():
            write_workbook(Path(root) / name, builder)
        return False
    book.active = next(i for i, ws in enumerate(book.worksheets) if ws.sheet_state == "visible")
    save_book(book, Path(root) / "study.xlsx", getattr(getattr(ctx, "jobs", None), "jobs", 1), parts)
    for source, name in moved:
        os.replace(source, Path(root) / name)
    cuts = [(name, [(ws.title, target.own_title(ws)) for ws in book.worksheets if id(ws) in target.own_titles])
            for name, target in built if name in deferred and _visible(target)]
    del book
    _write_cut_workbooks(root, cuts, [(name, deferred[name]) for name, target in built
                                      if name in deferred and not _visible(target)])
    return True


def _write_cut_workbooks(root, cuts: list, own_builds: list) -> None:
    """Each module workbook built on study.xlsx cut out of it (``cuts``: name and its sheets' titles), and each
    with no visible sheet built on its own (``own_builds``: name and builder), as the module's own build does."""
    from pse.workbook import write_workbook

    if cuts:
        from pse.report.split import StudyParts

        study = StudyParts(Path(root) / "study.xlsx")
        try:
            for name, titles in cuts:
                study.write(Path(root) / name, titles)
        finally:
            study.close()
    for name, builder in own_builds:
        write_workbook(Path(root) / name, builder)


def _visible(target) -> bool:
    return any(ws.sheet_state == "visible" for ws in target.sheets)


def write_study_workbook(path, builders) -> bool:
    """``study.xlsx`` from ``(name, builder)`` pairs (or workbook paths, copied); False if no sheet."""
    from pse.workbook import write_study_workbook as write

    pairs = [item if isinstance(item, tuple) else (Path(item).stem, copy_builder(item)) for item in builders]
    return write(path, pairs)
