"""Random damage to bundled scenarios gives problems to read, never a traceback."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamsim.scenario.load import check_file
from tests.conftest import SCENARIOS, TUTORIAL

BASE = yaml.safe_load(TUTORIAL.read_text("utf-8"))
TEXT = TUTORIAL.read_text("utf-8")
LARGER = {p.stem: yaml.safe_load(p.read_text("utf-8")) for p in SCENARIOS if p != TUTORIAL}

junk = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
    st.text(max_size=12), st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)  # fmt: skip


def _containers(node: Any, out: list) -> list:
    if isinstance(node, dict):
        out.append(node)
        for v in node.values():
            _containers(v, out)
    elif isinstance(node, list):
        out.append(node)
        for v in node:
            _containers(v, out)
    return out


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_structural_mutations_never_crash(tmp_path_factory, data) -> None:
    _mutate_and_check(tmp_path_factory, data, BASE)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_structural_mutations_of_the_larger_scenarios_never_crash(tmp_path_factory, data) -> None:
    _mutate_and_check(tmp_path_factory, data, LARGER[data.draw(st.sampled_from(sorted(LARGER)))])


def _mutate_and_check(tmp_path_factory, data, base: dict[str, Any]) -> None:
    doc = copy.deepcopy(base)
    nodes = _containers(doc, [])
    for _ in range(data.draw(st.integers(1, 4))):
        node = data.draw(st.sampled_from(nodes))
        if not node:
            continue
        key = data.draw(
            st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node)))
        )
        if data.draw(st.booleans()):
            node[key] = data.draw(junk)
        elif isinstance(node, dict):
            del node[key]
    path = tmp_path_factory.mktemp("mut") / "m.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    checked = check_file(path)
    assert all(p.line >= 1 and p.col >= 1 for p in checked.problems)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.integers(0, len(TEXT) - 1), st.text(max_size=4), st.integers(0, 6))
def test_text_mutations_never_crash(tmp_path_factory, at, insert, cut) -> None:
    path: Path = tmp_path_factory.mktemp("txt") / "t.yaml"
    path.write_text(TEXT[:at] + insert + TEXT[at + cut :], "utf-8")
    checked = check_file(path)
    assert checked.scenario is not None or checked.errors
