"""The shared palette stays distinguishable under simulated colour-vision deficiencies.

Simulation: Machado, Oliveira & Fernandes (2009) at full severity, as implemented by
colorspacious (``sRGB1+CVD``); distance: CAM02-UCS ΔE′ (Luo et al. 2006).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from simulator import palette

colorspacious = pytest.importorskip("colorspacious")
VISIONS = (None, "protanomaly", "deuteranomaly")


def rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])


def seen(colour: np.ndarray, vision: str | None) -> np.ndarray:
    if vision is None:
        return colour
    space = {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}
    return np.clip(colorspacious.cspace_convert(colour, space, "sRGB1"), 0, 1)


def smallest_distance(colours: dict[str, str], vision: str | None) -> tuple[float, str, str]:
    return min(
        (colorspacious.deltaE(seen(rgb(a), vision), seen(rgb(b), vision)), ka, kb)
        for (ka, a), (kb, b) in itertools.combinations(colours.items(), 2)
    )


@pytest.mark.parametrize("vision", VISIONS)
def test_payer_colours_stay_apart_under_protanopia_and_deuteranopia(vision):
    distance, a, b = smallest_distance(palette.PAYER_COLOURS, vision)
    assert distance >= palette.MIN_PAYER_DISTANCE, (vision, a, b, distance)


@pytest.mark.parametrize("vision", VISIONS)
def test_model_colours_stay_apart_under_protanopia_and_deuteranopia(vision):
    distance, a, b = smallest_distance(palette.MODEL_COLOURS, vision)
    assert distance >= palette.MIN_MODEL_DISTANCE, (vision, a, b, distance)


def test_the_old_payer_colours_fail_the_same_check():
    """seaborn's Set2, the report's old payer palette: the test can fail."""
    import seaborn as sns

    old = dict(zip(palette.PAYER_COLOURS, sns.color_palette("Set2", 6).as_hex(), strict=True))
    worst = min(smallest_distance(old, v)[0] for v in VISIONS)
    assert worst < palette.MIN_PAYER_DISTANCE


def test_report_and_app_use_the_shared_palette():
    from simulator.app import plots
    from simulator.report import plotting

    assert plots.COLOURS is palette.PAYER_COLOURS
    assert plotting.PAYER_COLOURS is palette.PAYER_COLOURS
    assert all(k in palette.MODEL_COLOURS for k in ("municipal", "cooperative"))
