"""Lazy package exports: ``import pse.lopa`` costs nothing until a name is used.

Packages list ``{name: submodule}`` and get their module-level ``__getattr__``
and ``__dir__`` from :func:`lazy_exports`, so ``pse --help`` never imports
numpy, pandas or pydantic through a package ``__init__``.  This is the one way
pse packages export names.

A name may be both an export and a submodule (``pse.lopa.evaluate`` is the
function *and* ``pse/lopa/evaluate.py``).  Importing a submodule makes Python
set it as an attribute of its package, which would hide the function; the
package's module class therefore keeps the exported object under that name
(the submodule stays importable as ``pse.lopa.evaluate`` in ``sys.modules`` and
through ``from pse.lopa.evaluate import ...``).
"""

from __future__ import annotations

import importlib
import sys
import types


class LazyPackage(types.ModuleType):
    """A package module whose exported names are never shadowed by its submodules."""

    def __setattr__(self, name: str, value) -> None:
        exports = self.__dict__.get("_lazy_exports") or {}
        if (name in exports and isinstance(value, types.ModuleType)
                and value.__name__ == f"{self.__name__}.{name}"):
            value = _resolve(self.__name__, exports[name], name)
        super().__setattr__(name, value)


def _resolve(package: str, source: str, name: str):
    module = source if "." in source else f"{package}.{source}"
    return getattr(importlib.import_module(module), name)


def lazy_exports(package: str, exports: dict[str, str], cache: bool = True):
    """``(__getattr__, __dir__, __all__)`` for ``package`` exporting ``name`` from ``package.submodule``.

    ``exports`` maps each public name to its submodule (relative, ``"views"``, or
    dotted, ``"pse.model.errors"``).  With ``cache`` the first lookup stores the
    value in the package, so later lookups are plain attribute reads.
    """
    names = sorted(exports)
    module = sys.modules[package]
    module.__dict__["_lazy_exports"] = dict(exports)
    if not isinstance(module, LazyPackage):
        module.__class__ = LazyPackage
    for name in exports:   # a submodule imported before this call (rare) must not hide the export
        if isinstance(module.__dict__.get(name), types.ModuleType):
            del module.__dict__[name]

    def __getattr__(name: str):
        source = exports.get(name)
        if source is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = _resolve(package, source, name)
        if cache:
            setattr(sys.modules[package], name, value)
        return value

    def __dir__():
        return sorted(set(vars(sys.modules[package])) | set(names))

    return __getattr__, __dir__, names
