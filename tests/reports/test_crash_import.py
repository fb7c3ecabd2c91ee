"""`kill -9` during an import never tears the facilitator's database or its seal: after the
kill it verifies intact, holds each game once or not at all, and the import can be run again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from kamsim.reports import ResultsStore

from .conftest import cli, trainee_game
from .test_tamper import Workshop, shop  # noqa: F401  (the fixture)

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL")


def _stored(db: object) -> int:
    try:
        with ResultsStore(db, create=False) as store:  # type: ignore[arg-type]
            return len(store.games())
    except Exception:  # not there yet, or locked: not stored yet
        return 0


@pytest.mark.parametrize("when", ["early", "late", "between the games"])
def test_kill_during_import(shop: Workshop, when: str) -> None:  # noqa: F811
    bens = trainee_game("tutorial", 1, "random")  # another game: a copy would be refused
    files = [shop.played("ana"), shop.played("ben", bens)]
    env = dict(os.environ)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kamsim", "import", *map(str, files), "--db", str(shop.db)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip
    start = time.monotonic()
    if when == "between the games":  # the first game committed, the second under way
        while proc.poll() is None and _stored(shop.db) == 0 and time.monotonic() - start < 60:
            time.sleep(0.01)
    else:
        time.sleep({"early": 0.5, "late": 1.5}[when])
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    with ResultsStore(shop.db) as store:
        assert store.integrity() == "ok"
        names = sorted(g.participant for g in store.games())
    assert names in ([], ["ana"], ["ben"], ["ana", "ben"])
    assert cli("verify", "--db", shop.db) == 0  # the seal matches whatever was committed
    assert cli("import", *files, "--db", shop.db) == 0  # and the import can simply be rerun
    with ResultsStore(shop.db) as store:
        assert sorted(g.participant for g in store.games()) == ["ana", "ben"]
