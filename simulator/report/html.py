"""The report as one self-contained HTML page: inline CSS, figures as data URIs, no scripts.

Nothing on the page refers to another host, so it opens offline and makes no requests beyond
its own file and its ``data:`` images.
"""

from __future__ import annotations

import base64
import math
from html import escape

from simulator.report.data import COST_CATEGORIES, Sweep
from simulator.report.i18n import Text
from simulator.report.plotting import FigureOut, model_label
from simulator.report.stats import Row
from simulator.report.verdicts import headlines, verdict

#: Marks a page this command wrote (only such a page is replaced without --force).
GENERATOR = "dewak report"
MAX_ERROR_CHARS = 400

CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;
max-width:1180px;margin:2rem auto;padding:0 1.2rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:2px solid #ddd}
p.lead{color:#444}.warn{background:#fff4d6;border-left:4px solid #e0a800;padding:.5rem .8rem}
table{border-collapse:collapse;font-size:.85rem;margin:.6rem 0;width:100%}
th,td{padding:.3rem .45rem;border-bottom:1px solid #e4e4e4;text-align:right;vertical-align:top}
th{background:#f4f4f6}td.l,th.l{text-align:left}.nw{white-space:nowrap}small{color:#555}
.scroll{overflow-x:auto}tr.town th{background:#e8eef6;font-size:.95rem}tr.verdict td{text-align:left;color:#333;
border-bottom:2px solid #ccc;font-style:italic}ul.head li{font-weight:600}
figure{margin:1.2rem 0 2rem}figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:.92rem;color:#333}.note{font-size:.85rem;color:#8a5a00}
.files{font-size:.8rem;color:#666}footer{margin-top:3rem;font-size:.78rem;color:#777}
code{font-size:.85em}
"""


def data_uri(png: bytes) -> str:
    """A PNG as a ``data:`` URI."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def page(
    sweep: Sweep, tx: Text, rows: list[Row], figures: list[FigureOut], extras: str, meta: dict
) -> str:
    """The whole report page."""
    parts = [
        f'<!DOCTYPE html><html lang="{tx.lang}"><head><meta charset="utf-8">',
        f'<meta name="generator" content="{GENERATOR}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(meta['title'])}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(meta['title'])}</h1>",
        f'<p class="lead">{escape(meta["lead"])}</p>',
    ]
    if sweep.n_stored < sweep.n_planned:
        parts.append(
            f'<p class="warn">{escape(tx("incomplete", done=sweep.n_stored, total=sweep.n_planned))}</p>'
        )
    if len(sweep.failed):
        parts.append(f'<p class="warn">{escape(_failed_line(sweep, tx))}</p>')
    parts += [f"<h2>{tx('summary')}</h2>", summary_html(sweep, tx, rows)]
    parts.append(f"<h2>{tx('figures_head')}</h2>")
    parts += [figure_html(i + 1, f, tx) for i, f in enumerate(figures)]
    parts += [extras, failed_html(sweep, tx)]
    parts.append(f"<footer>{escape(meta['provenance'])}</footer></body></html>")
    return "\n".join(p for p in parts if p)


def summary_html(sweep: Sweep, tx: Text, rows: list[Row]) -> str:
    """Headlines, then the table: per town a heading row, per model numbers and a verdict line."""
    heads = "".join(f"<li>{escape(h)}</li>" for h in headlines(rows, tx))
    cols = [tx("runs"), tx("survival"), tx("median_years"), tx("mean_util")]
    payers = [tx("short_" + c) for c in COST_CATEGORIES]
    head1 = f'<th rowspan="2" class="l">{escape(tx("model"))}</th>'
    head1 += "".join(f'<th rowspan="2">{escape(c)}</th>' for c in cols)
    head1 += f'<th colspan="{len(payers)}">{escape(tx("cost_shares_head"))}</th>'
    head1 += f'<th rowspan="2">{escape(tx("cost_per_visit"))}</th>'
    head2 = "".join(f"<th>{escape(p)}</th>" for p in payers)
    width = 1 + len(cols) + len(payers) + 1
    body = []
    for i, row in enumerate(rows):
        if sweep.town_col is not None and (i == 0 or rows[i - 1].town != row.town):
            body.append(
                f'<tr class="town"><th colspan="{width}" class="l">{escape(tx.name(row.town))}</th></tr>'
            )
        body.append(_row_html(row, tx, width))
    table = f"<table><thead><tr>{head1}</tr><tr>{head2}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    table = f'<div class="scroll">{table}</div>'
    note = f'<p class="note">{escape(tx("table_note"))}</p>'
    return (f'<ul class="head">{heads}</ul>' if heads else "") + table + note


def _row_html(row: Row, tx: Text, width: int) -> str:
    def num(value: float, fmt) -> str:
        return "–" if value is None or math.isnan(value) else fmt(value)

    cells = [f'<td class="l"><b>{escape(model_label(tx, row.model))}</b></td>']
    cells.append(f"<td>{row.n}</td>")
    interval = f"{num(row.lower, tx.pct)}–{num(row.upper, tx.pct)}"
    survival = f'<span class="nw">{num(row.survival, tx.pct)}</span><br><small class="nw">{interval}</small>'
    cells.append(f"<td>{survival if row.n else '–'}</td>")
    cells.append(f"<td>{num(row.median_years_open, lambda v: tx.num(v, 1))}</td>")
    cells.append(f'<td class="nw">{num(row.mean_utilisation, tx.pct)}</td>')
    cells += [
        f'<td class="nw">{tx.pct(row.shares.get(c, 0.0)) if row.n else "–"}</td>'
        for c in COST_CATEGORIES
    ]
    cells.append(f'<td class="nw">{num(row.cost_per_visit_eur, tx.eur)}</td>')
    line = f'<tr class="verdict"><td colspan="{width}">{escape(verdict(row, tx))}</td></tr>'
    return f"<tr>{''.join(cells)}</tr>{line}"


def figure_html(number: int, fig: FigureOut, tx: Text) -> str:
    """A numbered figure with its caption and links to its PNG and SVG, or the skip note."""
    title = f"<h3>{number}. {escape(fig.title)}</h3>"
    if fig.fig is None or "png" not in fig.files:
        return f'{title}<p class="note">{escape(tx("skipped", why=fig.note or ""))}</p>'
    src = data_uri(fig.files["png"].read_bytes())
    links = " · ".join(
        f'<a href="{escape(p.name)}">{suffix.upper()}</a>' for suffix, p in fig.files.items()
    )
    note = f'<p class="note">{escape(fig.note)}</p>' if fig.note else ""
    return (
        f'{title}<figure id="{fig.key}"><img src="{src}" alt="{escape(fig.title)}">'
        f"<figcaption>{escape(fig.caption)}</figcaption>{note}"
        f'<p class="files">{links}</p></figure>'
    )


def _failed_line(sweep: Sweep, tx: Text) -> str:
    return tx("failed_some", n=len(sweep.failed), total=sweep.n_stored)


def failed_html(sweep: Sweep, tx: Text) -> str:
    """The failed runs, each with its id, seed, factor values and error text."""
    head = f"<h2>{tx('failed_head')}</h2>"
    if sweep.failed.empty:
        return f"{head}<p>{escape(tx('failed_none'))}</p>"
    factors = [c for c in (sweep.town_col, sweep.model_col, sweep.demo_col) if c is not None]
    labels = [tx("run_id"), tx("seed"), *factors, tx("error")]
    rows = []
    for _, run in sweep.failed.iterrows():
        values = [str(run["run_id"]), str(run["seed"]), *(tx.name(run[c]) for c in factors)]
        error = str(run.get("error") or "")[:MAX_ERROR_CHARS]
        cells = "".join(f'<td class="l">{escape(v)}</td>' for v in values)
        rows.append(f'<tr>{cells}<td class="l"><code>{escape(error)}</code></td></tr>')
    header = "".join(f'<th class="l">{escape(c)}</th>' for c in labels)
    table = f"<table><thead><tr>{header}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    return f"{head}<p>{escape(_failed_line(sweep, tx))}</p>{table}"
