"""The README's promises: its two commands are what CI runs, its examples run, the schema file is current."""

from __future__ import annotations

import doctest
import json
import re

from conftest import ROOT


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_exactly_the_readme_setup_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.+?)\n```", _readme(), flags=re.S)
    setup = [b.strip() for b in blocks[:2]]
    assert len(setup) == 2
    assert setup[0].startswith("pip install . && pse run worksheets/")
    assert "pytest" in setup[1]
    for command in setup:
        assert command in ci, f"CI does not run the README command: {command}"


def test_readme_python_examples_run():
    parser = doctest.DocTestParser()
    examples = "\n".join(re.findall(r"```python\n(.+?)```", _readme(), flags=re.S))
    test = parser.get_doctest(examples, {}, "README", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0 and runner.tries > 0


def test_committed_schema_matches_the_model():
    from pse.model.jsonschema import study_schema

    committed = json.loads((ROOT / "schema" / "study.schema.json").read_text(encoding="utf-8"))
    assert committed == study_schema(), "run: pse schema --out schema/study.schema.json"
