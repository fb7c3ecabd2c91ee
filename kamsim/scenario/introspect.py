"""Walking the scenario models along an error's location: allowed keys, bounds and choices.

Messages such as "did you mean 'influence'?" and "must be between 0 and 1" need to know what
the model expects at a place in the data; pydantic's errors do not always say.
"""

from __future__ import annotations

import enum
import types
from collections.abc import Iterable, Mapping, Sequence
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel


def _flatten(annotation: Any, metadata: list[Any]) -> list[tuple[Any, list[Any]]]:
    """Unwrap Annotated / Optional / unions into (type, constraints) candidates."""
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *extra = get_args(annotation)
        return _flatten(inner, [*metadata, *_expand_metadata(extra)])
    if origin in (Union, types.UnionType):
        found: list[tuple[Any, list[Any]]] = []
        for arg in get_args(annotation):
            if arg is not type(None):
                found.extend(_flatten(arg, metadata))
        return found
    return [(annotation, metadata)]


def _expand_metadata(items: Iterable[Any]) -> list[Any]:
    """FieldInfo objects inside Annotated carry their constraints in ``.metadata``."""
    out: list[Any] = []
    for item in items:
        out.extend(getattr(item, "metadata", None) or [item])
    return out


def _model_field(model: type[BaseModel], key: str) -> Any | None:
    for name, info in model.model_fields.items():
        if key in (name, info.alias, info.validation_alias):
            return info
    return None


def _step(candidate: tuple[Any, list[Any]], segment: str | int) -> list[tuple[Any, list[Any]]]:
    """Candidates one location segment deeper, for models, lists, tuples and dicts."""
    tp, _ = candidate
    origin, args = get_origin(tp), get_args(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel) and isinstance(segment, str):
        info = _model_field(tp, segment)
        return _flatten(info.annotation, list(info.metadata)) if info else []
    if isinstance(segment, int) and origin is tuple and args:
        homogeneous = len(args) == 2 and args[1] is Ellipsis
        return _flatten(args[0] if homogeneous else args[min(segment, len(args) - 1)], [])
    if isinstance(segment, int) and origin in (list, set, frozenset, Sequence) and args:
        return _flatten(args[0], [])
    if isinstance(segment, str) and origin in (dict, Mapping) and len(args) == 2:
        return _flatten(args[1], [])
    return []


def _resolve(model: type[BaseModel], loc: Sequence[str | int]) -> list[tuple[Any, list[Any]]]:
    """All (type, constraints) candidates that a data path may refer to in ``model``."""
    candidates = _flatten(model, [])
    for segment in loc:
        deeper = [d for c in candidates for d in _step(c, segment)]
        candidates = deeper or _select(candidates, segment)
    return candidates


def _select(candidates: list[tuple[Any, list[Any]]], segment: str | int) -> list[Any]:
    """Narrow union members by a pydantic loc segment naming a class or a tag value.

    Markers such as ``function-after[…]`` leave the candidates alone; anything else
    that names no member means the location does not exist in the model.
    """
    chosen = [c for c in candidates if segment in _labels(c[0])]
    if chosen:
        return chosen
    return candidates if isinstance(segment, str) and "[" in segment else []


def _labels(tp: Any) -> set[Any]:
    """Names pydantic may use for a union member: its class name and its Literal tag values."""
    if not (isinstance(tp, type) and issubclass(tp, BaseModel)):
        return {getattr(tp, "__name__", None)}
    labels: set[Any] = {tp.__name__}
    for info in tp.model_fields.values():
        for member, _ in _flatten(info.annotation, []):
            if get_origin(member) is Literal:
                labels.update(get_args(member))
    return labels


def allowed_keys(model_cls: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """Keys a trainer may write in the mapping at ``loc`` (aliases win over field names)."""
    keys: list[str] = []
    for tp, _ in _resolve(model_cls, loc):
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            for name, info in tp.model_fields.items():
                alias = info.validation_alias if isinstance(info.validation_alias, str) else None
                keys.append(alias or info.alias or name)
    return list(dict.fromkeys(keys))


def field_bounds(model: type[BaseModel] | None, loc: Sequence[str | int]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if model is None:
        return found
    for _, metadata in _resolve(model, loc):
        for item in metadata:
            for attr in ("gt", "ge", "lt", "le"):
                if getattr(item, attr, None) is not None:
                    found.setdefault(attr, getattr(item, attr))
    return found


def field_choices(model: type[BaseModel] | None, loc: Sequence[str | int]) -> list[Any]:
    if model is None:
        return []
    out: list[Any] = []
    for tp, _ in _resolve(model, loc):
        if get_origin(tp) is Literal:
            out.extend(get_args(tp))
        elif isinstance(tp, type) and issubclass(tp, enum.Enum):
            out.extend(member.value for member in tp)
    return out
