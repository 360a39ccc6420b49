"""``pse library``: every reference library of every module, listable and searchable.

Read-only: the data files in ``src/pse/<module>/data/*.yaml`` are read with ``yaml.safe_load``
and flattened into :class:`LibraryRow` records (module, library, key, value, name, source,
edition, checked) by :func:`pse.library.catalogue.rows`.
"""
