"""The game window's theme and fonts, installed as the package `kamsim._assets`.

This folder stays at the top of the repository (its single source); the build maps it into
the package (pyproject.toml, `package-dir`), so a wheel carries it and `kamsim.bundle` finds
it through importlib.resources, installed or editable alike.
"""
