"""Calibration and validation: sourced patterns, ABC-SMC with pyabc, pattern tables for sweeps.

* :mod:`~simulator.calibration.patterns` and :mod:`~simulator.calibration.statistics` — the
  pattern file and the statistic vocabulary;
* :mod:`~simulator.calibration.schema`, :mod:`~simulator.calibration.priors`,
  :mod:`~simulator.calibration.prepare` — calibration files, priors checked against the
  scenario schema, everything checked before a run;
* :mod:`~simulator.calibration.adapter` — the one module that turns parameter values into model
  runs (through the experiment engine's worker);
* :mod:`~simulator.calibration.smc`, :mod:`~simulator.calibration.run` — pyabc's ABC-SMC, run
  and resume; :mod:`~simulator.calibration.store`, :mod:`~simulator.calibration.outputs`,
  :mod:`~simulator.calibration.figures`, :mod:`~simulator.calibration.markdown` — the result
  folder; :mod:`~simulator.calibration.posterior` — read a posterior, draw parameter sets;
* :mod:`~simulator.calibration.fit`, :mod:`~simulator.calibration.table` — hit or miss, and the
  pattern table of a sweep (``dewak patterns``).

Nothing heavy is imported here: import the submodule you need.
"""
