"""`pse schema` gives a JSON Schema that validates every bundled study."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import bundled_studies
from pse.cli import cli
from pse.model.loader import load_document


def _as_editor_sees_it(value):
    """Dates become strings, as a YAML editor validating against the schema sees them."""
    if isinstance(value, dict):
        return {k: _as_editor_sees_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees_it(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def schema():
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_schema_is_a_valid_json_schema(schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    assert {"study", "scenarios", "causes", "release_sources", "include"} <= set(schema["properties"])


@pytest.mark.parametrize("path", bundled_studies(), ids=lambda p: p.name)
def test_schema_validates_bundled_study(schema, path):
    data, _ = load_document(path)
    jsonschema.validate(_as_editor_sees_it(data), schema)


def test_schema_rejects_unknown_key_and_bad_probability(schema):
    validator = jsonschema.Draft202012Validator(schema)
    bad = {"study": {"title": "T"}, "causes": [{"id": "C1", "description": "x", "colour": "red"}]}
    assert list(validator.iter_errors(bad)), "unknown key should be rejected by the schema"
    bad_type = {"study": {"title": "T"}, "study_typo": 1}
    assert list(validator.iter_errors(bad_type))


def test_schema_out_file_is_written(tmp_path):
    out = tmp_path / "schema.json"
    result = CliRunner().invoke(cli, ["schema", "--out", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text())["title"] == "pse study file"
