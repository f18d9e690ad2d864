"""The report as one self-contained HTML page, rendered from ``templates/report.html.j2``.

This module gathers what the page shows into plain values (strings, lists); the jinja2 template
lays them out and escapes them (autoescape on). Inline CSS, figures as data URIs, no scripts:
the page opens offline and makes no requests beyond its own file and its ``data:`` images.
"""

from __future__ import annotations

import base64
from functools import lru_cache
from importlib.resources import files

from simulator.palette import LIGHT_PAYERS, PAYER_COLOURS
from simulator.report.assumptions import Assumptions
from simulator.report.data import Sweep
from simulator.report.decomposition import decomposition
from simulator.report.fig_budget import budget_sentences
from simulator.report.i18n import Text
from simulator.report.levers import band_table
from simulator.report.plotting import FigureOut, option_label
from simulator.report.stats import Row, money_per_run, payers
from simulator.report.verdicts import headlines, verdict

#: Marks a page this command wrote (only such a page is replaced without --force).
GENERATOR = "dewak report"
MAX_ERROR_CHARS = 400
#: A payer's part of the cash bar is labelled from this share on (narrower parts get a tooltip).
BAR_LABEL_SHARE = 0.12


class Words:
    """Lets the template write ``t.key`` for ``tx("key")``."""

    def __init__(self, tx: Text):
        self._tx = tx

    def __getattr__(self, key: str) -> str:
        return self._tx(key)


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(
        loader=PackageLoader("simulator.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def css() -> str:
    """The page's style sheet."""
    return files("simulator.report").joinpath("templates/report.css").read_text()


def data_uri(png: bytes) -> str:
    """A PNG as a ``data:`` URI."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def page(context: dict) -> str:
    """Render the page from :func:`context`'s values."""
    return render("report.html.j2", **context)


def render(template: str, **values) -> str:
    """Render one of the report's templates (autoescaped)."""
    return _environment().get_template(template).render(**values)


def context(
    sweep: Sweep,
    tx: Text,
    rows: list[Row],
    figures: list[FigureOut],
    extras: str,
    meta: dict,
    notes: Assumptions,
    downloads: tuple[str, ...] = (),
) -> dict:
    """Everything the template shows, as plain values."""
    from markupsafe import Markup

    warnings = []
    if sweep.n_stored < sweep.n_planned:
        done, total = tx.num(sweep.n_stored), tx.num(sweep.n_planned)
        warnings.append(tx("incomplete", done=done, total=total))
    if len(sweep.failed):
        failed_runs, total = tx.num(len(sweep.failed)), tx.num(sweep.n_stored)
        warnings.append(tx("failed_some", n=failed_runs, total=total))
    return {
        "lang": tx.lang,
        "generator": GENERATOR,
        "css": Markup(css()),
        "t": Words(tx),
        "title": meta["title"],
        "lead": meta["lead"],
        "provenance": meta["provenance"],
        "warnings": warnings,
        "glance": glance(sweep, tx, rows),
        "payer_legend": [{"name": tx.name(p), "colour": PAYER_COLOURS[p]} for p in payers("cash")],
        "levers": levers(sweep, tx),
        "lever_tables": lever_tables(sweep, tx),
        "cash_heads": [tx("short_" + p) for p in payers("cash")],
        "details": details(sweep, tx, rows),
        "decomposition": decomposition(sweep, tx),
        "downloads": downloads,
        "downloads_text": tx("downloads"),
        "figures": [figure(f, tx) for f in figures],
        "extras": Markup(extras),
        "assumptions": notes,
        "glossary": tx.glossary(),
        "failed": failed(sweep, tx),
    }


def glance(sweep: Sweep, tx: Text, rows: list[Row]) -> list[dict]:
    """Per town: its headline sentences and one row per option with money and survival."""
    lines = headlines(rows, tx)
    budget = budget_sentences(sweep, tx)
    out = []
    for town, sentences in lines.items():
        sentences = sentences + budget.get(town, [])
        mine = [r for r in rows if r.town == town]
        out.append(
            {
                "name": tx.name(town) if town is not None else "",
                "headlines": sentences,
                "rows": [_glance_row(r, tx) for r in mine],
            }
        )
    return out


def _glance_row(row: Row, tx: Text) -> dict:
    if row.n == 0:
        empty = "–"
        return {"label": option_label(tx, row.option), "lasts": empty, "interval": "",
                "town_cost": empty, "voluntary": empty, "cash": [], "cash_text": "",
                "in_kind": empty}  # fmt: skip
    cash = []
    for payer, share in row.cash_shares.items():
        if share <= 0:
            continue
        text = f"{tx.name(payer)}: {tx.pct(share)} ({tx.eur(row.cash_eur[payer])})"
        cash.append(
            {
                "width": round(100 * share, 2),
                "colour": PAYER_COLOURS[payer],
                "text_colour": "#000" if payer in LIGHT_PAYERS else "#fff",
                "label": tx.pct(share) if share >= BAR_LABEL_SHARE else "",
                "title": text,
            }
        )
    return {
        "label": option_label(tx, row.option),
        "lasts": tx.pct(row.survival),
        "interval": f"{tx.pct(row.lower)} – {tx.pct(row.upper)}",
        "town_cost": tx.eur(row.town_cost_eur),
        "voluntary": tx.maybe(row.share_of_voluntary, lambda v: tx.pct(v, 2)),
        "cash": cash,
        "cash_text": "; ".join(part["title"] for part in cash),
        "in_kind": tx.eur(sum(row.in_kind_eur.values())),
    }


def levers(sweep: Sweep, tx: Text) -> list[dict]:
    """Every lever and uncertain condition of the experiment, with its values or range."""
    out = []
    for kind, param in sweep.parameters():
        values = param.get("overlays") or param.get("values")
        if values:
            shown = ", ".join(tx.name(v) for v in values)
        else:
            shown = tx("lever_range", low=param.get("low"), high=param.get("high"))
        label = tx("lever_choice") if kind == "lever" else tx("lever_condition")
        name = tx.name(param["name"])
        out.append({"kind": label, "name": name, "shown": shown})
    return out


def lever_tables(sweep: Sweep, tx: Text) -> list[dict]:
    """Per lever not compared as options: its results per value band (see ``levers``)."""
    if not sweep.ranged_levers or sweep.ok.empty:
        return []
    town_cost = money_per_run(sweep)["cash_municipality_eur"]
    out = []
    for column in sweep.ranged_levers:
        table = band_table(sweep, column, town_cost)
        rows = []
        for record in table.to_dict("records"):
            band = record["band"]
            shown = (
                f"{_number(tx, band[0])} – {_number(tx, band[1])}"
                if len(band) == 2
                else tx.name(band[0])
            )
            town = tx.name(record["town"]) if sweep.town_col else ""
            rows.append(
                {
                    "cells": [town, shown] if sweep.town_col else [shown],
                    "runs": record["runs"],
                    "lasts": tx.pct(record["open_share"]),
                    "town_cost": tx.eur(record["town_eur"]),
                }
            )
        heads = ([tx("town")] if sweep.town_col else []) + [tx("band_value")]
        out.append({"title": tx("band_head", lever=tx.name(column)), "heads": heads, "rows": rows})
    return out


def _number(tx: Text, value: float) -> str:
    return tx.num(value, 0 if abs(value) >= 100 else 2)


def details(sweep: Sweep, tx: Text, rows: list[Row]) -> list[dict]:
    """The details table: per option survival, years open, room use, cash shares, per visit."""
    out = []
    for i, row in enumerate(rows):
        head = sweep.town_col is not None and (i == 0 or rows[i - 1].town != row.town)
        n = row.n
        out.append(
            {
                "town_head": tx.name(row.town) if head else "",
                "label": option_label(tx, row.option),
                "n": n,
                "survival": tx.maybe(row.survival, tx.pct),
                "interval": f"{tx.maybe(row.lower, tx.pct)} – {tx.maybe(row.upper, tx.pct)}"
                if n
                else "",
                "years": tx.maybe(row.median_years_open, lambda v: tx.num(v, 1)),
                "util": tx.maybe(row.mean_utilisation, tx.pct),
                "shares": [
                    tx.pct(row.cash_shares.get(p, 0.0)) if n else "–" for p in payers("cash")
                ],
                "per_visit": tx.maybe(row.cost_per_visit_eur, tx.eur),
                "verdict": verdict(row, tx),
            }
        )
    return out


def figure(fig: FigureOut, tx: Text) -> dict:
    """A figure's title, image (data URI), caption and links, or why it is skipped."""
    if fig.fig is None or "png" not in fig.files:
        return {"key": fig.key, "title": fig.title, "skipped": tx("skipped", why=fig.note or "")}
    return {
        "key": fig.key,
        "title": fig.title,
        "src": data_uri(fig.files["png"].read_bytes()),
        "caption": fig.caption,
        "note": fig.note,
        "links": [(suffix.upper(), path.name) for suffix, path in fig.files.items()],
    }


def failed(sweep: Sweep, tx: Text) -> dict:
    """The failed runs, each with its id, seed, factor values and error text."""
    factors = [c for c in (sweep.town_col, sweep.model_col, sweep.demo_col) if c is not None]
    rows = []
    for _, run in sweep.failed.iterrows():
        cells = [str(run["run_id"]), str(run["seed"]), *(tx.name(run[c]) for c in factors)]
        rows.append({"cells": cells, "error": str(run.get("error") or "")[:MAX_ERROR_CHARS]})
    heads = [tx("run_id"), tx("seed"), *(tx.name(c) for c in factors), tx("error")]
    line = tx("failed_some", n=len(sweep.failed), total=sweep.n_stored)
    return {"rows": rows, "heads": heads, "line": line}
