"""``report.pdf``: the report on A4, typeset by typst (the ``typst`` wheel; no browser needed).

The page's values (the same :func:`simulator.report.html.context` the HTML uses, minus the
embedded images) go into a JSON file that ``templates/report.typ`` reads, so no text is ever
pasted into typst markup and nothing needs escaping. Figures are included as SVG, so they stay
vectors. typst uses only the fonts built into it (``ignore_system_fonts``): the same PDF on
every machine.
"""

from __future__ import annotations

import json
import os
import uuid
from importlib.resources import files
from pathlib import Path

from simulator.report.plotting import FigureOut

PDF_FILE = "report.pdf"


def write_pdf(context: dict, figures: list[FigureOut], folder: Path) -> Path:
    """Typeset the report into ``folder/report.pdf`` (written atomically) and return its path."""
    import typst

    data = _plain(context, figures)
    tag = uuid.uuid4().hex[:8]
    work = folder / f".pdf-{tag}"
    work.mkdir()
    try:
        (work / "report.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        template = files("simulator.report").joinpath("templates/report.typ").read_text()
        (work / "report.typ").write_text(template, encoding="utf-8")
        for fig in figures:
            if "svg" in fig.files:
                (work / fig.files["svg"].name).write_bytes(fig.files["svg"].read_bytes())
        tmp = folder / f".{PDF_FILE}.{tag}.tmp"
        typst.compile(
            str(work / "report.typ"), output=str(tmp), root=str(work), ignore_system_fonts=True
        )
        os.replace(tmp, folder / PDF_FILE)
    finally:
        for path in work.iterdir():
            path.unlink()
        work.rmdir()
    return folder / PDF_FILE


def _plain(context: dict, figures: list[FigureOut]) -> dict:
    """The template's values as JSON-ready data (words resolved, figures by their SVG file)."""
    words = context["t"]
    keys = [k for k in _word_keys()]
    notes = context["assumptions"]
    shown = []
    for fig, info in zip(figures, context["figures"], strict=True):
        item = {"title": info["title"], "caption": fig.caption, "note": fig.note}
        if "svg" in fig.files:
            item["svg"] = fig.files["svg"].name
        else:
            item["skipped"] = info.get("skipped", "")
        shown.append(item)
    return {
        "lang": context["lang"],
        "title": context["title"],
        "lead": context["lead"],
        "provenance": context["provenance"],
        "footer_short": context["title"].split("?")[0] + ("?" if "?" in context["title"] else ""),
        "warnings": context["warnings"],
        "t": {k: getattr(words, k) for k in keys},
        "glance": context["glance"],
        "payer_legend": context["payer_legend"],
        "levers": context["levers"],
        "lever_tables": context["lever_tables"],
        "cash_heads": context["cash_heads"],
        "details": context["details"],
        "decomposition": [
            {k: v for k, v in town.items() if k != "shares"} for town in context["decomposition"]
        ],
        "figures": shown,
        "assumptions": {
            "towns": [
                {"town": t.town, "intro": t.intro, "inputs": [vars(x) for x in t.inputs]}
                for t in notes.towns
            ],
            "overlays": notes.overlays,
            "limits": notes.limits,
        },
        "glossary": context["glossary"],
        "failed": context["failed"],
    }


def _word_keys() -> list[str]:
    from simulator.report.words import TEXT

    return [k for k, (en, _de) in TEXT.items() if "{" not in en]
