"""How often providers leave: the sweep behind the table in docs/models_and_instruments.md.

Both towns as shipped, 20 seeds each (1-20, 30 years), with the providers' shipped inertia and
temperature and two contrasts: no inertia at all, and the inertia 2 of earlier versions. Counts
only the years a member provider was free to decide (not bound as a founder,
``commitment_years``) while the facility was open.

    python docs/leaving_rates.py           # print the table
    python docs/leaving_rates.py --write   # and rewrite it in docs/models_and_instruments.md

About two minutes on one core. The table is not checked by the tests (too slow); rerun it when the
providers' utility, their parameters or what closes a facility changes.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np

import simulator

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "models_and_instruments.md"
TOWNS = {"Herten": "herten_integration_centre", "Wetter": "wetter_buergertreff"}
SEEDS = range(1, 21)
CHECK_YEAR = 2027  # the benchmark: the Herten network collapsed by 2027 at inertia 0
BLOCK = re.compile(r"(<!-- leaving-rates -->\n).*?(<!-- /leaving-rates -->)", re.S)


def settings(scenario) -> dict[str, dict]:
    """Shipped inertia and temperature, no inertia, and the former inertia 2."""
    ids = [p.id for p in scenario.providers]
    shipped = scenario.providers[0]
    return {
        f"as shipped (inertia {shipped.inertia:g}, temperature {shipped.choice_temperature:g})": {},
        "no inertia": {f"providers[{i}].inertia": 0.0 for i in ids},
        "inertia 2 (before issue 14)": {f"providers[{i}].inertia": 2.0 for i in ids},
    }


def sweep(town: str, overrides: dict) -> dict:
    """Leave decisions over the seeds: the rate per free member-year and per run."""
    scenario = simulator.load_scenario(ROOT / "scenarios" / f"{town}.yaml", [], overrides)
    per_run, decided, members, viable = [], 0, [], []
    for seed in SEEDS:
        result = simulator.run(scenario, seed=seed)
        per_run.append(result.summary["provider_leave_decisions"])
        decided += result.summary["provider_member_decisions"]
        annual = result.annual.set_index("year")
        members.append(annual.member_providers.get(CHECK_YEAR, 0))
        viable.append(result.summary["viable"])
    return {
        "rate": sum(per_run) / decided if decided else 0.0,
        "leaves": sum(per_run),
        "decided": decided,
        "runs": per_run,
        "members": float(np.mean(members)),
        "providers": len(scenario.providers),
        "viable": float(np.mean(viable)),
    }


def table() -> str:
    """The markdown table of the sweep."""
    lines = [
        "| town | providers' inertia | leave decisions / free member-years | rate | leave decisions per run: median (min-max); runs without any | member providers in 2027 (mean) | viable at the horizon |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, town in TOWNS.items():
        base = simulator.load_scenario(ROOT / "scenarios" / f"{town}.yaml")
        for label, overrides in settings(base).items():
            r = sweep(town, overrides)
            n = np.array(r["runs"])
            runs = f"{np.median(n):g} ({n.min()}-{n.max()}); {np.count_nonzero(n == 0)} of {n.size}"
            lines.append(
                f"| {name} | {label} | {r['leaves']} / {r['decided']} | {r['rate']:.1%} | {runs} "
                f"| {r['members']:.1f} of {r['providers']} | {r['viable']:.0%} |"
            )
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """Print the table; with --write, put it into docs/models_and_instruments.md."""
    text = table()
    print(text)
    if "--write" in argv:
        doc = DOC.read_text(encoding="utf-8")
        if not BLOCK.search(doc):
            print("no <!-- leaving-rates --> block in docs/models_and_instruments.md")
            return 1
        DOC.write_text(BLOCK.sub(lambda m: m.group(1) + text + m.group(2), doc), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
