"""Run callables at the same moment in threads, each on its own database connection (PostgreSQL races)."""

import threading
from collections.abc import Callable

from django.db import connection


def run_together(actions: list[Callable[[], object]], timeout: float = 60) -> list[object]:
    """Release every action at once through a barrier; return each one's result, or the exception it raised."""
    barrier = threading.Barrier(len(actions))
    outcomes: list[object] = [None] * len(actions)

    def run(index: int, action: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=timeout)
            outcomes[index] = action()
        except BaseException as error:  # noqa: BLE001  (handed to the test, which asserts on it)
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index, action)) for index, action in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish in time"
    return outcomes
