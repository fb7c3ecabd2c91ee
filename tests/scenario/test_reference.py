"""The generated field reference: complete, and pasted verbatim into the authoring guide."""

from __future__ import annotations

import re

from kamsim.cli import main
from kamsim.scenario.reference import field_reference, reachable_models
from kamsim.scenario.schema import json_schema
from tests.conftest import ROOT

GUIDE = ROOT / "docs" / "scenario-authoring.md"
HEADING = "## 6. Field reference\n"


def _sections(text: str) -> dict[str, str]:
    """`#### Name` heading → the text under it, up to the next such heading."""
    parts = re.split(r"^#### (\w+)\n", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_field_of_every_model_has_a_row() -> None:
    """Checked against the JSON Schema, not the reference's own walk, so neither can skip one."""
    schema = json_schema()
    models = {name: d for name, d in schema["$defs"].items() if "properties" in d}
    models["Scenario"] = schema
    sections = _sections(field_reference())
    for name, definition in models.items():
        assert name in sections, f"no table for {name}"
        for key in definition["properties"]:
            assert f"| `{key}` |" in sections[name], f"{name}.{key} missing from the reference"


def test_every_enumeration_is_listed() -> None:
    schema = json_schema()
    enums = [name for name, d in schema["$defs"].items() if "enum" in d]
    table = _sections(field_reference())["Enumerations"]
    for name in enums:
        assert f"\n| {name} | " in table, f"enumeration {name} missing"


def test_walk_reaches_every_model_once() -> None:
    names = [m.__name__ for m in reachable_models()]
    assert names[0] == "Scenario"
    assert len(names) == len(set(names))
    assert {"Dynamics", "Costs", "Committee", "Uptake", "Satisfaction", "Rubric"} <= set(names)


def test_rows_render_types_defaults_and_limits() -> None:
    sections = _sections(field_reference())
    assert "| `duration_weeks` | whole number | **required** | ≥ 4, ≤ 104 |" in sections["Meta"]
    assert "| `margin` | number | `0.7` | 0 – 1 |" in sections["Product"]
    assert "| `criteria` | list of [Criterion](#criterion) | see defaults |" in sections["Scenario"]
    assert "| `facts` | list of [Fact](#fact) | empty |" in sections["Scenario"]
    assert "| `account` | id (optional) | none |" in sections["Effect"]
    assert "`strength` \\| `weakness`" in sections["Implication"]


def test_authoring_guide_carries_the_generated_reference() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert HEADING in text, f"{GUIDE} lost its '{HEADING.strip()}' heading"
    body = text.split(HEADING, 1)[1].removeprefix("\n")
    assert body == field_reference(), (
        f"{GUIDE.name} section 6 is out of date with the models: run "
        "`kamsim schema --markdown` and paste its output under the "
        f"'{HEADING.strip()}' heading (replacing everything down to the end of the file)"
    )


def test_schema_markdown_prints_the_reference(capsys) -> None:
    assert main(["schema", "--markdown"]) == 0
    out, err = capsys.readouterr()
    assert out == field_reference()
    assert err == ""


def test_the_model_document_carries_every_dynamics_parameter() -> None:
    from kamsim.scenario.reference import dynamics_reference

    doc = (GUIDE.parent / "model.md").read_text(encoding="utf-8")
    heading = "## Every dynamics parameter\n"
    assert heading in doc
    assert doc.split(heading, 1)[1].removeprefix("\n") == dynamics_reference(), (
        "docs/model.md's parameter table is out of date: regenerate it from "
        "kamsim.scenario.reference.dynamics_reference()"
    )
