"""The round-trip workbook of a kind: one sheet per row list, and the hidden merge base ``_pse``.

Layout: row 1 the study title, row 2 the sheet's title, row 3 the headers (Row ID, for nested
rows the item they belong to, then the columns), rows 4.. the data.  Computed columns are
filled (with the matrix colours) but never read back.  ``_pse`` row 1 is ``[FORMAT, kind,
language]``; each following row is ``[sheet, row, row ID, JSON of the exported cells]``.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from pse.roundtrip import store
from pse.roundtrip.kinds import Kind, Sheet

FORMAT = "pse-workbook/1"
META_SHEET = "_pse"
HEADER_ROW = 3
LABELS = str(Path(__file__).with_name("labels.yaml"))


def _l(key: str, lang: str) -> str:
    from pse.i18n import label

    return label(key, lang, LABELS)


def header_keys(sheet: Sheet) -> list[str]:
    """Column keys of a sheet in workbook order."""
    return ["row_id"] + (["parent"] if sheet.nested else []) + [c.key for c in sheet.columns]


def sheet_title(sheet: Sheet, lang: str) -> str:
    return _l(sheet.name, lang)[:31]


def exported_values(files, sheet: Sheet) -> list[tuple[str, dict]]:
    """``[(row ID, {column: text})]`` of the editable cells, as recorded in the merge base."""
    out = []
    for row in store.rows(files, sheet):
        values = {c.key: store.value_of(row.item, c) for c in sheet.editable}
        if sheet.nested:
            values["parent"] = row.parent or ""
        out.append((row.row_id, values))
    return out


def write_workbook(study_path, kind: Kind, path, lang: str = "en") -> None:
    """Write the round-trip workbook of ``kind`` for the study at ``study_path`` (atomically)."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from pse.hazop.yamledit import StudyFiles
    from pse.model import load_study
    from pse.output import atomic_write_bytes
    from pse.roundtrip.computed import computed

    study = load_study(study_path)
    files = StudyFiles(study_path)
    extra = computed(kind.name, study)
    book = openpyxl.Workbook()
    book.remove(book.active)
    meta = book.create_sheet(META_SHEET)
    meta.append([FORMAT, kind.name, lang])
    for sheet in kind.sheets:
        ws = book.create_sheet(sheet_title(sheet, lang))
        ws.cell(row=1, column=1, value=study.study.title).font = Font(bold=True, size=13)
        ws.cell(row=2, column=1, value=f"{_l(kind.title, lang)}: {_l(sheet.name, lang)}")
        keys = header_keys(sheet)
        for j, key in enumerate(keys, start=1):
            cell = ws.cell(row=HEADER_ROW, column=j, value=_l(key, lang))
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDDDDD")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            width = sheet.column(key).width if key not in ("row_id", "parent") else 14
            ws.column_dimensions[get_column_letter(j)].width = width
        rows = exported_values(files, sheet)
        for i, (row_id, values) in enumerate(rows, start=HEADER_ROW + 1):
            shown = {"row_id": row_id, **values, **{k: v[0] for k, v in extra.get(row_id, {}).items()}}
            for j, key in enumerate(keys, start=1):
                cell = ws.cell(row=i, column=j, value=shown.get(key, "") or None)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                colour = extra.get(row_id, {}).get(key, ("", None))[1]
                if colour:
                    cell.fill = PatternFill("solid", fgColor=colour.lstrip("#").upper())
            meta.append([ws.title, i, row_id, json.dumps(values, ensure_ascii=False)])
        last = HEADER_ROW + len(rows) + 200
        for j, key in enumerate(keys, start=1):
            column = sheet.column(key) if key not in ("row_id", "parent") else None
            allowed = column.choices if column and column.kind == "choice" else \
                ("Y", "N") if column and column.kind == "bool" else ()
            if allowed:
                dv = DataValidation(type="list", formula1='"' + ",".join(allowed) + '"', allow_blank=True,
                                    showErrorMessage=True, error=", ".join(allowed))
                ws.add_data_validation(dv)
                dv.add(f"{get_column_letter(j)}{HEADER_ROW + 1}:{get_column_letter(j)}{last}")
        ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=2)
        ws.page_setup.orientation = "landscape"
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    meta.sheet_state = "hidden"
    book.move_sheet(META_SHEET, offset=len(book.sheetnames) - 1)
    book.active = 0
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write_bytes(path, buffer.getvalue())


def workbook_kind(path) -> tuple[str, str]:
    """``(format, kind)`` named by a workbook's hidden ``_pse`` sheet (``("", "")`` when it has none)."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    try:
        if META_SHEET not in book.sheetnames:
            return "", ""
        first: tuple = next(book[META_SHEET].iter_rows(min_row=1, max_row=1, values_only=True), ())
        fmt = str(first[0] or "") if first else ""
        if fmt == FORMAT:
            return fmt, str(first[1] or "") if len(first) > 1 else ""
        return fmt, "hazop" if fmt.startswith("pse-hazop-workbook/") else ""
    finally:
        book.close()
