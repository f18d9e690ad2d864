"""Model or mix: the tables of the flagship's decomposition in docs/models_and_instruments.md.

Reads a finished sweep of ``experiments/compare_organisation_models.yaml`` (``make run`` writes
it to ``results/experiments/compare_organisation_models``) and prints, per town, the two-way
analysis of variance of four outcomes (the report's "Organisation or money?",
``simulator.report.decomposition.variance_shares``) and the share still open after 30 years with
the town's cash per year while open, per model and mix.

    python docs/flagship_tables.py [RESULTS_DIR]

Regression values, not external truth: rerun ``make run`` and this script when a rule that moves
money, use or closure changes, and paste the tables into the doc.
"""

from __future__ import annotations

import sys
from pathlib import Path

import simulator
from simulator.report.decomposition import variance_shares

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "results" / "experiments" / "compare_organisation_models"
TOWNS = {"herten_integration_centre": "Herten", "wetter_buergertreff": "Wetter"}
OUTCOMES = {
    "years_open": "years open",
    "cash_eur_per_year_municipality": "town's cash per year while open",
    "cash_share_municipality": "town's share of the cash",
    "utilisation_mean": "room use",
}
MIXES = ("mix_as_planned", "mix_deficit_cover", "mix_coproduction")


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    results = simulator.load_results(out)
    runs = results.runs[results.runs["status"] == "ok"]
    model, mix = "organisation", "financing"
    print("| town | outcome | model | mix | both | rest |\n|---|---|---|---|---|---|")
    for town, name in TOWNS.items():
        here = runs[runs["scenario"] == town]
        for outcome, label in OUTCOMES.items():
            parts = variance_shares(here, model, mix, outcome)
            cells = " | ".join(f"{parts[p]:.2f}" for p in ("model", "lever", "both", "rest"))
            print(f"| {name} | {label} | {cells} |")
    print(
        "\n| town | model | as planned | town covers the gap | co-production "
        "| town EUR/yr (as planned / gap / co-production) |\n|---|---|---|---|---|---|"
    )
    for town, name in TOWNS.items():
        here = runs[runs["scenario"] == town]
        for org in dict.fromkeys(here[model]):
            cell = here[here[model] == org]
            by_mix = [cell[cell[mix] == m] for m in MIXES]
            share = " | ".join(f"{r['viable'].mean():.0%}".replace("%", " %") for r in by_mix)
            eur = " / ".join(f"{r['cash_eur_per_year_municipality'].mean():,.0f}" for r in by_mix)
            print(f"| {name} | `{org.removeprefix('org_')}` | {share} | {eur} |")


if __name__ == "__main__":
    main()
