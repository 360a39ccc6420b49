"""Lazy package exports: ``import pse.lopa`` costs nothing until a name is used.

Packages list ``{name: submodule}`` and get their module-level ``__getattr__``
and ``__dir__`` from :func:`lazy_exports`, so ``pse --help`` never imports
numpy, pandas or pydantic through a package ``__init__``.
"""

from __future__ import annotations

import importlib
import sys


def lazy_exports(package: str, exports: dict[str, str], cache: bool = True):
    """``(__getattr__, __dir__, __all__)`` for ``package`` exporting ``name`` from ``package.submodule``.

    With ``cache`` the first lookup stores the value in the package, so later
    lookups are plain attribute reads.
    """
    names = sorted(exports)

    def __getattr__(name: str):
        submodule = exports.get(name)
        if submodule is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{submodule}"), name)
        if cache:
            setattr(sys.modules[package], name, value)
        return value

    def __dir__():
        return sorted(set(vars(sys.modules[package])) | set(names))

    return __getattr__, __dir__, names
