"""The interactive app (``dewak app``, Solara with Mesa's visualisation pieces): pick a scenario, step the model, watch it.

Modules: ``params`` turns schema fields into sliders and lists the shipped scenarios and
overlays; ``money_params`` adds sliders for the scenario's financing instruments and writes
slider values with their units; ``model`` is the small wrapper model the app rebuilds on Reset;
``plots`` draws the figures (in the report's palette, ``simulator.palette``); ``page`` is the
Solara page that ``solara run`` serves. Only ``page`` imports Solara.
"""
