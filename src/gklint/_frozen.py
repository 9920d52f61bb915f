"""A quicker ``__init__`` for the frozen dataclasses made by the hundred thousand.

A frozen dataclass's generated ``__init__`` sets each field through
``object.__setattr__`` (to get past its own ``__setattr__``, which raises):
one call per field, about half of the cost of making the object.  Parts,
findings and their places are made once per heading or finding, so a report
with 200,000 headings makes hundreds of thousands of findings.  :func:`quick_init` replaces
the generated ``__init__`` with one that fills the instance's ``__dict__``
item by item: the same signature and defaults, the same object afterwards
(still frozen: assigning to a field raises; equal, hashed, printed and
pickled as before).  It is twice as fast but the instance's dictionary is
no longer the compact shared-key kind (about 60 bytes more an object), so
it suits objects made in great numbers and mostly dropped again, such as
findings the engine groups; a class kept by the hundred thousand in the
report model is better off with ``slots=True``.  It only accepts the simple case — no ``__slots__``, no
``__post_init__``, no ``default_factory``, no ``InitVar`` — and says so.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

T = TypeVar("T")


def quick_init(cls: type[T]) -> type[T]:
    """Give the frozen dataclass ``cls`` an ``__init__`` that fills ``__dict__`` directly."""
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or hasattr(cls, "__slots__") or hasattr(cls, "__post_init__"):
        raise TypeError(f"quick_init: {cls.__name__} must be a frozen dataclass without __slots__ or __post_init__")
    defaults: dict[str, object] = {}
    signature, assignments = [], []
    for field in fields:
        if not field.init or field.default_factory is not dataclasses.MISSING or getattr(field, "kw_only", False):
            raise TypeError(f"quick_init: {cls.__name__}.{field.name} has init=False, kw_only or a default_factory")
        if field.default is dataclasses.MISSING:
            signature.append(field.name)
        else:
            defaults[f"_default_{field.name}"] = field.default
            signature.append(f"{field.name}=_default_{field.name}")
        assignments.append(f"    d[{field.name!r}] = {field.name}\n")
    source = f"def __init__(self, {', '.join(signature)}):\n    d = self.__dict__\n" + "".join(assignments)
    namespace: dict[str, object] = {}
    # through the exec dataclasses itself uses (gklint._codegen_cache may
    # have given it one that keeps the compiled code between runs)
    run = vars(dataclasses).get("exec", exec)
    run(source, dict(defaults), namespace)  # noqa: S102 - generated from the class's own field names
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"  # type: ignore[attr-defined]
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[misc]
    return cls


__all__ = ["quick_init"]
