"""The town's budget as pure rules: revenues, the GFG, the Kreisumlage, spending, the HSK plan.

- ``counts``: head counts per age band from the population's ``by_age`` array;
- ``revenue``: taxes, tax capacity and Schlüsselzuweisungen (GFG);
- ``county``: the Kreis's social spending and its levy rate;
- ``accounts``: one year's accounts from the scenario, the population and the measures in force;
- ``plan``: the consolidation plan (§ 76 GO NRW): what it needs, and which measures give it.

The municipality agent (simulator/agents/municipality.py) holds the state and calls these.
Equations and sources: docs/fiscal_model.md.
"""
