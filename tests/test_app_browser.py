"""The interactive app: its inputs come from the schema, and in a real browser it steps, plays and redraws.

The unit tests build the app's model and figures directly. The browser test starts
``dewak app`` on a free loopback port, drives it with Playwright and Debian's chromium (installed
by ``make test``'s ``browser`` target), and saves a screenshot to
``results/screenshots/app.png``.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from simulator.app import params, plots
from simulator.app.model import AppModel, chosen_overlays
from simulator.scenario import load_scenario
from simulator.scenario.loader import get_path
from simulator.scenario.yaml_io import read_yaml
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, SCENARIOS, scenario_path

SCREENSHOT = ROOT / "results" / "screenshots" / "app.png"
SLIDER_PATH = "citizens.visit_base_per_month"


# --- the app's inputs and model, without a browser -------------------------------------------
def test_sliders_take_label_bounds_and_default_from_schema_and_scenario():
    scenario = load_scenario(scenario_path("wetter_buergertreff"))
    doc = scenario.model_dump()
    for s in params.sliders(scenario):
        info = params.schema_field(s.path)
        assert s.label == info.description.split(";")[0].strip()
        assert s.unit == info.json_schema_extra["unit"]
        assert s.value == get_path(doc, s.path)
        assert s.min <= s.value <= s.max
        bound = params.bounds(info)
        assert s.min >= bound.get("ge", bound.get("gt", -1e300))
        assert s.max <= bound.get("le", bound.get("lt", 1e300))


@pytest.mark.parametrize("town", ["herten_integration_centre", "wetter_buergertreff"])
def test_slider_start_values_lie_on_the_step_grid(town):
    """The browser rounds a slider's value to its step; the scenario's value must survive that."""
    for s in params.sliders(load_scenario(scenario_path(town))):
        steps = (s.value - s.min) / s.step
        assert abs(steps - round(steps)) < 1e-6 * max(1.0, steps), s


def test_no_slider_path_is_set_by_an_overlay():
    """Otherwise a slider at its start value would silently undo the overlay chosen beside it."""
    for overlay in sorted((SCENARIOS / "overlays").glob("*.yaml")):
        for path in read_yaml(overlay).get("set") or {}:
            for exposed in params.EXPOSED:
                assert not (exposed + ".").startswith(path + "."), (overlay.name, path)


def test_model_params_offer_every_overlay_once():
    p = params.model_params(scenario_path("herten_integration_centre"))
    offered = [
        *[f"org_{v}" for v in p["organisation"]["values"][1:]],
        *p["demography"]["values"][1:],
        *p["finance"]["values"][1:],
    ]
    shipped = sorted(f.stem for f in (SCENARIOS / "overlays").glob("*.yaml"))
    assert sorted(offered) == shipped


def test_app_model_applies_choices_and_sliders():
    kwargs = params.initial_values(params.model_params(scenario_path("wetter_buergertreff")))
    kwargs.update(organisation="cooperative", demography="ageing", seed="3")
    kwargs[params.key_of(SLIDER_PATH)] = 0.2
    model = AppModel(**kwargs)
    assert model.spec.organisation.model == "cooperative"
    assert model.spec.demography.tfr == pytest.approx(1.30)  # ageing overlay
    assert model.spec.citizens.visit_base_per_month == pytest.approx(0.2)
    assert params.changed(model.scenario_file, model.overrides) == {SLIDER_PATH: 0.2}
    text = params.describe(model.scenario_file, SLIDER_PATH, 0.2)
    assert text == (
        "Monthly visit chance at need 1, aware, next door, with a full offer match = 0.20 a month"
    )
    assert model.notes == []
    for _ in range(13):
        model.step()
    assert model.steps == 13 and len(model.recorder.monthly) == 13


def test_app_model_explains_an_overlay_that_does_not_fit(tmp_path):
    assert chosen_overlays("municipal", "as in scenario", "none") == ["org_municipal"]
    file = tmp_path / "wetter.yaml"
    file.write_text(scenario_path("wetter_buergertreff").read_text())
    (tmp_path / "overlays").mkdir()
    (tmp_path / "overlays" / "misfit.yaml").write_text(
        "overlay: misfit\ndescription: shortens an instrument the scenario lacks\n"
        "set:\n  financing.no_such_instrument.years: 2\n"
    )
    model = AppModel(str(file), finance="misfit")
    assert model.overlays == [] and "no_such_instrument" in model.notes[0]
    assert model.spec.name == "wetter_buergertreff"


@pytest.mark.parametrize("seed", ["-3", "abc", ""])
def test_app_model_turns_a_bad_seed_into_zero_with_a_note(seed):
    path = str(scenario_path("wetter_buergertreff"))
    model = AppModel(path, seed=seed)
    assert model.notes and "seed" in model.notes[-1]
    assert model.rng.random() == AppModel(path, seed=0).rng.random()


def test_figures_draw_at_start_without_empty_axes_and_after_a_year_with_whole_years():
    model = AppModel(str(scenario_path("herten_integration_centre")))
    for draw in (plots.timeline_figure, plots.cost_share_figure):
        fig = draw(model)  # month 0: a note instead of empty axes
        assert not fig.axes and plots.START_NOTE in [t.get_text() for t in fig.texts]
    for _ in range(14):
        model.step()
    for draw in (
        plots.timeline_figure,
        plots.cost_share_figure,
        plots.pyramid_figure,
        plots.district_figure,
    ):
        fig = draw(model)
        assert fig.axes and fig.axes[0].get_title()
    timeline = plots.timeline_figure(model)
    timeline.canvas.draw()
    years = [t.get_text() for t in timeline.axes[-1].get_xticklabels() if t.get_text()]
    assert years and all(re.fullmatch(r"\d{4}", y) for y in years), years
    shares = plots.cost_share_figure(model)
    labels = [t.get_text() for t in shares.axes[0].get_yticklabels()]
    assert "Housing company" in labels and "housing_company" not in labels


def test_financing_sliders_cover_the_scenarios_instruments_and_move_the_money():
    file = scenario_path("wetter_buergertreff")
    money = params.financing_sliders(file)
    paths = {s.path for s in money}
    assert "financing.municipal_grant.amount_eur_per_year" in paths
    assert "financing.municipal_grant.eur_per_visit" not in paths  # not set in the file
    assert all(s.group and s.min <= s.value <= s.max for s in money)
    kwargs = params.initial_values(params.model_params(file))
    key = params.key_of("financing.municipal_grant.amount_eur_per_year")
    kwargs[key] = 15000.0
    model = AppModel(**kwargs)
    grant = next(i for i in model.spec.financing if i.instrument == "municipal_grant")
    assert grant.amount_eur_per_year == 15000.0 and model.notes == []
    # an organisation overlay with its own mix still applies when the money sliders are untouched
    kwargs = params.initial_values(params.model_params(file)) | {"organisation": "municipal"}
    assert AppModel(**kwargs).spec.organisation.model == "municipal"


def test_slider_values_are_shown_with_units():
    from simulator.app.money_params import shown

    assert shown(0.125, "share") == "12.5 %"
    assert shown(6.3, "EUR/m2/month") == "6.30 € per m² a month"
    assert shown(40000.0, "EUR/year") == "40,000 € a year"
    assert shown(2, "years") == "2 years"


def test_the_scenario_given_to_dewak_app_comes_first(monkeypatch, tmp_path):
    own = tmp_path / "my_town.yaml"
    own.write_text(scenario_path("wetter_buergertreff").read_text())
    monkeypatch.setenv(params.SCENARIO_ENV, str(own))
    choices = params.scenario_choices()
    assert next(iter(choices)) == "my_town" and choices["my_town"] == own.resolve()
    assert {"herten_integration_centre", "wetter_buergertreff"} <= set(choices)


def test_dewak_app_serves_the_page_with_solara_on_loopback(tmp_path):
    from simulator.cli.app_server import solara_command

    argv, env = solara_command("127.0.0.1", 8765, scenario_path("wetter_buergertreff"))
    assert argv[1:3] == ["run", str(ROOT / "simulator" / "app" / "page.py")]
    assert argv[argv.index("--host") + 1] == "127.0.0.1"
    assert {"--production", "--no-open", "--no-check-version"} <= set(argv)
    assert env["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] == "False"
    assert env[params.SCENARIO_ENV] == str(scenario_path("wetter_buergertreff").resolve())


def test_dewak_app_refuses_a_bad_scenario_before_starting(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\ntown: {population: -5}\n")
    done = subprocess.run(
        [str(Path(sys.executable).with_name("dewak")), "app", "--scenario", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and str(bad) in done.stderr


# --- the app in a browser ------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(port: int, log: Path) -> subprocess.Popen:
    dewak = Path(sys.executable).with_name("dewak")
    proc = subprocess.Popen(
        [str(dewak), "app", "--port", str(port)],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopping it stops the server too
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"dewak app exited: {log.read_text()[-2000:]}")
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).status == 200:
                return proc
        except OSError:
            time.sleep(0.5)
    stop(proc)
    raise RuntimeError(f"dewak app did not answer within 120 s: {log.read_text()[-2000:]}")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make browser)")
def test_app_in_browser_moves_a_slider_resets_steps_12_times_and_redraws(tmp_path):
    port = free_port()
    proc = start_app(port, tmp_path / "server.log")
    try:
        errors = drive(f"http://127.0.0.1:{port}/")
    finally:
        stop(proc)
    assert errors == [], errors
    print(f"screenshot: {SCREENSHOT}")


def drive(url: str) -> list[str]:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60_000)
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(url)
            plots_ = page.locator("img.widget-image")
            expect(plots_).to_have_count(4, timeout=90_000)
            no_leftovers(page)
            move_slider_and_reset(page, expect)
            step_and_check_redraw(page, plots_, expect)
            play_and_pause(page)
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOT), full_page=True)
        finally:
            browser.close()
    return errors


def move_slider_and_reset(page, expect) -> None:
    """Nudge the visit-chance slider with the keyboard; its label shows the new value; Reset uses it."""
    label = params.slider(SLIDER_PATH, 0.1).label
    box = page.locator(".v-input", has_text=label)
    before = box.inner_text()
    thumb = box.locator("[role=slider]")
    thumb.focus()
    for _ in range(5):
        thumb.press("ArrowRight")
    expect(box).not_to_have_text(before)
    assert re.search(rf"{re.escape(label)}: [\d.]+ a month", box.inner_text())
    page.get_by_role("button", name="Reset").click()
    expect(
        page.get_by_text(
            re.compile(rf"changed by the sliders: {re.escape(label)} = [\d.]+ a month")
        )
    ).to_be_visible()
    expect(page.get_by_text(re.compile(r"^(Step|Time): 0"))).to_be_visible()


def step_and_check_redraw(page, plots_, expect) -> None:
    """Twelve Steps move the counter to 12, a month each; every figure is redrawn."""
    before = [plots_.nth(i).get_attribute("src") for i in range(4)]
    for _ in range(12):
        page.get_by_role("button", name="Step").click()
    expect(page.get_by_text(re.compile(r"^(Step|Time): \d"))).to_have_text(
        re.compile(r": 12(\.0)?$"), timeout=90_000
    )
    expect(page.get_by_text(re.compile(r"-01 \(month 12 of"))).to_be_visible()
    for i in range(4):
        expect(plots_.nth(i)).not_to_have_attribute("src", before[i])


def play_and_pause(page) -> None:
    """At a year per tick (the default speed), ▶ moves in steps of 12 months; pause stops it."""
    page.get_by_role("button", name="▶").click()
    page.wait_for_function(
        "() => { const m = document.body.innerText.match(/(?:Step|Time): (\\d+)/);"
        " return m && +m[1] >= 36; }",
        timeout=90_000,
    )
    page.get_by_role("button", name="❚❚").click()
    steps = int(re.search(r"(?:Step|Time): (\d+)", page.inner_text("body")).group(1))
    assert steps % 12 == 0, steps


def no_leftovers(page) -> None:
    """None of Mesa's default controls a student does not need, and human labels only."""
    text = page.inner_text("body")
    for leftover in ("Use Threads", "PAGE 0", "Page 0", "Play Interval", "Render Interval"):
        assert leftover not in text, leftover
    assert "housing_company" not in text and "citizen_association" not in text
    assert "Financing instruments" in text and "Municipal grant" in text
