"""Reading pse's own reference-data YAML (the ``data/*.yaml`` libraries and ``labels.yaml`` catalogues) fast.

The package's data files are trusted, small and read at start-up by almost every
command: PyYAML's pure-Python scanner took about 1 s of every ``pse run`` for the
two dozen files.  libyaml's C parser (``yaml.CSafeLoader``) builds the same
values with the same safe constructors and resolvers, about ten times faster;
where PyYAML was built without libyaml the pure-Python ``SafeLoader`` is used.
Study files are *not* read here: they go through :mod:`pse.model.yamlnodes`,
which keeps positions and applies the study's limits.
"""

from __future__ import annotations

from typing import Any


def load_package_yaml(text: str) -> Any:
    """The value of one YAML document of pse's own data (safe tags only).

    >>> load_package_yaml("a: [1, 2.5, x]")
    {'a': [1, 2.5, 'x']}
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # noqa: S506 - CSafeLoader / SafeLoader are the safe loaders
