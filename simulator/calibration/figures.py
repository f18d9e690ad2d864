"""Figures of a calibration: marginal posteriors, pair plot, diagnostics per generation, pattern fit.

The posterior densities are drawn with pyabc's own helpers (``plot_kde_1d``,
``plot_kde_matrix``: weighted kernel density estimates); the diagnostics (from generations.csv)
and the pattern fit are drawn here.
"""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402 - after choosing the file backend
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pyabc.visualization as viz  # noqa: E402

DPI = 110


def draw_all(folder: Path, prepared, generations, posterior: pd.DataFrame, summary: dict) -> None:
    """Write marginals.png, pairs.png (two or more parameters), diagnostics.png, patterns.png."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    params = prepared.calibration.parameters
    frame, weights = posterior[[p.name for p in params]], posterior["weight"].to_numpy()
    _save(marginals(params, frame, weights, summary), folder / "marginals.png")
    if len(params) >= 2:
        _save(pairs(params, frame, weights), folder / "pairs.png")
    _save(diagnostics(generations), folder / "diagnostics.png")
    _save(pattern_fit(summary["patterns"]), folder / "patterns.png")


def marginals(params, frame: pd.DataFrame, weights: np.ndarray, summary: dict):
    """One panel per parameter: posterior density over the prior's range, median, 90 % interval."""
    cols = min(3, len(params))
    rows = math.ceil(len(params) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.2 * rows), squeeze=False)
    for ax, p in zip(axes.flat, params, strict=False):
        viz.plot_kde_1d(frame, weights, x=p.name, xmin=p.prior.low, xmax=p.prior.high, ax=ax)
        stats = summary["parameters"][p.name]
        ax.axvspan(stats["q05"], stats["q95"], color="C0", alpha=0.12, label="90 % interval")
        ax.axvline(stats["median"], color="C3", lw=1.2, label="median")
        unit = f" ({p.unit})" if p.unit else ""
        ax.set_title(f"{p.name}{unit}", fontsize=10)
        ax.set_xlabel(f"{p.path}\nprior {p.prior.describe()}", fontsize=8)
        ax.set_ylabel("posterior density")
    for ax in list(axes.flat)[len(params) :]:
        ax.set_visible(False)
    axes.flat[0].legend(fontsize=8)
    fig.suptitle("Posterior of each parameter (x-axis: the prior's range)")
    fig.tight_layout()
    return fig


def pairs(params, frame: pd.DataFrame, weights: np.ndarray):
    """The KDE matrix of pyabc: 1-d marginals on the diagonal, 2-d densities and particles off it."""
    limits = {p.name: (p.prior.low, p.prior.high) for p in params}
    axes = viz.plot_kde_matrix(frame, weights, limits=limits, height=2.2)
    fig = np.asarray(axes).flat[0].figure
    fig.suptitle("Posterior: pairs of parameters (over the priors' ranges)", y=1.01)
    return fig


def diagnostics(generations: pd.DataFrame):
    """Epsilon, acceptance rate and effective sample size per generation (generations.csv)."""
    done = generations[generations.generation >= 0]
    panels = [
        ("epsilon", "Epsilon (target units, log scale)", "log"),
        ("acceptance_rate", "Acceptance rate", "linear"),
        ("ess", "Effective sample size (particles)", "linear"),
    ]
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.4))
    for ax, (column, title, scale) in zip(axes, panels, strict=True):
        ax.plot(done.generation, done[column], "o-", color="C0")
        ax.set_yscale(scale)
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("generation")
        ax.set_xticks(done.generation)
    fig.suptitle("ABC-SMC diagnostics per generation")
    fig.tight_layout()
    return fig


def pattern_fit(rows: list[dict]):
    """One row per pattern: target interval (grey) against the posterior's median and 90 % band."""
    fig, axes = plt.subplots(len(rows), 1, figsize=(8, 0.9 + 0.75 * len(rows)), squeeze=False)
    for ax, row in zip(axes.flat, rows, strict=True):
        low, high = row["target_low"], row["target_high"]
        _target_span(ax, low, high, [row["model_q05"], row["model_q95"]])
        if row["n"]:
            ax.plot([row["model_q05"], row["model_q95"]], [0, 0], color="C0", lw=3, label="90 %")
            colour = "C2" if row["hit"] else "C3"
            ax.plot([row["model_median"]], [0], "o", color=colour, label="median")
        verdict = "no value" if row["hit"] is None else "hit" if row["hit"] else "MISS"
        unit = f" [{row['unit']}]" if row["unit"] else ""
        ax.set_title(f"{row['pattern']} ({row['role']}): {verdict}{unit}", fontsize=9, loc="left")
        ax.set_yticks([])
        ax.tick_params(axis="x", labelsize=8)
        _pad(ax, [low, high, row["model_q05"], row["model_q95"]])
    axes.flat[0].legend(fontsize=7, loc="upper right", ncol=3)
    fig.suptitle("Patterns: target interval and the calibrated model's median and 90 % band")
    fig.tight_layout()
    return fig


def _target_span(ax, low, high, model) -> None:
    """The target interval in grey; an open side (None) reaches past the model's band."""
    ends = [v for v in (low, high, *model) if v is not None and np.isfinite(v)]
    reach = (max(ends) - min(ends)) or abs(max(ends)) or 1.0
    left = low if low is not None else min(ends) - reach
    right = high if high is not None else max(ends) + reach
    ax.axvspan(left, right, color="0.85", label="target")


def _pad(ax, values) -> None:
    finite = [v for v in values if v is not None and np.isfinite(v)]
    low, high = min(finite), max(finite)
    margin = 0.1 * (high - low) or 0.1 * (abs(high) or 1.0)
    ax.set_xlim(low - margin, high + margin)


def _save(fig, path: Path) -> None:
    tmp = path.with_name(f".{path.stem}.tmp.png")
    fig.savefig(tmp, dpi=DPI, bbox_inches="tight")
    plt.close(fig)
    tmp.replace(path)
