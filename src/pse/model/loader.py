"""Read study YAML safely while remembering where every value came from.

The loader composes the YAML node tree with libyaml's C composer (PyYAML's
*safe* resolvers; see :mod:`pse.model.yamlnodes`) and builds plain Python values
itself, so that each mapping key, list item and scalar keeps
its file and line.  Only the YAML core tags are accepted: a ``!!python/...`` tag
(or any other unknown tag) is refused with its position, never constructed.

A study may be split over several files with a top-level ``include:`` list of
paths relative to the including file.  Lists in included files are appended to
the lists of the same name; mappings are merged key by key (a key defined twice
is an error); positions stay right because every value keeps its own file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pse.model.errors import Problem, StudyError, format_path
from pse.model.yamlnodes import MAX_ALIAS_VALUES, MAX_NESTING, LimitError, NodeBuilder, StudyLoader, compose

__all__ = ["MAX_ALIAS_VALUES", "MAX_NESTING", "MAX_STUDY_BYTES", "SourceMap", "StudyLoader", "display_path",
           "load_document", "read_yaml"]

#: limits on what one study may cost to read (each gives a one-line error when exceeded)
MAX_STUDY_BYTES = 64 * 1024 * 1024      # one study file, checked before it is read
ALLOW_OUTSIDE_ENV = "PSE_ALLOW_INCLUDE_OUTSIDE"   # "1": includes may leave the study's folder


def display_path(path: str | os.PathLike) -> str:
    """Path as shown in messages: relative to the working directory when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


@dataclass
class SourceMap:
    """Maps a data path such as ``("scenarios", 3, "severity")`` to ``(file, line)``."""

    positions: dict[tuple, tuple[str, int]] = field(default_factory=dict)
    main_file: str = "<study>"

    def where(self, path: tuple) -> tuple[str, int | None]:
        """File and line of ``path``, or of its nearest ancestor that has a position."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (self.main_file, None))

    def problem(self, path: tuple, message: str, severity: str = "error",
                rule: str | None = None) -> Problem:
        """A :class:`Problem` located at ``path``."""
        file, line = self.where(path)
        return Problem(file, line, format_path(path), message, severity, rule)


def read_yaml(path: str | os.PathLike, smap: SourceMap, problems: list[Problem]) -> Any:
    """Parse one YAML file with positions; problems are appended, never raised.

    Returns the document as plain dicts/lists/scalars, or ``None`` when the file
    is unreadable or malformed.
    """
    shown = display_path(path)
    text = _read_text(Path(path), shown, problems)
    if text is None:
        return None
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte-order mark at the very start is how some editors mark UTF-8
    if not text.strip():
        problems.append(Problem(shown, 1, "", "the file is empty: a study needs at least a 'study:' block"))
        return None
    try:
        node, flatten = compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and (exc.context or "").startswith("while scanning"):
            mark = exc.context_mark  # an unclosed quote is reported where it was opened
        line = mark.line + 1 if mark else None
        what = exc.problem or str(exc)
        if exc.context:
            what = f"{exc.context}, {what}"
        if mark is exc.context_mark and exc.problem_mark is not None \
                and exc.context_mark.line != exc.problem_mark.line:
            what += f" (not closed by line {exc.problem_mark.line + 1})"
        problems.append(Problem(shown, line, "", f"malformed YAML: {what}"))
        return None
    except yaml.reader.ReaderError as exc:
        line = text[:exc.position].count("\n") + 1
        problems.append(Problem(shown, line, "", f"the character U+{exc.character:04X} is not allowed in a "
                                                 "study file: delete it" if isinstance(exc.character, int)
                                else f"malformed YAML: {exc.reason}"))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(shown, None, "", f"malformed YAML: {exc}"))
        return None
    except RecursionError:
        problems.append(Problem(shown, None, "", f"malformed YAML: nested deeper than {MAX_NESTING} levels"))
        return None
    if node is None:
        problems.append(Problem(shown, 1, "", "the file is empty: a study needs at least a 'study:' block"))
        return None
    try:
        return NodeBuilder(shown, smap.positions, problems, flatten, text).build(node, ())
    except LimitError as exc:
        problems.append(Problem(shown, exc.line, format_path(exc.path), exc.message))
    except RecursionError:
        problems.append(Problem(shown, node.start_mark.line + 1, "",
                                f"nested deeper than {MAX_NESTING} levels (through aliases or merge keys)"))
    return None


def _read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    """The UTF-8 text of a regular file no larger than :data:`MAX_STUDY_BYTES`, or None (problem added).

    The size and the kind of file are checked before reading, so ``/dev/zero``, a named pipe or a
    huge file never reach the parser; the read itself is bounded too (the file may grow meanwhile).
    Messages never quote the file's content.
    """
    import stat

    try:
        info = path.stat()
    except FileNotFoundError:
        problems.append(Problem(shown, None, "", "file not found"))
        return None
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop on some Pythons
        problems.append(Problem(shown, None, "", f"cannot read file: {getattr(exc, 'strerror', None) or exc}"))
        return None
    if not stat.S_ISREG(info.st_mode):
        problems.append(Problem(shown, None, "", "not a regular file (a device, pipe or folder cannot be a study)"))
        return None
    if info.st_size > MAX_STUDY_BYTES:
        problems.append(Problem(shown, None, "", f"file is {info.st_size} bytes, more than the limit of "
                                                 f"{MAX_STUDY_BYTES} bytes for one study file"))
        return None
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_STUDY_BYTES + 1)
    except OSError as exc:
        problems.append(Problem(shown, None, "", f"cannot read file: {exc.strerror or exc}"))
        return None
    if len(data) > MAX_STUDY_BYTES:
        problems.append(Problem(shown, None, "", f"file is larger than the limit of {MAX_STUDY_BYTES} bytes"))
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        problems.append(Problem(shown, line, "", f"not UTF-8 text (byte 0x{data[exc.start]:02X} at offset "
                                                 f"{exc.start}): save the file as UTF-8"))
        return None


def load_document(path: str | os.PathLike, *, allow_include_outside: bool | None = None) -> tuple[dict, SourceMap]:
    """Load a study file and its includes into one mapping with a :class:`SourceMap`.

    Includes must be regular files inside the main study file's folder (after resolving
    symlinks), unless ``allow_include_outside`` (default: environment variable
    ``PSE_ALLOW_INCLUDE_OUTSIDE=1``, set by ``pse --allow-include-outside``).

    Raises :class:`StudyError` listing every problem (malformed YAML, unsafe
    tags, missing include files, include cycles, keys defined twice, limits).
    """
    if allow_include_outside is None:
        allow_include_outside = os.environ.get(ALLOW_OUTSIDE_ENV) == "1"
    smap = SourceMap(main_file=display_path(path))
    problems: list[Problem] = []
    from pse.output import recover_files

    try:
        recover_files(path)   # an edit of several files killed half-way is finished or undone first
    except OSError as exc:
        raise StudyError([Problem(display_path(path), None, "", f"cannot recover an interrupted edit: "
                                                                f"{exc.strerror or exc}")]) from None
    try:
        root = None if allow_include_outside else Path(path).resolve().parent
    except (OSError, RuntimeError):
        root = Path(os.path.abspath(path)).parent
    data = _load_with_includes(Path(path), smap, problems, stack=(), root=root)
    if problems:
        raise StudyError(problems)
    return data, smap


def _load_with_includes(path: Path, smap: SourceMap, problems: list[Problem],
                        stack: tuple[Path, ...], root: Path | None = None) -> dict:
    local = SourceMap(main_file=display_path(path))
    doc = read_yaml(path, local, problems)
    if doc is None:
        return {}
    if not isinstance(doc, dict):
        problems.append(local.problem((), f"a study file must be a mapping of sections, not a {type(doc).__name__}"))
        return {}
    includes = doc.pop("include", None) or []
    if not isinstance(includes, list):
        problems.append(local.problem(("include",), "must be a list of file paths"))
        includes = []
    merged: dict = {}
    _merge_into(merged, doc, (), local, smap, problems, offset_from=None)
    for i, rel in enumerate(includes):
        if not isinstance(rel, str):
            problems.append(local.problem(("include", i), "must be a file path"))
            continue
        child = (path.parent / rel)
        try:
            resolved = child.resolve(strict=True)
        except FileNotFoundError:
            problems.append(local.problem(("include", i), f"include file '{rel}' not found "
                                                          f"(looked for {display_path(child)})"))
            continue
        except (OSError, RuntimeError):
            problems.append(local.problem(("include", i), f"include file '{rel}' cannot be resolved "
                                                          "(a symlink loop?)"))
            continue
        if root is not None and not resolved.is_relative_to(root):
            problems.append(local.problem(("include", i), f"include file '{rel}' is outside the study's folder "
                                                          "(pse --allow-include-outside permits it)"))
            continue
        if resolved in stack or resolved == path.resolve():
            problems.append(local.problem(("include", i), f"include cycle: '{rel}' includes itself"))
            continue
        child_map = SourceMap()
        child_data = _load_with_includes(child, child_map, problems, stack + (path.resolve(),), root)
        _merge_into(merged, child_data, (), child_map, smap, problems, offset_from=merged)
    return merged


def _positions_by_key(src_map: SourceMap, path: tuple) -> dict:
    """Positions strictly below ``path``, grouped by the key that follows it (one pass, no rescans)."""
    n = len(path)
    groups: dict = {}
    for p, pos in src_map.positions.items():
        if len(p) > n and p[:n] == path:
            groups.setdefault(p[n], []).append((p, pos))
    return groups


def _merge_into(target: dict, source: dict, path: tuple, src_map: SourceMap,
                dst_map: SourceMap, problems: list[Problem], offset_from) -> None:
    """Merge ``source`` into ``target`` (lists appended, mappings merged), carrying positions."""
    if path == () and not target and not dst_map.positions:
        # the first file into an empty study: every key is new and every position carries over as it is
        # (one dict update instead of grouping ~40 positions per object by key: 0.1 s at 10^3 objects)
        target.update(source)
        dst_map.positions.update(src_map.positions)
        return
    if path == ():
        if () in src_map.positions and () not in dst_map.positions:
            dst_map.positions[()] = src_map.positions[()]
    by_key = _positions_by_key(src_map, path)
    n = len(path)
    for key, value in source.items():
        kpath = path + (key,)
        if key not in target:
            target[key] = value
            dst_map.positions.update(by_key.get(key, ()))
        elif isinstance(target[key], list) and isinstance(value, list):
            start = len(target[key])
            target[key].extend(value)
            for p, pos in by_key.get(key, ()):   # items move from index i to start + i
                if len(p) > n + 1 and isinstance(p[n + 1], int) and 0 <= p[n + 1] < len(value):
                    dst_map.positions[kpath + (start + p[n + 1],) + p[n + 2:]] = pos
        elif isinstance(target[key], dict) and isinstance(value, dict):
            _merge_into(target[key], value, kpath, src_map, dst_map, problems, offset_from)
        else:
            problems.append(src_map.problem(kpath, f"'{format_path(kpath)}' is already defined in "
                                                   f"{':'.join(map(str, dst_map.where(kpath)))}"))
