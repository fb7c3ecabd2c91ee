"""The bundled scenarios, installed as the package `kamsim._scenarios`.

This folder stays at the top of the repository, where trainers and the documents point; the
build maps it into the package (pyproject.toml, `package-dir`), so a wheel carries it and
`kamsim.bundle` finds it through importlib.resources, installed or editable alike.
"""
