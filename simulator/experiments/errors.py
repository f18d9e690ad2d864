"""The error of bad experiment input, and of batch runs that could not be carried out."""

from __future__ import annotations

from simulator.scenario.errors import ScenarioError


class ExperimentError(ScenarioError):
    """Invalid experiment file or batch option; ``str(err)`` is ``FILE: FIELD.PATH: message``."""


class InfrastructureError(RuntimeError):
    """Workers could not run anything (they died before a run started, or were unreachable).

    Runs hit by it are not recorded, so the store is never marked complete because of it; fix
    the cause and continue with ``--resume``.
    """


class StoreWriteError(InfrastructureError):
    """The store could not be written (a full disk, a read-only folder) while the batch ran.

    The runs stored before stay stored; the store is not marked complete, so ``--resume``
    continues once there is room (exit code 1).
    """

    def __init__(self, root, exc: OSError):
        reason = exc.strerror or str(exc).splitlines()[0] or type(exc).__name__
        super().__init__(
            f"{root}: cannot write the results ({reason}); the runs stored so far are kept: "
            "make room (or fix the folder), then continue with --resume"
        )
