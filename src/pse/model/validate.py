"""Validate a loaded study document and turn it into a :class:`~pse.model.schema.Study`.

Three passes, each reporting *every* problem with ``file:line: field: message``:

1. structure - unknown keys (with a did-you-mean suggestion) and types, via the
   pydantic model;
2. identity - every ID unique in the whole study, every reference resolved to
   an object of the right kind;
3. meaning - severity and likelihood are levels of the matrix in force, plus the
   checks each module registers (see :mod:`pse.registry`).
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from pse.model.errors import Problem, StudyError
from pse.model.loader import SourceMap, load_document
from pse.model.schema import Obj, Study
from pse.model.types import Ref


# --------------------------------------------------------------------------- pass 1
def _unwrap(annotation: Any) -> Any:
    """Strip Optional/Annotated/Union-with-None to the core annotation."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin is typing.Union or str(origin) == "types.UnionType":
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _model_at(root: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that validates the mapping at data path ``loc``."""
    current: Any = root
    for part in loc:
        current = _unwrap(current)
        origin = typing.get_origin(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part) if isinstance(part, str) else None
            if field is None:
                return None
            current = field.annotation
        elif origin in (list, tuple) and isinstance(part, int):
            current = typing.get_args(current)[0]
        elif origin is dict and isinstance(part, str):
            current = typing.get_args(current)[1]
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _data_path(data: Any, loc: tuple) -> tuple:
    """Keep the parts of a pydantic ``loc`` that are real keys/indexes of ``data``."""
    path: list = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not part.startswith(("function-", "union")):
            path.append(part)  # a missing required field: keep its name for the message
            node = None
    return tuple(path)


def _message(error: dict, data: Any, path: tuple) -> str:
    kind = error["type"]
    msg = error["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    if msg.startswith("Assertion failed, "):
        msg = msg[len("Assertion failed, "):]
    if kind == "extra_forbidden":
        key = path[-1] if path else "?"
        model = _model_at(Study, path[:-1])
        allowed = sorted(model.model_fields) if model else []
        close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else (
            f" (allowed: {', '.join(allowed)})" if allowed and len(allowed) <= 12 else "")
        return f"unknown key '{key}'{hint}"
    if kind == "missing":
        return "required field is missing"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        value = error.get("input")
        close = difflib.get_close_matches(str(value), [e.strip(" '") for e in expected.replace(" or ", ",").split(",")], n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"{value!r} is not one of {expected}{hint}"
    if kind in ("string_type", "int_type", "float_type", "bool_type", "list_type", "dict_type",
                "model_type", "model_attributes_type", "date_type", "date_from_datetime_parsing",
                "int_parsing", "float_parsing", "bool_parsing", "date_parsing"):
        return f"{msg.rstrip('.').lower()}, got {error.get('input')!r}"
    return msg


def _structure_problems(data: dict, smap: SourceMap, error: ValidationError) -> list[Problem]:
    problems = []
    seen = set()
    for err in error.errors(include_url=False):
        path = _data_path(data, err["loc"])
        text = _message(err, data, path)
        key = (path, text)
        if key in seen:
            continue
        seen.add(key)
        problems.append(smap.problem(path, text))
    return problems


# --------------------------------------------------------------------------- pass 2
def _ref_of(annotation: Any) -> tuple[Ref | None, bool]:
    """``(Ref, is_list)`` when a field annotation is a reference (or list of them)."""
    def find(ann):
        if typing.get_origin(ann) is typing.Annotated:
            for meta in typing.get_args(ann)[1:]:
                if isinstance(meta, Ref):
                    return meta
            return find(typing.get_args(ann)[0])
        if typing.get_origin(ann) is typing.Union or str(typing.get_origin(ann)) == "types.UnionType":
            for a in typing.get_args(ann):
                r = find(a)
                if r:
                    return r
        return None

    inner = _unwrap(annotation)
    if typing.get_origin(inner) is list:
        return find(typing.get_args(inner)[0]), True
    return find(annotation), False


def iter_objects(obj: Any, path: tuple = ()) -> Iterator[tuple[Obj, tuple]]:
    """Every model object in the study with its data path (depth first)."""
    if isinstance(obj, Obj):
        yield obj, path
        for name in type(obj).model_fields:
            yield from iter_objects(getattr(obj, name), path + (name,))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from iter_objects(item, path + (i,))
    elif isinstance(obj, dict):
        for key, item in obj.items():
            if isinstance(item, Obj):
                yield from iter_objects(item, path + (key,))


def _identity_problems(study: Study, smap: SourceMap) -> list[Problem]:
    problems: list[Problem] = []
    index: dict[str, tuple[Obj, tuple]] = {}
    identified = [(obj, path) for obj, path in iter_objects(study)
                  if getattr(obj, "id", None) is not None and type(obj).kind != "object"]

    def position(item):
        file, line = smap.where(item[1] + ("id",))
        return (file != smap.main_file, file, line or 0)

    for obj, path in sorted(identified, key=position):
        oid = obj.id
        if oid in index:
            first = smap.where(index[oid][1] + ("id",))
            problems.append(smap.problem(path + ("id",), f"duplicate ID '{oid}' (first used at "
                                                         f"{first[0]}:{first[1]})"))
        else:
            index[oid] = (obj, path)
    study._index = index
    for obj, path in iter_objects(study):
        for name, field in type(obj).model_fields.items():
            ref = next((m for m in field.metadata if isinstance(m, Ref)), None)
            is_list = False
            if ref is None:
                ref, is_list = _ref_of(field.annotation)
            if ref is None:
                continue
            value = getattr(obj, name)
            values = value if is_list else [value]
            for i, target in enumerate(values):
                if target is None:
                    continue
                fpath = path + (name, i) if is_list else path + (name,)
                if target not in index:
                    known = [k for k, (o, _) in index.items() if ref.kind in ("*", type(o).kind)]
                    close = difflib.get_close_matches(target, known, n=1, cutoff=0.6)
                    hint = f" (did you mean '{close[0]}'?)" if close else ""
                    problems.append(smap.problem(fpath, f"refers to {ref.kind if ref.kind != '*' else 'object'} "
                                                        f"'{target}', which is not in the study{hint}"))
                    continue
                found = type(index[target][0]).kind
                if ref.kind != "*" and found != ref.kind:
                    problems.append(smap.problem(fpath, f"'{target}' is a {found}, not a {ref.kind}"))
                elif is_list and target in values[:i]:
                    problems.append(smap.problem(fpath, f"'{target}' is listed twice"))
    return problems


# --------------------------------------------------------------------------- pass 3
def matrix_for(study: Study, name: str | None = None):
    """The risk matrix called ``name`` (default: the study's), preset or declared."""
    from pse.risk import load_matrix

    return load_matrix(name or study.risk_matrix, declared=study.risk_matrices)


_LEVEL_FIELDS = {
    "severity": "severity", "severity_after": "severity", "residual_severity": "severity",
    "likelihood": "likelihood", "likelihood_after": "likelihood", "residual_likelihood": "likelihood",
}


def _level_problems(study: Study, smap: SourceMap) -> list[Problem]:
    """Severity/likelihood fields must be levels of the matrix in force; normalise them to IDs."""
    from pse.risk import LevelError, UnknownMatrixError

    problems: list[Problem] = []
    matrices: dict[str, Any] = {}

    def get(name: str, path: tuple):
        if name not in matrices:
            try:
                matrices[name] = matrix_for(study, name)
            except (UnknownMatrixError, KeyError, ValueError) as exc:
                problems.append(smap.problem(path, str(exc).strip('"')))
                matrices[name] = None
        return matrices[name]

    get(study.risk_matrix, ("risk_matrix",))
    for obj, path in iter_objects(study):
        if type(obj).kind == "failure_mode":
            continue  # FMEA uses 1-10 rating scales, not the risk matrix
        name = getattr(obj, "risk_matrix", None) or study.risk_matrix
        for field, axis in _LEVEL_FIELDS.items():
            if field not in type(obj).model_fields:
                continue
            value = getattr(obj, field)
            if value is None:
                continue
            matrix = get(name, path + ("risk_matrix",) if getattr(obj, "risk_matrix", None) else ("risk_matrix",))
            if matrix is None:
                continue
            try:
                normal = getattr(matrix, axis)(value)
            except LevelError as exc:
                problems.append(smap.problem(path + (field,), str(exc)))
                continue
            object.__setattr__(obj, field, normal)
    # a scenario's severity defaults to its consequence's, when both use the same matrix
    for scenario in study.scenarios:
        consequence = study.get(scenario.consequence)
        if scenario.severity is None and consequence is not None and consequence.severity is not None:
            if (scenario.risk_matrix or study.risk_matrix) == (consequence.risk_matrix or study.risk_matrix):
                object.__setattr__(scenario, "severity", consequence.severity)
    return problems


def _pfd_problems(study: Study, smap: SourceMap) -> list[Problem]:
    """A SIF subsystem whose simplified PFDavg exceeds 1 is physically impossible.

    PFDavg(1oo1) ~ lambda_DU (T1/2 + MRT) + lambda_DD MTTR (IEC 61508-6:2010 B.3.2.2.1, eq. B.2-B.4);
    the other architectures are lower, and every simplified equation holds only for lambda T1 << 1.
    A subsystem whose 1oo1 value is above 1 has failure rates or intervals typed in the wrong units.
    """
    problems: list[Problem] = []
    for obj, path in iter_objects(study):
        if not hasattr(obj, "lambda_du_per_h") or not hasattr(obj, "proof_test_interval_h"):
            continue
        mrt = obj.mrt_h if obj.mrt_h is not None else obj.mttr_h
        pfd = obj.lambda_du_per_h * (obj.proof_test_interval_h / 2 + mrt) + obj.lambda_dd_per_h * obj.mttr_h
        if pfd > 1:
            problems.append(smap.problem(path + ("lambda_du_per_h",), (
                f"PFDavg would be {pfd:.3g} > 1 (lambda_DU x (T1/2 + MRT) + lambda_DD x MTTR): rates are per "
                "hour and intervals in hours; check the units")))
    return problems


# --------------------------------------------------------------------------- entry points
def validate_document(data: Any, smap: SourceMap, *, module_checks: bool = True) -> Study:
    """Validate a document already read by :func:`pse.model.loader.load_document`."""
    if not isinstance(data, dict):
        raise StudyError([smap.problem((), "a study file must be a mapping of sections")])
    try:
        study = Study.model_validate(data)
    except ValidationError as exc:
        raise StudyError(_structure_problems(data, smap, exc)) from None
    study._source = smap
    problems = _identity_problems(study, smap)
    problems += _level_problems(study, smap)
    problems += _pfd_problems(study, smap)
    if not problems and module_checks:
        from pse.registry import module_problems

        problems += module_problems(study)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise StudyError(problems)
    study._warnings = [p for p in problems if p.severity != "error"]
    return study


def load_study(path, *, module_checks: bool = True) -> Study:
    """Load, validate and return the study at ``path``.

    Raises :class:`~pse.model.errors.StudyError` with every problem found, each
    reading ``file:line: field: message``.
    """
    data, smap = load_document(path)
    return validate_document(data, smap, module_checks=module_checks)


def warnings_of(study: Study) -> list[Problem]:
    """Lint warnings found while validating (empty when none)."""
    return list(study._warnings)
