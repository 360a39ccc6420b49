"""Sphinx configuration: the pse API reference, built from the docstrings (numpydoc style).

Build: ``pip install ".[docs]" && python -m sphinx -b html docs docs/_build/html``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pse  # noqa: E402

project = "pse"
author = "pse developers"
copyright = "pse developers, Apache-2.0"  # noqa: A001 - Sphinx's name
release = version = pse.__version__

extensions = ["sphinx.ext.autodoc", "sphinx.ext.autosummary", "sphinx.ext.viewcode", "numpydoc"]
autosummary_generate = True
autodoc_default_options = {"members": True, "undoc-members": False, "show-inheritance": False}
autodoc_typehints = "description"
autodoc_mock_imports: list[str] = []
numpydoc_show_class_members = False
numpydoc_validation_checks: set[str] = set()
exclude_patterns = ["_build"]
html_theme = "alabaster"
suppress_warnings = ["autosummary", "autodoc.import_object"]
