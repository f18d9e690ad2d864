"""The interactive SolaraViz app (``dewak app``): pick a scenario, step the model, watch it.

Modules: ``params`` turns schema fields into sliders and lists the shipped scenarios and
overlays; ``model`` is the small wrapper model SolaraViz rebuilds on Reset; ``plots`` draws the
figures; ``page`` is the Solara page that ``solara run`` serves. Only ``page`` imports Solara.
"""
