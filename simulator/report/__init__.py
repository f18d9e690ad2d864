"""The policymaker report of a sweep: an HTML page, tables for staff and a printable PDF.

``build_report(results_dir, out=None, lang="en", pdf=False)`` (see :mod:`simulator.report.build`)
is the Python entry point; ``dewak report`` is a thin layer over it. Modules: ``data`` (reading
the results store, where the money per payer comes from), ``stats`` (intervals, survival
curves, money per year), ``fig_outcomes`` (figures 1–3), ``fig_burden`` (4–6), ``pyramid`` (7),
``verdicts`` (generated sentences), ``assumptions`` (the assumptions-and-limits section),
``html`` (the page, from ``templates/``), ``tables`` (``summary.csv``/``.xlsx``), ``pdf``
(``report.pdf`` by typst), ``extras`` (optional stress-test, sensitivity and discovery
sections), ``i18n`` with ``words`` and ``names`` (English and German, Babel formats).
"""

from __future__ import annotations

from typing import Any

__all__ = ["build_report", "default_out"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from simulator.report import build

        return getattr(build, name)
    raise AttributeError(f"module 'simulator.report' has no attribute {name!r}")
