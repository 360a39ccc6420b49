"""The HAZOP workbook in the one round trip: a thin adapter over :mod:`pse.hazop.excel`.

The HAZOP workbook keeps its own layout (one sheet per node, composite rows: a row edits a
cause, a consequence, safeguards and a scenario), so its reading and its row-to-object mapping
stay in :mod:`pse.hazop.excel` and :mod:`pse.hazop.merge`; the cell rule there is
:func:`pse.roundtrip.merge.three_way`, the same as for every other workbook.
"""

from __future__ import annotations


def write_workbook(study_path, path, lang: str) -> None:
    from pse.hazop.excel import write_workbook as write
    from pse.model import load_study

    write(load_study(study_path), path, lang)


def import_workbook(study_path, workbook_path, dry_run: bool = False):
    from pse.hazop.excel import import_workbook as read

    return read(study_path, workbook_path, dry_run=dry_run)


def workbook_error():
    from pse.hazop.excel import WorkbookError

    return WorkbookError
