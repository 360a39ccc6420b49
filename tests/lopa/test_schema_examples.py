"""Every example in the JSON Schema validates, and every library key a description names exists."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "schema" / "study.schema.json").read_text("utf-8"))


def _nodes(node, path=()):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _nodes(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _nodes(value, path + (i,))


EXAMPLES = [(path, node, example) for path, node in _nodes(SCHEMA) for example in node.get("examples", [])
            if isinstance(node, dict) and isinstance(node.get("examples"), list)]


def test_the_schema_has_examples():
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("path,node,example", EXAMPLES, ids=[".".join(map(str, p)) for p, _, _ in EXAMPLES])
def test_each_example_validates_against_the_schema_and_the_model(path, node, example):
    import jsonschema

    from pse.model import schema as model

    jsonschema.validate(example, {"$defs": SCHEMA.get("$defs", {}), **node})
    if len(path) == 2 and path[0] == "$defs":
        getattr(model, path[1]).model_validate(example)


_LIBRARIES = {"IPL": ("lopa", "ipl_pfds"), "initiating-event": ("lopa", "initiating_events"),
              "substance": ("zoning", "substances")}


def _named_keys():
    for _, node in _nodes(SCHEMA):
        text = node.get("description") if isinstance(node, dict) else None
        if not isinstance(text, str):
            continue
        match = re.search(r"key in the ([\w-]+) library(.*)", text)
        if match and match.group(1) in _LIBRARIES:
            rest = match.group(2)
            for key in re.findall(r"\b[a-z]+(?:_[a-z0-9]+)+\b", rest) + re.findall(r"'([a-z_]+)'", rest):
                yield match.group(1), key


NAMED = sorted({(lib, key) for lib, key in _named_keys() if key})


def test_descriptions_name_library_keys():
    assert ("IPL", "operator_response_10min") in NAMED


@pytest.mark.parametrize("library,key", NAMED)
def test_every_library_key_named_in_the_schema_exists(library, key):
    from pse.library.catalogue import select

    module, name = _LIBRARIES[library]
    assert key in {row.key for row in select(module, library=name)}
