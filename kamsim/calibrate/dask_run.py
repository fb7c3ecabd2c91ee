"""Playing a calibration's, an audit's or a sweep's games on a Dask cluster (`--scheduler`).

A game is a pure function of (scenario, seed, player), so where it runs changes nothing: the
games go out in batches and come back into task order, and the output is byte-identical to
the local pool's. Why each choice:

- **Batches of at least `BATCH` games** (fewer only when the whole job is smaller): a Dask
  task costs about a millisecond of scheduling, a game 50–400 ms, so a hundred games a task
  keep the overhead under a percent while leaving enough tasks to balance the workers.
- **Seed by seed** (`execution_order`): a batch holds every player of a few consecutive
  seeds, so each worker computes a seed's no-action baseline once, and the memorised guide
  finds the previous seed's expert game already played in its own process.
- **The scenarios and scorer are sent once** (`Client.scatter(..., broadcast=True)`), not
  with every batch: a sweep's grid points are a few scenarios of 100 KiB each.
- `--scheduler local` starts a `LocalCluster` of `--workers` processes with one thread each
  (games are CPU-bound Python: threads would share one interpreter lock) and closes it after.

Dask is an optional extra (`pip install 'kamsim[dask]'`): the import happens only here, and
its absence is a one-line message, as is a scheduler that cannot be reached.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from kamsim.errors import UserError

BATCH = 100  # games per Dask task, at least (see the module's docstring)
CONNECT_S = 10  # how long to wait for a scheduler before saying it cannot be reached
EXIT_SCHEDULER = 2  # the exit code of a scheduler problem (a usage error: fix the flag)
INSTALL = "pip install 'kamsim[dask]'"

Task = tuple[int, str, int]  # (scenario index, player, seed)


def execution_order(tasks: Sequence[Task]) -> list[int]:
    """Task indices seed by seed (then as listed): the order games are handed out in."""
    return sorted(range(len(tasks)), key=lambda i: (tasks[i][2], i))


def batches(order: Sequence[int], workers: int, batch: int = BATCH) -> list[list[int]]:
    """Consecutive runs of `order`, each of at least `batch` tasks (one batch when fewer).

    Within that floor, aim for about four batches a worker, so a slow last batch does not
    leave the others idle for long.
    """
    if not order:
        return []
    size = max(batch, math.ceil(len(order) / max(1, 4 * workers)))
    return [list(order[i : i + size]) for i in range(0, len(order), size)]


def _dask() -> Any:
    try:
        import distributed
    except ImportError:
        raise UserError(f"--scheduler needs Dask, which is not installed: {INSTALL}",
                        EXIT_SCHEDULER) from None  # fmt: skip
    return distributed


@contextmanager
def client(address: str, workers: int) -> Iterator[Any]:
    """A Dask client: on a LocalCluster for 'local', else connected to the scheduler."""
    distributed = _dask()
    if address == "local":
        cluster = distributed.LocalCluster(n_workers=max(1, workers), threads_per_worker=1,
                                           processes=True, dashboard_address=":0")  # fmt: skip
        try:
            with distributed.Client(cluster) as found:
                yield found
        finally:
            cluster.close()
        return
    try:
        connected = distributed.Client(address, timeout=CONNECT_S)
    except (OSError, TimeoutError, ValueError) as err:
        raise UserError(
            f"--scheduler {address}: could not connect to a Dask scheduler within "
            f"{CONNECT_S} s ({err.__class__.__name__}: {err}); check the address "
            "(tcp://HOST:8786) and that `dask scheduler` is running there, or use "
            "--scheduler local", EXIT_SCHEDULER,
        ) from None  # fmt: skip
    with connected:
        yield connected


def _play_batch(shared: tuple[Sequence[Any], Any, int], batch: list[tuple[int, Task]]) -> list:
    """Runs on a Dask worker: the batch's games, each with its task index."""
    from kamsim.calibrate.run import play_and_score

    scenarios, scorer, runs = shared
    return [
        (i, play_and_score(scenarios[s], bot, seed, scorer, runs)) for i, (s, bot, seed) in batch
    ]


def run_on_dask(
    address: str,
    scenarios: Sequence[Any],
    tasks: Sequence[Task],
    workers: int,
    scorer: Any,
    runs: int,
    quiet: bool,
    what: str,
) -> list[Any]:
    """Every task's GameResult, in task order, played on the cluster at `address`."""
    from kamsim.progress import track

    distributed = _dask()
    results: list[Any] = [None] * len(tasks)
    with client(address, workers) as dask:
        shared = dask.scatter((tuple(scenarios), scorer, runs), broadcast=True)
        cut = batches(execution_order(tasks), workers)
        futures = [
            dask.submit(_play_batch, shared, [(i, tasks[i]) for i in batch], pure=False)
            for batch in cut
        ]

        def played() -> Iterator[int]:
            for future in distributed.as_completed(futures):
                for i, result in future.result():
                    results[i] = result
                    yield i

        for _ in track(played(), what, quiet=quiet, total=len(tasks)):
            pass
    return results
