"""The scenario format's field reference as Markdown, generated from the models themselves.

docs/scenario-authoring.md section 6 is this text pasted verbatim (`kamsim schema --markdown`),
and a test keeps the two equal: a hand-kept table drifted as soon as fields were added, so the
models are the only source of truth for keys, types, defaults, limits and meanings.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Iterable, Iterator
from enum import Enum
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from kamsim.scenario.base import Id, Text
from kamsim.scenario.model import Scenario

HEADER = "| key | type | default | limits | meaning |\n|---|---|---|---|---|"
ENUM_HEADER = "| name | values | meaning |\n|---|---|---|"
LIMIT_KEYS = ("gt", "ge", "lt", "le", "min_length", "max_length", "pattern")
# Bounds shown as a range: the game's standard scales (fractions, shares, attitudes).
SCALES = ((0, 1), (-1, 1))
SCALARS: dict[type, str] = {
    bool: "true/false",
    int: "whole number",
    float: "number",
    dt.date: "date",
}
INLINE_DEFAULT_MAX = 40


def field_reference() -> str:
    """The body of the docs' "Field reference" section: intro, one table a model, enums."""
    models = reachable_models()
    parts = [_intro(), *(_model_section(m) for m in models), _enum_section(_enums(models))]
    return "\n\n".join(parts) + "\n"


def reachable_models(root: type[BaseModel] = Scenario) -> list[type[BaseModel]]:
    """Every model a scenario file can contain, depth-first in field order.

    Depth-first keeps a nested model's table right after its parent's, so a reader meets
    `Company` then `Product`, `Colleague`, `BrandCampaign` before moving on.
    """
    seen: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.append(model)
        for info in model.model_fields.values():
            for found in _types_in(info.annotation):
                if _is_model(found):
                    visit(found)

    visit(root)
    return seen


# --- walking annotations ---------------------------------------------------------------------


def _types_in(tp: Any) -> Iterator[Any]:
    """Every type mentioned in an annotation, outermost first, Annotated wrappers removed."""
    base, _ = _split(tp)
    yield base
    if get_origin(base) is Literal:
        return
    for arg in get_args(base):
        if arg is not Ellipsis:
            yield from _types_in(arg)


def _split(tp: Any) -> tuple[Any, list[Any]]:
    """A type without its `Annotated` wrapper, and the metadata that wrapper carried."""
    if get_origin(tp) is Annotated:
        base, *metadata = get_args(tp)
        return base, metadata
    return tp, []


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Enum)


def _is_union(tp: Any) -> bool:
    return get_origin(tp) in (Union, types.UnionType)


def _members(tp: Any) -> tuple[list[Any], bool]:
    """A union's non-None members and whether None was one of them; other types alone."""
    if not _is_union(tp):
        return [tp], False
    args = get_args(tp)
    return [a for a in args if a is not type(None)], type(None) in args


# --- constraints -----------------------------------------------------------------------------


def _limits(metadata: Iterable[Any]) -> dict[str, Any]:
    """Constraints from any mix of annotated-types, StringConstraints and nested Field()s."""
    found: dict[str, Any] = {}
    for item in metadata:
        if isinstance(item, FieldInfo):
            found.update(_limits(item.metadata))
            continue
        for key in LIMIT_KEYS:
            value = getattr(item, key, None)
            if value is not None:
                found[key] = value
    return found


ID_LIMITS = _limits(_split(Id)[1])
TEXT_LIMITS = _limits(_split(Text)[1])


def _is_id(limits: dict[str, Any]) -> bool:
    return limits.get("pattern") == ID_LIMITS["pattern"]


def _visible(limits: dict[str, Any]) -> dict[str, Any]:
    """Limits minus those of `id` and `text`, which the section's intro explains once."""
    for alias in (ID_LIMITS, TEXT_LIMITS):
        if alias.items() <= limits.items():
            return {k: v for k, v in limits.items() if k not in alias}
    return limits


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, int | float) else str(value)


def _format_limits(limits: dict[str, Any]) -> str:
    """`0 – 1` for the standard scales, else each bound spelled out (`≥ 4, ≤ 104`)."""
    limits = _visible(limits)
    words: list[str] = []
    if (limits.get("ge"), limits.get("le")) in SCALES:
        words.append(f"{_number(limits['ge'])} – {_number(limits['le'])}")
        limits = {k: v for k, v in limits.items() if k not in ("ge", "le")}
    signs = {"gt": ">", "ge": "≥", "lt": "<", "le": "≤"}
    words += [f"{signs[k]} {_number(limits[k])}" for k in signs if k in limits]
    words += [
        f"{k.replace('_', ' ')} {limits[k]}" for k in ("min_length", "max_length") if k in limits
    ]
    if "pattern" in limits:
        words.append(f"pattern `{limits['pattern']}`")
    return ", ".join(words)


def _own_limits(tp: Any) -> str:
    """Limits written on a type itself, looking through Optional and other unions."""
    base, metadata = _split(tp)
    members = [tp] if metadata else _members(base)[0]
    texts = [_format_limits(_limits(_split(m)[1])) for m in members]
    return ", ".join(t for t in texts if t)


def _item_limits(tp: Any) -> str:
    """Limits on the items of a list, the values of a map or the parts of a pair."""
    for member in _members(_split(tp)[0])[0]:
        base = _split(member)[0]
        origin, args = get_origin(base), get_args(base)
        if origin is list and (text := _own_limits(args[0])):
            return f"each {text}"
        if origin is dict and (text := _own_limits(args[1])):
            return f"each value {text}"
        if origin is tuple and (text := _own_limits(args[0])):
            return f"each {text}"
    return ""


def _field_limits(info: FieldInfo) -> str:
    parts = [_format_limits(_limits(info.metadata)), _own_limits(info.annotation)]
    parts.append(_item_limits(info.annotation))
    return ", ".join(p for p in parts if p)


# --- types -----------------------------------------------------------------------------------


def _type_words(tp: Any, limits: dict[str, Any] | None = None) -> str:
    """How a trainer should read a type: `list of [Criterion](#criterion)`, `id`, `number`…"""
    base, metadata = _split(tp)
    limits = {**_limits(metadata), **(limits or {})}
    if _is_union(base):
        members, optional = _members(base)
        words = " or ".join(_type_words(m) for m in members)
        return f"{words} (optional)" if optional else words
    origin, args = get_origin(base), get_args(base)
    if origin is Literal:
        return " \\| ".join(f"`{_value(a)}`" for a in args)
    if origin is list:
        return f"list of {_type_words(args[0])}"
    if origin is dict:
        return f"map {_type_words(args[0])} → {_type_words(args[1])}"
    if origin is tuple:
        return "[" + ", ".join(_type_words(a) for a in args) + "]"
    return _scalar_words(base, limits)


def _scalar_words(tp: Any, limits: dict[str, Any]) -> str:
    if _is_model(tp):
        return f"[{tp.__name__}](#{tp.__name__.lower()})"
    if _is_enum(tp):
        return tp.__name__
    if tp is str:
        return "id" if _is_id(limits) else "text"
    return SCALARS.get(tp, getattr(tp, "__name__", str(tp)))


# --- defaults and cells ----------------------------------------------------------------------


def _value(value: Any) -> str:
    """A value as a trainer writes it in YAML."""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value == "":
        return '""'
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return str(value)


def _default(info: FieldInfo) -> str:
    """**required**, `none`, `empty`, a short value, or `see defaults` for a nested block."""
    if info.is_required():
        return "**required**"
    if info.default_factory is not None:
        value = info.get_default(call_default_factory=True)
        if not value:
            return "empty"
        if isinstance(value, list) and not any(isinstance(v, BaseModel) for v in value):
            shown = _value(value)
            if len(shown) <= INLINE_DEFAULT_MAX:
                return f"`{shown}`"
        return "see defaults"
    if info.default is None:
        return "none"
    return f"`{_value(info.default)}`"


def _cell(text: str) -> str:
    """Table-safe text: a bare `|` would end the cell."""
    return text.replace("\\|", "|").replace("|", "\\|")


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _summary(tp: type) -> str:
    """The first line of a class's own docstring (not one inherited from a base class)."""
    doc = tp.__dict__.get("__doc__") or ""
    return doc.strip().splitlines()[0].strip() if doc.strip() else ""


# --- sections --------------------------------------------------------------------------------


def _intro() -> str:
    """The paragraph above the tables; the id and text limits come from `base.Id`/`base.Text`."""
    return (
        "Generated from the format's models with `kamsim schema --markdown`; the same\n"
        'descriptions appear on hover in your editor. "id" is lower-case letters, digits, `-`\n'
        f"and `_`, starting with a letter or digit (at most {ID_LIMITS['max_length']} characters);"
        f' "text" is\n{TEXT_LIMITS["min_length"]}–{TEXT_LIMITS["max_length"]} characters, '
        "trimmed. Numbers shown as `0 – 1` are inclusive ranges; limits\n"
        "starting with `each` apply to every item of a list or every value of a map."
    )


def _field_row(name: str, info: FieldInfo) -> str:
    cells = [
        f"`{info.alias or name}`",
        _type_words(info.annotation, _limits(info.metadata)),
        _default(info),
        _field_limits(info),
        info.description or "",
    ]
    return _row(_cell(c) for c in cells)


def _model_section(model: type[BaseModel]) -> str:
    rows = [_field_row(name, info) for name, info in model.model_fields.items()]
    head = f"#### {model.__name__}\n\n"
    summary = _summary(model)
    return head + (f"{summary}\n\n" if summary else "") + "\n".join([HEADER, *rows])


def _enums(models: Iterable[type[BaseModel]]) -> list[type[Enum]]:
    """Every enumeration the tables mention, by name: the table is for looking names up."""
    found: list[type[Enum]] = []
    for model in models:
        for info in model.model_fields.values():
            for tp in _types_in(info.annotation):
                if _is_enum(tp) and tp not in found:
                    found.append(tp)
    return sorted(found, key=lambda e: e.__name__)


def _enum_section(enums: Iterable[type[Enum]]) -> str:
    rows = [
        _row(_cell(c) for c in (e.__name__, ", ".join(f"`{m.value}`" for m in e), _summary(e)))
        for e in enums
    ]
    return "\n".join(["#### Enumerations", "", ENUM_HEADER, *rows])


def _dynamics_rows(model: BaseModel, prefix: str = "") -> Iterator[tuple[str, str, str]]:
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from _dynamics_rows(value, f"{prefix}{name}.")
        elif isinstance(value, dict) and value and _is_model(type(next(iter(value.values())))):
            for key, sub in value.items():
                shown = ", ".join(f"{k} {_number(v)}" for k, v in sub.model_dump().items())
                yield f"{prefix}{name}.{_value(key)}", shown, str(info.description or "")
        elif isinstance(value, dict):
            shown = ", ".join(f"{_value(k)} {_number(v)}" for k, v in value.items())
            yield f"{prefix}{name}", shown, str(info.description or "")
        else:
            yield f"{prefix}{name}", _value(value), str(info.description or "")


def dynamics_reference() -> str:
    """docs/model.md's last section: every `dynamics` parameter with its default and meaning."""
    from kamsim.scenario.dynamics import Dynamics

    rows = [
        "Set any of these under `dynamics:` in a scenario; what you leave out keeps its default.",
        "",
        "| parameter | default | meaning |",
        "|---|---|---|",
    ]
    for path, default, meaning in _dynamics_rows(Dynamics()):
        rows.append(_row([f"`{path}`", default, meaning]))
    return "\n".join(rows) + "\n"
