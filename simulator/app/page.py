"""The Solara page of ``dewak app`` (``solara run simulator/app/page.py`` serves ``Page``).

Built from Mesa's visualisation pieces (``ShowSteps``, ``update_counter``) and Solara, without
Mesa's ready-made ``SolaraViz`` layout: that one adds controls a student does not need here (a
"Use Threads" box, play and render intervals in milliseconds and steps, a "Page 0" tab) and
shows slider values only while dragging. Here every slider shows its value and unit, a speed
choice says how far ▶ moves per tick, and Step moves one month. Choosing another scenario
remounts the view, so the sliders start at that scenario's values; the other choices and the
sliders take effect on Reset.
"""

from __future__ import annotations

import time
from html import escape
from pathlib import Path

import solara
from mesa.visualization.solara_viz import ShowSteps
from mesa.visualization.utils import force_update, update_counter

from simulator.app import plots
from simulator.app.model import AppModel
from simulator.app.money_params import shown
from simulator.app.params import (
    changed,
    describe,
    initial_values,
    model_params,
    scenario_choices,
)
from simulator.report.names import NAMES

#: How far ▶ moves per tick: label -> months.
SPEEDS = {"a month per tick": 1, "a quarter per tick": 3, "a year per tick": 12}
DEFAULT_SPEED = "a year per tick"
TICK_SECONDS = 0.25  # pause between ticks while playing, so each redraw can be seen


def _figure(draw, changes=lambda model: model.steps):
    """A component showing one of ``plots``' figures, redrawn only when ``changes(model)`` does."""

    @solara.component
    def component(model):
        update_counter.get()  # re-render on step / play updates
        when = [model, changes(model)]
        figure = solara.use_memo(lambda: draw(model), when)
        return solara.FigureMatplotlib(figure, dependencies=when, format="png")

    component.__name__ = draw.__name__
    return component


def paragraphs(*lines: str):
    """Plain paragraphs of escaped text (solara.Markdown would fetch KaTeX from a CDN, offline here)."""
    html = "".join(f"<p>{escape(line)}</p>" for line in lines)
    return solara.HTML(tag="div", unsafe_innerHTML=html)


def human(value: str) -> str:
    """A value's display name (organisation models, overlays) as the report writes it."""
    key = str(value).removeprefix("org_")
    return NAMES[key][0] if key in NAMES else str(value)


@solara.component
def RunInfo(model):
    """What is running: scenario, overlays, changed sliders, the month and the facility's state."""
    update_counter.get()
    facility = model.facility
    state = (
        "open" if facility.open else f"closed in {facility.closure_year}: {facility.closure_reason}"
    )
    moved = changed(model.scenario_file, model.overrides)
    overlays = ", ".join(human(o) for o in model.overlays) or "none"
    return paragraphs(
        f"{model.spec.town.name}: organisation model {human(model.spec.organisation.model)}; "
        f"variants: {overlays}",
        f"{model.year}-{model.month:02d} (month {model.month_index} of {model.months}): "
        f"facility {state}, reserves {facility.reserves:,.0f} €",
        "changed by the sliders: "
        + ("; ".join(describe(model.scenario_file, p, v) for p, v in moved.items()) or "nothing"),
        *[f"⚠ {note}" for note in model.notes],
    )


FIGURES = [
    _figure(plots.timeline_figure),
    _figure(plots.district_figure),
    _figure(plots.cost_share_figure),
    _figure(plots.pyramid_figure, changes=lambda model: model.year_index),
]
# Slider labels are the schema's descriptions, often long: put each on its own line above its
# slider (Vuetify would squeeze the slider to nothing beside a long label).
CSS = """
.v-input__slider .v-input__slot { flex-wrap: wrap; }
.v-input__slider .v-input__slot > .v-label { flex: 1 0 100%; white-space: normal; margin-bottom: 4px; }
"""


@solara.component
def Page():
    """Scenario choice in the sidebar, then the view of that scenario."""
    solara.Style(CSS)
    choices = scenario_choices()
    name = solara.use_reactive(next(iter(choices)))
    with solara.Sidebar(), solara.Card("Scenario"):
        items = [{"text": human(key), "value": key} for key in choices]
        solara.v.Select(label="Scenario", v_model=name.value, items=items, on_v_model=name.set)
        paragraphs(
            "Another scenario restarts the app with its values. Choices and sliders take "
            "effect on Reset. Step moves one month; ▶ moves by the chosen speed."
        )
    ScenarioView(choices[name.value]).key(name.value)


@solara.component
def ScenarioView(scenario_file: Path):
    """Controls, inputs and figures for one scenario; remounted when the scenario changes."""
    params = solara.use_memo(lambda: model_params(scenario_file), [])
    values = solara.use_reactive(initial_values(params))
    model = solara.use_memo(lambda: solara.reactive(AppModel(**values.value)), [])
    playing = solara.use_reactive(False)
    speed = solara.use_reactive(DEFAULT_SPEED)
    solara.use_effect(force_update, [model.value])
    with solara.AppBar():
        solara.AppBarTitle(f"DeWaK simulator: {model.value.spec.town.name}")
    with solara.Sidebar(), solara.Column():
        with solara.Card("Controls"):
            Controls(model, values, playing, speed)
        with solara.Card("Information"):
            ShowSteps(model.value)
            RunInfo(model.value)
        with solara.Card("Choices"):
            Inputs(params, values, group=None)
        with solara.Card("Model parameters"):
            Inputs(params, values, group="")
        with solara.Card("Financing instruments"):
            Inputs(params, values, group="*")
    with solara.ColumnsResponsive(12, large=6):
        for component in FIGURES:
            component(model.value)


@solara.component
def Controls(model, values, playing, speed):
    """Reset, ▶/❚❚ and Step (one month), and the speed of ▶."""

    def play():
        while playing.value and model.value.running:
            time.sleep(TICK_SECONDS)
            for _ in range(SPEEDS[speed.value]):
                if not (playing.value and model.value.running):
                    break
                model.value.step()
            force_update()
        playing.value = False

    solara.lab.use_task(play, dependencies=[playing.value], prefer_threaded=True)

    def step():
        if model.value.running:
            model.value.step()
            force_update()

    def reset():
        playing.value = False
        model.value = AppModel(**values.value)

    with solara.Row(justify="space-between"):
        solara.Button(label="Reset", color="primary", on_click=reset)
        solara.Button(
            label="❚❚" if playing.value else "▶",
            color="primary",
            on_click=lambda: playing.set(not playing.value),
            disabled=not model.value.running,
        )
        solara.Button(label="Step", color="primary", on_click=step)
    solara.Select("Speed while playing", value=speed, values=list(SPEEDS))


@solara.component
def Inputs(params: dict, values, group: str | None):
    """The inputs of one kind: choices (group None), model sliders ("") or financing ("*")."""

    def set_value(key, value):
        values.set({**values.value, key: value})

    last_group = None
    for key, spec in params.items():
        if not isinstance(spec, dict):
            continue
        is_slider = spec["type"].startswith("Slider")
        if (group is None) == is_slider:
            continue
        if is_slider and (spec["group"] != "") == (group == ""):
            continue
        if is_slider and spec["group"] != last_group and group == "*":
            solara.Text(spec["group"], style={"font-weight": "bold", "margin-top": "8px"})
        last_group = spec.get("group")
        current = values.value.get(key, spec["value"])
        if spec["type"] == "Select":
            items = [{"text": human(v), "value": v} for v in spec["values"]]
            solara.v.Select(
                label=spec["label"],
                v_model=current,
                items=items,
                on_v_model=lambda v, k=key: set_value(k, v),
            )
        elif spec["type"] == "InputText":
            solara.InputText(
                spec["label"], value=current, on_value=lambda v, k=key: set_value(k, v)
            )
        else:
            Slider(key, spec, current, set_value)


def Slider(key: str, spec: dict, current, set_value):
    """A slider whose label shows its current value with the unit."""
    cls = solara.SliderInt if spec["type"] == "SliderInt" else solara.SliderFloat
    unit = spec.get("unit", "")
    label = f"{spec['label']}: {shown(current, unit)}"
    cls(
        label,
        value=current,
        min=spec["min"],
        max=spec["max"],
        step=spec["step"],
        on_value=lambda v: set_value(key, v),
    )
