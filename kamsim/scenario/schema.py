"""The scenario format as JSON Schema 2020-12, for editors' autocompletion and other tools.

Any value below the top level may instead be a variation (`by_form`, `one_of`, `between`,
see kamsim.scenario.variation): every property schema accepts one beside its own type.
"""

from __future__ import annotations

from typing import Any

from kamsim.scenario.model import Scenario

SCHEMA_ID = "https://kamsim.org/schema/scenario-1.json"
VARIATION = "Variation"
VARIATION_SCHEMA: dict[str, Any] = {
    "description": "A value that varies between parallel forms or games: by_form (one value "
    "per form, or 'default'), one_of (with optional weights) or between [lowest, highest].",
    "oneOf": [
        {"type": "object", "required": ["by_form"], "additionalProperties": False,
         "properties": {"by_form": {"type": "object", "minProperties": 1}}},
        {"type": "object", "required": ["one_of"], "additionalProperties": False,
         "properties": {"one_of": {"type": "array", "minItems": 1},
                        "weights": {"type": "array", "items": {"type": "number",
                                                               "exclusiveMinimum": 0}}}},
        {"type": "object", "required": ["between"], "additionalProperties": False,
         "properties": {"between": {"type": "array", "items": {"type": "number"},
                                    "minItems": 2, "maxItems": 2}}},
    ],
}  # fmt: skip


def _allow_variation(node: Any) -> None:
    """Let every property (and list item) be a variation as well as its own type."""
    if isinstance(node, dict):
        for key in ("properties", "additionalProperties", "items"):
            child = node.get(key)
            if key == "properties" and isinstance(child, dict):
                for name, prop in child.items():
                    _allow_variation(prop)
                    child[name] = {"anyOf": [prop, {"$ref": f"#/$defs/{VARIATION}"}]}
            elif isinstance(child, dict):
                _allow_variation(child)
                node[key] = {"anyOf": [child, {"$ref": f"#/$defs/{VARIATION}"}]}
        for key in ("anyOf", "oneOf", "allOf", "prefixItems"):
            for sub in node.get(key, []):
                _allow_variation(sub)


def json_schema() -> dict[str, Any]:
    """Pydantic's schema with the dialect and id stated, so validators pick the right draft."""
    schema = Scenario.model_json_schema(mode="validation")
    defs = schema.get("$defs", {})
    for model in defs.values():
        _allow_variation(model)
    top = schema.get("properties", {})
    for name, prop in top.items():  # a top-level section itself is not varied, its values are
        if name != "forms":
            _allow_variation(prop)
    defs[VARIATION] = VARIATION_SCHEMA
    schema["$defs"] = defs
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }
