"""Walking a validated study: every object once, with what each model class holds worked out once.

Validation, lint and traceability all visit every object of the study.  Reading a
class's field annotations (which fields are references, which may hold objects,
which are risk-matrix levels) is far dearer than visiting an object, so it is done
once per class (:func:`class_plan`) and every walk only reads the plan.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from pse.model.core import Obj
from pse.model.types import Ref

#: severity and likelihood fields, checked against the risk matrix in force (axis of each)
LEVEL_FIELDS = {
    "severity": "severity", "severity_after": "severity", "residual_severity": "severity",
    "likelihood": "likelihood", "likelihood_after": "likelihood", "residual_likelihood": "likelihood",
}
RECOMMENDATION_FIELDS = ("recommendations", "recommendation")


def unwrap(annotation: Any) -> Any:
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


def _find_ref(annotation: Any) -> Ref | None:
    if typing.get_origin(annotation) is typing.Annotated:
        for meta in typing.get_args(annotation)[1:]:
            if isinstance(meta, Ref):
                return meta
        return _find_ref(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) is typing.Union or str(typing.get_origin(annotation)) == "types.UnionType":
        for arg in typing.get_args(annotation):
            found = _find_ref(arg)
            if found:
                return found
    return None


def ref_of(annotation: Any, metadata: list | tuple = ()) -> tuple[Ref | None, bool]:
    """``(Ref, is_list)`` when a field annotation is a reference (or a list of them)."""
    found = next((m for m in metadata if isinstance(m, Ref)), None)
    if found is not None:
        return found, False
    inner = unwrap(annotation)
    if typing.get_origin(inner) is list:
        return _find_ref(typing.get_args(inner)[0]), True
    return _find_ref(annotation), False


def _may_hold_objects(annotation: Any) -> bool:
    """Whether a value of this annotation can contain a model object (conservative)."""
    if annotation is Any or annotation is object:
        return True
    if isinstance(annotation, type):
        return issubclass(annotation, BaseModel)
    return any(_may_hold_objects(arg) for arg in typing.get_args(annotation)
               if not isinstance(arg, (str, int, float, bool, Ref)) and arg is not None)


def _may_reach_recommendations(annotation: Any, seen: frozenset = frozenset()) -> bool:
    """Whether a value of this annotation can contain a ``recommendation(s)`` field, at any depth (conservative).

    A model class can when it, one of its subclasses, or the annotation of one of its fields can; ``Any``
    always can.  The traceability walk (:func:`pse.model.trace.recommendation_sources`) descends only into
    such fields, so it never visits the thousands of objects that cannot lead to a recommendation.
    """
    if annotation is Any or annotation is object:
        return True
    if isinstance(annotation, type):
        if not issubclass(annotation, BaseModel):
            return False
        return any(_class_reaches_recommendations(cls, seen) for cls in _with_subclasses(annotation))
    return any(_may_reach_recommendations(arg, seen) for arg in typing.get_args(annotation)
               if not isinstance(arg, (str, int, float, bool, Ref)) and arg is not None)


def _with_subclasses(cls: type) -> list[type]:
    found, stack = [], [cls]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(current.__subclasses__())
    return found


def _class_reaches_recommendations(cls: type[BaseModel], seen: frozenset) -> bool:
    if cls in seen:   # a class inside itself: the answer comes from its other fields
        return False
    seen = seen | {cls}
    return any(name in RECOMMENDATION_FIELDS or _may_reach_recommendations(info.annotation, seen)
               for name, info in cls.model_fields.items())


@dataclass(frozen=True)
class ClassPlan:
    """What one model class holds: its references, the fields that may hold objects, its level fields."""

    refs: tuple[tuple[str, Ref, bool], ...]      # (field, reference kind, is a list of references)
    children: tuple[str, ...]                     # fields that may hold model objects, in field order
    levels: tuple[tuple[str, str], ...]           # (field, matrix axis)
    trace: tuple[tuple[str, bool], ...]           # (field, is a recommendation field), in field order: the
    #                                               recommendation fields and those that may lead to one
    subsystem: bool                               # has lambda_DU and a proof-test interval (a SIF subsystem)
    identified: bool = False                      # has an ``id`` field (read directly, never through getattr's
    #                                               fallback: pydantic's ``__getattr__`` costs microseconds)


@cache
def class_plan(cls: type[BaseModel]) -> ClassPlan:
    """The :class:`ClassPlan` of a model class (worked out once per class)."""
    refs, children, trace = [], [], []
    for name, info in cls.model_fields.items():
        ref, is_list = ref_of(info.annotation, info.metadata)
        if ref is not None:
            refs.append((name, ref, is_list))
        holds = _may_hold_objects(info.annotation)
        if holds:
            children.append(name)
        if name in RECOMMENDATION_FIELDS or (holds and _may_reach_recommendations(info.annotation)):
            trace.append((name, name in RECOMMENDATION_FIELDS))
    levels = tuple((name, axis) for name, axis in LEVEL_FIELDS.items() if name in cls.model_fields)
    subsystem = "lambda_du_per_h" in cls.model_fields and "proof_test_interval_h" in cls.model_fields
    return ClassPlan(tuple(refs), tuple(children), levels, tuple(trace), subsystem, "id" in cls.model_fields)


#: what a value is for a walk, by its type: an object, a list, a mapping, or a leaf (text, number...)
OBJECT, LIST, MAPPING, LEAF = 1, 2, 3, 4   # all true, so `cache.get(t) or shape_of(t)` works
_SHAPES: dict[type, int] = {}


def shape_of(cls: type) -> int:
    """:data:`OBJECT`, :data:`LIST`, :data:`MAPPING` or :data:`LEAF` for values of type ``cls`` (cached).

    ``isinstance(value, Obj)`` goes through the ABC machinery of pydantic's metaclass (about a
    microsecond, most of it for values that are *not* objects); a walk over 10^6 values asks once per type.
    """
    shape = _SHAPES.get(cls)
    if shape is None:
        shape = OBJECT if issubclass(cls, Obj) else LIST if issubclass(cls, list) else \
            MAPPING if issubclass(cls, dict) else LEAF
        _SHAPES[cls] = shape
    return shape


def iter_objects(obj: Any, path: tuple = ()) -> Iterator[tuple[Obj, tuple]]:
    """Every model object in the study with its data path (depth first, fields in declared order).

    One explicit stack instead of nested generators (a study of 10^5 scenarios has about 10^6 objects and
    values to visit); the order is that of the recursive walk: an object, then each of its fields that may
    hold objects, in declared order; list items in order; in a mapping, the values that are objects.
    """
    shapes = _SHAPES
    plans: dict[type, tuple[str, ...]] = {}
    stack: list[tuple[Any, tuple]] = [(obj, path)]
    pop, push = stack.pop, stack.append
    while stack:
        obj, path = pop()
        cls = type(obj)
        shape = shapes.get(cls)
        if shape is None:
            shape = shape_of(cls)
        if shape == OBJECT:
            yield obj, path
            children = plans.get(cls)
            if children is None:
                children = plans[cls] = tuple(reversed(class_plan(typing.cast("type[BaseModel]", cls)).children))
            for name in children:
                value = getattr(obj, name)
                if (shapes.get(type(value)) or shape_of(type(value))) != LEAF:
                    push((value, path + (name,)))
        elif shape == LIST:
            for i in range(len(obj) - 1, -1, -1):
                item = obj[i]
                if (shapes.get(type(item)) or shape_of(type(item))) != LEAF:
                    push((item, path + (i,)))
        elif shape == MAPPING:
            for key, item in reversed(list(obj.items())):
                if (shapes.get(type(item)) or shape_of(type(item))) == OBJECT:
                    push((item, path + (key,)))
