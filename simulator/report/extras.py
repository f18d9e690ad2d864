"""Optional sections: outputs of the stress test, sensitivity analysis and scenario discovery.

They come from other commands, and the report shows whatever of them it finds:

* ``dewak sensitivity`` writes ``<sweep>/sensitivity/`` (``indices.png``, ``indices.csv``,
  ``noise.csv``, ``summary.json`` with one caption per outcome);
* ``dewak discover`` writes ``<sweep>/discovery/<condition>/`` (``tradeoff.png``,
  ``box_limits.csv``, ``summary.json`` with a plain-language sentence);
* ``dewak stress-test`` writes ``results/stress/<scenario>/`` (``stress_test.csv``,
  ``stress_reserve_fan.png``, ``stress_survival.png``, ``summary.json`` with a verdict per
  shock); the stress tests of the sweep's towns are found there, others via ``--include``.

The report searches the sweep folder, those stress folders and every ``--include`` folder,
down to three levels, recognises each analysis folder by the files in it, and embeds its
figures (PNG as data URIs, with their captions), its main tables (CSV) and the sentences of its
``summary.json``. A kind of analysis that is not found is left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from pathlib import Path

from simulator.report.html import data_uri
from simulator.report.i18n import Text

MAX_DEPTH = 3
MAX_TABLE_ROWS = 40
MAX_TABLE_COLUMNS = 14
MAX_TEXT_CHARS = 3000
SKIP_FOLDERS = frozenset({"fragments"})
#: Keys of an analysis's ``summary.json`` whose text is shown.
TEXT_KEYS = ("condition", "sentence", "verdict", "captions", "notes")


@dataclass(frozen=True)
class Kind:
    """A kind of analysis: the files that mark its folder, and which of them are shown."""

    key: str
    markers: tuple[str, ...]
    figures: tuple[str, ...]
    tables: tuple[str, ...]


KINDS = (
    Kind(
        "stress",
        ("stress_test.csv", "stress_reserve_fan.png", "stress_survival.png"),
        ("stress_reserve_fan.png", "stress_survival.png", "stress_*.png"),
        ("stress_test.csv",),
    ),
    Kind("sensitivity", ("indices.csv",), ("indices.png", "*.png"), ("indices.csv", "noise.csv")),
    Kind(
        "discovery",
        ("box_limits.csv", "tradeoff.png"),
        ("tradeoff.png", "*.png"),
        ("box_limits.csv",),
    ),
)


def analysis_folders(roots: list[Path], own: Path | None) -> list[tuple[Kind, Path]]:
    """Every analysis folder under ``roots`` (depth-first, sorted), with its kind."""
    found: list[tuple[Kind, Path]] = []
    seen: set[Path] = set()

    def walk(folder: Path, depth: int) -> None:
        real = folder.resolve()
        if real in seen or (own is not None and real == own.resolve()):
            return
        seen.add(real)
        kind = next((k for k in KINDS if any((folder / m).is_file() for m in k.markers)), None)
        if kind is not None:
            found.append((kind, folder))
        if depth < MAX_DEPTH:
            for child in sorted(p for p in folder.iterdir() if p.is_dir()):
                if child.name not in SKIP_FOLDERS and not child.name.startswith("."):
                    walk(child, depth + 1)

    for root in roots:
        if root.is_dir():
            walk(root, 0)
    return found


def extras_html(results: Path, include: tuple[Path, ...], tx: Text, own_folder: Path) -> str:
    """The optional sections found, as HTML ('' when there are none)."""
    found = analysis_folders([results, *include], own_folder)
    sections = []
    for kind in KINDS:
        folders = [folder for k, folder in found if k is kind]
        if folders:
            parts = [_folder(kind, folder, tx) for folder in folders]
            sections.append({"title": tx("extra_" + kind.key), "folders": parts})
    if not sections:
        return ""
    from simulator.report.html import render

    return render("extras.html.j2", head=tx("extras_head"), sections=sections)


def stress_folders(results: Path, towns: list[str]) -> list[Path]:
    """``results/stress/<town>/`` beside ``results/experiments/<sweep>/``, where they exist.

    ``dewak stress-test`` writes there by default, so a stress test of a town in the sweep is
    found without ``--include``.
    """
    results = Path(results).resolve()
    if results.parent.name != "experiments":
        return []
    base = results.parent.parent / "stress"
    return [base / town for town in towns if (base / town / "stress_test.csv").is_file()]


def _folder(kind: Kind, folder: Path, tx: Text) -> dict:
    """One analysis folder's sentences, figures (data URIs with captions) and tables."""
    from markupsafe import Markup

    lines, captions = summary_text(folder / "summary.json")
    figures = [
        {
            "src": data_uri(path.read_bytes()),
            "alt": path.stem,
            "caption": captions.get(path.stem, ""),
            "file": path.name,
        }
        for path in _matches(folder, kind.figures)
    ]
    tables = [Markup(csv_table(path)) for path in _matches(folder, kind.tables)]
    return {"source": tx("extra_from", path=str(folder)), "lines": lines, "figures": figures,
            "tables": tables}  # fmt: skip


def _matches(folder: Path, patterns: tuple[str, ...]) -> list[Path]:
    """Files matching the patterns, in pattern order, each once."""
    paths: dict[Path, None] = {}
    for pattern in patterns:
        for path in sorted(folder.glob(pattern)):
            if path.is_file():
                paths.setdefault(path, None)
    return list(paths)


def summary_text(path: Path) -> tuple[list[str], dict[str, str]]:
    """The sentences of an analysis's ``summary.json``, and its captions keyed by name.

    Captions whose key names a figure file (without suffix) go under that figure; every other
    text (verdicts, sentences, notes, captions per outcome) is returned as lines.
    """
    try:
        summary = json.loads(path.read_text())
    except (OSError, ValueError):
        return [], {}
    if not isinstance(summary, dict):
        return [], {}
    lines: list[str] = []
    captions = summary.get("captions") if isinstance(summary.get("captions"), dict) else {}
    figures = {p.stem for p in path.parent.glob("*.png")}
    for key in TEXT_KEYS:
        value = summary.get(key)
        if isinstance(value, str):
            lines.append(value)
        elif isinstance(value, list):
            lines += [str(v) for v in value]
        elif isinstance(value, dict):
            lines += [str(v) for k, v in value.items() if not (key == "captions" and k in figures)]
    shown = {k: str(v)[:MAX_TEXT_CHARS] for k, v in captions.items() if k in figures}
    return [line[:MAX_TEXT_CHARS] for line in lines if line], shown


def csv_table(path: Path) -> str:
    """A CSV file as an HTML table (at most 40 rows and 14 columns)."""
    import pandas as pd

    try:
        frame = pd.read_csv(path)
    except (OSError, ValueError) as exc:
        return f'<p class="note">{escape(path.name)}: {escape(str(exc))}</p>'
    frame = frame.iloc[:MAX_TABLE_ROWS, :MAX_TABLE_COLUMNS]
    table = frame.to_html(index=False, float_format=lambda v: f"{v:.3g}", border=0)
    return f'<p class="files"><code>{escape(path.name)}</code></p>{table}'
