"""A civic fund (endowment): its capital earns a return and pays out by a withdrawal rule."""

from __future__ import annotations

from simulator.accounting import Transfer
from simulator.financing.base import Instrument, MonthState, pay


class CivicFund(Instrument):
    """Citizens endow the fund in the first month; each month the capital earns a twelfth of its yearly return, then a twelfth of the withdrawal share of the capital is paid to the facility.

    Withdrawal rule: ``withdrawal_share_per_year`` of the capital, spread over the months; with
    ``preserve_capital`` (a foundation's duty to keep its capital, § 80 BGB) the payout is at
    most the month's return, so the capital never falls. The fund is its own ledger account
    (``civic_fund``); its payouts count as citizens' money in the cost shares.
    """

    key = "civic_fund"
    category = "citizens"

    def __init__(self, spec):
        super().__init__(spec)
        self.capital = 0.0
        self._endowed = False

    def transfers(self, state: MonthState, rng) -> list:
        """Endowment (first month), return on capital and the payout."""
        spec, out = self.spec, []
        if not self._endowed:
            self._endowed = True
            self.capital = spec.endowment_eur
            if spec.endowment_eur > 0:
                out.append(Transfer("citizens", "civic_fund", "endowment", spec.endowment_eur))
        earned = self.capital * spec.return_per_year / 12.0
        if earned > 0:
            out.append(Transfer("capital_market", "civic_fund", "return on capital", earned))
        elif earned < 0:
            out.append(Transfer("civic_fund", "capital_market", "loss on capital", -earned))
        self.capital += earned
        payout = self.capital * spec.withdrawal_share_per_year / 12.0
        if spec.preserve_capital:
            payout = min(payout, earned)
        payout = min(max(0.0, payout), self.capital)
        self.capital -= payout
        return out + pay("civic_fund", "civic fund payout", payout)
