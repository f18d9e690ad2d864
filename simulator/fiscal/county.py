"""The Kreis: its social spending per resident and its levy rate (MF §2).

The Kreisumlage finances the Kreis's net need, mostly social spending (care, SGB II housing
costs, the Landschaftsumlage). Its rate is observed for past years; afterwards it follows the
Kreis's social spending per resident, which grows with ageing: rate = last observed rate x
(1 - s + s x social spending per resident now / at the reference), s = social share of the need.
The Kreis's population structure is taken to be the town's (assumption: the town stands for its
Kreis), and its tax base per resident to stay as it is.
"""

from __future__ import annotations


def social_spending_per_capita(lines, counts) -> float:
    """The Kreis's social spending per resident (EUR), with the town's age structure."""
    total = sum(line.eur_per_person_year * counts.line(line) for line in lines)
    return total / counts.population if counts.population else 0.0


def levy_rate(reference_rate: float, social_share: float, social_ratio: float) -> float:
    """The levy rate when social spending per resident is ``social_ratio`` times its reference."""
    return reference_rate * (1.0 - social_share + social_share * social_ratio)
