"""HAZOP: guide word x parameter deviations per node, worksheets, LOPA candidates, Excel round trip.

Python API (imported lazily: ``import pse.hazop`` costs nothing until used):

* :func:`worksheet` (``pse.hazop.worksheet.worksheet``) - the HAZOP worksheet of a study as a DataFrame
* :func:`load_library` - guide words, parameters and the meaningful combinations (study-extensible)
* :func:`plan_deviations` / :func:`generate` - the deviations a study lacks / add them to its files
* :func:`lopa_flag`, :func:`risk_level`, :func:`counts` - the rules (LOPA flag, risk, suggestions)
* :func:`write_workbook` / :func:`import_workbook` - the Excel workbook and the merge back by row ID
"""

from __future__ import annotations

import importlib
import sys
import types

from pse._lazy import lazy_exports

_EXPORTS = {
    "worksheet": "worksheet", "rows": "worksheet", "summary": "worksheet",
    "load_library": "library", "HazopLibrary": "library", "UnknownTermError": "library",
    "plan_deviations": "generate", "plan_suggestions": "generate", "generate": "generate", "accept": "generate",
    "lopa_flag": "rules", "lopa_by_rule": "rules", "risk_level": "rules", "risk_after": "rules",
    "rule_matches": "rules", "counts": "rules",
    "write_workbook": "excel", "import_workbook": "excel", "WorkbookError": "excel",
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS, cache=False)


class _Package(types.ModuleType):
    """Keep ``pse.hazop.worksheet`` / ``generate`` the functions even after their submodules are imported."""

    def __getattribute__(self, name):
        if name in ("worksheet", "generate"):
            return getattr(importlib.import_module(f"pse.hazop.{name}"), name)
        return super().__getattribute__(name)


sys.modules[__name__].__class__ = _Package
