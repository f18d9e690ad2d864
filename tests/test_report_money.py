"""The report's money parts: exact cash and in-kind columns, the grant in the town's budget
(figure 4, issue #11 item 7) and the split of the years open into model and financing mix."""

from __future__ import annotations

from html import unescape

import numpy as np
import pandas as pd
import pytest

from simulator.report.data import MONEY_COLUMNS
from simulator.report.decomposition import variance_shares
from tests.test_report import figure, report, sweep_dir  # noqa: F401 - module fixtures
from tests.test_report_outputs import two_levers  # noqa: F401 - module fixture


def test_money_is_read_from_the_exact_cash_and_in_kind_columns(report):  # noqa: F811
    annual = report.sweep.annual
    for _payer, _kind, column in MONEY_COLUMNS:
        assert column in annual
    assert (annual["in_kind_volunteers_eur"] > 0).any()
    assert (annual["cash_volunteers_eur"] == 0).all()  # time is never cash


def test_figure_4_shows_the_grant_in_the_budget_not_hsk_years_per_model(report):  # noqa: F811
    fig4 = figure(report, "fig4_municipal_burden")
    assert "HSK" not in fig4.title and {"voluntary", "cut", "year"} <= set(fig4.data)
    data = fig4.data
    # the town's consolidation plan is the town's: it cuts the grant in the same years under
    # every organisation model (common random numbers, a grant too small to move the budget)
    spread = data.groupby(["town", "year"], dropna=False)["cut"].agg(lambda v: v.max() - v.min())
    assert spread.max() <= 0.5, spread.max()
    annual = report.sweep.annual
    cut_years = annual.loc[annual["municipal_facility_grant_cut_share"] > 0, "year"]
    assert (data.loc[data["year"].isin(cut_years), "cut"] > 0).any()
    html = report.path.read_text()
    glance = html[html.index('id="glance"') : html.index('id="summary"')]
    assert "consolidation plan cuts the facility's grant in" in unescape(glance)


def test_variance_shares_find_a_pure_model_effect_and_a_pure_mix_effect():
    rng = np.random.default_rng(0)
    models, mixes = np.repeat(["a", "b", "c"], 40), np.tile(np.repeat(["x", "y"], 20), 3)
    noise = rng.normal(0, 0.1, models.size)
    model_only = pd.DataFrame({"m": models, "x": mixes, "y": (models == "a") * 10.0 + noise})
    shares = variance_shares(model_only, "m", "x", "y")
    assert shares["model"] > 0.95 and shares["lever"] < 0.01 and shares["both"] < 0.01
    assert sum(shares.values()) == pytest.approx(1.0)
    mix_only = model_only.assign(y=(mixes == "x") * 10.0 + noise)
    shares = variance_shares(mix_only, "m", "x", "y")
    assert shares["lever"] > 0.95 and shares["model"] < 0.01


def test_a_sweep_with_a_second_lever_splits_model_and_lever(two_levers, report):  # noqa: F811
    html = two_levers.path.read_text()
    assert 'id="decomposition"' in html
    section = html[html.index('id="decomposition"') : html.index('id="figures"')]
    assert "the organisation model accounts for" in section or "nothing to split" in section
    assert section.count("<tr>") >= 3  # a row per model and the row of means
    assert 'id="decomposition"' not in report.path.read_text()  # one lever only: no split
