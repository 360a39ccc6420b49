"""The study model: loading with positions, validation, and the object classes.

Names are imported lazily so that importing a sub-module (for example the
registry entry ``pse.model.module``) does not pull in pydantic.

>>> from pse.model import load_study  # doctest: +SKIP
>>> study = load_study("worksheets/electronics-plant.yaml")  # doctest: +SKIP
"""

from pse._lazy import lazy_exports

_EXPORTS = {
    "Problem": "pse.model.errors",
    "StudyError": "pse.model.errors",
    "load_study": "pse.model.validate",
    "validate_document": "pse.model.validate",
    "warnings_of": "pse.model.validate",
    "matrix_for": "pse.model.validate",
    "iter_objects": "pse.model.validate",
    "Study": "pse.model.study",
}

__getattr__, __dir__, __all__ = lazy_exports(__name__, _EXPORTS)
