"""`holding(lock_of)`: a method decorator that runs the method holding an object's lock.

The session's store and the room's rules are used from two threads when the app serves the
room (the app's and the room's); each of their changing methods holds the store's lock:

    class SessionStore:
        @holding(lambda store: store.lock)
        def add(self, kind: str, /, **fields: Any) -> Item: ...
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any, Concatenate, ParamSpec, TypeVar

Owner = TypeVar("Owner")
P = ParamSpec("P")
R = TypeVar("R")

Method = Callable[Concatenate[Owner, P], R]


def holding(
    lock_of: Callable[[Owner], AbstractContextManager[Any]],
) -> Callable[[Method[Owner, P, R]], Method[Owner, P, R]]:
    """The decorated method runs inside `with lock_of(self):`."""

    def decorate(method: Method[Owner, P, R]) -> Method[Owner, P, R]:
        @functools.wraps(method)
        def holding_lock(owner: Owner, /, *args: P.args, **kwargs: P.kwargs) -> R:
            with lock_of(owner):
                return method(owner, *args, **kwargs)

        return holding_lock

    return decorate
