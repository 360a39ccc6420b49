"""JSON Schema of the study file, generated from the model (pydantic)."""

from __future__ import annotations


def study_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a study file.

    ``include`` is added by hand: it is resolved by the loader, not the model.
    """
    from pse.model.schema import Study

    schema = Study.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://pse.invalid/schema/study.json"
    schema["title"] = "pse study file"
    schema.setdefault("properties", {})["include"] = {
        "type": "array", "items": {"type": "string"},
        "description": "study files to merge into this one (paths relative to this file)"}
    return schema


def study_schema_json() -> str:
    import json

    return json.dumps(study_schema(), ensure_ascii=False, indent=2) + "\n"
