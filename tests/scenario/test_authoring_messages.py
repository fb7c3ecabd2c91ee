"""Messages that send a trainer the right way for the slips real scenario authors make.

Each case edits the bundled tutorial as text (so it follows the file) and asserts the whole
`FILE:LINE:COL: path: message` output: one clear message where YAML or pydantic alone would
give a misleading one, several contradictory ones, or none at all.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kamsim.cli import main
from kamsim.scenario.load import check_file
from tests.conftest import TUTORIAL

TEXT = TUTORIAL.read_text("utf-8")


def variant(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """The tutorial with `old` (which must occur once) replaced: its path and that line."""
    assert TEXT.count(old) == 1, f"{old!r} must occur exactly once in the tutorial"
    path = tmp_path / "variant.yaml"
    path.write_text(TEXT.replace(old, new), "utf-8")
    return path, TEXT[: TEXT.index(old)].count("\n") + 1


def col(path: Path, line: int, token: str) -> int:
    """1-based column of `token` on a line of the file, as an editor shows it."""
    return path.read_text("utf-8").splitlines()[line - 1].index(token) + 1


def problems(path: Path) -> list[str]:
    return [p.format() for p in check_file(path).problems]


# --------------------------------------------------------------------------- 1. {value: 1,064}


def test_thousands_separator_in_a_flow_mapping(tmp_path: Path) -> None:
    path, line = variant(tmp_path, "value: 64}", "value: 1,064}")
    assert problems(path) == [
        f"{path}:{line}:{col(path, line, '1,064')}: accounts[0].hard_data.extra[0].value: "
        "inside { } a comma separates items, so 1,064 was read as 1 and a new key 064; "
        "write numbers without thousands separators (1064)"
    ]


def test_several_separators_and_a_decimal_comma_in_flow_mappings(tmp_path: Path) -> None:
    path, line = variant(tmp_path, "value: 64}", "value: 1,064,500}")
    assert problems(path) == [
        f"{path}:{line}:{col(path, line, '1,064')}: accounts[0].hard_data.extra[0].value: "
        "inside { } a comma separates items, so 1,064,500 was read as 1 and the new keys "
        "064 and 500; write numbers without thousands separators (1064500)"
    ]
    path, line = variant(tmp_path, "value: 64}", "value: 64,5}")
    assert problems(path) == [
        f"{path}:{line}:{col(path, line, '64,5')}: accounts[0].hard_data.extra[0].value: "
        "inside { } a comma separates items, so 64,5 was read as 64 and a new key 5; "
        "write decimals with a point (64.5)"
    ]


def test_a_number_key_that_is_not_a_split_number_keeps_its_message(tmp_path: Path) -> None:
    path, line = variant(tmp_path, "value: 64}", "value: 1, 064}")
    assert problems(path) == [
        f"{path}:{line}:{col(path, line, '064')}: accounts[0].hard_data.extra[0]: the key 064 "
        "is read as the number 52; keys must be text, so write '064' in quotes"
    ]


# --------------------------------------------------------------------------- 2. relationship


RELATIONSHIP = "relationship: transactional\n        interests: [reputation, treatment_quality]"


def test_a_value_neither_number_nor_level_gets_one_message(tmp_path: Path) -> None:
    path, line = variant(tmp_path, RELATIONSHIP, RELATIONSHIP.replace("transactional", "good"))
    assert problems(path) == [
        f"{path}:{line}:{col(path, line, 'good')}: accounts[0].stakeholders[0].relationship: "
        "must be a number from 0 to 1 or one of: unknown, transactional, trusted, partner "
        "(got 'good')"
    ]


def test_a_misspelt_level_is_suggested(tmp_path: Path) -> None:
    path, line = variant(tmp_path, RELATIONSHIP, RELATIONSHIP.replace("transactional", "trustd"))
    assert problems(path) == [
        f"{path}:{line}:{col(path, line, 'trustd')}: accounts[0].stakeholders[0].relationship: "
        "must be a number from 0 to 1 or one of: unknown, transactional, trusted, partner "
        "(got 'trustd'); did you mean 'trusted'?"
    ]


def test_a_number_out_of_range_is_told_its_range_only(tmp_path: Path) -> None:
    path, line = variant(tmp_path, RELATIONSHIP, RELATIONSHIP.replace("transactional", "1.5"))
    assert problems(path) == [
        f"{path}:{line}:{col(path, line, '1.5')}: accounts[0].stakeholders[0].relationship: "
        "must be between 0 and 1 (got 1.5)"
    ]


def test_a_number_out_of_range_written_with_a_trailing_zero_gets_no_quoting_hint(
    tmp_path: Path,
) -> None:
    """`0.0` reads as the number 0, which is what the author meant: the field wants a number
    above 0, so telling them to quote it "if you meant a version" would mislead (a sweep
    writes such values too)."""
    path, line = variant(tmp_path, "field_days_per_week: 3\n", "field_days_per_week: 0.0\n")
    assert problems(path) == [
        f"{path}:{line}:{col(path, line, '0.0')}: company.field_days_per_week: "
        "must be more than 0 and at most 5 (got 0)"
    ]


def test_campaign_accounts_all_or_a_list(tmp_path: Path) -> None:
    path, line = variant(tmp_path, "accounts: all", "accounts: alll")
    assert problems(path) == [
        f"{path}:{line}:{col(path, line, 'alll')}: company.brand_campaigns[0].accounts: "
        "must be a list or 'all' (got 'alll'); did you mean 'all'?"
    ]


# --------------------------------------------------------------------------- 3. ids in words

ID_RULE = "must be an id: lower-case letters, digits, _ and -"


def test_a_brand_name_for_a_product_id(tmp_path: Path) -> None:
    path, line = variant(
        tmp_path, "product: respirel\n      week: 3", "product: Respirel\n      week: 3"
    )
    assert problems(path) == [
        f"{path}:{line}:{col(path, line, 'Respirel')}: company.brand_campaigns[0].product: "
        f"{ID_RULE} (got 'Respirel'); did you mean 'respirel'?"
    ]


def test_malformed_ids_in_lists_keys_and_references_get_a_suggestion(tmp_path: Path) -> None:
    path, line = variant(tmp_path, "accounts: all", "accounts: [Millbrook]")
    assert problems(path) == [
        f"{path}:{line}:{col(path, line, 'Millbrook')}: company.brand_campaigns[0].accounts[0]: "
        f"{ID_RULE} (got 'Millbrook'); did you mean 'millbrook'?"
    ]
    path, line = variant(tmp_path, "formulary: {respirel: listed}", "formulary: {Respirel: listed}")
    assert problems(path) == [
        f"{path}:{line}:{col(path, line, 'Respirel')}: "
        f"accounts[0].hard_data.formulary.Respirel: {ID_RULE} (got 'Respirel'); "
        "did you mean 'respirel'?"
    ]
    old = "stakeholder: prof_hale, question: q_budget"
    path, line = variant(tmp_path, old, old.replace("prof_hale", "Prof. Miriam Hale"))
    assert problems(path) == [  # the person's name, written where the id belongs
        f"{path}:{line}:{col(path, line, 'Prof.')}: facts[0].sources[1].stakeholder: "
        f"{ID_RULE} (got 'Prof. Miriam Hale'); did you mean 'prof_hale'?"
    ]


def test_a_malformed_id_of_its_own_is_offered_as_an_id(tmp_path: Path) -> None:
    path, line = variant(tmp_path, "- id: camp_winter_detail", "- id: Winter Detail")
    assert problems(path) == [
        f"{path}:{line}:{col(path, line, 'Winter')}: company.brand_campaigns[0].id: "
        f"{ID_RULE} (got 'Winter Detail'); did you mean 'winter_detail'?"
    ]


def test_unknown_well_formed_ids_still_get_a_suggestion(tmp_path: Path) -> None:
    path, line = variant(
        tmp_path, "product: respirel\n      week: 3", "product: respirol\n      week: 3"
    )
    assert problems(path) == [
        f"{path}:{line}:{col(path, line, 'respirol')}: company.brand_campaigns[0].product: "
        "unknown product 'respirol'; did you mean 'respirel'?"
    ]


# --------------------------------------------------------------------------- 4. another account


def test_a_stakeholder_of_another_account_names_that_account(tmp_path: Path) -> None:
    old = "stakeholder: prof_hale, question: q_budget"
    path, line = variant(tmp_path, old, old.replace("prof_hale", "dr_anand"))
    assert problems(path) == [
        f"{path}:{line}:{col(path, line, 'dr_anand')}: facts[0].sources[1].stakeholder: "
        "'dr_anand' is a stakeholder of millbrook, not of harbourside"
    ]


def test_a_link_to_someone_of_another_account_names_that_account(tmp_path: Path) -> None:
    old = "links: [{to: gerrit_vos, strength: 0.4}]"
    path, line = variant(tmp_path, old, old.replace("gerrit_vos", "dr_anand"))
    assert problems(path) == [
        f"{path}:{line}:{col(path, line, 'dr_anand')}: "
        "accounts[0].stakeholders[0].links[0].to: "
        "'dr_anand' is a stakeholder of millbrook, not of harbourside"
    ]


# --------------------------------------------------------------------------- 5. a missing '- '


def test_a_missing_dash_is_one_message(tmp_path: Path) -> None:
    path, line = variant(tmp_path, "      - id: gerrit_vos", "        id: gerrit_vos")
    first = TEXT[: TEXT.index("      - id: prof_hale")].count("\n") + 1
    assert problems(path) == [
        f"{path}:{line}:{col(path, line, 'id')}: accounts[0].stakeholders[0]: from line {line} "
        f"the keys id, name, role, … repeat the item that starts at line {first}; a '- ' is "
        f"probably missing before 'id' at line {line}"
    ]


def test_a_single_repeated_first_key_is_a_duplicate_key(tmp_path: Path) -> None:
    old = "        name: Gerrit Vos\n"
    path, line = variant(tmp_path, old, old + "        id: gerrit\n")
    first = TEXT[: TEXT.index("      - id: gerrit_vos")].count("\n") + 1
    assert problems(path) == [
        f"{path}:{line + 1}:9: accounts[0].stakeholders[1].id: duplicate key 'id' "
        f"(first at line {first})"
    ]


# --------------------------------------------------------------------------- 6. [7,200, 7600]


def test_thousands_separator_in_a_list_of_numbers(tmp_path: Path) -> None:
    path, line = variant(tmp_path, "[7200, 7600", "[7,200, 7600")
    assert problems(path) == [
        f"{path}:{line}:{col(path, line, '7,200')}: accounts[1].hard_data.sales_history[0]: "
        "'7,200' reads as two numbers, 7 and 200; write 7200 (or put a space after the comma "
        "if you meant two numbers)"
    ]
    assert check_file(path).scenario is None  # an error: the file is not used as it reads


def test_several_separators_in_a_list_and_other_errors_alongside(tmp_path: Path) -> None:
    path, line = variant(tmp_path, "[7200, 7600", "[7200, 1,007,600")
    text = path.read_text("utf-8").replace("influence: 0.4\n", "influence: 1.4\n", 1)
    path.write_text(text, "utf-8")
    found = problems(path)
    assert (
        f"{path}:{line}:{col(path, line, '1,007')}: accounts[1].hard_data.sales_history[1]: "
        "'1,007,600' reads as three numbers, 1, 7 and 600; write 1007600 (or put a space "
        "after the comma if you meant three numbers)"
    ) in found
    assert any("influence: must be between 0 and 1 (got 1.4)" in p for p in found)


@pytest.mark.parametrize("written", ["[7200, 7600", "[7200,7600", "[7200, 7, 600"])
def test_lists_without_a_thousands_separator_are_left_alone(tmp_path: Path, written) -> None:
    path, _ = variant(tmp_path, "[7200, 7600", written)
    assert not any("reads as" in p for p in problems(path))


def test_a_thousands_separator_in_block_text_gets_a_hint(tmp_path: Path) -> None:
    path, line = variant(tmp_path, "      treated_patients: 190", "      treated_patients: 1,190")
    assert problems(path) == [
        f"{path}:{line}:{col(path, line, '1,190')}: accounts[0].hard_data.treated_patients: "
        "must be a number (got text '1,190'); hint: the unquoted value 1,190 is text, "
        "not a number; write numbers without thousands separators (1190)"
    ]


# --------------------------------------------------------------------------- 7. kamsim new


def test_new_writes_the_schema_its_first_line_names(tmp_path: Path, capsys) -> None:
    target = tmp_path / "area.yaml"
    assert main(["new", str(target)]) == 0
    out = capsys.readouterr().out
    schema = tmp_path / "kamsim.schema.json"
    assert target.read_text("utf-8").startswith(
        "# yaml-language-server: $schema=./kamsim.schema.json\n"
    )
    assert out.splitlines() == [
        f"wrote {target} and {schema}, the schema your editor uses for completion and checks",
        f"edit it, then run: kamsim validate {target}",
    ]
    assert main(["schema"]) == 0
    assert schema.read_text("utf-8") == capsys.readouterr().out  # what `kamsim schema` prints


def test_new_keeps_an_existing_schema_unless_forced(tmp_path: Path, capsys) -> None:
    schema = tmp_path / "kamsim.schema.json"
    schema.write_text("{}", "utf-8")
    target = tmp_path / "area.yaml"
    assert main(["new", str(target)]) == 0
    assert schema.read_text("utf-8") == "{}"
    assert capsys.readouterr().out.splitlines()[0] == (
        f"wrote {target}; kept the existing {schema} (add --force to rewrite it, "
        "e.g. after upgrading kamsim)"
    )
    assert main(["new", "--force", str(target)]) == 0
    assert json.loads(schema.read_text("utf-8"))["$schema"].endswith("2020-12/schema")


# --------------------------------------------------------------------------- the guide


def test_a_list_split_fails_validate_which_it_passed_before(tmp_path: Path, capsys) -> None:
    path, line = variant(tmp_path, "[7200, 7600", "[7,200, 7600")
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out.startswith(f"{path}:{line}:")
    assert f"{path}: invalid (1 error, 0 warnings)" in err


GUIDE = Path(__file__).resolve().parents[2] / "docs" / "scenario-authoring.md"
SLIPS = [
    ("value: 64}", "value: 1,064}"),
    ("[7200, 7600", "[7,200, 7600"),
    ("      treated_patients: 190", "      treated_patients: 1,190"),
    (RELATIONSHIP, RELATIONSHIP.replace("transactional", "good")),
    ("product: respirel\n      week: 3", "product: Respirel\n      week: 3"),
    ("stakeholder: prof_hale, question: q_budget", "stakeholder: dr_anand, question: q_budget"),
    ("      - id: gerrit_vos", "        id: gerrit_vos"),
]


@pytest.mark.parametrize(("old", "new"), SLIPS)
def test_the_guide_shows_the_real_messages(tmp_path: Path, old: str, new: str) -> None:
    """Section 5 of the guide quotes these messages; they must be what validate prints."""
    path, _ = variant(tmp_path, old, new)
    guide = GUIDE.read_text("utf-8")
    for problem in check_file(path).problems:
        assert f"{problem.path}: {problem.message}" in guide
