"""Read a calibration's posterior and draw parameter sets from it (posterior-predictive sweeps).

A draw is a particle chosen with probability equal to its weight; each carries the dotted
scenario paths its values go to (and the base scenarios they apply to), as recorded in the
calibration's ``summary.json``. The experiment engine reads posteriors for its ``posterior``
design, so the code lives there (:mod:`simulator.experiments.posterior`); this module names it
for calibration users.
"""

from __future__ import annotations

from simulator.experiments.posterior import Posterior, draw, load_posterior

__all__ = ["Posterior", "draw", "load_posterior"]
