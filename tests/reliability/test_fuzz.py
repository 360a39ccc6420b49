"""Hypothesis over the loader: every study text is either loaded or refused with one-line problems."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pse.model import StudyError, load_study

SEED = """\
study: {title: T, headcount: 5}
recommendations:
  - {id: R-1, text: "fix it", due: 2026-12-01}
causes:
  - {id: C-1, description: d, initiating_event: {frequency_per_yr: 0.1}}
rooms:
  - {id: RM-1, name: r, outline: [[0, 0], [4, 0], [4, 3]]}
x: &a [1, 2]
"""
PIECES = ["yes", ".nan", ".inf", "-1", "0", "1e400", "*a", "&b", "!!python/object:os.system", "[", "]", "{", "}",
          "\u200b", "\ufeff", "\x07", "\t", "\n", "  ", ":", "- ", "'", '"', "<<: *a", "include: [/dev/zero]",
          "\u0421-1", "\uff33", "~", "|", ">", "#", "%YAML 1.1\n---\n", "..."]
PROBLEM = re.compile(r"^[^\n:]+(:\d+)?: [^\n]+$")


def _mutate(data: st.DataObject) -> str:
    text = SEED
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        piece = data.draw(st.sampled_from(PIECES) | st.text(max_size=3))
        cut = data.draw(st.integers(0, 3))
        text = text[:at] + piece + text[at + cut:]
    return text


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), database=None,
          phases=("generate",))
@given(st.data())
def test_every_mutant_loads_or_gives_one_line_problems(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "s.yaml"
    path.write_bytes(_mutate(data).encode("utf-8", "surrogatepass"))
    try:
        load_study(path)
    except StudyError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert PROBLEM.match(str(problem)), repr(str(problem))
