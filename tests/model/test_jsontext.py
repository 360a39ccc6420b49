"""``study.json`` text: :func:`pse.model.jsontext.indented_json` writes exactly what ``json.dumps`` writes."""

from __future__ import annotations

import json
from enum import Enum

from hypothesis import given
from hypothesis import strategies as st

from pse.model.jsontext import indented_json

LEAVES = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
VALUES = st.recursive(LEAVES, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(), inner, max_size=4), max_leaves=30)


def reference(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


@given(VALUES)
def test_same_text_as_json_dumps(value):
    assert indented_json(value) == reference(value)


def test_hand_written_text():
    # checked by hand: two-space indent, ", " never at line ends, text unescaped, 1e-05 as Python writes it
    assert indented_json({"名稱": "反應器 \"R-1\"", "f": [1e-05, float("inf")], "e": {}, "l": []}) == (
        '{\n  "名稱": "反應器 \\"R-1\\"",\n  "f": [\n    1e-05,\n    Infinity\n  ],\n  "e": {},\n  "l": []\n}')


class Colour(str, Enum):
    RED = "red"


def test_values_it_does_not_write_go_to_json_dumps():
    for value in ({1: "a", "b": 2}, [Colour.RED], {"x": (1, 2)}, [True, 1.5, -0.0]):
        assert indented_json(value) == reference(value)


def test_deep_nesting_matches():
    value: list = []
    for depth in range(80):   # deeper than the precomputed indents
        value = [depth, {"k": value}]
    assert indented_json(value) == reference(value)


def test_study_json_is_the_python_dump_of_every_bundled_study():
    # study.json is built from pydantic's JSON serialiser (faster); it must be the text of the Python-mode dump
    from conftest import bundled_studies
    from pse.model import load_study
    from pse.model.module import normalised_json

    for path in bundled_studies():
        study = load_study(path)
        assert normalised_json(study) == reference(study.model_dump(mode="json", exclude_none=True)) + "\n"


@given(st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from([0.0, -0.0, 5e-324, 1e16, 1e22, 2.0**63]))
def test_a_real_through_the_json_serialiser_keeps_its_text(value):
    from pse.model.module import normalised_json
    from pse.model.schema import Location

    class Holder:   # normalised_json needs only model_dump_json
        def model_dump_json(self, exclude_none):
            return Location(x=value, y=1).model_dump_json(exclude_none=exclude_none)

    assert normalised_json(Holder()) == reference(Location(x=value, y=1).model_dump(
        mode="json", exclude_none=True)) + "\n"
