"""The six models on each town's base: the regression table in docs/models_and_instruments.md.

Both towns as shipped with only ``org_<key>`` (the common financing base), seeds 1-10, 30 years.
Per (town, model): runs open after 30 years, mean years open, why the others closed, the town's
cash per year while open, each cash payer's share of the cash (set-up apart), the value given in
kind per year (volunteers' time, rent waived), the share of the cost left unpaid and the rescue
grants per run.

    python docs/model_tables.py           # print the table
    python docs/model_tables.py --write   # and rewrite it in docs/models_and_instruments.md

About two CPU-minutes (two processes). Regression values, not external truth: rerun it when a
rule that moves money, use or closure changes.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from multiprocessing import Pool
from pathlib import Path
from typing import get_args

import numpy as np

import simulator
from simulator.scenario.schema.organisation import OrganisationKey

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "models_and_instruments.md"
TOWNS = {"Herten": "herten_integration_centre", "Wetter": "wetter_buergertreff"}
MODELS = get_args(OrganisationKey)  # the six models, in the schema's order
SEEDS = range(1, 11)
CASH = ("municipality", "programmes", "providers", "housing_company", "citizens")
BLOCK = re.compile(r"(<!-- six-models -->\n).*?(<!-- /six-models -->)", re.S)


def summary(job: tuple[str, str, int]) -> dict:
    """One run's summary: a town as shipped under one organisation model."""
    town, model, seed = job
    scenario = simulator.load_scenario(ROOT / "scenarios" / f"{town}.yaml", [f"org_{model}"])
    return simulator.run(scenario, seed=seed, years=30).summary


def why(run: dict) -> str:
    """A closed run's reason in a few words: money, or what the deciding actor said."""
    if run["closure_step"] == "money":
        return "money: unfunded deficit"
    return str(run["closure_reason"]).split(";")[0].split(":")[0]


def row(town: str, model: str, runs: list[dict]) -> str:
    """One table row in Markdown."""
    closed = Counter(why(r) for r in runs if not r["viable"])
    reasons = "; ".join(f"{k} ({n})" for k, n in closed.most_common()) or "—"
    in_kind = np.mean([sum(v for k, v in r.items() if k.startswith("in_kind_eur")) for r in runs])
    cells = [
        town,
        f"`{model}`",
        f"{sum(r['viable'] for r in runs)}/{len(runs)}",
        f"{np.mean([r['years_open'] for r in runs]):.1f}",
        reasons,
        f"{np.mean([r['cash_eur_per_year_municipality'] for r in runs]):,.0f}",
        *(f"{np.mean([r[f'cash_share_{p}'] for r in runs]):.2f}" for p in CASH),
        f"{in_kind:,.0f}",
        f"{np.mean([r['cost_share_unpaid'] for r in runs]):.3f}",
        f"{np.mean([r['rescue_eur'] for r in runs]):,.0f}",
    ]
    return "| " + " | ".join(cells) + " |"


def table() -> str:
    """The whole table, header included."""
    jobs = [(t, m, s) for t in TOWNS.values() for m in MODELS for s in SEEDS]
    with Pool(2) as pool:
        runs = pool.map(summary, jobs)
    by_cell: dict[tuple[str, str], list[dict]] = {}
    for (town, model, _), run in zip(jobs, runs, strict=True):
        by_cell.setdefault((town, model), []).append(run)
    head = (
        "| town | model | open after 30 years | mean years open | why it closed | town EUR/yr "
        + "".join(f"| cash {p} " for p in CASH)
        + "| in kind EUR/yr | unpaid | rescue EUR/run |\n|"
        + "---|" * 14
    )
    rows = [row(name, m, by_cell[(t, m)]) for name, t in TOWNS.items() for m in MODELS]
    return "\n".join([head, *rows]) + "\n"


def main() -> None:
    text = table()
    print(text)
    if "--write" in sys.argv:
        doc = DOC.read_text(encoding="utf-8")
        if not BLOCK.search(doc):
            raise SystemExit(f"{DOC}: no <!-- six-models --> block to replace")
        DOC.write_text(BLOCK.sub(lambda m: m.group(1) + text + m.group(2), doc), encoding="utf-8")


if __name__ == "__main__":
    main()
