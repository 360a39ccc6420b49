"""The traceability walk descends only into fields that may lead to a recommendation (issue 19).

:func:`pse.model.trace.recommendation_sources` skips the fields whose type can hold no
``recommendation(s)`` field at any depth.  Checked against an independent walk over the plain YAML
data of every bundled study: every reference a row makes to a recommendation is still found, with
the row (nearest object with an ID above it) that makes it.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from pse.model.core import Obj

ROOT = Path(__file__).resolve().parents[2]
STUDIES = sorted((ROOT / "worksheets").glob("*.yaml"))


def _raw_sources(data: dict) -> dict[str, set[str]]:
    """Recommendation ID -> IDs of the rows that name it, read from the plain data (no model)."""
    sources: dict[str, set[str]] = defaultdict(set)

    def walk(value, owner):
        if isinstance(value, list):
            for item in value:
                walk(item, owner)
        elif isinstance(value, dict):
            owner = value.get("id") or owner
            for key, item in value.items():
                if key in ("recommendations", "recommendation") and owner:
                    for rec in item if isinstance(item, list) else [item]:
                        if isinstance(rec, str):
                            sources[rec].add(owner)
                else:
                    walk(item, owner)

    for key, value in data.items():
        if key != "recommendations":   # the recommendations themselves, not references to them
            walk(value, None)
    return dict(sources)


@pytest.mark.parametrize("path", STUDIES, ids=lambda p: p.name)
def test_every_recommendation_reference_is_found(path, monkeypatch):
    from pse.model import StudyError, load_study
    from pse.model.loader import load_document
    from pse.model.trace import recommendation_sources

    monkeypatch.chdir(ROOT)
    try:
        study = load_study(path.relative_to(ROOT), module_checks=False)
    except StudyError:
        pytest.skip("an example of a refused study")
    data, _ = load_document(path.relative_to(ROOT))
    found = {rec: set(rows) for rec, rows in recommendation_sources(study).items()}
    assert found == _raw_sources(data)


class _Action(Obj):
    recommendation: str | None = None


class _Measure(Obj):
    actions: list[_Action] = []


class _Plain(Obj):
    name: str = ""
    parts: list[_Plain] = []   # a class inside itself, holding no recommendation


class _Row(Obj):
    id: str
    plain: _Plain | None = None
    measures: list[_Measure] = []
    extra: Any = None


def test_which_fields_may_lead_to_a_recommendation():
    from pse.model.walk import _may_reach_recommendations, class_plan

    assert _may_reach_recommendations(_Measure)            # two levels down
    assert not _may_reach_recommendations(_Plain)          # recursive, and never one
    assert _may_reach_recommendations(Any)                 # anything may
    assert [name for name, _ in class_plan(_Row).trace] == ["measures", "extra"]


def test_a_nested_action_counts_for_its_row():
    from pse.model.trace import recommendation_sources

    row = _Row(id="T-1", plain=_Plain(parts=[_Plain()]), measures=[_Measure(actions=[_Action(recommendation="R-1")])],
               extra=_Action(recommendation="R-2"))
    assert recommendation_sources(_Measure(actions=[_Action(recommendation="R-1")])) == {}   # no row owns it
    assert recommendation_sources(row) == {"R-1": ["T-1"], "R-2": ["T-1"]}
