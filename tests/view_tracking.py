"""A recording proxy for `View`: it reads like the real view and remembers every path read.

    recorder = Recorder()
    view = recorder.wrap(sim.view())
    bot.decide(view)
    recorder.paths  # {"accounts", "accounts[].people[].front_line", "kpis[].share", ...}

Generic over the view's shape: dataclasses (`View`, `AccountView`, `PersonView`, ...) by their
fields, dicts by their keys, tuples and lists by their elements. Scalars (str, int, float,
bool, None) come back unwrapped, so comparisons, arithmetic and formatting are the real ones.

Paths are normalised: a field or dict key is `.name`, any element of a sequence is `[]`
(`accounts[].people[].front_line`). Reading every value of a dict (`.items()`, `.values()`)
records `.*`; reading only its keys (iteration, `.keys()`) records `.{}`. A dict key read by
name (`record["share"]`, `.get("share")`, `"share" in record`) records `.share`. `covered`
treats a `*` read by one side as covering any key the other side read by name.

The proxies pass `isinstance` checks for the class they wrap; `copy.deepcopy`, `repr` and
`str` return the real object's copy or text and record every path below the proxy (they read
it all).
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

SCALARS = (str, int, float, bool, type(None))
ALL_VALUES = "*"  # every value of a dict was read
ALL_KEYS = "{}"  # every key of a dict was read (not the values)


def join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def unwrap(value: Any) -> Any:
    return value._obj if type(value) in PROXIES else value


class Recorder:
    """Collects the normalised paths read through the proxies it made.

    Proxies are made once per (object, path) and kept, so the parts a view shares with the
    previous one (accounts, people, facts heard) are not wrapped again for every view.
    """

    def __init__(self) -> None:
        self.paths: set[str] = set()
        self.active = True
        self._made: dict[tuple[int, str], tuple[Any, Any]] = {}

    def add(self, path: str) -> None:
        if self.active:
            self.paths.add(path)

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Reads in here are not recorded (e.g. the controller advancing the world)."""
        before, self.active = self.active, False
        try:
            yield
        finally:
            self.active = before

    def wrap(self, value: Any, path: str = "") -> Any:
        if isinstance(value, SCALARS) or type(value) in PROXIES:
            return value
        key = (id(value), path)
        made = self._made.get(key)
        if made is not None:
            return made[1]  # the object is kept in `_made`, so its id is not reused
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            proxy: Any = _Record(value, path, self)
        elif isinstance(value, dict):
            proxy = _Mapping(value, path, self)
        elif isinstance(value, tuple | list):
            proxy = _Sequence(value, path, self)
        else:
            return value  # anything else (none in a view today) is handed over as it is
        self._made[key] = (value, proxy)
        return proxy

    def add_all(self, value: Any, path: str) -> None:
        """Record every path below `value` (something read it whole)."""
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                child = join(path, f.name)
                self.add(child)
                self.add_all(getattr(value, f.name), child)
        elif isinstance(value, dict):
            if value:
                self.add(join(path, ALL_VALUES))
            for item in value.values():
                self.add_all(item, join(path, ALL_VALUES))
        elif isinstance(value, tuple | list):
            if value:
                self.add(f"{path}[]")
            for item in value:
                self.add_all(item, f"{path}[]")


class _Proxy:
    __slots__ = ("_obj", "_path", "_rec")

    def __init__(self, obj: Any, path: str, rec: Recorder) -> None:
        object.__setattr__(self, "_obj", obj)
        object.__setattr__(self, "_path", path)
        object.__setattr__(self, "_rec", rec)

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # isinstance(proxy, View) is True, as for the real view
        return type(self._obj)

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"the view is read-only (tried to set {name})")

    def __eq__(self, other: object) -> bool:
        return bool(self._obj == unwrap(other))

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self._obj)

    def _read_all(self) -> Any:
        self._rec.add_all(self._obj, self._path)
        return self._obj

    def __repr__(self) -> str:
        return repr(self._read_all())

    def __str__(self) -> str:
        return str(self._read_all())

    def __copy__(self) -> Any:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        return copy.deepcopy(self._read_all(), memo)

    def __reduce_ex__(self, protocol: Any) -> Any:
        return self._read_all().__reduce_ex__(protocol)


class _Record(_Proxy):
    """A dataclass: fields by name; methods are called on the real object."""

    __slots__ = ("_fields",)

    def __init__(self, obj: Any, path: str, rec: Recorder) -> None:
        super().__init__(obj, path, rec)
        object.__setattr__(self, "_fields", {})  # name → (path, wrapped value): views are frozen

    def __getattr__(self, name: str) -> Any:
        known = self._fields.get(name)
        if known is not None:
            self._rec.add(known[0])
            return known[1]
        obj = self._obj
        value = getattr(obj, name)
        if name.startswith("__"):
            return value  # dataclass machinery (__dataclass_fields__ …), not the view's data
        if callable(value) and name not in obj.__dataclass_fields__:
            return self._method(value, name)
        path = join(self._path, name)
        self._rec.add(path)
        wrapped = self._rec.wrap(value, path)
        self._fields[name] = (path, wrapped)
        return wrapped

    def _method(self, method: Any, name: str) -> Any:
        """`view.account(id)`: the element it returns has its field's path (`accounts[]`)."""
        obj, base, rec = self._obj, self._path, self._rec

        def call(*args: Any, **kwargs: Any) -> Any:
            result = method(*map(unwrap, args), **{k: unwrap(v) for k, v in kwargs.items()})
            if not isinstance(result, SCALARS):
                for f in dataclasses.fields(obj):
                    items = getattr(obj, f.name)
                    if isinstance(items, tuple | list) and any(x is result for x in items):
                        rec.add(join(base, f.name))
                        rec.add(f"{join(base, f.name)}[]")
                        return rec.wrap(result, f"{join(base, f.name)}[]")
            rec.add(join(base, f"{name}()"))
            return rec.wrap(result, join(base, f"{name}()"))

        return call


class _Sequence(_Proxy):
    """A tuple or list: any element is `[]`; slices keep the path."""

    __slots__ = ()

    def __len__(self) -> int:
        return len(self._obj)

    def __bool__(self) -> bool:
        return bool(self._obj)

    def _elements(self, items: Any) -> Iterator[Any]:
        if self._obj:
            self._rec.add(self._path + "[]")
        path, wrap = self._path + "[]", self._rec.wrap
        for item in items:
            yield wrap(item, path)

    def __iter__(self) -> Iterator[Any]:
        return self._elements(self._obj)

    def __reversed__(self) -> Iterator[Any]:
        return self._elements(reversed(self._obj))

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return self._rec.wrap(self._obj[index], self._path)
        item = self._obj[index]
        self._rec.add(self._path + "[]")
        return self._rec.wrap(item, self._path + "[]")

    def __contains__(self, value: Any) -> bool:
        if self._obj:
            self._rec.add(self._path + "[]")
        return unwrap(value) in self._obj

    def index(self, value: Any, *args: Any) -> int:
        self._rec.add(self._path + "[]")
        return int(self._obj.index(unwrap(value), *args))

    def count(self, value: Any) -> int:
        self._rec.add(self._path + "[]")
        return int(self._obj.count(unwrap(value)))

    def __add__(self, other: Any) -> Any:
        return [*self, *other] if isinstance(self._obj, list) else (*self, *other)

    def __radd__(self, other: Any) -> Any:
        return [*other, *self] if isinstance(other, list) else (*other, *self)

    def __lt__(self, other: Any) -> bool:
        return bool(self._read_all() < unwrap(other))

    def __le__(self, other: Any) -> bool:
        return bool(self._read_all() <= unwrap(other))

    def __gt__(self, other: Any) -> bool:
        return bool(self._read_all() > unwrap(other))

    def __ge__(self, other: Any) -> bool:
        return bool(self._read_all() >= unwrap(other))

    def __eq__(self, other: object) -> bool:
        return bool(self._read_all() == unwrap(other))

    __hash__ = _Proxy.__hash__


class _Mapping(_Proxy):
    """A dict: a key read by name is `.key`, all values `.*`, only the keys `.{}`."""

    __slots__ = ()

    def __getitem__(self, key: Any) -> Any:
        path = join(self._path, str(key))
        self._rec.add(path)
        return self._rec.wrap(self._obj[key], path)

    def get(self, key: Any, default: Any = None) -> Any:
        path = join(self._path, str(key))
        self._rec.add(path)
        return self._rec.wrap(self._obj[key], path) if key in self._obj else default

    def __contains__(self, key: Any) -> bool:
        self._rec.add(join(self._path, str(key)))
        return key in self._obj

    def __len__(self) -> int:
        return len(self._obj)

    def __bool__(self) -> bool:
        return bool(self._obj)

    def keys(self) -> Any:
        if self._obj:
            self._rec.add(join(self._path, ALL_KEYS))
        return self._obj.keys()

    def __iter__(self) -> Iterator[Any]:
        return iter(self.keys())

    def items(self) -> list[tuple[Any, Any]]:
        path = join(self._path, ALL_VALUES)
        if self._obj:
            self._rec.add(path)
        return [(k, self._rec.wrap(v, path)) for k, v in self._obj.items()]

    def values(self) -> list[Any]:
        return [v for _, v in self.items()]

    def copy(self) -> dict[Any, Any]:
        return dict(self.items())

    def __eq__(self, other: object) -> bool:
        return bool(self._read_all() == unwrap(other))

    __hash__ = _Proxy.__hash__


PROXIES = (_Record, _Sequence, _Mapping)


# ---------------------------------------------------------------------- comparing path sets
def _segments(path: str) -> list[tuple[str, str]]:
    """'accounts[].people[].name' → [('accounts', '[]'), ('people', '[]'), ('name', '')]."""
    out = []
    for part in path.split("."):
        name = part.rstrip("[]")
        out.append((name, part[len(name) :]))
    return out


def _matches(wide: list[tuple[str, str]], narrow: list[tuple[str, str]]) -> bool:
    """Segment by segment: equal, or `*` (all values) standing for any key or for all keys."""
    return len(wide) == len(narrow) and all(
        wb == nb and w in (n, ALL_VALUES) for (w, wb), (n, nb) in zip(wide, narrow, strict=True)
    )


def covered(path: str, shown: set[str]) -> bool:
    """Whether `path` is among `shown`, a key read by name counting as covered by `*`."""
    if path in shown:
        return True
    narrow = _segments(path)
    return any(
        _matches(wide, narrow)
        for wide in map(_segments, shown)
        if any(name == ALL_VALUES for name, _ in wide)
    )


def uncovered(read: set[str], shown: set[str]) -> list[str]:
    return sorted(p for p in read if not covered(p, shown))
