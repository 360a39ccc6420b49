"""The C composer (libyaml) reads a study exactly as PyYAML's pure-Python composer does, limits included."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pse.model import StudyError, yamlnodes
from pse.model.loader import load_document

STUDY = """\
study: {title: T}
base: &base {description: shared, severity: S2}
consequences:
  - <<: *base
    id: Q1
  - {id: Q2, description: "quoted", severity: 3}
causes:
  - id: C1
    description: >-
      folded text
    initiating_event: {frequency_per_yr: 1e-5, bpcs_failure: yes}
dates: [2026-01-31, null, ~, 0x1F, 1_000, .5]
"=": equals
"""


def _pure_python(monkeypatch):
    monkeypatch.setattr(yamlnodes, "FastStudyLoader", None)


@pytest.mark.skipif(yamlnodes.FastStudyLoader is None, reason="PyYAML built without libyaml")
def test_c_composer_gives_the_same_values_and_lines_as_pure_python(tmp_path, monkeypatch):
    (tmp_path / "part.yaml").write_text("causes:\n  - {id: C2, description: two}\n", encoding="utf-8")
    path = tmp_path / "s.yaml"
    path.write_text(STUDY + "include: [part.yaml]\n", encoding="utf-8")
    fast = load_document(path)
    _pure_python(monkeypatch)
    slow = load_document(path)
    assert fast[0] == slow[0]
    assert fast[1].positions == slow[1].positions
    # hand-checked: YAML 1.2 float, merge key, included list item at its own line
    assert fast[0]["causes"][0]["initiating_event"]["frequency_per_yr"] == 1e-5
    assert fast[0]["consequences"][0]["severity"] == "S2"
    file, line = fast[1].where(("causes", 1, "id"))
    assert file.endswith("part.yaml") and line == 2
    assert fast[1].where(("consequences", 1, "severity"))[1] == 6


def test_nesting_limit_holds_in_the_c_composer():
    with pytest.raises(yaml.YAMLError, match="nested deeper"):
        yamlnodes.compose("a: " + "[" * 5000 + "]" * 5000 + "\n")


def test_refused_file_gets_pure_python_message(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text('study:\n  title: "unclosed\n', encoding="utf-8")
    with pytest.raises(StudyError) as info:
        load_document(path)
    text = str(info.value.problems[0])
    assert ":2:" in text and "while scanning a quoted scalar" in text and "not closed by line 3" in text


def test_alias_budget_holds_with_the_c_composer(tmp_path):
    bomb = "a0: &a0 [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 7))
    path = tmp_path / "s.yaml"
    path.write_text(bomb, encoding="utf-8")
    with pytest.raises(StudyError, match="aliases"):
        load_document(path)


@pytest.mark.parametrize("text, where", [
    ('study: {title: "a\\u200bb"}\n', "study.title"),           # escape in a double-quoted scalar
    ('study: {title: T}\n"k\\u202e": v\n', ""),                   # ... in a key (at its mapping)
    ("study: {title: \"a\u200bb\"}\n", "study.title"),            # the character itself, double-quoted
    ("study: {title: a\u2066b}\n", "study.title"),                # ... plain
    ("study: {title: 'a\u200fb'}\n", "study.title"),              # ... single-quoted
])
def test_refused_characters_are_found_with_or_without_the_whole_text_search(tmp_path, text, where):
    """The builder searches only double-quoted scalars when the whole file has no refused character."""
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StudyError) as info:
        load_document(path)
    problem = info.value.problems[0]
    assert problem.line in (1, 2) and "invisible or control character" in problem.message
    assert problem.field == where


def test_clean_file_with_a_refused_character_in_a_comment_reads_as_before(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("# note\u200b\nstudy: {title: \"T\\tx\", date: 2026-01-31}\nn: [1, 1.5, yes, ~]\n",
                    encoding="utf-8")
    data, _ = load_document(path)
    import datetime
    assert data == {"study": {"title": "T\tx", "date": datetime.date(2026, 1, 31)}, "n": [1, 1.5, True, None]}


_SCALARS = (st.none() | st.booleans() | st.integers(-10**6, 10**6)
            | st.floats(allow_nan=False, allow_infinity=False, width=64)
            | st.dates() | st.text(st.characters(blacklist_categories=("Cs",)), max_size=8))
_DOCS = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(st.text("abcxyz_-", min_size=1, max_size=4), inner, max_size=4),
                     max_leaves=20)


@settings(max_examples=150, deadline=None, database=None)
@given(doc=st.dictionaries(st.text("abcdef", min_size=1, max_size=3), _DOCS, min_size=1, max_size=4),
       flow=st.sampled_from([None, True, False]), quotes=st.sampled_from(['"', "'", None]))
def test_builder_reads_generated_documents_as_pyyaml_constructs_them(tmp_path_factory, doc, flow, quotes):
    """Generated documents (every style PyYAML writes) read as PyYAML's own safe constructor reads them.

    The reference is ``yaml.load`` with :class:`StudyLoader` (pse's resolvers, PyYAML's constructor); pse's
    builder must give the same values, or refuse the text with a problem (refused characters).
    """
    text = yaml.dump(doc, default_flow_style=flow, default_style=quotes, allow_unicode=True, sort_keys=False)
    path = tmp_path_factory.mktemp("doc") / "s.yaml"
    path.write_text(text, encoding="utf-8")
    expected = yaml.load(text, Loader=yamlnodes.StudyLoader)  # noqa: S506 - pse's safe loader
    try:
        data, smap = load_document(path)
    except StudyError as exc:
        assert all("invisible or control character" in p.message or "not allowed in a study file" in p.message
                   for p in exc.problems), exc.problems
        return
    assert data == expected
    assert all(line >= 1 for _, line in smap.positions.values() if line is not None)


_NUMBER_TEXT = st.from_regex(r"\A[-+]?(0|[0-9]{1,4}|0[0-7]{1,3}|[0-9]{1,3}\.[0-9]{0,3}([eE][-+]?[0-9]{1,2})?"
                             r"|\.inf|\.nan|[0-9]_[0-9]{3}|0x1F|1:30)\Z")
_BOOL_TEXT = st.sampled_from(["yes", "No", "TRUE", "false", "on", "Off", "y", "n"])


@given(_NUMBER_TEXT | _BOOL_TEXT)
def test_the_quick_path_for_numbers_and_booleans_gives_pyyaml_s_value(text):
    # every plain scalar the quick path reads must come out as PyYAML's own constructor reads it
    import math

    node = yaml.compose(f"v: {text}", Loader=yaml.SafeLoader).value[0][1]
    tag = yamlnodes.StudyLoader("").resolve(yaml.ScalarNode, text, (True, False))
    quick = yamlnodes._common_value(tag, text)
    if quick is yamlnodes._NOT_COMMON:
        return
    node.tag = tag
    expected = yamlnodes.StudyLoader.yaml_constructors[tag](yamlnodes.StudyLoader(""), node)
    assert type(quick) is type(expected)
    assert quick == expected or (math.isnan(quick) and math.isnan(expected))
    if isinstance(quick, float):
        assert math.copysign(1, quick) == math.copysign(1, expected)


def test_the_quick_path_leaves_octal_and_special_floats_to_pyyaml():
    assert yamlnodes._common_value("tag:yaml.org,2002:int", "010") is yamlnodes._NOT_COMMON   # YAML 1.1: 8
    assert yamlnodes._common_value("tag:yaml.org,2002:float", ".inf") is yamlnodes._NOT_COMMON
    assert yamlnodes._common_value("tag:yaml.org,2002:float", "1_000.5") is yamlnodes._NOT_COMMON
    assert yamlnodes._common_value("tag:yaml.org,2002:float", "1.5e-05") == 1.5e-05
