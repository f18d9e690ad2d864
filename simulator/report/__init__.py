"""The policymaker report: one HTML page with figures and a summary table, from a sweep.

``build_report(results_dir, out=None, lang="en")`` (see :mod:`simulator.report.build`) is the
Python entry point; ``dewak report`` is a thin layer over it. Modules: ``data`` (reading the
results store), ``stats`` (intervals, survival curves, shares), ``fig_outcomes`` (figures 1–3),
``fig_burden`` (4–6), ``pyramid`` (7), ``verdicts`` (generated sentences), ``html`` (the page),
``extras`` (optional stress-test, sensitivity and discovery sections), ``i18n`` (English and
German words).
"""

from __future__ import annotations

from typing import Any

__all__ = ["build_report", "default_out"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from simulator.report import build

        return getattr(build, name)
    raise AttributeError(f"module 'simulator.report' has no attribute {name!r}")
