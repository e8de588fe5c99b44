"""Many requests at the same moment, for the tests that prove a limit holds under load (a session's seats, a
slot's capacity): each on its own thread and database connection, released together by a barrier."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.db import connection

T = TypeVar("T")


def all_at_once(action: Callable[[T], object], items: Iterable[T]) -> Counter:
    """Runs ``action(item)`` for every item at once; returns how often each outcome came back. An exception the
    action does not turn into an outcome counts as its ``repr``: reported in the caller's assertion, never
    swallowed."""
    items = list(items)
    barrier = threading.Barrier(len(items))
    outcomes: list = []
    lock = threading.Lock()

    def run(item: T) -> None:
        try:
            barrier.wait()
            outcome = action(item)
        except Exception as error:
            outcome = repr(error)
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Counter(outcomes)
