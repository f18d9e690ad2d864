"""The vectorised citizen population and its synthesis from published marginals."""

from simulator.population.citizens import Citizens

__all__ = ["Citizens"]
