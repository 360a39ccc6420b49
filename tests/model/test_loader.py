"""Loading with positions: every value keeps its file and line, includes included."""

from __future__ import annotations

import pytest

from pse.model import StudyError, load_study
from pse.model.loader import load_document


def test_positions_point_at_the_value_line(write_study):
    path = write_study("""\
        study:
          title: T
        scenarios:
          - id: S1
            cause: C1
            consequence: Q1
            severity: S2
        """)
    data, smap = load_document(path)
    assert smap.where(("scenarios", 0, "severity"))[1] == 7
    assert smap.where(("scenarios", 0))[1] == 4
    # a path below a known one falls back to its nearest ancestor
    assert smap.where(("scenarios", 0, "missing", 3))[1] == 4


def test_include_merges_lists_and_keeps_positions(write_study):
    write_study("""\
        causes:
          - id: C2
            description: second
        """, "part/more.yaml")
    main = write_study("""\
        study: {title: T}
        include: [part/more.yaml]
        causes:
          - id: C1
            description: first
        """)
    data, smap = load_document(main)
    assert [c["id"] for c in data["causes"]] == ["C1", "C2"]
    file, line = smap.where(("causes", 1, "description"))
    assert file.endswith("more.yaml") and line == 3


def test_include_error_names_the_included_file_and_line(write_study):
    write_study("""\
        consequences:
          - id: Q1
            description: y
            severity: S9
        """, "part/q.yaml")
    main = write_study("""\
        study: {title: T}
        include: [part/q.yaml]
        """)
    with pytest.raises(StudyError) as info:
        load_study(main)
    (problem,) = info.value.problems
    assert problem.file.endswith("part/q.yaml") and problem.line == 4
    assert problem.field == "consequences[0].severity"


def test_include_cycle_is_refused(write_study):
    write_study("include: [main.yaml]\n", "other.yaml")
    main = write_study("study: {title: T}\ninclude: [other.yaml]\n", "main.yaml")
    with pytest.raises(StudyError) as info:
        load_study(main)
    assert "include cycle" in str(info.value)


def test_key_defined_twice_is_an_error(write_study):
    path = write_study("""\
        study: {title: T}
        risk_matrix: tw-osha-5
        risk_matrix: generic-5x5
        """)
    with pytest.raises(StudyError) as info:
        load_study(path)
    assert "given twice" in str(info.value) and info.value.problems[0].line == 3


def test_yaml_merge_keys_work(write_study):
    path = write_study("""\
        study: {title: T}
        causes:
          - &base {id: C1, description: valve closed}
          - {<<: *base, id: C2}
        """)
    study = load_study(path)
    assert [c.description for c in study.causes] == ["valve closed", "valve closed"]


def test_scenario_severity_defaults_to_its_consequence(write_study):
    path = write_study("""\
        study: {title: T}
        causes: [{id: C1, description: x}]
        consequences: [{id: Q1, description: y, severity: 3}]
        scenarios: [{id: S1, cause: C1, consequence: Q1, likelihood: P2}]
        """)
    study = load_study(path)
    assert study.scenarios[0].severity == "S3"   # rank 3 normalised to the matrix ID
    assert study.get("S1") is study.scenarios[0]
    assert study.where("S1").endswith("study.yaml:4")


def test_plain_and_merged_mappings_report_the_same_problems(write_study):
    # the fast path (no merge key, no refused character in the file) and the general one (a zero-width space
    # in a comment makes every scalar searched): the same duplicate-key and non-text-key problems
    plain = write_study("study: {title: T}\nnodes:\n  - id: N1\n    name: a\n    name: b\n  - {[1, 2]: x, id: N2}\n")
    anchored = write_study("# zero\u200bwidth\nstudy: {title: T}\nnodes:\n  - id: N1\n    name: a\n    name: b\n"
                           "  - {[1, 2]: x, id: N2}\n", name="anchored.yaml")
    texts = []
    for path, offset in ((plain, 0), (anchored, 1)):
        with pytest.raises(StudyError) as info:
            load_document(path)
        texts.append([(p.line - offset, p.field, p.message) for p in info.value.problems])
    assert texts[0] == texts[1] == [(5, "nodes[0].name", "key 'name' is given twice in this mapping"),
                                    (6, "nodes[1]", "mapping keys must be plain text")]
