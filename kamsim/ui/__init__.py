"""The pygame front end: screens that read `Simulation.view()` and submit actions, nothing more.

Only this package imports pygame. `kamsim.ui.app.run_app` is the entry point that
`kamsim play` calls; everything else is screens, widgets and the controller that owns the game.
"""

from __future__ import annotations

__all__ = ["run_app"]


def run_app(*args: object, **kwargs: object) -> int:
    """Start the game window (imported lazily so `kamsim --help` never loads pygame)."""
    from kamsim.ui.app import run_app as _run

    return _run(*args, **kwargs)  # type: ignore[arg-type]
