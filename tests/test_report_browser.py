"""The report in a real browser: Debian's chromium, headless, driven by Playwright.

Builds the report of the small sweep of ``test_report.py`` (with its injected failed run),
opens it from ``file://`` and checks that it renders, that every image has loaded, that the
console logs no error and that nothing but ``file:`` and ``data:`` URLs is requested. Saves a
screenshot to ``results/screenshots/report.png``. Installs nothing: chromium comes from
``make test``'s ``browser`` target.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT
from tests.test_report import make_small_sweep, shown_figures

pytestmark = pytest.mark.browser

SCREENSHOT = ROOT / "results" / "screenshots" / "report.png"


@pytest.fixture(scope="module")
def report_html(tmp_path_factory) -> Path:
    from simulator.report import build_report

    sweep = make_small_sweep(tmp_path_factory.mktemp("browser"))
    return build_report(sweep, out=sweep.parent / "report" / "report.html")


def test_report_renders_offline_with_every_figure_and_no_console_error(report_html):
    report, report_html = report_html, report_html.path
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium (run `make browser`)")
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    errors, urls = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: urls.append(r.url))
            page.goto(report_html.resolve().as_uri(), wait_until="load")
            title = page.title()
            headings = page.locator("#figures h3").all_inner_texts()
            widths = page.evaluate(
                "Array.from(document.images).map(i => i.complete ? i.naturalWidth : 0)"
            )
            table_rows = page.locator("table tbody tr").count()
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOT), full_page=True)
        finally:
            browser.close()
    assert "Wetter (Ruhr)" in title and "report_test" not in title
    assert len(headings) == 7 and headings[0].startswith("1. How long the facility stays open")
    assert len(widths) == shown_figures(report) and all(w > 0 for w in widths), widths
    assert table_rows >= 2 * 2 + 1  # two models (numbers + verdict) and the failed run
    assert errors == [], errors
    assert urls and all(u.startswith(("file:", "data:")) for u in urls), urls
    assert SCREENSHOT.stat().st_size > 10_000


#: The printable width of an A4 page with the report's 12 mm side margins, in CSS pixels.
A4_PRINT_WIDTH_PX = round((210 - 2 * 12) / 25.4 * 96)


def test_report_prints_on_a4_with_every_table_inside_the_page_width(report_html):
    """In print media at A4 width no table is wider than the page (the old summary needed 1,174 px)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium (run `make browser`)")
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": A4_PRINT_WIDTH_PX, "height": 1100})
            page.emulate_media(media="print")
            page.goto(report_html.path.resolve().as_uri(), wait_until="load")
            widths = page.evaluate(
                "Array.from(document.querySelectorAll('table')).map(t => "
                "[t.className, Math.ceil(t.getBoundingClientRect().right)])"
            )
            page_width = page.evaluate("document.documentElement.clientWidth")
            overflow = page.evaluate("document.documentElement.scrollWidth")
            pdf = page.pdf(format="A4")
        finally:
            browser.close()
    assert {"glance", "summary"} <= {name for name, _ in widths}
    assert all(right <= page_width for _, right in widths), (page_width, widths)
    assert overflow <= page_width
    assert pdf[:4] == b"%PDF"
