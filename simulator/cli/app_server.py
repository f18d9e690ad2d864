"""``dewak app``: the interactive app (Solara, Mesa's visualisation pieces), served by ``solara run`` on 127.0.0.1.

(Not named ``app.py``: that would shadow the Typer object ``simulator.cli.app``.)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from simulator.cli.common import load

SOLARA_ENV = {
    "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",  # no telemetry (toolchain.md gotcha 7)
    "SOLARA_CHECK_HOOKS": "off",  # no hook warning from Mesa 3.3 (gotcha 8)
}


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    if host.strip().lower() in ("localhost", "localhost.", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to any interface


def solara_command(host: str, port: int, scenario: Path | None) -> tuple[list[str], dict[str, str]]:
    """The ``solara run`` command line and environment that serve the app's page."""
    from importlib.util import find_spec

    from simulator.app.params import SCENARIO_ENV

    page = find_spec("simulator.app.page").origin
    solara = Path(sys.executable).with_name("solara")
    argv = [str(solara), "run", str(page), "--host", host, "--port", str(port)]
    argv += ["--production", "--no-open", "--no-check-version"]
    env = {**os.environ, **SOLARA_ENV}
    if scenario is not None:
        env[SCENARIO_ENV] = str(scenario.resolve())
    return argv, env


def app(
    host: Annotated[
        str, typer.Option(help="Address to serve on; only change it to share the app on purpose.")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option(help="Port to serve on (0: any free port).", min=0, max=65535)
    ] = 8765,
    scenario: Annotated[
        Path | None,
        typer.Option(
            help="Also offer this scenario file (first in the list) besides the shipped ones."
        ),
    ] = None,
) -> None:
    """Start the interactive app: choose scenario, organisation and overlays, move sliders, step and watch."""
    if scenario is not None:
        load(scenario, None, None)  # refuse a bad file now, with exit code 2
    argv, env = solara_command(host, port, scenario)
    if not is_loopback(host):
        typer.echo(
            f"warning: --host {host}: the app is reachable from the network, by anyone who can "
            "reach this machine (it has no login); use --host 127.0.0.1 to keep it local",
            err=True,
        )
    typer.echo(f"serving the DeWaK app on http://{host}:{port}/ (Ctrl+C stops it)")
    os.execve(argv[0], argv, env)  # the server replaces this process, so signals reach it
