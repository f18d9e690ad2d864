"""Lazy package exports: a package names what it offers, and each name loads on first use.

The command line imports packages such as :mod:`simulator.experiments` to register its commands;
loading numpy, pandas or dask then would make ``dewak --help`` and ``dewak validate`` slow.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any


def lazy_exports(package: str, exports: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that imports ``exports[name]`` (a module path) on first use."""

    def __getattr__(name: str) -> Any:
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(import_module(exports[name]), name)

    return __getattr__
