"""What the report's bands cover, and the sweep against the patterns (``calibration.html.j2``).

* **Which bands include parameter uncertainty.** When the sweep's runs carry posterior draws
  (the ``posterior`` design, docs/experiments.md), every range and band of the report covers
  the model's randomness *and* the calibrated parameters' posterior; otherwise the seeds only.
  One sentence says which, under the at-a-glance table and in the section below.
* **The pattern table** (:func:`simulator.calibration.table.pattern_table`): each pattern's
  target against the runs' median and 90 % band, hit or miss, role and source — computed from
  the experiment's pattern file when it names one (``patterns:``), else read from the
  ``patterns.csv`` that ``dewak patterns`` wrote into the results folder; left out otherwise.
"""

from __future__ import annotations

from pathlib import Path

from simulator.report.data import Sweep
from simulator.report.i18n import Text

PATTERNS_CSV = "patterns.csv"
#: Words of this section (English, German).
WORDS = {
    "head": ("Uncertainty and evidence", "Unsicherheit und Belege"),
    "seeds_only": (
        "The ranges and bands in this report cover the model's randomness only (a different seed per simulated course). The parameters keep the scenario's values, so what we do not know about them is not in the bands.",
        "Die Bereiche und Bänder in diesem Bericht erfassen nur den Zufall im Modell (ein anderer Startwert je simuliertem Verlauf). Die Parameter behalten die Werte des Szenarios; was wir über sie nicht wissen, steckt daher nicht in den Bändern.",
    ),
    "posterior": (
        "The ranges and bands in this report (the 95 % range of how long a model lasts, the survival curves' bands, the middle 90 % of room use, the tables by value) cover two kinds of uncertainty: the model's randomness and what we do not know about the calibrated parameters {params}. Each simulated course drew them from the posterior of {calibrations} ({draws} draws per combination).",
        "Die Bereiche und Bänder in diesem Bericht (der 95-%-Bereich der Lebensdauer, die Bänder der Überlebenskurven, die mittleren 90 % der Raumauslastung, die Tabellen nach Wert) erfassen zwei Arten von Unsicherheit: den Zufall im Modell und was wir über die kalibrierten Parameter {params} nicht wissen. Jeder simulierte Verlauf zog sie aus der Posterior-Verteilung von {calibrations} ({draws} Ziehungen je Kombination).",
    ),
    "patterns_head": ("The runs against the patterns", "Die Verläufe im Vergleich mit den Mustern"),
    "patterns_note": (
        "Each pattern is something observed elsewhere, with its source. A pattern is hit when the median over the simulated courses lies in its target interval. Calibration patterns may have been fitted; validation patterns never were, so their misses count against the model; consistency patterns hold by construction. All simulated courses of a town count, whatever the choices.",
        "Jedes Muster ist eine anderswo beobachtete Größe mit ihrer Quelle. Ein Muster gilt als getroffen, wenn der Median über die simulierten Verläufe in seinem Zielintervall liegt. Kalibrierungsmuster können angepasst worden sein, Validierungsmuster nie: ihre Verfehlungen sprechen gegen das Modell; Konsistenzmuster gelten schon durch die Konstruktion. Alle simulierten Verläufe einer Stadt zählen, gleich welche Entscheidung.",
    ),
    "patterns_from": ("Patterns: {file}", "Muster: {file}"),
    "patterns_error": (
        "The pattern table could not be made: {error}",
        "Die Mustertabelle konnte nicht erstellt werden: {error}",
    ),
    "heads": (
        ("Pattern", "Role", "Target", "Model: median (90 %)", "Verdict", "Courses", "Source"),
        ("Muster", "Rolle", "Ziel", "Modell: Median (90 %)", "Ergebnis", "Verläufe", "Quelle"),
    ),
    "hit": ("hit", "getroffen"),
    "miss": ("missed", "verfehlt"),
    "none": ("no value", "kein Wert"),
}


def words(tx: Text, key: str, **values) -> str:
    """A sentence of this section in the report's language."""
    text = WORDS[key][0 if tx.lang == "en" else 1]
    return text.format(**values) if values else text


def uncertainty_context(sweep: Sweep, tx: Text) -> dict:
    """The values ``calibration.html.j2`` and the band caption show."""
    note = _band_note(sweep, tx)
    table = pattern_section(sweep, tx)
    return {"uncertainty_note": note, "calibration": {"head": words(tx, "head"), "note": note,
            "patterns": table}}  # fmt: skip


def posterior_draws(sweep: Sweep) -> dict | None:
    """Parameters, calibrations and draws of a sweep on posterior draws (None: seeds only)."""
    design = sweep.manifest.get("design", {})
    if design.get("kind") != "posterior" or "posterior_draw" not in sweep.ok:
        return None
    params = [
        f["name"] for f in design.get("factors", []) if f["role"] == "posterior" and f["path"]
    ]
    named = design.get("posterior")
    files = named.values() if isinstance(named, dict) else [named]
    calibrations = sorted({_calibration_name(str(f)) for f in files})
    return {"params": params, "calibrations": calibrations, "draws": design.get("draws")}


def _calibration_name(text: str) -> str:
    path = Path(text)
    return (path.parent if path.suffix == ".parquet" else path).name


def _band_note(sweep: Sweep, tx: Text) -> str:
    found = posterior_draws(sweep)
    if found is None:
        return words(tx, "seeds_only")
    return words(
        tx,
        "posterior",
        params=", ".join(found["params"]),
        calibrations=", ".join(found["calibrations"]),
        draws=found["draws"],
    )


def pattern_section(sweep: Sweep, tx: Text) -> dict | None:
    """The pattern table's head, note, source and rows (None: the sweep has none)."""
    file, table = _pattern_table(sweep, tx)
    if file is None:
        return None
    heads = WORDS["heads"][0 if tx.lang == "en" else 1]
    section = {"head": words(tx, "patterns_head"), "note": words(tx, "patterns_note")}
    section |= {"source": words(tx, "patterns_from", file=file), "heads": heads}
    if isinstance(table, str):
        return section | {"error": words(tx, "patterns_error", error=table), "rows": []}
    return section | {"error": "", "rows": [_row(r, tx) for r in table.to_dict("records")]}


def _pattern_table(sweep: Sweep, tx: Text):
    """``(where it came from, DataFrame or error text)``, or ``(None, None)``."""
    import pandas as pd

    from simulator.scenario.errors import ScenarioError

    named = (sweep.manifest.get("experiment") or {}).get("patterns")
    if named:
        source = sweep.manifest.get("experiment_file")
        path = (Path(source).parent if source else sweep.root) / named
        try:
            from simulator.calibration.patterns import load_patterns
            from simulator.calibration.table import pattern_table

            return str(named), pattern_table(sweep.root, load_patterns(path))
        except (ScenarioError, OSError) as exc:
            return str(named), str(exc)
    csv = sweep.root / PATTERNS_CSV
    if csv.is_file():
        return PATTERNS_CSV, pd.read_csv(csv)
    return None, None


def _row(row: dict, tx: Text) -> dict:
    n = int(row.get("n") or 0)
    if n:
        model = f"{_g(row['model_median'])} ({_g(row['model_q05'])} – {_g(row['model_q95'])})"
    else:
        model = str(row.get("note") or "")
    hit = row.get("hit")
    verdict = "none" if n == 0 or hit is None or hit != hit else "hit" if bool(hit) else "miss"
    return {
        "cells": [row["pattern"], row["role"], row["target"], model],
        "verdict": words(tx, verdict),
        "miss": verdict == "miss",
        "n": tx.num(n),
        "source": row["source"],
    }


def _g(value) -> str:
    return f"{float(value):.4g}"
