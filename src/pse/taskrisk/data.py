"""Reference data of the task risk assessment, read from versioned YAML in ``data/``.

* ``hazard_types.yaml`` - the 22 hazard types (災害類型) of seed 002, with zh-TW and
  English names; a study adds or overrides entries under ``task_risk.hazard_types``.
* ``worksheet_versions.yaml`` - the basic / standard / system worksheet layouts of seed 004.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")
LABELS = str(Path(__file__).with_name("labels.yaml"))


@cache
def _read(name: str) -> dict:
    from pse.packagedata import load_package_yaml

    return load_package_yaml((DATA / name).read_text(encoding="utf-8"))


def hazard_types(overrides: dict | None = None) -> dict[str, dict]:
    """The hazard-type taxonomy: key -> ``{'number', 'zh-TW', 'en', 'description'}``.

    Source: ``data/hazard_types.yaml`` (seed 002, items (1)-(22)); ``overrides``
    (the study's ``task_risk.hazard_types``) add or replace entries.

    >>> types = hazard_types()
    >>> len(types), types['caught_in']['zh-TW'], types['fall']['number']
    (22, '被夾、被捲', 1)
    >>> hazard_types({'biohazard': {'en': 'Biological agent', 'zh-TW': '生物性危害'}})['biohazard']['en']
    'Biological agent'
    """
    types = {key: dict(entry) for key, entry in _read("hazard_types.yaml")["types"].items()}
    for key, entry in (overrides or {}).items():
        types[key] = {**types.get(key, {}), **entry}
    return types


def hazard_types_provenance() -> dict:
    """Source, edition and ``checked`` flag of the hazard-type data."""
    data = _read("hazard_types.yaml")
    return {k: data.get(k) for k in ("source", "edition", "checked", "checked_against")}


def worksheet_layouts() -> dict:
    """The three worksheet versions: ``{'basic': {'applies', 'title', 'columns'}, ...}``.

    Source: ``data/worksheet_versions.yaml`` (seed 004 forms).

    >>> [len(v['columns']) for v in worksheet_layouts().values()]
    [4, 7, 19]
    """
    return _read("worksheet_versions.yaml")["versions"]


def header_block_keys() -> list[str]:
    """Header-block fields of every version: company, department, date, assessors, reviewer."""
    return list(_read("worksheet_versions.yaml")["header_block"])
