"""Every bundled scenario validates, matches the published JSON Schema and has a stable hash."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from kamsim.scenario.load import check_file, load_scenario, scenario_hash
from kamsim.scenario.schema import json_schema
from tests.conftest import SCENARIOS, TUTORIAL


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_bundled_scenario_is_valid_without_warnings(path: Path) -> None:
    checked = check_file(path)
    assert [p.format() for p in checked.problems] == []
    assert checked.scenario is not None
    assert checked.scenario.meta.id == path.stem


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_bundled_scenario_matches_json_schema(path: Path) -> None:
    """An independent validator (jsonschema) agrees with ours on every bundled file."""
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(json.dumps(yaml.safe_load(path.read_text("utf-8")), default=str))
    jsonschema.Draft202012Validator(schema).validate(data)


def test_schema_rejects_what_we_reject(tutorial_data) -> None:
    data = json.loads(json.dumps(tutorial_data, default=str))
    data["accounts"][0]["stakeholders"][0]["influence"] = 1.4
    errors = list(jsonschema.Draft202012Validator(json_schema()).iter_errors(data))
    assert errors, "the schema must enforce the same bounds as the loader"


def test_hash_ignores_formatting_but_not_content(tmp_path: Path, tutorial_data) -> None:
    original = load_scenario(TUTORIAL)
    reformatted = tmp_path / "same.yaml"
    text = yaml.safe_dump(yaml.safe_load(TUTORIAL.read_text("utf-8")), sort_keys=True)
    reformatted.write_text("# a comment\n" + text, "utf-8")
    assert scenario_hash(load_scenario(reformatted)) == scenario_hash(original)

    changed = yaml.safe_load(text)
    changed["company"]["budget"] += 1
    reformatted.write_text(yaml.safe_dump(changed), "utf-8")
    assert scenario_hash(load_scenario(reformatted)) != scenario_hash(original)


def test_hash_is_hex_sha256() -> None:
    digest = scenario_hash(load_scenario(TUTORIAL))
    assert len(digest) == 64 and int(digest, 16) >= 0


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_fast_and_careful_parsers_agree(path: Path, monkeypatch) -> None:
    """The libyaml fast path must give exactly the data, positions and hints of the slow one."""
    from kamsim.scenario.yamlload import load_yaml

    fast = load_yaml(path)
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    slow = load_yaml(path)
    assert fast.data == slow.data
    assert fast.positions == slow.positions
    assert fast.key_positions == slow.key_positions
    assert fast.hints == slow.hints


def test_hash_ignores_defaults_written_out(tmp_path: Path, tutorial_data) -> None:
    explicit = dict(tutorial_data, dynamics={"fatigue_decay": 0.25})  # the default value
    path = tmp_path / "explicit.yaml"
    path.write_text(yaml.safe_dump(explicit), "utf-8")
    assert scenario_hash(load_scenario(path)) == scenario_hash(load_scenario(TUTORIAL))
