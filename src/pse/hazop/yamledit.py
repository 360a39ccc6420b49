"""Round-trip editing of study files (ruamel.yaml): comments, key order and flow style survive.

``pse hazop generate`` and ``pse hazop import`` change a study in place.  The study may be split
over several files (``include:``); each object is edited in the file that defines it and new
objects go to the file that defines their node.  Every changed file is validated as a whole
study (in a scratch copy beside the study, never in /tmp) before anything is written; then all
changed files are replaced together through a journal (:func:`pse.output.commit_files`), so a
failed or killed edit leaves the study as it was or fully edited, never half.  Modes and symlinks
are kept (a symlinked file is written through to its target); read-only files are refused.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any


def _yaml():
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def plain(value: Any) -> Any:
    """A value made safe for PyYAML's 1.1 reader: strings it would misread ('no', '2', dates) are quoted.

    >>> type(plain("no")).__name__, type(plain("1e5")).__name__, type(plain("High flow")).__name__
    ('DoubleQuotedScalarString', 'DoubleQuotedScalarString', 'str')
    """
    import yaml as pyyaml
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

    if isinstance(value, str):
        if "\n" in value:
            return LiteralScalarString(value)
        from pse.model import loader

        try:  # read back as pse reads studies (YAML 1.1 plus 1.2 floats such as 1e5)
            same = pyyaml.load(value, Loader=getattr(loader, "StudyLoader", pyyaml.SafeLoader)) == value  # noqa: S506
        except pyyaml.YAMLError:
            same = False
        return value if same and value.strip() == value and value else DoubleQuotedScalarString(value)
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def flow_map(data: dict):
    """A mapping written in flow style ``{id: ..., node: ...}`` (compact generated rows)."""
    from ruamel.yaml.comments import CommentedMap

    out = CommentedMap()
    for key, value in data.items():
        out[key] = plain(value)
    out.fa.set_flow_style()
    return out


def block_map(data: dict):
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    out = CommentedMap()
    for key, value in data.items():
        if isinstance(value, list):
            seq = CommentedSeq(plain(value))
            seq.fa.set_flow_style()
            out[key] = seq
        else:
            out[key] = plain(value)
    return out


#: round-trip parses of study files, as pickles, keyed by resolved path (see :func:`_parsed`)
_PARSED: dict[Path, tuple[str, bytes]] = {}


def _parsed(path: Path, text: str):
    """The round-trip document of ``text`` (the content of ``path``).

    ruamel's round-trip parser is pure Python (~8 s for a 0.5 MB site study); a session of
    ``pse serve`` loads the same files for every edit.  The last parse of each file is kept as a
    pickle and handed out as a fresh copy (0.2 s) while the file's text is unchanged, so an edit
    through one :class:`StudyFiles` never leaks into another; a file whose text changed is parsed
    anew.
    """
    import pickle

    cached = _PARSED.get(path)
    if cached is not None and cached[0] == text:
        return pickle.loads(cached[1])  # noqa: S301 (our own pickle of our own parse, never read from disk)
    doc = _yaml().load(text)
    _remember(path, text, doc)
    return doc


def _remember(path: Path, text: str, doc) -> None:
    import pickle

    try:
        _PARSED[path] = (text, pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        _PARSED.pop(path, None)


class StudyFiles:
    """The files of a study (main file and includes) loaded round-trip, edited, then saved together."""

    def __init__(self, path) -> None:
        self.main = Path(path)
        self.docs: dict[Path, Any] = {}
        self.texts: dict[Path, str] = {}
        self.changed: set[Path] = set()
        self._index: dict[str, dict] = {}
        self._indexed_len: dict[str, int] = {}
        self._dumped: dict[Path, str] = {}
        self._load(self.main)

    def _load(self, path: Path) -> None:
        path = path.resolve() if path.is_absolute() else path
        if path in self.docs:
            return
        text = path.read_text(encoding="utf-8")
        doc = _parsed(path.resolve(), text)
        self.docs[path] = doc
        self.texts[path] = text
        for rel in (doc or {}).get("include", None) or []:
            self._load(Path(os.path.normpath(path.parent / str(rel))))

    # -- finding ----------------------------------------------------------------------------------
    def _length(self, collection: str) -> int:
        return sum(len((doc or {}).get(collection) or []) for doc in self.docs.values())

    def _build_index(self, collection: str) -> dict:
        index: dict = {}
        for path, doc in self.docs.items():
            for item in (doc or {}).get(collection) or []:
                if hasattr(item, "get"):
                    try:
                        index.setdefault(item.get("id"), (path, item))
                    except TypeError:       # an unhashable id: validation reports it
                        continue
        self._index[collection] = index
        self._indexed_len[collection] = self._length(collection)
        return index

    def find(self, collection: str, object_id: str) -> tuple[Path | None, Any]:
        """The file and the mapping of the object ``object_id`` in ``collection``.

        The objects of a collection are indexed by ID on the first look-up (once per load); the index
        is rebuilt only when a look-up misses after the collection has grown or shrunk, or when the
        object found no longer has that ID (objects added or renamed by any means).
        """
        index = self._index.get(collection)
        if index is None:
            index = self._build_index(collection)
        found = index.get(object_id)
        stale = found is not None and found[1].get("id") != object_id
        if stale or (found is None and self._indexed_len.get(collection) != self._length(collection)):
            found = self._build_index(collection).get(object_id)
        if found is None or found[1].get("id") != object_id:
            return None, None
        return found

    def file_of(self, collection: str, object_id: str) -> Path:
        path, _ = self.find(collection, object_id)
        return path or self.main

    # -- editing ----------------------------------------------------------------------------------
    def set(self, collection: str, object_id: str, key: str, value: Any) -> None:
        """Set (or, with ``None``, remove) one field of an object, keeping the file's layout."""
        from ruamel.yaml.comments import CommentedSeq

        path, item = self.find(collection, object_id)
        if item is None or path is None:
            raise KeyError(f"{collection}: '{object_id}' is not in the study files")
        if value is None or value == []:
            if key in item:
                del item[key]
                self.changed.add(path)
            return
        if isinstance(value, list):
            seq = CommentedSeq(plain(value))
            seq.fa.set_flow_style()
            value = seq
        elif isinstance(value, _dt.date):
            value = _dt.date.fromordinal(value.toordinal())  # a fresh object: no YAML anchors/aliases
        elif not isinstance(value, str):
            pass
        else:
            value = plain(value)
        item[key] = value
        self.changed.add(path)

    def append(self, collection: str, data: dict, file: Path | None = None, flow: bool = False) -> None:
        """Add an object to ``collection`` in ``file`` (default: the main file)."""
        from ruamel.yaml.comments import CommentedSeq

        path = file or self.main
        doc = self.docs[path]
        if doc.get(collection) is None:
            seq = CommentedSeq()
            keys = list(doc.keys())
            anchor = max((keys.index(k) for k in ("nodes", "deviations", "causes", "consequences", "safeguards",
                                                  "scenarios") if k in keys), default=len(keys) - 1)
            doc.insert(anchor + 1, collection, seq)
        doc[collection].append(flow_map(data) if flow else block_map(data))
        self.changed.add(path)

    # -- saving -----------------------------------------------------------------------------------
    def dump(self, path: Path) -> str:
        buffer = io.StringIO()
        _yaml().dump(self.docs[path], buffer)
        return buffer.getvalue()

    def _dump_changed(self) -> dict[Path, str]:
        """The text of every changed file, dumped once (validation and saving write the same text)."""
        for path in self.changed:
            if path not in self._dumped:
                self._dumped[path] = self.dump(path)
        return self._dumped

    def validate(self):
        """Validate the edited study in a scratch copy; raises StudyError with positions in the real files."""
        from pse.model import load_study
        from pse.model.errors import Problem, StudyError
        from pse.model.loader import display_path
        from pse.output import scratch_prefix

        paths = [p.resolve() for p in self.docs]
        root = Path(os.path.commonpath([str(p.parent) for p in paths]))
        scratch = Path(tempfile.mkdtemp(prefix=scratch_prefix(), dir=root))
        try:
            mapping = {}
            self._dumped = {}    # edits may have been made since an earlier validate()
            dumped = self._dump_changed()
            for path in self.docs:
                target = scratch / path.resolve().relative_to(root)
                target.parent.mkdir(parents=True, exist_ok=True)
                text = dumped[path] if path in self.changed else self.texts[path]
                target.write_text(text, encoding="utf-8")
                mapping[display_path(target)] = display_path(path)
            try:
                return load_study(scratch / self.main.resolve().relative_to(root))
            except StudyError as exc:
                raise StudyError([Problem(mapping.get(p.file, p.file), p.line, p.field, p.message, p.severity,
                                          p.rule) for p in exc.problems]) from None
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def save(self) -> list[Path]:
        """Validate, then write every changed file atomically; returns the files written."""
        from pse.output import commit_files

        if not self.changed:
            return []
        self.validate()
        dumped = self._dump_changed()
        contents = {path: dumped[path] for path in sorted(self.changed) if dumped[path] != self.texts[path]}
        if contents:
            commit_files(self.main, contents)
        for path, text in contents.items():    # the next load of these files starts from this state
            _remember(path.resolve(), text, self.docs[path])
            self.texts[path] = text
        self._dumped = {}
        return list(contents)
