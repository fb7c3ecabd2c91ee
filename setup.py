"""Extension modules for the optional compiled build (build_backend/kamsim_build.py).

Everything else about the package is in pyproject.toml. Without KAMSIM_COMPILE=1 there are
no extension modules and the wheel is pure Python.
"""

import os

from kamsim_build import extension_modules
from setuptools import setup

setup(ext_modules=extension_modules(), options={"build_ext": {"parallel": os.cpu_count() or 1}})
