"""`--scheduler`: calibrate, audit and sweep on a Dask cluster give the local pool's bytes.

One LocalCluster serves the module's tests through its address (the path a trainer with a
remote cluster takes); `--scheduler local` (a cluster the command starts and stops itself) is
tried once. The tutorial with a few seeds keeps it quick.
"""

from __future__ import annotations

import builtins
import socket
from collections.abc import Iterator
from typing import Any

import pytest

from kamsim.calibrate import dask_run
from kamsim.cli import main

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def address() -> Iterator[str]:
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=":0")  # fmt: skip
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main([*argv, "--json", "--quiet"])
    out = capsys.readouterr().out
    assert code in (0, 3), out
    return out


def test_calibrate_is_the_same_on_dask_and_on_one_or_two_local_workers(address, capsys) -> None:
    args = ("calibrate", "tutorial", "--runs", "3")
    one = _json(capsys, *args, "--workers", "1")
    assert _json(capsys, *args, "--workers", "2") == one
    assert _json(capsys, *args, "--scheduler", address) == one


def test_audit_is_the_same_on_dask(address, capsys) -> None:
    args = ("audit", "tutorial", "--runs", "3")
    assert _json(capsys, *args, "--scheduler", address) == _json(capsys, *args, "--workers", "2")


def test_sweep_is_the_same_on_dask(address, capsys) -> None:
    args = ("sweep", "tutorial", "--param", "dynamics.costs.routine_days_per_account=0.1:0.3:2",
            "--runs", "2")  # fmt: skip
    assert _json(capsys, *args, "--scheduler", address) == _json(capsys, *args, "--workers", "1")


def test_scheduler_local_starts_and_stops_its_own_cluster(capsys) -> None:
    args = ("calibrate", "tutorial", "--runs", "2", "--no-graded")
    here = _json(capsys, *args)
    assert _json(capsys, *args, "--scheduler", "local", "--workers", "2") == here


def test_batches_are_whole_runs_of_at_least_a_hundred_games() -> None:
    tasks = [(0, bot, seed) for bot in ("expert", "novice", "random") for seed in range(1, 201)]
    order = dask_run.execution_order(tasks)
    assert [tasks[i][2] for i in order[:4]] == [1, 1, 1, 2]  # seed by seed: a seed's players
    cut = dask_run.batches(order, workers=2)
    assert [i for batch in cut for i in batch] == order  # every task once, in that order
    assert all(len(batch) >= dask_run.BATCH for batch in cut)
    assert len(cut) == 6  # 600 games: a hundred a batch beats eight batches of 75
    assert dask_run.batches(order[:30], workers=2) == [order[:30]]  # small jobs: one batch


def test_without_dask_the_flag_says_how_to_install_it(monkeypatch, capsys) -> None:
    real = builtins.__import__

    def no_dask(name: str, *args: Any, **kw: Any) -> Any:
        if name == "distributed":
            raise ImportError("No module named 'distributed'")
        return real(name, *args, **kw)

    monkeypatch.setattr(builtins, "__import__", no_dask)
    code = main(["calibrate", "tutorial", "--runs", "2", "--scheduler", "local"])
    err = capsys.readouterr().err
    assert code == 2
    assert "--scheduler needs Dask, which is not installed: pip install 'kamsim[dask]'" in err
    assert "Traceback" not in err


def test_an_unreachable_scheduler_is_a_message(monkeypatch, capsys) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setattr(dask_run, "CONNECT_S", 1)
    code = main(["audit", "tutorial", "--runs", "2", "--scheduler", f"tcp://127.0.0.1:{port}"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"--scheduler tcp://127.0.0.1:{port}: could not connect to a Dask scheduler" in err
    assert "Traceback" not in err


def test_a_scheduler_that_is_no_address_is_refused(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["calibrate", "tutorial", "--runs", "2", "--scheduler", "my laptop"])
    assert exit_.value.code == 2
    assert "expected 'local' or a Dask scheduler address" in capsys.readouterr().err
