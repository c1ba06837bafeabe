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

import types
import typing
from typing import Any, TypeVar

__all__ = ["concrete_model_returns", "concrete_returns", "concrete_returns_all"]

_T = TypeVar("_T", bound=type)

_NOT_A_TYPE = object()


def _evaluated(annotation: Any, func: types.FunctionType) -> Any:
    """The annotation as an object, as far as this module needs it: only a bare name (``E``)
    or ``type[<name>]`` can hold a TypeVar to replace, so a postponed (string) annotation is
    looked up in the function's module only in those two shapes; anything else, or a name
    only known to type checkers, yields a marker that matches nothing. Looking names up
    rather than evaluating strings keeps import time low: this runs for every chaining
    method at import."""
    if not isinstance(annotation, str):
        return annotation
    if annotation.startswith("type[") and annotation.endswith("]"):
        inner = func.__globals__.get(annotation[5:-1], _NOT_A_TYPE)
        return type[inner] if isinstance(inner, TypeVar) else _NOT_A_TYPE
    if annotation.isidentifier():
        return func.__globals__.get(annotation, _NOT_A_TYPE)
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
    first_name = _first_parameter(func)
    if first_name is None or first_name not in func.__annotations__:
        return None
    first = _evaluated(func.__annotations__[first_name], func)
    if typing.get_origin(first) is type:
        (first,) = typing.get_args(first) or (None,)
    return first if isinstance(first, TypeVar) else None


def _first_parameter(func: types.FunctionType) -> str | None:
    """The name of the first parameter, read from the code object (``inspect.signature``
    costs far more, and this runs for every chaining method at import)."""
    code = func.__code__
    return code.co_varnames[0] if code.co_argcount + code.co_kwonlyargcount else None


def _retyped(func: types.FunctionType, cls: type, bound: dict[Any, Any]) -> types.FunctionType:
    """``func`` itself when nothing in its annotations needs replacing, else its copy."""
    self_type = _self_type(func)
    first = _first_parameter(func)

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
    if isinstance(member, types.FunctionType):
        return _retyped(member, cls, bound)
    if isinstance(member, classmethod):
        func = member.__func__
        if isinstance(func, types.FunctionType):
            new = _retyped(func, cls, bound)
            return member if new is func else classmethod(new)
    if isinstance(member, property) and isinstance(member.fget, types.FunctionType):
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
        member = next(vars(k)[name] for k in cls.__mro__ if name in vars(k))
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


def concrete_model_returns(namespace: dict[str, Any]) -> None:
    """Run at the end of a models module: ``from_dict`` and ``parse`` of each public model and
    enum it exports get copies that name the class, so ``help(Topic.from_dict)`` says
    ``-> Topic``. The two bases keep their TypeVars: they are what the copies are made from."""
    concrete_returns_all(
        (namespace[name] for name in namespace["__all__"] if name not in _MODEL_BASES),
        names=("from_dict", "parse"),
    )


_MODEL_BASES = ("WireEnum", "WireModel")
