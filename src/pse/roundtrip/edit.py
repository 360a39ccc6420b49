"""Edits of sheet rows (one cell, or a new row) applied to the study files and saved validated.

Shared by ``pse import`` and ``pse serve``: both say "set this column of this row to this text"
and get the same parsing, the same validation by the model and the same writer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pse.roundtrip import store
from pse.roundtrip.cells import parse
from pse.roundtrip.kinds import Sheet

if TYPE_CHECKING:
    from pse.hazop.yamledit import StudyFiles


@dataclass
class NewRow:
    sheet: Sheet
    values: dict                      # column key -> cell text
    parent: str | None = None
    row_id: str | None = None      # the ID given to it


@dataclass
class Edits:
    """Edits collected against one loaded :class:`~pse.hazop.yamledit.StudyFiles`."""

    files: StudyFiles
    errors: list[str] = field(default_factory=list)

    def set(self, sheet: Sheet, row_id: str, key: str, text: str, where: str = "") -> bool:
        """Set one cell; a cell that cannot be read is an error ``where: message``."""
        column = sheet.column(key)
        try:
            value = parse(column.kind, text, column.choices)
        except ValueError as exc:
            self.errors.append(f"{where or key}: {exc}")
            return False
        found = {r.row_id: r for r in store.rows(self.files, sheet)}.get(row_id)
        if found is None:
            self.errors.append(f"{where or key}: row '{row_id}' is not in the study")
            return False
        store.put(found.item, column, value)
        self.files.changed.add(found.file)
        return True

    def add(self, row: NewRow, where: str = "") -> str | None:
        """Add a new row (next free ID); returns its ID, or ``None`` with the errors recorded."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        sheet = row.sheet
        data = CommentedMap()
        ok = True
        for column in sheet.editable:
            text = row.values.get(column.key, "")
            try:
                value = parse(column.kind, text, column.choices)
            except ValueError as exc:
                self.errors.append(f"{where}{column.key}: {exc}")
                ok = False
                continue
            if value is not None:
                store.put(data, column, value)
        missing = [k for k in sheet.required if not str(row.values.get(k, "")).strip()]
        if missing:
            self.errors.append(f"{where}a new row needs {', '.join(missing)}")
            ok = False
        if not ok:
            return None
        if sheet.nested:
            holders = store.parents(self.files, sheet)
            if row.parent not in holders:
                self.errors.append(f"{where}parent: '{row.parent}' is not a {sheet.collection} item of the study")
                return None
            path, holder = holders[row.parent]
            taken = {str(r.item.get(sheet.key)) for r in store.rows(self.files, sheet) if r.parent == row.parent}
        else:
            path, holder = next((p for p, doc in self.files.docs.items()
                                 if (doc or {}).get(sheet.collection) is not None), self.files.main), None
            taken = {r.row_id for r in store.rows(self.files, sheet)}
        if sheet.key == "id":
            data.insert(0, "id", store.new_id(sheet, taken | _all_ids(self.files), row.parent))
        elif str(data.get(sheet.key)) in taken:
            self.errors.append(f"{where}{sheet.key}: '{data.get(sheet.key)}' is already a row of {row.parent}")
            return None
        if holder is not None:
            if holder.get(sheet.rows) is None:
                holder[sheet.rows] = CommentedSeq()
            holder[sheet.rows].append(data)
            self.files.changed.add(path)
        else:
            self.files.append(sheet.collection, dict(data), path)
        row.row_id = store.row_id(sheet, row.parent, data[sheet.key])
        return row.row_id

    def save(self, dry_run: bool = False) -> list:
        """Validate the whole study and write the changed files (nothing on an error or a dry run)."""
        if dry_run:
            if self.files.changed:
                self.files.validate()
            return []
        return self.files.save()


def _all_ids(files) -> set[str]:
    ids: set[str] = set()

    def walk(node):
        if hasattr(node, "items"):
            if isinstance(node.get("id"), str):
                ids.add(node["id"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for doc in files.docs.values():
        walk(doc)
    return ids
