"""``summary.md``: a calibration's result as Markdown, ready for docs/calibration.md.

The posterior per parameter, every pattern's fit (hits and misses, validation included), the
diagnostics of the last generation, and the ``calibrated:`` label each calibrated scenario
number gets (:mod:`simulator.calibration.labels`): ``{value: <posterior median>, calibrated:
"<calibration>, <date>, commit <hash>: posterior median <m>, 90 % interval [<q05>, <q95>]"}``.
"""

from __future__ import annotations

from simulator.calibration import labels
from simulator.calibration.fit import verdict


def render(summary: dict, stamp: str) -> str:
    """The Markdown text of a summary; ``stamp`` is e.g. ``2026-12-06, commit 1a2b3c4``."""
    lines = [
        f"## {summary['name']}",
        "",
        f"Status {summary['status']} ({summary['stop_reason']}): {summary['generations']} "
        f"generations, {summary['particles']} particles (effective sample size "
        f"{_num(summary['effective_sample_size'])}), final epsilon {_num(summary['epsilon'])}, "
        f"{summary['model_runs']} model runs ({summary['runs_per_particle']} per particle).",
        "",
        "| parameter | scenario path | prior | posterior median | 90 % interval |",
        "|---|---|---|---|---|",
    ]
    for name, p in summary["parameters"].items():
        lines.append(
            f"| {name} | `{p['path']}`{_where(p)} | {_prior(p['prior'])} | {_num(p['median'])} "
            f"| {_num(p['q05'])} – {_num(p['q95'])} |"
        )
    lines += ["", "| pattern | role | target | model median (90 %) | verdict | source |"]
    lines.append("|---|---|---|---|---|---|")
    for row in summary["patterns"]:
        model = (
            f"{_num(row['model_median'])} ({_num(row['model_q05'])} – {_num(row['model_q95'])})"
            if row["n"]
            else "no value"
        )
        lines.append(
            f"| {row['pattern']} | {row['role']} | {row['target']} | {model} | "
            f"{verdict(row)} | {row['source']} |"
        )
    lines += ["", "Labels for the scenario files (posterior medians):", "", "```yaml"]
    lines += labels.lines(summary, stamp)
    lines += ["```", ""]
    return "\n".join(lines)


def _where(p: dict) -> str:
    return "" if p["scenarios"] == "all" else f" ({', '.join(p['scenarios'])})"


def _prior(prior: dict) -> str:
    if prior["kind"] == "normal":
        return (
            f"normal({prior['mean']:g}, {prior['sd']:g}) on [{prior['low']:g}, {prior['high']:g}]"
        )
    return f"{prior['kind']}({prior['low']:g}, {prior['high']:g})"


def _num(value) -> str:
    return "–" if value is None else f"{value:.4g}"
