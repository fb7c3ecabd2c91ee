"""Autosaves written off the frame: the newest snapshot always reaches the disk, intact."""

from __future__ import annotations

import json
from pathlib import Path

from kamsim.ui.saver import BackgroundWriter


def test_the_newest_snapshot_wins_and_flush_waits_for_it(tmp_path: Path) -> None:
    writer = BackgroundWriter()
    target = tmp_path / "save.json"
    for week in range(1, 60):
        writer.write([(target, json.dumps({"week": week}))])
    writer.flush()
    assert json.loads(target.read_text("utf-8")) == {"week": 59}
    assert writer.failure is None and writer.saved
    assert [p.name for p in tmp_path.iterdir()] == ["save.json"]  # no temp files left


def test_a_failed_write_is_reported_not_raised(tmp_path: Path) -> None:
    writer = BackgroundWriter()
    writer.write([(tmp_path / "missing-folder" / "save.json", "{}")])
    writer.flush()
    assert writer.failure is not None and "missing-folder" in writer.failure
