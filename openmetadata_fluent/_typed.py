"""Concrete return types for inherited chaining methods, so ``help()`` tells the truth.

A setter shared through a base class is annotated ``def x(self: _B, ...) -> _B`` (or with a
class type parameter such as ``-> E``); type checkers resolve that, but ``help()`` and
``inspect.signature`` show the bare TypeVar. ``concrete_returns(cls)`` gives ``cls`` its own
copy of each such public method: the same code object, defaults and docstring, with the
TypeVars replaced by ``cls`` (or by the type argument ``cls`` binds). The copy shares the
original's code, so a call costs exactly what it did; every alias of a method (its camelCase
twin) gets the one same copy.
"""

from __future__ import annotations

import inspect
import types
import typing
from typing import Any, TypeVar

__all__ = ["concrete_returns"]

_T = TypeVar("_T", bound=type)

_NOT_A_TYPE = object()


def _evaluated(annotation: Any, func: types.FunctionType) -> Any:
    """The annotation as an object: a postponed (string) one is evaluated in the function's
    module; a name only known to type checkers yields a marker that matches nothing."""
    if not isinstance(annotation, str):
        return annotation
    try:
        return eval(annotation, func.__globals__)
    except Exception:
        return _NOT_A_TYPE


def _bindings(cls: type) -> dict[Any, Any]:
    """Each class type parameter of ``cls``'s generic bases, mapped to what ``cls`` binds
    it to (``class Ops(EntityOperations[Topic, Req])`` maps ``E`` to ``Topic``)."""
    out: dict[Any, Any] = {}
    for base in cls.__dict__.get("__orig_bases__", ()):
        origin = typing.get_origin(base) or base
        params = getattr(origin, "__parameters__", ())
        local = dict(zip(params, typing.get_args(base), strict=False))
        if isinstance(origin, type):
            for param, value in _bindings(origin).items():
                out.setdefault(param, local.get(value, value))
        for param, value in local.items():
            out.setdefault(param, value)
    return out


def _self_type(func: types.FunctionType) -> Any:
    """The TypeVar the first parameter is annotated with (``self: _B`` or ``cls: type[_B]``)."""
    params = list(inspect.signature(func, eval_str=False).parameters.values())
    if not params or params[0].annotation is inspect.Parameter.empty:
        return None
    first = _evaluated(params[0].annotation, func)
    if typing.get_origin(first) is type:
        (first,) = typing.get_args(first) or (None,)
    return first if isinstance(first, TypeVar) else None


def _retyped(func: types.FunctionType, cls: type, bound: dict[Any, Any]) -> types.FunctionType:
    """``func`` itself when nothing in its annotations needs replacing, else its copy."""
    self_type = _self_type(func)
    first = next(iter(inspect.signature(func, eval_str=False).parameters), None)

    def concrete(name: str, annotation: Any) -> Any:
        if annotation == "Self" and name == "return":
            return cls
        value = _evaluated(annotation, func)
        if not isinstance(value, TypeVar):
            return annotation
        if value is self_type:
            return cls
        target = bound.get(value, value)
        return annotation if isinstance(target, TypeVar) else target

    annotations = {
        name: concrete(name, annotation)
        for name, annotation in func.__annotations__.items()
        if not (name == first and self_type is not None)
    }
    if annotations == func.__annotations__:
        return func
    copy = types.FunctionType(
        func.__code__, func.__globals__, func.__name__, func.__defaults__, func.__closure__
    )
    copy.__kwdefaults__ = None if func.__kwdefaults__ is None else dict(func.__kwdefaults__)
    copy.__dict__.update(func.__dict__)
    copy.__doc__ = func.__doc__
    copy.__module__ = func.__module__
    copy.__qualname__ = f"{cls.__qualname__}.{func.__name__}"
    copy.__annotations__ = annotations
    return copy


def _rewrapped(member: Any, cls: type, bound: dict[Any, Any]) -> Any:
    """The member (function, classmethod or property) with its functions retyped, or the
    member itself when none needed it."""
    if inspect.isfunction(member):
        return _retyped(member, cls, bound)
    if isinstance(member, classmethod):
        func = member.__func__
        if inspect.isfunction(func):
            new = _retyped(func, cls, bound)
            return member if new is func else classmethod(new)
    if isinstance(member, property) and inspect.isfunction(member.fget):
        getter = _retyped(member.fget, cls, bound)
        if getter is not member.fget:
            return property(getter, member.fset, member.fdel, member.__doc__)
    return member


def concrete_returns(cls: _T, names: typing.Iterable[str] | None = None) -> _T:
    """Give ``cls`` copies of its inherited public methods whose annotations name a TypeVar
    it fixes, annotated with the concrete types; usable as a class decorator. ``names``
    limits the walk to those methods (a model's many accessors never need it, and walking
    them all costs start-up time)."""
    bound = _bindings(cls)
    done: dict[int, Any] = {}
    # ``dir()`` of an enum class hides its methods, so the names come from the MRO itself.
    wanted = (
        sorted({name for klass in cls.__mro__ for name in vars(klass)})
        if names is None
        else [n for n in names if any(n in vars(k) for k in cls.__mro__)]
    )
    for name in wanted:
        if name.startswith("_"):
            continue
        member = inspect.getattr_static(cls, name)
        key = id(member)
        if key not in done:
            done[key] = _rewrapped(member, cls, bound)
        if done[key] is not member:
            setattr(cls, name, done[key])
    return cls


def concrete_returns_all(
    classes: typing.Iterable[Any], names: typing.Iterable[str] | None = None
) -> None:
    """``concrete_returns`` for each class among ``classes`` (other objects are skipped)."""
    only = None if names is None else tuple(names)
    for value in classes:
        if isinstance(value, type):
            concrete_returns(value, only)
