"""Read study YAML safely while remembering where every value came from.

The loader composes the YAML node tree with PyYAML's *safe* loader and builds
plain Python values itself, so that each mapping key, list item and scalar keeps
its file and line.  Only the YAML core tags are accepted: a ``!!python/...`` tag
(or any other unknown tag) is refused with its position, never constructed.

A study may be split over several files with a top-level ``include:`` list of
paths relative to the including file.  Lists in included files are appended to
the lists of the same name; mappings are merged key by key (a key defined twice
is an error); positions stay right because every value keeps its own file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pse.model.errors import Problem, StudyError, format_path

_SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:binary",
}
_MAP_TAG = "tag:yaml.org,2002:map"


class StudyLoader(yaml.SafeLoader):
    """PyYAML's safe loader, reading numbers as YAML 1.2 does.

    YAML 1.1 (PyYAML's default) reads ``1e-5`` and ``4.0e5`` as *text* because it
    wants a dot and a signed exponent; engineers write frequencies that way, so
    they are read as floats here (YAML 1.2 core schema).
    """


StudyLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?[eE][-+]?[0-9]+$"),
    list("-+0123456789"))
_SEQ_TAG = "tag:yaml.org,2002:seq"


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


class _Builder:
    """Turns a composed YAML node tree into Python values plus positions."""

    def __init__(self, file: str, smap: SourceMap, problems: list[Problem]):
        self.file = file
        self.smap = smap
        self.problems = problems
        self.constructor = StudyLoader("")

    def build(self, node: yaml.Node, path: tuple) -> Any:
        self.smap.positions.setdefault(path, (self.file, node.start_mark.line + 1))
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                return self._bad_tag(node, path)
            own = sum(1 for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge")
            self.constructor.flatten_mapping(node)  # YAML merge keys (<<) come first
            merged_count = len(node.value) - own
            out: dict[str, Any] = {}
            explicit: set[str] = set()
            for index, (key_node, value_node) in enumerate(node.value):
                from_merge = index < merged_count
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problems.append(Problem(self.file, key_node.start_mark.line + 1,
                                                 format_path(path), "mapping keys must be plain text"))
                    continue
                key = self._scalar(key_node, path)
                key = str(key) if key is not None else "null"
                if key in explicit and not from_merge:
                    self.problems.append(Problem(self.file, key_node.start_mark.line + 1,
                                                 format_path(path + (key,)),
                                                 f"key '{key}' is given twice in this mapping"))
                    continue
                if not from_merge:
                    explicit.add(key)
                self.smap.positions[path + (key,)] = (self.file, key_node.start_mark.line + 1)
                out[key] = self.build(value_node, path + (key,))
                # the key's line is the more useful one for scalar values
                if isinstance(value_node, yaml.ScalarNode):
                    self.smap.positions[path + (key,)] = (self.file, value_node.start_mark.line + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                return self._bad_tag(node, path)
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: yaml.ScalarNode, path: tuple) -> Any:
        if node.tag not in _SAFE_TAGS:
            return self._bad_tag(node, path)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError) as exc:  # e.g. an impossible date 2026-02-30
            self.problems.append(Problem(self.file, node.start_mark.line + 1, format_path(path),
                                         f"cannot read value {node.value!r}: {exc}"))
            return None

    def _bad_tag(self, node: yaml.Node, path: tuple) -> None:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.problems.append(Problem(
            self.file, node.start_mark.line + 1, format_path(path),
            f"tag '{tag}' is not allowed: study files use plain YAML only (no code or object tags)"))
        return None


def read_yaml(path: str | os.PathLike, smap: SourceMap, problems: list[Problem]) -> Any:
    """Parse one YAML file with positions; problems are appended, never raised.

    Returns the document as plain dicts/lists/scalars, or ``None`` when the file
    is unreadable or malformed.
    """
    shown = display_path(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(shown, None, "", "file not found"))
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(shown, None, "", f"cannot read file: {exc}"))
        return None
    if not text.strip():
        problems.append(Problem(shown, 1, "", "the file is empty: a study needs at least a 'study:' block"))
        return None
    try:
        loader = StudyLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
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
    except yaml.YAMLError as exc:
        problems.append(Problem(shown, None, "", f"malformed YAML: {exc}"))
        return None
    if node is None:
        problems.append(Problem(shown, 1, "", "the file is empty: a study needs at least a 'study:' block"))
        return None
    return _Builder(shown, smap, problems).build(node, ())


def load_document(path: str | os.PathLike) -> tuple[dict, SourceMap]:
    """Load a study file and its includes into one mapping with a :class:`SourceMap`.

    Raises :class:`StudyError` listing every problem (malformed YAML, unsafe
    tags, missing include files, include cycles, keys defined twice).
    """
    smap = SourceMap(main_file=display_path(path))
    problems: list[Problem] = []
    data = _load_with_includes(Path(path), smap, problems, stack=())
    if problems:
        raise StudyError(problems)
    return data, smap


def _load_with_includes(path: Path, smap: SourceMap, problems: list[Problem],
                        stack: tuple[Path, ...]) -> dict:
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
        if not child.exists():
            problems.append(local.problem(("include", i), f"include file '{rel}' not found "
                                                          f"(looked for {display_path(child)})"))
            continue
        resolved = child.resolve()
        if resolved in stack or resolved == path.resolve():
            problems.append(local.problem(("include", i), f"include cycle: '{rel}' includes itself"))
            continue
        child_map = SourceMap()
        child_data = _load_with_includes(child, child_map, problems, stack + (path.resolve(),))
        _merge_into(merged, child_data, (), child_map, smap, problems, offset_from=merged)
    return merged


def _merge_into(target: dict, source: dict, path: tuple, src_map: SourceMap,
                dst_map: SourceMap, problems: list[Problem], offset_from) -> None:
    """Merge ``source`` into ``target`` (lists appended, mappings merged), carrying positions."""
    def copy_positions(src_prefix: tuple, dst_prefix: tuple) -> None:
        n = len(src_prefix)
        for p, pos in src_map.positions.items():
            if p[:n] == src_prefix:
                dst_map.positions[dst_prefix + p[n:]] = pos

    if path == ():
        if () in src_map.positions and () not in dst_map.positions:
            dst_map.positions[()] = src_map.positions[()]
    for key, value in source.items():
        kpath = path + (key,)
        if key not in target:
            target[key] = value
            copy_positions(kpath, kpath)
        elif isinstance(target[key], list) and isinstance(value, list):
            start = len(target[key])
            target[key].extend(value)
            for i in range(len(value)):
                copy_positions(kpath + (i,), kpath + (start + i,))
        elif isinstance(target[key], dict) and isinstance(value, dict):
            _merge_into(target[key], value, kpath, src_map, dst_map, problems, offset_from)
        else:
            problems.append(src_map.problem(kpath, f"'{format_path(kpath)}' is already defined in "
                                                   f"{':'.join(map(str, dst_map.where(kpath)))}"))
