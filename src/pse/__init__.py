"""pse - process-safety engineering toolkit.

One study file (YAML) describes a plant, a process or a machine; every module
(HAZOP, task risk, LOPA/SIL, FMEA, machinery, hazardous-area zoning) is a view of it.
Imports are lazy so that the command line starts fast.
"""

__version__ = "0.1.0"

__all__ = ["__version__", "load_study"]


def load_study(path):
    """Load and validate a study file; see :func:`pse.model.load_study`."""
    from pse.model import load_study as _load

    return _load(path)
