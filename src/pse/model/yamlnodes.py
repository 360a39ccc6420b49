"""YAML text to a node tree (libyaml's C composer when available) and nodes to values with positions.

Composing is where a study's time went: PyYAML's pure-Python scanner, parser and
composer cost about 12 s of a 22 s ``pse check`` of a 1,000-object site.  The C
composer (:class:`yaml.CSafeLoader`) builds the same node tree, marks (lines)
included, about ten times faster.  Every guarantee of the pure-Python path is
kept:

- the nesting limit: libyaml calls the resolver's ``descend_resolver`` for every
  node it composes, so :class:`FastStudyLoader` counts depth there and stops at
  :data:`MAX_NESTING` (the C composer recurses on the C stack, which a deep
  input would otherwise overflow);
- numbers read as YAML 1.2 does (the implicit resolvers are Python, shared);
- error messages: when the C composer refuses a file, the pure-Python composer
  reads it again (for files up to :data:`EXACT_ERRORS_BYTES`) so the message and
  its line are the ones PyYAML has always given; a file only one of them refuses
  is read by the other.

:class:`NodeBuilder` then turns the node tree into plain values and the
positions of every key, item and scalar, with the alias budget, duplicate-key
check and safe tags.

Faster parsers were measured and not adopted (issue 19; 2026-12-01, a generated study of 10^4 LOPA
scenarios, 9.4 MB, CPU seconds on the shared 2-core machine): PyYAML's C loader to plain values 15.2 s;
pse's C composer 3.9 s and :class:`NodeBuilder` 1.9 s (garbage collector paused, see
:func:`pse.model.validate.gc_paused`); ``rapidyaml`` 0.15.2 parses the same file in 0.30 s and, through
``emit_json`` + ``json.loads``, gives values in 0.73 s; ``ryaml`` 0.5.1 (Rust) 1.37 s.  Neither keeps the
guarantees: ``ryaml`` reads YAML 1.2 (``yes`` and ``2026-11-23`` stay text, ``010`` is text, ``<<`` is an
ordinary key) and gives no positions; ``rapidyaml``'s JSON route loses plain-versus-quoted (so the
resolvers cannot be applied), keeps duplicate keys, leaves aliases and merge keys unexpanded, and its Python
binding has no node positions (only the memory address of a scalar inside the buffer); walking its tree from
Python costs ~5 us per node through SWIG (2.6 s for the 534,682 nodes of that file, before any value is
built), which is no faster than composing and building here.  The 10^5-scenario target (20 s) therefore
cannot be met by any path that keeps pse's YAML semantics and positions with these parsers: the C composer
alone takes ~40 s at 10^5.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from pse.model.errors import Problem, format_path

_SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:binary",
}
_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_VALUE_TAG = "tag:yaml.org,2002:value"   # a key "=": flatten_mapping reads it as text

MAX_NESTING = 64                        # mappings/lists inside each other
MAX_ALIAS_VALUES = 100_000              # values produced by expanding YAML aliases (*name)
EXACT_ERRORS_BYTES = 4 * 1024 * 1024    # below this, a refused file is re-read by PyYAML for its message

#: characters refused in study text: controls (except tab, line feed, carriage return), the byte-order
#: mark and zero-width / bidirectional-override format characters (they hide or reorder text), lone
#: surrogates and non-characters (no file format can store them)
_BAD_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200c\u200e\u200f"
                       "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff]")
_YAML12_FLOAT = re.compile(r"^[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?[eE][-+]?[0-9]+$")


class StudyLoader(yaml.SafeLoader):
    """PyYAML's safe loader, reading numbers as YAML 1.2 does, with a nesting limit.

    YAML 1.1 (PyYAML's default) reads ``1e-5`` and ``4.0e5`` as *text* because it
    wants a dot and a signed exponent; engineers write frequencies that way, so
    they are read as floats here (YAML 1.2 core schema).  Composing stops at
    :data:`MAX_NESTING` levels (deeper input would exhaust Python's stack).
    """

    _depth = 0

    def compose_node(self, parent, index):
        self._depth += 1
        try:
            if self._depth > MAX_NESTING:
                raise yaml.composer.ComposerError(None, None, f"nested deeper than {MAX_NESTING} levels",
                                                  self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


StudyLoader.add_implicit_resolver("tag:yaml.org,2002:float", _YAML12_FLOAT, list("-+0123456789"))


class NestingError(yaml.YAMLError):
    """The C composer went deeper than :data:`MAX_NESTING` (libyaml gives no position there)."""


_CLoader: Any = getattr(yaml, "CSafeLoader", None)
_RESOLVED: dict[str, str] = {}   # plain scalar -> tag (the resolvers are fixed, so the answer never changes)


FastStudyLoader: Any = None   # libyaml's composer with pse's resolvers, when PyYAML was built with libyaml

if _CLoader is not None:
    class _FastStudyLoader(_CLoader):
        """libyaml's composer with :class:`StudyLoader`'s resolvers and a nesting limit."""

        _depth = 0
        flatten_needed = False   # set when a merge key (<<) or a '=' key was resolved

        def descend_resolver(self, current_node, current_index):
            self._depth += 1
            if self._depth > MAX_NESTING:
                raise NestingError(f"nested deeper than {MAX_NESTING} levels")

        def ascend_resolver(self):
            self._depth -= 1

        def resolve(self, kind, value, implicit):
            """The tag of a node, as :meth:`yaml.resolver.BaseResolver.resolve` gives it, plain scalars cached.

            Without path resolvers (pse registers none), a collection gets its default tag and a quoted
            scalar is text; only plain scalars are matched against the implicit resolvers (ints, floats,
            booleans, null, dates).
            """
            if kind is not yaml.ScalarNode:
                return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG
            if not implicit[0]:
                return _STR_TAG
            tag = _RESOLVED.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(_RESOLVED) < 100_000:
                    _RESOLVED[value] = tag
            if tag == _MERGE_TAG or tag == _VALUE_TAG:
                self.flatten_needed = True
            return tag

    _FastStudyLoader.yaml_implicit_resolvers = StudyLoader.yaml_implicit_resolvers
    assert not StudyLoader.yaml_path_resolvers   # FastStudyLoader.resolve relies on it
    FastStudyLoader = _FastStudyLoader


def _compose_with(loader_class, text: str) -> tuple[yaml.Node | None, bool]:
    loader = loader_class(text)
    try:
        return loader.get_single_node(), getattr(loader, "flatten_needed", True)
    finally:
        loader.dispose()


def compose(text: str) -> tuple[yaml.Node | None, bool]:
    """The node tree of ``text`` (C composer first) and whether it has merge keys (``<<``).

    Raises PyYAML's errors as its own composer does.
    """
    if FastStudyLoader is None:  # pragma: no cover
        return _compose_with(StudyLoader, text)
    try:
        return _compose_with(FastStudyLoader, text)
    except (yaml.YAMLError, RecursionError) as exc:
        if len(text) > EXACT_ERRORS_BYTES:
            if isinstance(exc, NestingError):
                raise yaml.YAMLError(f"nested deeper than {MAX_NESTING} levels") from None
            raise
    return _compose_with(StudyLoader, text)   # the message (and line) PyYAML gives, or a file only it reads


_FLOAT_TAG = "tag:yaml.org,2002:float"
_INT_TAG = "tag:yaml.org,2002:int"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_BOOLEANS = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}  # PyYAML's
_NOT_COMMON = object()


def _common_value(tag: str, text: str) -> Any:
    """The value PyYAML's safe constructor gives the commonest numbers and booleans, without its calls.

    ``1.5``, ``-2.0e-05`` (float: no ``_``, ``:``, ``.inf`` or ``.nan``), ``42``, ``-7`` (int: decimal digits,
    no leading zero, which YAML 1.1 reads as octal) and the booleans; anything else returns
    :data:`_NOT_COMMON` and goes to the constructor.

    >>> _common_value(_FLOAT_TAG, "-2.0e-05"), _common_value(_INT_TAG, "-7"), _common_value(_BOOL_TAG, "Yes")
    (-2e-05, -7, True)
    >>> _common_value(_INT_TAG, "010") is _NOT_COMMON, _common_value(_FLOAT_TAG, ".inf") is _NOT_COMMON
    (True, True)
    """
    if tag == _FLOAT_TAG:
        if "_" not in text and ":" not in text and "n" not in text.lower():
            try:
                return float(text)
            except ValueError:
                return _NOT_COMMON
    elif tag == _INT_TAG:
        digits = text[1:] if text[:1] in "-+" else text
        if digits.isascii() and digits.isdigit() and (digits == "0" or digits[0] != "0"):
            return int(text)
    elif tag == _BOOL_TAG:
        return _BOOLEANS.get(text.lower(), _NOT_COMMON)
    return _NOT_COMMON


class LimitError(Exception):
    """A resource limit was exceeded while building values (one problem, building stops)."""

    def __init__(self, line: int, path: tuple, message: str):
        self.line, self.path, self.message = line, path, message
        super().__init__(message)


class NodeBuilder:
    """Turns a composed YAML node tree into Python values plus positions (``path -> (file, line)``)."""

    def __init__(self, file: str, positions: dict, problems: list[Problem], flatten: bool = True,
                 text: str | None = None):
        self.file = file
        self.flatten = flatten   # False: the document has no merge keys, mappings need no flattening
        self.positions = positions
        self.problems = problems
        self.constructor = StudyLoader("")
        self.constructors = StudyLoader.yaml_constructors   # tag -> constructor, called directly (no state)
        # Text with no refused character anywhere can only produce one through an escape, which only a
        # double-quoted scalar has: then only those are searched (one search of the whole file instead of
        # one per scalar).  Without the text, every scalar is searched.
        self.search_all = text is None or _BAD_TEXT.search(text) is not None
        # An alias (*name) needs an anchor (&name): a text without '&' has none, so no node can be reached
        # twice and the alias bookkeeping (two sets per collection node) is skipped.
        self.aliases_possible = text is None or "&" in text
        self.seen: set[int] = set()
        self.active: set[int] = set()
        self.alias_depth = 0
        self.alias_values = 0

    def build(self, node: yaml.Node, path: tuple) -> Any:
        """The value of ``node`` at data path ``path``."""
        if type(node) is yaml.ScalarNode:
            self.positions.setdefault(path, (self.file, node.start_mark.line + 1))
            if self.alias_depth:
                self._count_alias_value(node, path)
            return self._scalar(node, path)
        if not self.aliases_possible:
            self.positions.setdefault(path, (self.file, node.start_mark.line + 1))
            if type(node) is yaml.MappingNode or isinstance(node, yaml.MappingNode):
                return self._mapping(node, path) if node.tag == _MAP_TAG else self._bad_tag(node, path)
            if node.tag != _SEQ_TAG:
                return self._bad_tag(node, path)
            build = self.build
            return [build(item, path + (i,)) for i, item in enumerate(node.value)]
        key = id(node)
        if key in self.active:
            raise LimitError(node.start_mark.line + 1, path, "recursive alias: the value contains itself")
        again = key in self.seen
        self.seen.add(key)
        self.alias_depth += again
        if self.alias_depth:
            self._count_alias_value(node, path)
        self.active.add(key)
        try:
            self.positions.setdefault(path, (self.file, node.start_mark.line + 1))
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path) if node.tag == _MAP_TAG else self._bad_tag(node, path)
            if node.tag != _SEQ_TAG:
                return self._bad_tag(node, path)
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        finally:
            self.active.discard(key)
            self.alias_depth -= again

    def _count_alias_value(self, node: yaml.Node, path: tuple) -> None:
        if self.alias_depth:
            self.alias_values += 1
            if self.alias_values > MAX_ALIAS_VALUES:
                raise LimitError(node.start_mark.line + 1, path,
                                 f"aliases (*name) expand to more than {MAX_ALIAS_VALUES} values")

    def _mapping(self, node: yaml.MappingNode, path: tuple) -> dict[str, Any]:
        if self.flatten and any(k.tag == _MERGE_TAG or k.tag == _VALUE_TAG for k, _ in node.value):
            own = sum(1 for k, _ in node.value if k.tag != _MERGE_TAG)
            self.constructor.flatten_mapping(node)  # YAML merge keys (<<) come first
            merged_count = len(node.value) - own
        else:
            merged_count = 0
        plain = not self.search_all and not self.alias_depth   # plain text needs no search (see _scalar)
        if plain and not merged_count:
            return self._plain_mapping(node, path)
        out: dict[str, Any] = {}
        explicit: set[str] = set()
        positions, file, scalar = self.positions, self.file, self._scalar
        scalar_node = yaml.ScalarNode
        for index, (key_node, value_node) in enumerate(node.value):
            from_merge = index < merged_count
            if type(key_node) is not scalar_node and not isinstance(key_node, scalar_node):
                self.problems.append(Problem(file, key_node.start_mark.line + 1,
                                             format_path(path), "mapping keys must be plain text"))
                continue
            if plain and key_node.tag == _STR_TAG and key_node.style != '"':
                key = key_node.value   # what _scalar returns for it, without the call
            else:
                key = scalar(key_node, path)
                key = str(key) if key is not None else "null"
            if key in explicit and not from_merge:
                self.problems.append(Problem(file, key_node.start_mark.line + 1, format_path(path + (key,)),
                                             f"key '{key}' is given twice in this mapping"))
                continue
            if not from_merge:
                explicit.add(key)
            kpath = path + (key,)
            if type(value_node) is scalar_node:
                # the value's line is the more useful one for scalar values
                positions[kpath] = (file, value_node.start_mark.line + 1)
                if plain and value_node.tag == _STR_TAG and value_node.style != '"':
                    out[key] = value_node.value   # as _scalar gives it
                    continue
                if self.alias_depth:
                    self._count_alias_value(value_node, kpath)
                out[key] = scalar(value_node, kpath)
            else:
                positions[kpath] = (file, key_node.start_mark.line + 1)
                out[key] = self.build(value_node, kpath)
        return out

    def _plain_mapping(self, node: yaml.MappingNode, path: tuple) -> dict[str, Any]:
        """:meth:`_mapping` for the common case, same values, positions and problems: no merge key, no alias
        being expanded, no refused character in the file (a key already in ``out`` is a key given twice)."""
        out: dict[str, Any] = {}
        positions, file, scalar, build = self.positions, self.file, self._scalar, self.build
        scalar_node = yaml.ScalarNode
        for key_node, value_node in node.value:
            if type(key_node) is not scalar_node and not isinstance(key_node, scalar_node):
                self.problems.append(Problem(file, key_node.start_mark.line + 1,
                                             format_path(path), "mapping keys must be plain text"))
                continue
            if key_node.tag == _STR_TAG and key_node.style != '"':
                key = key_node.value
            else:
                key = scalar(key_node, path)
                key = str(key) if key is not None else "null"
            if key in out:
                self.problems.append(Problem(file, key_node.start_mark.line + 1, format_path(path + (key,)),
                                             f"key '{key}' is given twice in this mapping"))
                continue
            kpath = path + (key,)
            if type(value_node) is scalar_node:
                positions[kpath] = (file, value_node.start_mark.line + 1)   # a scalar: the value's line
                if value_node.tag == _STR_TAG and value_node.style != '"':
                    out[key] = value_node.value
                else:
                    out[key] = scalar(value_node, kpath)
            else:
                positions[kpath] = (file, key_node.start_mark.line + 1)
                out[key] = build(value_node, kpath)
        return out

    def _scalar(self, node: yaml.ScalarNode, path: tuple) -> Any:
        tag = node.tag
        if tag == _STR_TAG:
            value: Any = node.value
            if not self.search_all and node.style != '"':
                return value   # the file has no refused character and this scalar has no escapes
        elif tag not in _SAFE_TAGS:
            return self._bad_tag(node, path)
        elif (quick := _common_value(tag, node.value)) is not _NOT_COMMON:
            return quick
        else:
            try:   # the constructor itself (construct_object would also remember every node it built)
                value = self.constructors[tag](self.constructor, node)
            except (yaml.YAMLError, ValueError, OverflowError) as exc:  # e.g. an impossible date 2026-02-30
                shown = node.value if len(node.value) <= 40 else node.value[:40] + "..."
                self.problems.append(Problem(self.file, node.start_mark.line + 1, format_path(path),
                                             f"cannot read value {shown!r}: {str(exc).splitlines()[0]}"))
                return None
        if isinstance(value, str):
            bad = _BAD_TEXT.search(value)
            if bad:
                self.problems.append(Problem(self.file, node.start_mark.line + 1, format_path(path),
                                             f"text contains the invisible or control character "
                                             f"U+{ord(bad.group()):04X}: delete it"))
                return None
        return value

    def _bad_tag(self, node: yaml.Node, path: tuple) -> None:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.problems.append(Problem(
            self.file, node.start_mark.line + 1, format_path(path),
            f"tag '{tag}' is not allowed: study files use plain YAML only (no code or object tags)"))
        return None
