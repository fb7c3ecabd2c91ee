"""Tests for the trainer-grade YAML loader and the pydantic error translation.

Every hostile-input test pins the exact ``FILE:LINE:COL: message`` a trainer
would see, because the wording and the location are the product here.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kamsim.scenario.introspect import allowed_keys
from kamsim.scenario.messages import problems_from_validation_error
from kamsim.scenario.yamlload import LoadedYaml, LoadError, Problem, load_yaml

BROKEN = Path(__file__).parent / "fixtures" / "broken"


def messages(path: Path | str, **kwargs: object) -> list[str]:
    """Load a file that must fail and return the formatted problems."""
    with pytest.raises(LoadError) as info:
        load_yaml(path, **kwargs)  # type: ignore[arg-type]
    return [p.format() for p in info.value.problems]


def write(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- Problem


def test_problem_format_error_warning_and_empty_path() -> None:
    assert Problem("f.yaml", 3, 5, "a.b[2]", "boom").format() == "f.yaml:3:5: a.b[2]: boom"
    warning = Problem("f.yaml", 1, 2, "meta", "odd", severity="warning")
    assert warning.format() == "f.yaml:1:2: warning: meta: odd"
    assert Problem("f.yaml", 1, 1, "", "empty").format() == "f.yaml:1:1: empty"


def test_load_error_str_lists_every_problem() -> None:
    err = LoadError([Problem("f", 1, 1, "", "a"), Problem("f", 2, 1, "x", "b")])
    assert str(err) == "f:1:1: a\nf:2:1: x: b"


# --------------------------------------------------------------------------- file level


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    assert messages(path) == [f"{path}:1:1: file not found"]


def test_directory(tmp_path: Path) -> None:
    assert messages(tmp_path) == [f"{tmp_path}:1:1: this is a directory, not a YAML file"]


def test_file_over_size_cap(tmp_path: Path) -> None:
    path = write(tmp_path, "a: " + "x" * 999_998)
    assert messages(path) == [
        f"{path}:1:1: the file is 1,000,001 bytes, more than the limit of 1,000,000 bytes"
    ]


def test_custom_size_cap(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 12345\n")
    assert messages(path, max_bytes=5) == [
        f"{path}:1:1: the file is 9 bytes, more than the limit of 5 bytes"
    ]


def test_non_utf8_bytes(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"meta:\n  title: caf\xe9\n")
    assert messages(path) == [
        f"{path}:2:13: the file is not UTF-8 text: byte 0xe9 at byte offset 18 cannot be "
        "read; save the file as UTF-8"
    ]


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.yaml"
    path.write_bytes(b"meta: x\n\x00\x01\x02\x03")
    assert messages(path) == [
        f"{path}:2:1: the file contains the control character 0x00 at byte offset 8; "
        "is this a binary file? Only plain text is allowed"
    ]


def test_bom_is_ignored_and_columns_stay_editor_columns(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfmeta: x\n")
    loaded = load_yaml(path)
    assert loaded.data == {"meta": "x"}
    assert loaded.positions[("meta",)] == (1, 7)


@pytest.mark.parametrize("name", ["empty.yaml", "comments_only.yaml"])
def test_empty_or_comment_only(name: str) -> None:
    path = BROKEN / name
    assert messages(path) == [
        f"{path}:1:1: the file is empty (or has only comments); it must be a mapping of keys"
    ]


@pytest.mark.parametrize(
    ("name", "kind"), [("top_list.yaml", "a list"), ("top_scalar.yaml", "a single value")]
)
def test_top_level_must_be_mapping(name: str, kind: str) -> None:
    path = BROKEN / name
    assert messages(path) == [
        f"{path}:1:1: the top level must be a mapping of 'key: value' lines, not {kind}"
    ]


# --------------------------------------------------------------------------- syntax


def test_tab_indentation() -> None:
    path = BROKEN / "tab_indent.yaml"
    assert messages(path) == [
        f"{path}:3:1: tab character used for indentation; indent with spaces instead"
    ]


def test_tab_as_spacing(tmp_path: Path) -> None:
    path = write(tmp_path, "a:\tb\n")
    assert messages(path) == [f"{path}:1:3: tab character used as spacing; use spaces instead"]


def test_unclosed_quote_points_at_the_opening_quote() -> None:
    path = BROKEN / "unclosed_quote.yaml"
    assert messages(path) == [
        f'{path}:2:10: unclosed quote: the text starting with " here is never closed '
        '(no matching " before the end of the file)'
    ]


def test_colon_inside_unquoted_value() -> None:
    path = BROKEN / "colon_in_value.yaml"
    assert messages(path) == [
        f"{path}:2:16: unexpected ':' here; check the indentation, or put the value in quotes "
        "if it contains ': '"
    ]


def test_bad_indentation() -> None:
    path = BROKEN / "bad_indent.yaml"
    assert messages(path) == [
        f"{path}:3:2: this line is not indented like the block it belongs to (started at line 1)"
    ]


def test_unclosed_bracket() -> None:
    path = BROKEN / "unclosed_bracket.yaml"
    assert messages(path) == [
        f"{path}:3:9: the list opened with '[' at line 2 is not closed here; add ']' "
        "(or a ',' between items)"
    ]


def test_two_documents() -> None:
    path = BROKEN / "two_documents.yaml"
    assert messages(path) == [
        f"{path}:3:1: the file holds more than one YAML document; remove this '---' and "
        "what follows"
    ]


# --------------------------------------------------------------------------- structure


def test_duplicate_keys_are_all_reported() -> None:
    path = BROKEN / "duplicate_keys.yaml"
    assert messages(path) == [
        f"{path}:3:3: meta.title: duplicate key 'title' (first at line 2)",
        f"{path}:6:5: accounts[0].name: duplicate key 'name' (first at line 5)",
    ]


def test_tags_are_refused_and_never_constructed() -> None:
    path = BROKEN / "tags.yaml"
    assert messages(path) == [
        f"{path}:1:7: YAML tags are not allowed; remove '!!python/object/apply:os.system'",
        f"{path}:3:11: YAML tags are not allowed; remove '!custom'",
    ]


def test_aliases_are_refused() -> None:
    path = BROKEN / "aliases.yaml"
    assert messages(path) == [
        f"{path}:4:15: YAML aliases are not allowed; write the value out in full instead "
        "of '*base' (this file uses 2 aliases)"
    ]


def test_aliases_can_be_allowed() -> None:
    loaded = load_yaml(BROKEN / "aliases.yaml", allow_aliases=True)
    assert loaded.data["accounts"] == [{"settings": {"budget": 10}}] * 2


def test_billion_laughs_is_refused_quickly() -> None:
    path = BROKEN / "billion_laughs.yaml"
    start = time.perf_counter()
    assert messages(path) == [
        f"{path}:2:8: YAML aliases are not allowed; write the value out in full instead "
        "of '*a' (this file uses 72 aliases)"
    ]
    assert time.perf_counter() - start < 2


def test_billion_laughs_is_capped_even_when_aliases_are_allowed() -> None:
    path = BROKEN / "billion_laughs.yaml"
    assert messages(path, allow_aliases=True) == [
        f"{path}:1:1: aliases expand the file to more than 200,000 values"
    ]


def test_recursive_alias_hits_depth_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "a: &x [1, *x]\n")
    assert messages(path, allow_aliases=True) == [
        f"{path}:1:4: the data is nested more than 64 levels deep"
    ]


def test_nesting_deeper_than_max_depth() -> None:
    path = BROKEN / "too_deep.yaml"
    assert messages(path, max_depth=4) == [
        f"{path}:5:9: the data is nested more than 4 levels deep"
    ]
    assert load_yaml(path, max_depth=5).data["a"]["b"]["c"]["d"] == {"e": "deep"}


def test_pathological_flow_nesting(tmp_path: Path) -> None:
    path = write(tmp_path, "a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert messages(path) == [f"{path}:1:67: the data is nested more than 64 levels deep"]


def test_keys_must_be_text() -> None:
    path = BROKEN / "non_string_keys.yaml"
    assert messages(path) == [
        f"{path}:2:3: meta: the key 1 is read as the number 1; keys must be text, "
        "so write '1' in quotes",
        f"{path}:3:3: meta: the key NO is read as false; keys must be text, "
        "so write 'NO' in quotes",
        f"{path}:4:5: meta: keys must be text, not a list",
        f"{path}:6:3: meta: empty key; every key must be text",
    ]


# --------------------------------------------------------------------------- positions, hints

GOOD = """\
# a comment
meta:
  title: Demo
  version: 1.10
  flag: NO
  perm: 0755
  start: 12:30
  quoted: 'NO'
  truth: true
accounts:
  - name: A
    stakeholders:
      - {name: x, influence: 0.5}
"""


def test_data_positions_and_key_positions(tmp_path: Path) -> None:
    loaded = load_yaml(write(tmp_path, GOOD))
    assert loaded.data["meta"]["title"] == "Demo"
    assert loaded.data["accounts"][0]["stakeholders"][0] == {"name": "x", "influence": 0.5}
    assert loaded.positions[()] == (2, 1)
    assert loaded.positions[("meta",)] == (3, 3)
    assert loaded.positions[("accounts", 0)] == (11, 5)
    assert loaded.positions[("accounts", 0, "stakeholders", 0, "influence")] == (13, 30)
    assert loaded.key_position(("accounts", 0, "stakeholders", 0, "influence")) == (13, 19)
    assert loaded.key_position(("meta",)) == (2, 1)


def test_position_for_falls_back_to_nearest_existing_ancestor(tmp_path: Path) -> None:
    loaded = load_yaml(write(tmp_path, GOOD))
    assert loaded.position_for(("accounts", 0, "stakeholders", 0, "missing")) == (13, 9)
    assert loaded.position_for(("accounts", 0, "SomeUnionMember", "name")) == (11, 11)
    assert loaded.position_for(("nothing",)) == (2, 1)


def test_yaml11_hints_for_plain_scalars_only(tmp_path: Path) -> None:
    loaded = load_yaml(write(tmp_path, GOOD))
    assert loaded.data["meta"] | {"title": None} == {
        "title": None,
        "version": 1.1,
        "flag": False,
        "perm": 493,
        "start": 750,
        "quoted": "NO",
        "truth": True,
    }
    assert loaded.hints == {
        ("meta", "version"): "the unquoted value 1.10 is read as the number 1.1; "
        "write '1.10' in quotes if you meant a version or text",
        ("meta", "flag"): "the unquoted value NO is read as false; "
        "write 'NO' in quotes if you meant text",
        ("meta", "perm"): "the unquoted value 0755 is read as the number 493 (octal); "
        "write '0755' in quotes if you meant text or a code",
        ("meta", "start"): "the unquoted value 12:30 is read as the number 750; "
        "write '12:30' in quotes if you meant a time or text",
    }
    assert loaded.raw_scalars[("meta", "version")] == "1.10"


def test_impossible_date_stays_text(tmp_path: Path) -> None:
    loaded = load_yaml(write(tmp_path, "due: 2024-02-30\nok: 2024-02-29\n"))
    assert loaded.data["due"] == "2024-02-30"
    assert str(loaded.data["ok"]) == "2024-02-29"


# --------------------------------------------------------------------------- validation errors


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Stakeholder(_Strict):
    name: str
    influence: float = Field(ge=0, le=1)


class _Account(_Strict):
    name: str
    kind: Literal["hospital", "clinic", "pharmacy"]
    active: Literal["yes", "no"] = "yes"
    budget: int = 0
    stakeholders: list[_Stakeholder]


class _Meta(_Strict):
    title: str
    color: str = "blue"
    weight: Annotated[float, Field(gt=0)] = 1.0

    @field_validator("title")
    @classmethod
    def _not_placeholder(cls, value: str) -> str:
        if value == "TODO":
            raise ValueError("replace the placeholder title")
        return value


class _Scenario(_Strict):
    meta: _Meta
    accounts: list[_Account]


INVALID = """\
meta:
  title: TODO
  colour: red
  weight: -2
accounts:
  - name: A
    kind: hospitl
    stakeholders:
      - name: x
        influence: 1.4
      - influence: 0.5
  - name: B
    kind: clinic
    active: NO
    budget: abc
    stakeholders: oops
"""


def _validation_problems(tmp_path: Path, text: str, **kwargs: object) -> list[str]:
    loaded = load_yaml(write(tmp_path, text))
    with pytest.raises(ValidationError) as info:
        _Scenario.model_validate(loaded.data)
    found = problems_from_validation_error(info.value, loaded, **kwargs)  # type: ignore[arg-type]
    return [p.format() for p in found]


def test_validation_errors_become_trainer_problems(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    assert _validation_problems(tmp_path, INVALID, model=_Scenario) == [
        f"{f}:2:10: meta.title: replace the placeholder title",
        f"{f}:3:3: meta.colour: unknown key 'colour'; did you mean 'color'?",
        f"{f}:4:11: meta.weight: must be more than 0 (got -2)",
        f"{f}:7:11: accounts[0].kind: must be one of: hospital, clinic, pharmacy "
        "(got 'hospitl'); did you mean 'hospital'?",
        f"{f}:10:20: accounts[0].stakeholders[0].influence: must be between 0 and 1 (got 1.4)",
        f"{f}:11:9: accounts[0].stakeholders[1]: missing required key 'name'",
        f"{f}:14:13: accounts[1].active: must be one of: yes, no (got false); "
        "did you mean 'no'?; hint: the unquoted value NO is read as false; "
        "write 'NO' in quotes if you meant text",
        f"{f}:15:13: accounts[1].budget: must be a number (got text 'abc')",
        f"{f}:16:19: accounts[1].stakeholders: must be a list (got text 'oops')",
    ]


def test_without_model_bounds_come_from_the_error_only(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    found = _validation_problems(tmp_path, INVALID)
    assert f"{f}:10:20: accounts[0].stakeholders[0].influence: must be at most 1 (got 1.4)" in (
        found
    )
    assert f"{f}:3:3: meta.colour: unknown key 'colour'" in found


def test_allowed_keys_can_be_supplied_per_mapping(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    found = _validation_problems(tmp_path, INVALID, allowed={("meta",): ["title", "colours"]})
    assert f"{f}:3:3: meta.colour: unknown key 'colour'; did you mean 'colours'?" in found


def test_missing_key_points_at_the_mapping_that_lacks_it(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    text = "meta:\n  color: red\naccounts: []\n"
    assert _validation_problems(tmp_path, text, model=_Scenario) == [
        f"{f}:2:3: meta: missing required key 'title'"
    ]
    assert _validation_problems(tmp_path, "meta: {title: x}\n", model=_Scenario) == [
        f"{f}:1:1: missing required key 'accounts'"
    ]


def test_unknown_key_without_close_match_lists_allowed_keys(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    text = "meta: {title: x, zzz: 1}\naccounts: []\n"
    assert _validation_problems(tmp_path, text, model=_Scenario) == [
        f"{f}:1:18: meta.zzz: unknown key 'zzz' (allowed keys: title, color, weight)"
    ]


class _Call(_Strict):
    type: Literal["call"]
    who: str


class _Mail(_Strict):
    type: Literal["mail"]
    subject: str


class _Plan(_Strict):
    steps: list[Annotated[_Call | _Mail, Field(discriminator="type")]]
    either: int | str = 0


def test_union_segments_are_dropped_from_paths(tmp_path: Path) -> None:
    text = "steps:\n  - {type: call, who: x, extra: 1}\n  - {type: cal}\n  - {}\n"
    loaded = load_yaml(write(tmp_path, text))
    with pytest.raises(ValidationError) as info:
        _Plan.model_validate(loaded.data)
    f = tmp_path / "s.yaml"
    assert [
        p.format() for p in problems_from_validation_error(info.value, loaded, model=_Plan)
    ] == [
        f"{f}:2:26: steps[0].extra: unknown key 'extra' (allowed keys: type, who)",
        f"{f}:3:12: steps[1].type: must be one of: call, mail (got 'cal'); did you mean 'call'?",
        f"{f}:4:5: steps[2]: missing required key 'type'",
    ]


def test_allowed_keys_walks_lists_unions_and_aliases() -> None:
    class Aliased(_Strict):
        display_name: str = Field(alias="displayName")
        plan: _Plan | None = None

    assert allowed_keys(_Scenario, ("accounts", 3, "stakeholders", 0)) == ["name", "influence"]
    assert allowed_keys(_Plan, ("steps", 0)) == ["type", "who", "subject"]
    assert allowed_keys(_Plan, ("steps", 0, "mail")) == ["type", "subject"]
    assert allowed_keys(Aliased, ()) == ["displayName", "plan"]
    assert allowed_keys(Aliased, ("plan",)) == ["steps", "either"]
    assert allowed_keys(Aliased, ("nope",)) == []


def test_loaded_yaml_can_be_built_by_hand() -> None:
    loaded = LoadedYaml(file="x", text="", data={}, positions={(): (1, 1)})
    assert loaded.position_for(("a", 0)) == (1, 1)
    assert loaded.key_position(("a",)) == (1, 1)


# --------------------------------------------------------------------------- fuzzing

SEED = GOOD.encode()


@settings(
    deadline=None, max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.tuples(st.integers(0, len(SEED) - 1), st.integers(0, 255)), max_size=8),
    st.booleans(),
)
def test_byte_mutations_only_ever_raise_load_error(
    tmp_path: Path, edits: list[tuple[int, int]], truncate: bool
) -> None:
    data = bytearray(SEED)
    for index, byte in edits:
        data[index] = byte
    if truncate and edits:
        del data[edits[0][0] :]
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(bytes(data))
    try:
        load_yaml(path)
    except LoadError as err:
        assert err.problems


_YAMLISH = st.text(alphabet=st.sampled_from(list(" \t\n:-[]{}&*!#'\",?|>%@`~abc019.")), max_size=80)


@settings(
    deadline=None, max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.one_of(_YAMLISH, st.text(max_size=80)))
def test_random_text_only_ever_raises_load_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    try:
        load_yaml(path, allow_aliases=True)
    except LoadError as err:
        assert all(p.line >= 1 and p.col >= 1 for p in err.problems)
