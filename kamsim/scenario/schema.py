"""The scenario format as JSON Schema 2020-12, for editors' autocompletion and other tools."""

from __future__ import annotations

from typing import Any

from kamsim.scenario.model import Scenario

SCHEMA_ID = "https://kamsim.org/schema/scenario-1.json"


def json_schema() -> dict[str, Any]:
    """Pydantic's schema with the dialect and id stated, so validators pick the right draft."""
    schema = Scenario.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }
