"""The Solara page of ``dewak app`` (``solara run simulator/app/page.py`` serves ``Page``).

Mesa's SolaraViz draws the controls (Reset, ▶ play, Step), the model parameters from
``params.model_params`` and our figures. Choosing another scenario remounts it, so the sliders
start at that scenario's values; the other choices and the sliders take effect on Reset.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import solara
from mesa.visualization import SolaraViz
from mesa.visualization.utils import force_update, update_counter

from simulator.app import plots
from simulator.app.model import AppModel
from simulator.app.params import changed, initial_values, model_params, scenario_choices


def _figure(draw, changes=lambda model: model.steps):
    """A SolaraViz component showing one of ``plots``' figures, redrawn only when ``changes(model)`` does."""

    @solara.component
    def component(model):
        update_counter.get()  # re-render on Mesa's step / play updates
        when = [model, changes(model)]
        figure = solara.use_memo(lambda: draw(model), when)
        return solara.FigureMatplotlib(figure, dependencies=when, format="png")

    component.__name__ = draw.__name__
    return component


def paragraphs(*lines: str):
    """Plain paragraphs of escaped text (solara.Markdown would fetch KaTeX from a CDN, offline here)."""
    html = "".join(f"<p>{escape(line)}</p>" for line in lines)
    return solara.HTML(tag="div", unsafe_innerHTML=html)


def run_info(model):
    """What is running: scenario, overlays, changed sliders, the month and the facility's state."""
    facility = model.facility
    state = (
        "open" if facility.open else f"closed in {facility.closure_year}: {facility.closure_reason}"
    )
    moved = changed(model.scenario_file, model.overrides)
    return paragraphs(
        f"{model.spec.name}: organisation model {model.spec.organisation.model}, "
        f"overlays: {', '.join(model.overlays) or 'none'}",
        f"{model.year}-{model.month:02d} (month {model.month_index} of {model.months}): "
        f"facility {state}, reserves {facility.reserves:,.0f} EUR",
        "changed by the sliders: "
        + (", ".join(f"{p} = {v:g}" for p, v in moved.items()) if moved else "nothing"),
        *[f"⚠ {note}" for note in model.notes],
    )


# Slider labels are the schema's descriptions, often long: put each on its own line above its
# slider (Vuetify would squeeze the slider to nothing beside a long label).
CSS = """
.v-input__slider .v-input__slot { flex-wrap: wrap; }
.v-input__slider .v-input__slot > .v-label { flex: 1 0 100%; white-space: normal; margin-bottom: 4px; }
"""

COMPONENTS = [
    run_info,
    _figure(plots.timeline_figure),
    _figure(plots.district_figure),
    _figure(plots.cost_share_figure),
    _figure(plots.pyramid_figure, changes=lambda model: model.year_index),
]


@solara.component
def Page():
    """Scenario choice in the sidebar, then Mesa's SolaraViz for that scenario."""
    solara.Style(CSS)
    choices = scenario_choices()
    name = solara.use_reactive(next(iter(choices)))
    with solara.Sidebar(), solara.Card("Scenario"):
        solara.Select("Scenario", value=name, values=list(choices))
        paragraphs(
            "Another scenario restarts the app with its values. The choices and sliders under "
            "Model Parameters take effect on Reset. Render Interval 12 redraws once a year."
        )
    ScenarioView(choices[name.value]).key(name.value)


@solara.component
def ScenarioView(scenario_file: Path):
    """SolaraViz for one scenario; remounted (fresh sliders and model) when the scenario changes."""
    params = solara.use_memo(lambda: model_params(scenario_file), [])
    model = solara.use_memo(lambda: solara.reactive(AppModel(**initial_values(params))), [])
    solara.use_effect(force_update, [model.value])  # Mesa 3.3 redraws after Reset only on a step
    SolaraViz(
        model,
        components=COMPONENTS,
        model_params=params,
        name=f"DeWaK simulator: {scenario_file.stem}",
    )
