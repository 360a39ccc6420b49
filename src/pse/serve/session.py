"""One `pse serve` session: the study, its revision, the session's undo stack and the scribe's cursor.

The revision is a digest of the study files' sizes and modification times, so an edit made by
another page, another program or an editor shows up as a new revision.  An edit carries the
value its page showed for each changed cell (its base); when the study's value differs, the
edit is refused (409) with the current value, and nothing is written: nothing is lost.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from pse.roundtrip.cells import normal
from pse.serve.errors import EditError

if TYPE_CHECKING:
    from pse.serve.generic_sheet import GenericSheet
    from pse.serve.hazop_sheet import HazopSheet


def study_files(path) -> list[Path]:
    """The study file and its ``include:`` files, resolved, without parsing the study.

    Only each file's top-level ``include:`` block is read (a document in flow style is parsed
    whole): listing the files of a 1.5 MB site study takes milliseconds, where the round-trip
    parser used for editing takes tens of seconds.
    """
    import os
    import re

    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found: list[Path] = []

    def walk(file: Path) -> None:
        file = file.resolve()
        if file in found or not file.is_file():
            return
        found.append(file)
        text = file.read_text(encoding="utf-8")
        if text.lstrip().startswith("{"):
            includes = (yaml.load(text, Loader=loader) or {}).get("include")  # noqa: S506 (safe loader)
        else:
            match = re.search(r"^include:.*(?:\n(?:[ \t#-].*)?)*", text, flags=re.MULTILINE)
            includes = (yaml.load(match.group(0), Loader=loader) or {}).get("include") if match else None  # noqa: S506
        for rel in includes if isinstance(includes, list) else []:
            walk(Path(os.path.normpath(file.parent / str(rel))))

    walk(Path(path))
    return found


class Session:
    def __init__(self, study_path, lang: str | None = None, token: str | None = None,
                 library_studies: tuple = ()):
        from pse.model import load_study

        self.study_path = Path(study_path)
        self.token = token
        self.lock = threading.RLock()
        self.undo_stack: list[dict] = []
        self.cursor: dict = {}
        self.library_studies = [Path(p) for p in library_studies]
        self._library_rows: list | None = None
        self.files = study_files(self.study_path)
        self._study = load_study(self.study_path)
        self._study_revision = self.revision()
        self.lang = lang or self._study.study.language
        from pse.serve.generic_sheet import generic_sheets
        from pse.serve.hazop_sheet import HazopSheet

        self.sheets: dict[str, HazopSheet | GenericSheet] = {"hazop": HazopSheet()}
        for sheet in generic_sheets():
            sheet.study_path = self.study_path
            self.sheets[sheet.name] = sheet

    # -- the study --------------------------------------------------------------------------------
    def revision(self) -> str:
        parts = []
        for path in self.files:
            try:
                st = path.stat()
                parts.append(f"{path}:{st.st_mtime_ns}:{st.st_size}")
            except OSError:
                parts.append(f"{path}:-")
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]

    def study(self):
        from pse.model import load_study

        revision = self.revision()
        if revision != self._study_revision:
            self._study = load_study(self.study_path)
            self._study_revision = revision
        return self._study

    def _refresh_files(self) -> None:
        self.files = study_files(self.study_path)

    def used(self) -> list[str]:
        """The worksheets this study uses (the register always: every study can have recommendations)."""
        study = self.study()
        names = []
        if study.nodes or study.deviations:
            names.append("hazop")
        if study.tasks:
            names.append("task_rows")
        if study.failure_modes:
            names.append("failure_modes")
        if study.machines:
            names.append("checklist")
        if study.scenarios:
            names += ["lopa_scenarios", "initiating_events", "layers"]
        return names + ["recommendations"]

    def sheet(self, name: str):
        if name not in self.sheets:
            raise EditError(f"no worksheet '{name}'", status=404)
        return self.sheets[name]

    def data(self, name: str, lang: str) -> dict:
        with self.lock:
            study = self.study()
            sheet = self.sheet(name)
            return {"name": name, "columns": sheet.columns(study, lang), "rows": sheet.rows(study, lang),
                    "groups": sheet.groups(study), "required": list(sheet.required), "revision": self.revision()}

    # -- edits ------------------------------------------------------------------------------------
    def edit(self, name: str, row_id: str, changes: dict, base: dict, record: bool = True,
             lang: str | None = None) -> dict:
        """Set cells of a row; a cell whose value moved on since ``base`` is a conflict (409).

        ``changes`` and ``base`` may show study keys as words of either language (``人員`` or
        ``people``): they are compared and written as the study's keys; the values returned are
        shown in ``lang`` (default: the session's).
        """
        lang = lang or self.lang
        with self.lock:
            study = self.study()
            sheet = self.sheet(name)
            now = sheet.current(study, self.lang, row_id)["values"]
            for key in changes:
                if key not in now:
                    raise EditError(f"{key}: this column is computed or not editable", key=key)
                if key in base and normal(sheet.read(key, base[key], study)) != normal(now[key]):
                    shown = sheet.show({key: now[key]}, lang, study)[key]
                    raise EditError(f"{key}: changed by someone else since this page loaded it "
                                    f"(now {shown!r}); nothing was written", status=409, key=key,
                                    current=shown)
            new_id = sheet.set_cells(study, self.study_path, self.lang, row_id, changes)
            self._refresh_files()
            after = sheet.current(self.study(), self.lang, new_id)["values"]
            if record:   # the values as written (a typed '2' may be stored as 'S2')
                self.undo_stack.append({"sheet": name, "row": new_id, "old": {k: now[k] for k in changes},
                                        "new": {k: after.get(k, changes[k]) for k in changes}})
            return {"row": new_id, "values": sheet.show(after, lang, self._study), "revision": self.revision()}

    def add(self, name: str, group: str, values: dict, origin: str | None = None, lang: str | None = None) -> dict:
        with self.lock:
            study = self.study()
            sheet = self.sheet(name)
            new_id = sheet.add_row(study, self.study_path, self.lang, group, values, origin)
            self._refresh_files()
            now = sheet.current(self.study(), self.lang, new_id)["values"] if new_id else {}
            shown = sheet.show(now, lang or self.lang, self._study)
            return {"row": new_id, "values": shown, "revision": self.revision()}

    def copy(self, name: str, row_id: str, group: str, lang: str | None = None) -> dict:
        with self.lock:
            values = self.sheet(name).copy_values(self.study(), self.lang, row_id)
            return self.add(name, group, values, lang=lang)

    def undo(self, lang: str | None = None) -> dict:
        """Undo the session's last cell edit (refused, and kept, if that cell was changed since)."""
        with self.lock:
            if not self.undo_stack:
                raise EditError("nothing to undo", status=409)
            last = self.undo_stack[-1]
            result = self.edit(last["sheet"], last["row"], {k: v for k, v in last["old"].items()},
                               {k: v for k, v in last["new"].items()}, record=False, lang=lang)
            self.undo_stack.pop()
            return {**result, "sheet": last["sheet"]}

    # -- projector --------------------------------------------------------------------------------
    def state(self) -> dict:
        return {"revision": self.revision(), "cursor": self.cursor, "undo": len(self.undo_stack)}

    def move(self, cursor: dict) -> None:
        self.cursor = {k: str(cursor.get(k, "")) for k in ("sheet", "row", "col", "group")}

    # -- suggestions ------------------------------------------------------------------------------
    def suggestions(self, name: str, row_id: str, lang: str) -> list[dict]:
        from pse.serve.suggest import hazop_suggestions

        if name != "hazop":
            return []
        with self.lock:
            study = self.study()
            row = self.sheet(name).current(study, lang, row_id)["values"]
            return hazop_suggestions(study, row, lang, self.library_rows(lang))

    def library_rows(self, lang: str) -> list[dict]:
        from pse.serve.suggest import study_rows

        if self._library_rows is None:
            self._library_rows = [r for path in self.library_studies for r in study_rows(path, lang)]
        return self._library_rows
