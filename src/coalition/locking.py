"""`holding(lock_of)`: a method decorator that runs the method holding an object's lock.

The session's store and the room's rules are used from two threads when the app serves the
room (the app's and the room's); each of their changing methods holds the store's lock:

    locked = holding(lambda store: store.lock)

    class SessionStore:
        @locked
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


class holding:
    """Decorates methods of any class whose lock `lock_of(self)` returns."""

    def __init__(self, lock_of: Callable[[Any], AbstractContextManager[Any]]) -> None:
        self.lock_of = lock_of

    def __call__(
        self, method: Callable[Concatenate[Owner, P], R]
    ) -> Callable[Concatenate[Owner, P], R]:
        lock_of = self.lock_of

        @functools.wraps(method)
        def holding_lock(owner: Owner, /, *args: P.args, **kwargs: P.kwargs) -> R:
            with lock_of(owner):
                return method(owner, *args, **kwargs)

        return holding_lock
